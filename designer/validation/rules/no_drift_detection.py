"""no-drift-detection: no drift detector sees a serving component's inputs or outputs."""

from ..findings import Finding
from ..graph import RETRIEVAL_ROLES, reached_set
from ..sources import AWS_ML_LENS, DMLS, GOOGLE_MLOPS, ML_TEST_SCORE

id = "no-drift-detection"
severity = "warning"
step = "monitoring"
goal = "Drift detector sees serving data"
summary = "No drift_detector (or monitoring with drift_detection) receives a serving component's inputs or outputs, from it or from a caller that sees them."
docs = {
    "what": (
        "For every serving component (models, retrieval indexes, candidate generators) it expects the "
        "component, one of its callers, or a component every request to it passes through (they send "
        "its inputs and receive its outputs) to reach, along telemetry and data edges, a "
        "drift_detector or a component whose drift_detection prop is true. For an index the inputs "
        "are its queries and the outputs the candidates it returns."
    ),
    "why": (
        "Models fail when the world moves away from the training data: covariate shift, label shift, "
        "concept drift (Huyen, ch. 8). The ML Test Score checks data invariants on serving inputs "
        "(Monitor 2); the AWS ML Lens asks to monitor data drift and retrain; Google's MLOps guide "
        "triggers retraining on significant changes in the data distribution. Operational monitoring "
        "(latency, errors) does not see any of this."
    ),
    "sources": [DMLS, ML_TEST_SCORE, AWS_ML_LENS, GOOGLE_MLOPS],
    "example": "Ranker sends telemetry to Monitoring whose drift_detection is false, and there is no drift detector.",
    "fix": (
        "Send the served features and predictions (telemetry) to a drift detector that compares them "
        "with the training distribution and alerts or triggers retraining."
    ),
}


def check(graph) -> list[Finding]:
    detectors = set(graph.with_role("drift_detector")) | set(graph.with_prop("drift_detection"))
    seen = reached_set(graph.log.reverse(copy=False), detectors)
    findings = []
    for node in graph.serving:
        if node in seen or any(caller in seen for caller in graph.covering_callers(node)):
            continue
        label = graph.label(node)
        retrieval = graph.role(node) in RETRIEVAL_ROLES
        what = (
            f"the queries {label} receives or the candidates it returns"
            if retrieval
            else f"what {label} is served or predicts"
        )
        if detectors:
            message = f"No drift detector sees {what}"
        elif retrieval:
            message = f"The design has no drift detection, so shifts in the queries {label} receives go unnoticed"
        else:
            message = f"The design has no drift detection, so shifts in what {label} is served go unnoticed"
        findings.append(
            Finding(
                rule=id,
                severity=severity,
                message=message,
                fix=(
                    f"Send {label}'s queries and returned candidates (telemetry) to a drift detector that compares "
                    "them with the index's corpus and past traffic."
                    if retrieval
                    else f"Send {label}'s inputs and predictions (telemetry) to a drift detector that "
                    "compares them with the training distribution."
                ),
                nodes=[node],
            )
        )
    return findings
