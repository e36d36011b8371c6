"""latency-budget-exceeded: silent on good designs, exact (rule, nodes) on bad ones."""

import itertools

from tests.validation.builder import design, findings, found, recs, set_props

RULE = "latency-budget-exceeded"
FULL_CALL_TREE = ["client", "gateway", "ab", "app", "retrieval", "features", "ranker", "reranker"]


def test_design_within_budget_is_silent():
    assert found(recs(), RULE) == []


def test_sequential_calls_add_up_past_the_slo():
    doc = set_props(recs(), "ranker", latency_ms=160)
    [finding] = findings(doc, RULE)
    assert (finding.nodes, finding.path, finding.severity) == (FULL_CALL_TREE, FULL_CALL_TREE, "error")
    assert finding.message == (
        "p99 path Mobile app → Gateway → A/B assignment → Recommendation service → ANN retrieval → "
        "Feature store → Ranker → Re-ranker = 222 ms > SLO 200 ms (Mobile app 0 + Gateway 5 + "
        "A/B assignment 2 + Recommendation service 20 + ANN retrieval 15 + Feature store 10 + Ranker 160 + Re-ranker 10)"
    )
    assert finding.edges == ["e1", "e2", "e3", "e4", "e5", "e6", "e7"]


def test_above_80_percent_is_a_warning():
    [finding] = findings(set_props(recs(), "ranker", latency_ms=120), RULE)
    assert (finding.severity, finding.nodes) == ("warning", FULL_CALL_TREE)
    assert "= 182 ms is 91 % of the SLO 200 ms" in finding.message


def test_parallel_caller_waits_only_for_its_slowest_callee():
    doc = set_props(set_props(recs(), "ranker", latency_ms=160), "app", parallel=True)
    [finding] = findings(doc, RULE)
    assert (finding.severity, finding.path) == ("warning", ["client", "gateway", "ab", "app", "ranker"])
    assert "= 187 ms" in finding.message


def test_fallback_calls_are_left_out():
    assert found(set_props(recs(), "popular", latency_ms=5000), RULE) == []


def test_no_slo_means_no_check():
    doc = set_props(recs(), "ranker", latency_ms=5000)
    del doc["problem"]["latency_slo_ms"]
    assert found(doc, RULE) == []


def test_long_call_chain_keeps_both_ends_in_the_message():
    chain = [f"s{i:02}" for i in range(1, 20)]
    doc = design(
        [("client", "client"), *((s, "app_service", {"latency_ms": 20}) for s in chain)],
        [("client", chain[0], "request"), *((a, b, "request") for a, b in itertools.pairwise(chain))],
        latency_slo_ms=100,
    )
    [finding] = findings(doc, RULE)
    assert finding.path == ["client", *chain]
    assert finding.message.startswith(
        "p99 path Client → S01 → S02 → S03 → S04 → S05 → … 9 more → S15 → S16 → S17 → S18 → S19 = 380 ms > SLO 100 ms"
        " (Client 0 + S01 20 + "
    )
    assert finding.message.endswith("S11 20 + … 8 more)")
