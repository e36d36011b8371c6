"""orphan-component: silent on good designs, exact (rule, nodes) on bad ones."""

from tests.validation.builder import add_edge, add_node, findings, found, recs

RULE = "orphan-component"


def test_connected_design_with_a_note_is_silent():
    assert found(recs(), RULE) == []


def test_lone_component_is_reported():
    doc = add_node(recs(), "cache", "redis")
    [finding] = findings(doc, RULE)
    assert (finding.nodes, finding.message) == (["cache"], "Cache is not connected to anything")


def test_disconnected_island_is_reported_as_one_finding():
    doc = add_node(add_node(recs(), "x", "monitoring"), "y", "alerting")
    add_edge(doc, "x", "y", "telemetry")
    assert found(doc, RULE) == [(RULE, ["x", "y"])]
