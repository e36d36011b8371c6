"""no-rate-limit: silent on good designs, exact (rule, nodes) on bad ones."""

from tests.validation.builder import add_edge, chat, drop_nodes, findings, found, rag, recs, set_props

RULE = "no-rate-limit"


def test_rate_limited_gateway_or_limiter_is_silent():
    assert found(rag(), RULE) == []
    assert found(chat(), RULE) == []
    assert found(set_props(chat(), "gateway", rate_limit=0), RULE) == []  # the token quota still limits


def test_llm_reachable_without_a_rate_limit_is_reported_with_its_path():
    [finding] = findings(set_props(rag(), "gateway", rate_limit=0), RULE)
    assert (finding.nodes, finding.path) == (["llm"], ["client", "gateway", "ab", "assistant", "llm"])
    assert finding.message == (
        "Support widget reaches Answer model (vLLM) (an LLM) with no rate limit or quota in front: "
        "Support widget → Gateway → Prompt experiments → Assistant orchestrator → Answer model (vLLM)"
    )


def test_every_unprotected_llm_is_reported():
    doc = add_edge(set_props(drop_nodes(chat(), "limiter"), "gateway", rate_limit=0), "gateway", "ab", "request")
    assert found(doc, RULE) == [(RULE, ["backup"]), (RULE, ["model"])]


def test_a_model_served_on_gpus_is_expensive_too():
    assert found(recs(), RULE) == []
    assert found(set_props(recs(), "ranker", gpu=True), RULE) == [(RULE, ["ranker"])]
