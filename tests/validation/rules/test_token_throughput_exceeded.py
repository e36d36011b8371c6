"""token-throughput-exceeded: silent on good designs, exact (rule, nodes) on bad ones."""

from tests.validation.builder import chat, findings, found, rag, set_props

RULE = "token-throughput-exceeded"


def test_fleets_that_generate_enough_tokens_are_silent():
    assert found(rag(), RULE) == []
    assert found(chat(), RULE) == []


def test_too_few_replicas_for_the_peak_tokens_is_an_error():
    [finding] = findings(set_props(rag(), "llm", replicas=6), RULE)
    assert (finding.nodes, finding.severity) == (["llm"], "error")
    assert finding.message == (
        "Answer model (vLLM) is asked for 17,500 tokens/s at peak (50 QPS × 350 tokens) > 15,000 tokens/s "
        "(2,500 tokens/s × 6 replicas)"
    )
    assert finding.fix.startswith("Raise Answer model (vLLM)'s replicas to at least 10")
    assert finding.path == ["client", "gateway", "ab", "assistant", "llm"]


def test_above_70_percent_of_a_vendor_quota_is_a_warning():
    [finding] = findings(set_props(chat(), "model", tokens_per_s=100000), RULE)
    assert (finding.nodes, finding.severity) == (["model"], "warning")
    assert finding.message == (
        "Hosted model is asked for 75,000 tokens/s at peak (300 QPS × 250 tokens), 75 % of 100,000 tokens/s "
        "(100,000 tokens/s × 1 replica)"
    )
