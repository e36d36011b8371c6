"""missing-monitoring: a serving component whose telemetry reaches no monitoring or drift detector."""

from ..findings import Finding
from ..graph import MONITOR_ROLES, reached_set
from ..sources import AWS_ML_LENS, GOOGLE_MLOPS, HIDDEN_DEBT, ML_TEST_SCORE

id = "missing-monitoring"
severity = "error"
step = "monitoring"
goal = "Every serving component is monitored"
summary = "A model server or retrieval index sends nothing that reaches a monitoring or drift-detection component."
docs = {
    "what": (
        "For every serving component (models, retrieval indexes, candidate generators, embedding "
        "models, LLMs) it follows telemetry and data edges forward and expects to reach a "
        "monitoring or drift_detector component. A hosted LLM API is a vendor's: it cannot send "
        "telemetry to your monitoring, so the service that calls it (or a component every request "
        "to it passes through) must, with the call's latency, errors and tokens. On-device runtimes "
        "are no-fleet-telemetry's."
    ),
    "why": (
        "A model that serves predictions on demand degrades silently: inputs drift, a feature "
        "pipeline breaks, latency creeps up. The ML Test Score says monitoring is always needed for "
        "models that serve on demand, and Google's MLOps guide names the lack of prediction logging "
        "and active performance monitoring as the main weakness of a manual (level 0) process."
    ),
    "sources": [ML_TEST_SCORE, GOOGLE_MLOPS, AWS_ML_LENS, HIDDEN_DEBT],
    "example": (
        "Client → Gateway → App → Ranker (model server) with no telemetry edge leaving Ranker: "
        "nobody would notice Ranker returning garbage or timing out."
    ),
    "fix": (
        "Add a telemetry edge from the serving component to a monitoring component (latency, errors, "
        "throughput, prediction and feature distributions, model version)."
    ),
}


def check(graph) -> list[Finding]:
    watched = reached_set(graph.log.reverse(copy=False), graph.with_role(MONITOR_ROLES))
    for node in graph.with_role("hosted_llm_api"):
        if not watched.isdisjoint(graph.covering_callers(node)):
            watched.add(node)
    return [
        Finding(
            rule=id,
            severity=severity,
            message=(
                f"{graph.label(node)} ({graph.role_name(graph.role(node))}) sends no telemetry or data "
                "that reaches a monitoring or drift-detection component"
            ),
            fix=(
                f"Add a telemetry edge from {graph.label(node)} to a monitoring component carrying its "
                "latency, errors and prediction distribution."
            ),
            nodes=[node],
        )
        for node in graph.serving
        if node not in watched and graph.role(node) != "edge_device"
    ]
