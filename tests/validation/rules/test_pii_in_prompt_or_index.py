"""pii-in-prompt-or-index: silent on good designs, exact (rule, nodes) on bad ones."""

from tests.validation.builder import add_edge, chat, drop_nodes, findings, found, rag, set_props

RULE = "pii-in-prompt-or-index"


def test_redacted_tickets_and_masked_prompts_are_silent():
    assert found(rag(), RULE) == []
    assert found(chat(), RULE) == []


def test_unredacted_tickets_are_reported_once_at_the_index():
    doc = add_edge(drop_nodes(rag(), "redaction"), "tickets", "chunker", "data")
    [finding] = findings(doc, RULE)
    assert (finding.nodes, finding.path) == (["vectors"], ["tickets", "chunker", "embedder", "vectors"])
    assert finding.message == (
        "Personal data is indexed into Document index unfiltered: Resolved tickets → Chunker → Embedding model → "
        "Document index"
    )


def test_prompts_without_a_masking_guardrail_are_reported_at_each_model():
    doc = drop_nodes(chat(), "input_guard")
    assert found(doc, RULE) == [(RULE, ["backup"]), (RULE, ["model"])]
    assert findings(doc, RULE)[1].message == (
        "Personal data reaches the prompts of Hosted model unfiltered: Chat app → Gateway → Token quota → "
        "Prompt experiments → Chat service → Hosted model"
    )


def test_a_guardrail_that_does_not_filter_personal_data_does_not_mask_it():
    assert found(set_props(chat(), "input_guard", filters_pii=False), RULE) == [(RULE, ["backup"]), (RULE, ["model"])]


def test_a_query_is_answered_not_indexed():
    doc = set_props(rag(), "input_guard", filters_pii=False)
    # The raw question goes to the embedding model that also embeds documents for the index: it is
    # encoded and answered, not indexed, so only the prompt is reported.
    assert found(doc, RULE) == [(RULE, ["llm"])]
