"""single-point-of-failure: silent on good designs, exact (rule, nodes) on bad ones."""

from tests.validation.builder import design, findings, found, recs, set_props

RULE = "single-point-of-failure"


def test_replicated_request_path_is_silent():
    assert found(recs(), RULE) == []


def test_single_replica_gateway_is_reported_with_its_dominator_chain():
    [finding] = findings(set_props(recs(), "gateway", replicas=1), RULE)
    assert (finding.nodes, finding.path) == (["gateway"], ["client", "gateway"])
    assert finding.message == "Every request to ANN retrieval passes through Gateway, which runs a single replica"


def test_single_replica_model_server_is_its_own_single_point():
    [finding] = findings(set_props(recs(), "ranker", replicas=1), RULE)
    assert (finding.nodes, finding.path) == (["ranker"], ["client", "gateway", "ab", "app", "ranker"])


def test_component_with_a_way_around_it_is_not_a_single_point():
    doc = design(
        [
            ("client", "client"),
            ("gw1", "api_gateway", {"replicas": 1}),
            ("gw2", "api_gateway", {"replicas": 1}),
            ("app", "app_service", {"replicas": 1}),
            ("ranker", "model_server"),
        ],
        [
            ("client", "gw1", "request"),
            ("client", "gw2", "request"),
            ("gw1", "app", "request"),
            ("gw2", "app", "request"),
            ("app", "ranker", "request"),
        ],
    )
    assert found(doc, RULE) == [(RULE, ["app"])]
