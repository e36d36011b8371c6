"""no-drift-detection: silent on good designs, exact (rule, nodes) on bad ones."""

from tests.validation.builder import add_edge, design, drop_edges, drop_nodes, findings, found, recs, set_props

RULE = "no-drift-detection"


def test_serving_inputs_reach_the_drift_detector():
    assert found(recs(), RULE) == []


def test_design_without_any_drift_detection_reports_each_serving_component():
    doc = drop_nodes(recs(), "drift")
    assert found(doc, RULE) == [(RULE, ["ranker"]), (RULE, ["retrieval"])]
    assert (
        findings(doc, RULE)[0].message
        == "The design has no drift detection, so shifts in what Ranker is served go unnoticed"
    )


def test_monitoring_with_drift_detection_counts():
    doc = set_props(drop_nodes(recs(), "drift"), "monitoring", drift_detection=True)
    assert found(doc, RULE) == []


def test_drift_detector_that_never_sees_serving_traffic():
    doc = design(
        [("app", "app_service"), ("ranker", "model_server"), ("drift", "drift_detector"), ("lake", "data_lake")],
        [("app", "ranker", "request"), ("lake", "drift", "data")],
    )
    [finding] = findings(doc, RULE)
    assert (finding.nodes, finding.message) == (["ranker"], "No drift detector sees what Ranker is served or predicts")


def test_index_behind_a_caller_that_every_request_passes_and_that_reaches_a_detector_is_covered():
    doc = drop_edges(recs(), ("retrieval", "drift"), ("ranker", "drift"))
    add_edge(doc, "app", "drift", "telemetry")
    assert found(doc, RULE) == []


def test_index_is_described_by_its_queries_and_candidates():
    doc = design(
        [("app", "app_service"), ("index", "ann_index"), ("drift", "drift_detector"), ("lake", "data_lake")],
        [("app", "index", "request"), ("lake", "drift", "data")],
    )
    [finding] = findings(doc, RULE)
    assert (finding.nodes, finding.message) == (
        ["index"],
        "No drift detector sees the queries Index receives or the candidates it returns",
    )
