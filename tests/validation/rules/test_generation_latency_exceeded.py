"""generation-latency-exceeded: silent on good designs, exact (rule, nodes) on bad ones."""

from tests.validation.builder import chat, findings, found, rag, set_props

RULE = "generation-latency-exceeded"


def test_answers_generated_within_the_slo_are_silent():
    assert found(rag(), RULE) == []
    assert found(chat(), RULE) == []


def test_slow_streaming_over_the_slo_is_an_error_with_its_breakdown():
    doc = set_props(rag(), "llm", stream_tokens_per_s=40)
    [finding] = findings(doc, RULE)
    assert (finding.nodes, finding.severity) == (["llm"], "error")
    assert finding.message == (
        "Answer model (vLLM) takes 9,150 ms per answer > SLO 8,000 ms: time to first token 400 ms + "
        "350 tokens at 40 tokens/s (8,750 ms)"
    )
    assert finding.fix.startswith("Cap Answer model (vLLM)'s answers at about 240 tokens")
    # The request path around it adds up the same generation time.
    assert [f.rule for f in findings(doc, "latency-budget-exceeded")] == ["latency-budget-exceeded"]


def test_above_80_percent_of_the_slo_is_a_warning():
    [finding] = findings(set_props(rag(), "llm", stream_tokens_per_s=55), RULE)
    assert (finding.severity, finding.message.split(":")[0]) == (
        "warning",
        "Answer model (vLLM) takes 6,764 ms per answer, 85 % of the SLO 8,000 ms",
    )


def test_without_a_streaming_speed_nothing_is_checked():
    assert found(set_props(rag(), "llm", stream_tokens_per_s=0, output_tokens=5000), RULE) == []
