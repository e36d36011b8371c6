"""no-serving-feature-logging: silent on good designs, exact (rule, nodes) on bad ones."""

from tests.validation.builder import add_edge, drop_edges, findings, found, recs

RULE = "no-serving-feature-logging"


def test_logged_served_features_are_silent():
    assert found(recs(), RULE) == []


def test_without_logs_features_every_trained_serving_component_is_reported():
    doc = add_edge(drop_edges(recs(), ("app", "kafka")), "app", "kafka", "telemetry")
    assert found(doc, RULE) == [(RULE, ["ranker"]), (RULE, ["retrieval"])]


def test_logging_by_a_component_every_request_passes_covers_what_it_calls():
    doc = drop_edges(recs(), ("app", "kafka"))
    add_edge(doc, "ab", "kafka", "telemetry", logs_features=True)
    assert found(doc, RULE) == []


def test_an_index_is_asked_for_its_queries_retrieved_ids_and_scores():
    doc = add_edge(drop_edges(recs(), ("app", "kafka")), "app", "kafka", "telemetry")
    assert [f.message for f in findings(doc, RULE)] == [
        "The features Ranker is served are never logged into its training data",
        "The queries, retrieved ids and scores of ANN retrieval are never logged into its training data",
    ]
