"""no-model-registry: a model reaches serving without passing a model registry."""

from ..findings import Finding
from ..sources import AWS_ML_LENS, GOOGLE_MLOPS, ML_TEST_SCORE

id = "no-model-registry"
severity = "warning"
step = "serving"
goal = "Models released through a registry"
summary = "A serving component receives models along a deploy path that bypasses model_registry."
docs = {
    "what": (
        "It removes every model_registry component and checks whether a serving component "
        "(model_server or candidate_retrieval) can still be reached from a trainer along deploy edges "
        "(and data edges between trainers)."
    ),
    "why": (
        "Without a registry there is no versioned, traceable copy of what is serving, and nothing to "
        "roll back to. Google's MLOps guide lists a model registry among the components of an "
        "automated pipeline and keeps a pointer to the previous model for rollback; the AWS ML Lens "
        "asks that everything needed to rebuild an endpoint is versioned; the ML Test Score (Infra 7) "
        "asks that serving models can be rolled back."
    ),
    "sources": [GOOGLE_MLOPS, AWS_ML_LENS, ML_TEST_SCORE],
    "example": "Trainer → Evaluation → Ranker with deploy edges: the evaluated model is copied straight into serving.",
    "fix": "Push evaluated models to a model registry and deploy from there, keeping the previous version for rollback.",
}


def check(graph) -> list[Finding]:
    findings = []
    for node, path in graph.ungated_deploys("model_registry"):
        findings.append(
            Finding(
                rule=id,
                severity=severity,
                message=f"{graph.label(node)} receives models via {graph.names(path)} without a model registry",
                fix=(
                    f"Route the deploy path into {graph.label(node)} through a model registry that keeps "
                    "versions for rollback."
                ),
                nodes=[node],
                edges=graph.edge_ids(path, kinds=("deploy", "data")),
                path=path,
            )
        )
    return findings
