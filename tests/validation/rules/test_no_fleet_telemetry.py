"""no-fleet-telemetry: silent on good designs, exact (rule, nodes) on bad ones."""

from tests.validation.builder import drop_edges, findings, found, perception

RULE = "no-fleet-telemetry"


def test_fleet_logs_reaching_monitoring_are_silent():
    assert found(perception(), RULE) == []


def test_device_that_uploads_nothing_is_reported():
    doc = drop_edges(perception(), ("perception", "fleet_logs"))
    [finding] = findings(doc, RULE)
    assert (finding.nodes, finding.severity) == (["perception"], "error")
    assert finding.message == (
        "Perception computer runs a model on the device and sends no fleet logs or telemetry that reach "
        "monitoring: nobody sees how it behaves in the field"
    )
    # An on-device runtime is this rule's, not missing-monitoring's.
    assert found(doc, "missing-monitoring") == []
