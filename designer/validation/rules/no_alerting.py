"""no-alerting: a monitoring or drift-detection component that alerts nobody."""

from ..findings import Finding
from ..graph import MONITOR_ROLES, reached_set
from ..sources import AWS_ML_LENS, HIDDEN_DEBT, RULES_OF_ML

id = "no-alerting"
severity = "warning"
step = "monitoring"
goal = "Monitors raise alerts"
summary = "A monitoring or drift-detection component has no telemetry, data or control path to an alerting component."
docs = {
    "what": (
        "Every monitoring and drift_detector component (and any component with drift_detection "
        "true) must reach an alerting component along telemetry or data edges, or reach a "
        "component with a control edge into alerting (or have one itself)."
    ),
    "why": (
        "A dashboard nobody watches catches nothing. Rules of ML asks for good alerting hygiene "
        "(actionable alerts, a dashboard page); Hidden Technical Debt says hitting an action limit "
        "should fire automated alerts and trigger investigation; the AWS ML Lens asks to alert and act "
        "when model performance drifts."
    ),
    "sources": [RULES_OF_ML, HIDDEN_DEBT, AWS_ML_LENS],
    "example": "Ranker → Monitoring (telemetry), and Monitoring connects to nothing.",
    "fix": "Connect the monitoring component to alerting (on-call paging, automatic rollback or a retraining trigger).",
}


def check(graph) -> list[Finding]:
    watchers = graph.with_role(MONITOR_ROLES)
    watchers += [n for n in graph.with_prop("drift_detection") if n not in set(watchers)]
    alerting = graph.with_role("alerting")
    # An alert is raised along telemetry or data into alerting, or by a control edge into it.
    raisers = {n for a in alerting for n in graph.control.predecessors(a)}
    alerted = reached_set(graph.log.reverse(copy=False), [*alerting, *raisers])
    return [
        Finding(
            rule=id,
            severity=severity,
            message=f"{graph.label(node)} raises no alerts: nothing connects it to an alerting component",
            fix=f"Add a telemetry edge from {graph.label(node)} to alerting, with thresholds someone is paged for.",
            nodes=[node],
        )
        for node in sorted(watchers, key=graph.order.__getitem__)
        if node not in alerted
    ]
