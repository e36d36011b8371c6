"""request-cycle: silent on good designs, exact (rule, nodes) on bad ones."""

from tests.validation.builder import add_edge, design, findings, found, recs

RULE = "request-cycle"


def test_acyclic_request_graph_is_silent():
    assert found(recs(), RULE) == []


def test_call_loop_is_reported_once_with_its_edges():
    doc = add_edge(recs(), "ranker", "app", "request")
    [finding] = findings(doc, RULE)
    assert (finding.nodes, finding.path) == (["app", "ranker"], ["app", "ranker", "app"])
    assert finding.edges == ["e6", "ranker-app-request"]
    assert finding.message == "Request calls loop: Recommendation service → Ranker → Recommendation service"


def test_self_call_and_separate_loops_are_each_reported():
    doc = design(
        [("a", "app_service"), ("b", "app_service"), ("c", "model_server"), ("d", "cache")],
        [("a", "a", "request"), ("b", "c", "request"), ("c", "d", "request"), ("d", "b", "request")],
    )
    assert found(doc, RULE) == [(RULE, ["a"]), (RULE, ["b", "c", "d"])]


def test_data_edges_do_not_make_a_request_cycle():
    doc = add_edge(recs(), "ranker", "app", "data")
    assert found(doc, RULE) == []
