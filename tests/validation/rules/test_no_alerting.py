"""no-alerting: silent on good designs, exact (rule, nodes) on bad ones."""

from tests.validation.builder import add_edge, drop_edges, drop_nodes, found, recs

RULE = "no-alerting"


def test_monitors_wired_to_alerting_are_silent():
    assert found(recs(), RULE) == []


def test_monitor_that_alerts_nobody_is_reported():
    doc = drop_edges(recs(), ("drift", "alerting"))
    assert found(doc, RULE) == [(RULE, ["drift"])]


def test_design_without_alerting_reports_every_monitor():
    doc = drop_nodes(recs(), "alerting")
    assert found(doc, RULE) == [(RULE, ["drift"]), (RULE, ["monitoring"])]


def test_a_control_edge_to_alerting_raises_alerts():
    doc = add_edge(drop_edges(recs(), ("drift", "alerting")), "drift", "alerting", "control")
    assert found(doc, RULE) == []
