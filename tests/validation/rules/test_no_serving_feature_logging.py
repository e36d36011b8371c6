"""no-serving-feature-logging: silent on good designs, exact (rule, nodes) on bad ones."""

from tests.validation.builder import add_edge, drop_edges, found, recs

RULE = "no-serving-feature-logging"


def test_logged_served_features_are_silent():
    assert found(recs(), RULE) == []


def test_without_logs_features_every_trained_serving_component_is_reported():
    doc = add_edge(drop_edges(recs(), ("app", "kafka")), "app", "kafka", "telemetry")
    assert found(doc, RULE) == [(RULE, ["ranker"]), (RULE, ["retrieval"])]
