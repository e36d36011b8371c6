"""encoder-index-mismatch: a query encoder and the index it queries come from different trained models."""

from ..findings import Finding
from ..graph import reached_set
from ..sources import MLSD_INTERVIEW, YOUTUBE_DNN

id = "encoder-index-mismatch"
severity = "warning"
step = "serving"
goal = "Query encoder and index share a model version"
summary = "An embedding model encodes queries for an index whose embeddings come from a different trainer's model."
docs = {
    "what": (
        "For every embedding_model on the request path, the retrieval indexes it feeds are the ones "
        "its callers reach along request edges (directly or through a retrieval fan-out), and the "
        "ones it calls itself. When trainers deliver models to both the "
        "encoder and the index (deploy edges, for the index usually through an embedding indexer) "
        "and no trainer delivers to both, the query vectors and the item vectors come from "
        "different models. Encoders and indexes without a trainer upstream (off-the-shelf models, "
        "keyword indexes) are not checked, nor are pairs fed from a shared registry by the same "
        "trainers."
    ),
    "why": (
        "Two-tower retrieval scores a query against items by a dot product in one embedding space "
        "(YouTube's candidate generation); vectors from two different models, or two versions of one, "
        "live in different spaces and the nearest neighbours are noise. The retrieval designs of "
        "Aminian & Xu re-embed the corpus and rebuild the index whenever the model changes."
    ),
    "sources": [YOUTUBE_DNN, MLSD_INTERVIEW],
    "example": (
        "Query tower trained by Trainer A (deploy: A → Registry → Query tower) while the ANN index is "
        "built from Trainer B's item tower (B → Indexer → ANN index)."
    ),
    "fix": (
        "Train both towers together and deploy them from one trainer through one registry; rebuild "
        "the index with the new item embeddings whenever the query encoder changes."
    ),
}


def check(graph) -> list[Finding]:
    request = graph.request
    online = graph.online
    findings = []
    for encoder in graph.with_role("embedding_model"):
        if encoder not in online or not (encoder_trainers := graph.trainers_of(encoder)):
            continue
        queried = reached_set(request, [encoder, *request.predecessors(encoder)])
        for index in graph.with_role("candidate_retrieval"):
            if index not in queried or not (index_trainers := graph.trainers_of(index)):
                continue
            if set(encoder_trainers) & set(index_trainers):
                continue
            encoder_names = " and ".join(graph.label(t) for t in encoder_trainers)
            index_names = " and ".join(graph.label(t) for t in index_trainers)
            findings.append(
                Finding(
                    rule=id,
                    severity=severity,
                    message=(
                        f"{graph.label(encoder)} encodes queries with a model from {encoder_names}, but "
                        f"{graph.label(index)} holds embeddings from {index_names}: query and item vectors "
                        "come from different models"
                    ),
                    fix=(
                        f"Deliver {graph.label(encoder)} and the embeddings {graph.label(index)} is built from "
                        "from one trainer and one model version, and rebuild the index whenever the encoder changes."
                    ),
                    nodes=[encoder, index],
                )
            )
    return findings
