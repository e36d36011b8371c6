"""no-fallback: silent on good designs, exact (rule, nodes) on bad ones."""

from tests.validation.builder import drop_nodes, findings, found, recs

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
