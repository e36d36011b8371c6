"""no-offline-evaluation: a model can reach serving without passing an evaluation gate."""

from ..findings import Finding
from ..sources import GOOGLE_MLOPS, ML_TEST_SCORE, RULES_OF_ML

id = "no-offline-evaluation"
severity = "error"
step = "evaluation"
goal = "Every deploy path passes evaluation"
summary = "A deploy path from training to a serving component bypasses model_evaluation."
docs = {
    "what": (
        "It removes every model_evaluation component and checks whether a serving component "
        "(model_server or candidate_retrieval) can still be reached from a trainer along deploy edges "
        "(and data edges between trainers). If so, a freshly trained model can reach traffic untested."
    ),
    "why": (
        "The ML Test Score (Infra 4) asks that model quality is validated before serving; Rules of ML "
        "#9 says to sanity-check a model right before exporting it; Google's MLOps guide compares the "
        "new model with the one in production, including on data segments, before promotion."
    ),
    "sources": [ML_TEST_SCORE, RULES_OF_ML, GOOGLE_MLOPS],
    "example": "Trainer → Registry → Ranker with deploy edges and no evaluation step.",
    "fix": (
        "Put a model evaluation component on every deploy path: it compares the new model with a "
        "baseline and the production model on held-out data and stops the release when it is worse."
    ),
}


def check(graph) -> list[Finding]:
    findings = []
    for node, path in graph.ungated_deploys("model_evaluation"):
        findings.append(
            Finding(
                rule=id,
                severity=severity,
                message=f"A model can travel {graph.names(path)} without an offline evaluation",
                fix=(
                    f"Insert a model evaluation step between {graph.label(path[0])} and {graph.label(node)} that "
                    "compares the new model with the production one on held-out data."
                ),
                nodes=[node],
                edges=graph.edge_ids(path, kinds=("deploy", "data")),
                path=path,
            )
        )
    return findings
