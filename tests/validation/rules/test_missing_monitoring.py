"""missing-monitoring: silent on good designs, exact (rule, nodes) on bad ones."""

from tests.validation.builder import add_edge, chat, design, drop_edges, findings, found, recs

RULE = "missing-monitoring"


def test_realistic_design_is_monitored():
    assert found(recs(), RULE) == []


def test_model_server_without_telemetry_is_named():
    doc = drop_edges(recs(), ("ranker", "monitoring"), ("ranker", "drift"))
    [finding] = findings(doc, RULE)
    assert (finding.rule, finding.nodes, finding.severity) == (RULE, ["ranker"], "error")
    assert finding.message == (
        "Ranker (model server) sends no telemetry or data that reaches a monitoring or drift-detection component"
    )


def test_telemetry_through_an_event_stream_counts():
    doc = drop_edges(recs(), ("ranker", "monitoring"), ("ranker", "drift"))
    add_edge(doc, "ranker", "kafka", "telemetry")
    assert found(doc, RULE) == []


def test_every_serving_role_without_monitoring_is_reported():
    doc = design(
        [("client", "client"), ("app", "app_service"), ("ranker", "model_server"), ("retrieval", "ann_index")],
        [("client", "app", "request"), ("app", "ranker", "request"), ("app", "retrieval", "request")],
    )
    assert found(doc, RULE) == [(RULE, ["ranker"]), (RULE, ["retrieval"])]


def test_a_hosted_llm_is_monitored_through_the_service_that_calls_it():
    assert found(chat(), RULE) == []


def test_a_hosted_llm_whose_caller_reports_nothing_is_reported():
    doc = drop_edges(chat(), ("chat", "monitoring"), ("chat", "drift"), ("chat", "scrubber"))
    assert found(doc, RULE) == [(RULE, ["backup"]), (RULE, ["model"])]
