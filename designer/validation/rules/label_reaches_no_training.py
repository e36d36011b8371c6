"""label-reaches-no-training: a signal named as a label never reaches a training job."""

from ..findings import Finding
from ..graph import CONTROL_ROLES, TRAINING_ROLES, pair_view, reached_set
from ..sources import DMLS, MLSD_INTERVIEW

id = "label-reaches-no-training"
severity = "error"
step = "data"
goal = "Every label signal reaches training"
summary = "A signal marked is_label is collected at a component with no data or telemetry path into a trainer, or the design trains nothing."
docs = {
    "what": (
        "For every signal in the design's Signals list marked as a label: when it names its source "
        "(where it is collected), that component must be a trainer or have a data or telemetry path "
        "into one that passes no monitor, alerting or orchestrator; when the design draws no training pipeline at all, every label is reported. A "
        "label without a source, in a design that trains, is not checked."
    ),
    "why": (
        "A label that never reaches training labels nothing. Aminian & Xu ask which signals become "
        "labels (clicks, watch time, likes) and how the training data is built from them; natural "
        "labels arrive through a feedback loop that must be drawn (Huyen)."
    ),
    "sources": [MLSD_INTERVIEW, DMLS],
    "example": "watch time is a label collected at Event logs, which feeds only Monitoring.",
    "fix": "Connect the signal's source to the data training reads (event stream → lake → training), or draw the training pipeline.",
}


def check(graph) -> list[Finding]:
    labels = [signal for signal in graph.signals if signal.get("is_label")]
    if not labels:
        return []
    trainers = graph.with_role(TRAINING_ROLES)
    # Monitors, alerting and orchestrators pass on alerts and triggers, not the data itself.
    control = set(graph.with_role(CONTROL_ROLES))
    flows = pair_view(graph.G, [(u, v) for u, v in graph.log.edges if u not in control and v not in control])
    reaches = reached_set(flows.reverse(copy=False), trainers)
    findings = []
    for signal in labels:
        source = signal.get("source")
        if not trainers:
            message = f"{signal['name']} is a label but the design trains no model"
            nodes = [source] if source in graph.components else []
        elif source in graph.components and source not in reaches and source not in trainers:
            message = f"{signal['name']} is a label collected at {graph.label(source)}, which has no path into training"
            nodes = [source]
        else:
            continue
        findings.append(
            Finding(
                rule=id,
                severity=severity,
                message=message,
                fix=f"Connect where {signal['name']} is collected to the data training reads (data or telemetry edges).",
                nodes=nodes,
                signals=[signal["id"]],
            )
        )
    return findings
