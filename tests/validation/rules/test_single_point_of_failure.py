"""single-point-of-failure: silent on good designs, exact (rule, nodes) on bad ones."""

from tests.validation.builder import (
    add_edge,
    add_node,
    design,
    drop_nodes,
    findings,
    found,
    perception,
    recs,
    set_props,
)

RULE = "single-point-of-failure"


def test_replicated_request_path_is_silent():
    assert found(recs(), RULE) == []


def test_single_replica_gateway_is_reported_with_its_dominator_chain():
    [finding] = findings(set_props(recs(), "gateway", replicas=1), RULE)
    assert (finding.nodes, finding.path) == (["gateway"], ["client", "gateway"])
    assert finding.message == "Every request to ANN retrieval passes through Gateway, which runs a single replica"


def test_single_replica_model_server_is_its_own_single_point():
    doc = drop_nodes(set_props(recs(), "ranker", replicas=1), "popular")
    [finding] = findings(doc, RULE)
    assert (finding.nodes, finding.path) == (["ranker"], ["client", "gateway", "ab", "app", "ranker"])
    assert finding.message == "Ranker runs a single replica and every request that needs it goes to it"


def test_single_replica_behind_a_caller_with_a_fallback_is_not_a_single_point():
    assert found(set_props(recs(), "ranker", replicas=1), RULE) == []


def test_single_replica_store_at_the_end_of_a_branch_is_reported():
    doc = add_node(recs(), "sessions", "redis", replicas=1)
    add_edge(doc, "gateway", "sessions", "request")
    [finding] = findings(doc, RULE)
    assert (finding.nodes, finding.path) == (["sessions"], ["client", "gateway", "sessions"])
    assert finding.message == "Sessions runs a single replica and every request that needs it goes to it"


def _fan_out(tolerant: bool) -> dict:
    return design(
        [
            ("client", "client"),
            ("gateway", "api_gateway"),
            ("search", "app_service", {"parallel": True, "tolerates_partial": tolerant}),
            ("lexical", "elasticsearch", {"replicas": 1}),
            ("vectors", "ann_index"),
        ],
        [
            ("client", "gateway", "request"),
            ("gateway", "search", "request"),
            ("search", "lexical", "request"),
            ("search", "vectors", "request"),
        ],
    )


def test_single_replica_branch_of_a_fan_out_that_tolerates_a_failed_branch_is_not_a_single_point():
    assert found(_fan_out(tolerant=True), RULE) == []
    assert found(_fan_out(tolerant=False), RULE) == [(RULE, ["lexical"])]


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


def test_a_single_device_unit_with_no_safe_stop_is_a_single_point():
    assert found(set_props(perception(), "perception", replicas=1), RULE) == []  # the planner can stop safely
    [finding] = findings(drop_nodes(set_props(perception(), "perception", replicas=1), "safe_stop"), RULE)
    assert finding.nodes == ["perception"]
    assert finding.message == "Perception computer runs a single replica and every request that needs it goes to it"
