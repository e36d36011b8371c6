"""missing-candidate-generation: a ranking model asked to score a large corpus with no retrieval stage."""

from ..findings import Finding
from ..graph import RETRIEVAL_ROLES, num
from ..sources import MLSD_INTERVIEW, YOUTUBE_DNN

id = "missing-candidate-generation"
severity = "error"
step = "frame"
goal = "Retrieval before ranking a large corpus"
summary = "A ranking task over a large corpus serves a model with no candidate retrieval or candidate generation stage on the request path (warning when the corpus size is not set)."
docs = {
    "what": (
        "When problem.task is ranking and a model_server is on the request path but no "
        "candidate_retrieval component (an ANN, inverted or prefix index) and no "
        "candidate_generation component (a graph walk such as friends of friends, heuristics, "
        "popularity lists) is, the model would have to score the whole corpus per "
        "request. An error when problem.corpus_size is at least 100,000 items, a warning when the "
        "corpus size is not set, nothing for a smaller corpus."
    ),
    "why": (
        "YouTube's recommender splits the work in two: candidate generation narrows millions of "
        "videos to hundreds, so the ranker can afford rich features on a few hundred. Aminian & Xu "
        "use the same two-stage pattern (ANN over embeddings, then a ranker) across their "
        "recommendation chapters."
    ),
    "sources": [YOUTUBE_DNN, MLSD_INTERVIEW],
    "example": "Ranking over 10⁹ videos: App → Ranker, with no retrieval index.",
    "fix": "Add candidate generation before the ranker: a two-tower model with an ANN index, an inverted index, a prefix trie, or an index-free candidate generator (graph walk, popularity).",
}

LARGE = 100_000


def check(graph) -> list[Finding]:
    if graph.problem.get("task") != "ranking":
        return []
    online = graph.online
    if any(n in online for n in graph.with_role(RETRIEVAL_ROLES)):
        return []
    models = [n for n in graph.with_role("model_server") if n in online]
    corpus = graph.problem.get("corpus_size")
    if not models or (corpus is not None and corpus < LARGE):
        return []
    names = ", ".join(graph.label(n) for n in models)
    if corpus is None:
        level, message = (
            "warning",
            f"Ranking with no retrieval stage: {names} would score every item of a corpus of unknown size",
        )
    else:
        level, message = (
            "error",
            f"Ranking over {num(corpus)} items with no retrieval stage: {names} would score every item per request",
        )
    return [
        Finding(
            rule=id,
            severity=level,
            message=message,
            fix="Add a candidate retrieval stage (ANN index over embeddings, inverted index) that narrows the corpus to a few hundred items before ranking.",
            nodes=models,
        )
    ]
