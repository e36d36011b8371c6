"""llm-without-guardrails: silent on good designs, exact (rule, nodes) on bad ones."""

from tests.validation.builder import chat, design, drop_nodes, findings, found, rag

RULE = "llm-without-guardrails"


def test_guardrails_called_by_the_orchestrator_are_silent():
    assert found(rag(), RULE) == []
    assert found(chat(), RULE) == []


def test_llm_without_an_input_guardrail_is_reported():
    [finding] = findings(drop_nodes(rag(), "input_guard"), RULE)
    assert (finding.nodes, finding.severity) == (["llm"], "error")
    assert finding.message == "Answer model (vLLM) answers requests with no input guardrail: prompts reach it unchecked"
    assert finding.path == ["client", "gateway", "ab", "assistant", "llm"]


def test_every_llm_without_guardrails_is_reported_with_both_missing():
    doc = drop_nodes(chat(), "input_guard", "output_guard")
    assert found(doc, RULE) == [(RULE, ["backup"]), (RULE, ["model"])]
    assert findings(doc, RULE)[1].message == (
        "Hosted model answers requests with no input and output guardrail: prompts reach it unchecked and "
        "its answers reach users unchecked"
    )


def test_a_guardrail_on_every_request_path_counts():
    doc = design(
        [("client", "client"), ("guard", "guardrail"), ("app", "app_service"), ("llm", "llm_server")],
        [("client", "guard", "request"), ("guard", "app", "request"), ("app", "llm", "request")],
    )
    assert found(doc, RULE) == []
