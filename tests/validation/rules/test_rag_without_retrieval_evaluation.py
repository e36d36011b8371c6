"""rag-without-retrieval-evaluation: silent on good designs, exact (rule, nodes) on bad ones."""

from tests.validation.builder import drop_edges, findings, found, rag, recs

RULE = "rag-without-retrieval-evaluation"


def _answers_only() -> dict:
    doc = rag()
    doc["problem"]["offline_metrics"] = ["faithfulness", "answer relevancy"]
    return doc


def test_retrieval_metrics_or_a_judge_fed_by_the_retriever_are_enough():
    assert found(rag(), RULE) == []
    assert found(_answers_only(), RULE) == []  # the judge sees the assistant's queries and context


def test_rag_with_neither_is_reported_at_the_index():
    doc = drop_edges(_answers_only(), ("assistant", "judge"))
    [finding] = findings(doc, RULE)
    assert (finding.nodes, finding.severity) == (["vectors"], "warning")
    assert finding.message == (
        "Nothing evaluates what Document index retrieves for generation: no retrieval metric among the offline "
        "metrics and no evaluation fed with its queries and results"
    )


def test_retrieval_without_generation_is_not_rag():
    assert found(recs(), RULE) == []
