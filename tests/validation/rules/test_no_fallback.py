"""no-fallback: silent on good designs, exact (rule, nodes) on bad ones."""

from tests.validation.builder import (
    add_edge,
    add_node,
    chat,
    design,
    drop_edges,
    drop_nodes,
    findings,
    found,
    perception,
    recs,
)

RULE = "no-fallback"


def test_caller_with_a_fallback_edge_is_silent():
    assert found(recs(), RULE) == []


def test_caller_without_fallback_is_named_with_its_hard_dependencies():
    doc = drop_nodes(recs(), "popular")
    [finding] = findings(doc, RULE)
    assert (finding.nodes, finding.edges) == (["app"], ["e4", "e5", "e6"])
    assert finding.message == (
        "Recommendation service hard-depends on ANN retrieval, Feature store, Ranker and has no fallback "
        "to answer with when a call fails"
    )


def _behind_a_fan_out(**fan_out_props) -> dict:
    """App (with its fallback) calls a retrieval fan-out that calls two indexes and has no fallback itself."""
    doc = drop_edges(recs(), ("app", "retrieval"))
    add_node(doc, "fanout", "app_service", **fan_out_props)
    add_node(doc, "lexical", "elasticsearch")
    add_edge(doc, "app", "fanout", "request")
    add_edge(doc, "fanout", "retrieval", "request")
    add_edge(doc, "fanout", "lexical", "request")
    return doc


def test_callee_of_a_caller_that_every_request_passes_with_a_fallback_is_covered():
    assert found(_behind_a_fan_out(), RULE) == []


def test_parallel_fan_out_over_retrieval_sources_that_tolerates_a_failed_branch_degrades_gracefully():
    doc = design(
        [
            ("client", "client"),
            ("search", "app_service", {"parallel": True, "tolerates_partial": True}),
            ("lexical", "elasticsearch"),
            ("vectors", "ann_index"),
            ("ranker", "model_server"),
        ],
        [
            ("client", "search", "request"),
            ("search", "lexical", "request"),
            ("search", "vectors", "request"),
            ("search", "ranker", "request"),
        ],
    )
    [finding] = findings(doc, RULE)
    assert (finding.nodes, finding.edges) == (["search"], ["search-ranker-request"])
    assert finding.message == "Search hard-depends on Ranker and has no fallback to answer with when a call fails"


def test_fan_out_that_does_not_tolerate_a_failed_branch_needs_a_fallback():
    doc = design(
        [("client", "client"), ("search", "app_service", {"parallel": True}), ("a", "ann_index"), ("b", "faiss")],
        [("client", "search", "request"), ("search", "a", "request"), ("search", "b", "request")],
    )
    assert found(doc, RULE) == [(RULE, ["search"])]


def test_a_hosted_model_needs_a_fallback_too():
    assert found(chat(), RULE) == []
    [finding] = findings(drop_nodes(chat(), "backup"), RULE)
    assert (finding.nodes, finding.edges) == (["chat"], ["e8"])
    assert finding.message == (
        "Chat service hard-depends on Hosted model and has no fallback to answer with when a call fails"
    )


def test_an_on_device_stack_needs_a_safe_stop():
    assert found(perception(), RULE) == []
    assert found(drop_nodes(perception(), "safe_stop"), RULE) == [(RULE, ["stack"])]
