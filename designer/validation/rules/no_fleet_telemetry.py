"""no-fleet-telemetry: a device runs a model and nothing it logs comes back to monitoring."""

from ..findings import Finding
from ..graph import MONITOR_ROLES, reached_set
from ..sources import GOOGLE_MLOPS, ML_TEST_SCORE

id = "no-fleet-telemetry"
severity = "error"
step = "monitoring"
goal = "Devices send fleet telemetry back"
summary = "An edge device runs a model but sends no telemetry or fleet logs that reach a monitoring or drift-detection component."
docs = {
    "what": (
        "For every edge_device it follows telemetry and data edges forward (fleet log uploads, event "
        "streams, the lake they land in) and expects to reach a monitoring or drift_detector "
        "component."
    ),
    "why": (
        "A model on a vehicle or a phone fails where nobody is watching: new roads, weather, camera "
        "wear. The ML Test Score asks that serving models are monitored and their prediction "
        "quality checked on served data (Monitor 7); Google's MLOps guide names the lack of "
        "prediction logging as the weakness of a manual process. On a fleet, the uploaded logs "
        "(model version, latency, disagreements, interventions) are the only way to see it, and "
        "the data engine's next training set comes from them."
    ),
    "sources": [ML_TEST_SCORE, GOOGLE_MLOPS],
    "example": "Sensor → Vehicle computer → Planner, and Vehicle computer uploads nothing.",
    "fix": (
        "Upload fleet logs from the device (telemetry: model version, latency, errors, "
        "disagreements and interventions) into an event stream or lake that monitoring reads."
    ),
}


def check(graph) -> list[Finding]:
    watched = reached_set(graph.log.reverse(copy=False), graph.with_role(MONITOR_ROLES))
    return [
        Finding(
            rule=id,
            severity=severity,
            message=(
                f"{graph.label(node)} runs a model on the device and sends no fleet logs or telemetry that "
                "reach monitoring: nobody sees how it behaves in the field"
            ),
            fix=(
                f"Upload fleet logs from {graph.label(node)} (telemetry: model version, latency, errors, "
                "interventions) into an event stream or lake that monitoring reads."
            ),
            nodes=[node],
        )
        for node in graph.with_role("edge_device")
        if node not in watched
    ]
