"""missing-candidate-generation: silent on good designs, exact (rule, nodes) on bad ones."""

from tests.validation.builder import add_edge, add_node, drop_nodes, findings, found, recs

RULE = "missing-candidate-generation"


def test_two_stage_design_is_silent():
    assert found(recs(), RULE) == []


def test_ranker_over_a_large_corpus_without_retrieval_is_an_error():
    doc = drop_nodes(recs(), "retrieval")
    [finding] = findings(doc, RULE)
    assert (finding.nodes, finding.severity) == (["ranker"], "error")
    assert (
        finding.message
        == "Ranking over 100,000,000 items with no retrieval stage: Ranker would score every item per request"
    )


def test_unknown_corpus_size_is_a_warning_and_a_small_one_is_fine():
    doc = drop_nodes(recs(), "retrieval")
    del doc["problem"]["corpus_size"]
    assert [(f.severity, f.nodes) for f in findings(doc, RULE)] == [("warning", ["ranker"])]
    doc["problem"]["corpus_size"] = 5000
    assert found(doc, RULE) == []


def test_candidate_generator_without_an_index_is_a_retrieval_stage():
    doc = drop_nodes(recs(), "retrieval")
    add_node(doc, "friends", "candidate_generator")
    add_edge(doc, "app", "friends", "request")
    assert found(doc, RULE) == []
