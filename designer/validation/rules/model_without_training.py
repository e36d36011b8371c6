"""model-without-training: a model server that no training pipeline delivers a model to."""

from ..findings import Finding
from ..sources import GOOGLE_MLOPS, MLSD_INTERVIEW

id = "model-without-training"
severity = "error"
step = "model"
goal = "Every served model is trained"
summary = "A model server or an on-device model runtime has no deploy path from any training pipeline."
docs = {
    "what": (
        "For every model_server and edge_device it looks for a path from a training_pipeline or "
        "distributed_training component along deploy edges (and data edges from one trainer to "
        "another). Retrieval indexes are not required to have one: a keyword index has no trained "
        "model; whether they are filled at all is online-store-not-materialized's job. Neither are "
        "LLMs and embedding models, which are often used as released by their makers (a hosted "
        "LLM API never is trained by you)."
    ),
    "why": (
        "A model that appears from nowhere cannot be retrained, reproduced or rolled forward: the "
        "design has no answer to 'how does a new model reach production?'. Every interview framework "
        "has a model development and a deployment step (Aminian & Xu, steps 4 and 6), and Google's "
        "MLOps guide is about automating exactly this path."
    ),
    "sources": [GOOGLE_MLOPS, MLSD_INTERVIEW],
    "example": "Ranker (model server) is called by App, but nothing is connected to it by a deploy edge.",
    "fix": "Draw the release path with deploy edges: training pipeline → model evaluation → model registry → the model server.",
}


def check(graph) -> list[Finding]:
    trained = graph.trained
    return [
        Finding(
            rule=id,
            severity=severity,
            message=f"{graph.label(node)} serves a model, but no deploy path brings it one from a training pipeline",
            fix=(
                f"Connect a training pipeline to {graph.label(node)} with deploy edges through model "
                "evaluation and a model registry."
            ),
            nodes=[node],
        )
        for node in graph.with_role(("model_server", "edge_device"))
        if node not in trained
    ]
