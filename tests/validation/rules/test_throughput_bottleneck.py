"""throughput-bottleneck: silent on good designs, exact (rule, nodes) on bad ones."""

from tests.validation.builder import design, findings, found, recs, set_props

RULE = "throughput-bottleneck"


def test_design_with_headroom_is_silent():
    assert found(recs(), RULE) == []


def test_overloaded_model_server_is_an_error_with_a_replica_count_fix():
    [finding] = findings(set_props(recs(), "ranker", replicas=10), RULE)
    assert (finding.nodes, finding.severity) == (["ranker"], "error")
    assert finding.path == ["client", "gateway", "ab", "app", "ranker"]
    assert finding.message == (
        "Ranker receives 10,000 QPS at peak (via Mobile app → Gateway → A/B assignment → Recommendation "
        "service → Ranker) > capacity 5,000 QPS (500 QPS × 10 replicas)"
    )
    assert finding.fix == "Raise Ranker's replicas to at least 29, put a cache in front of it, or batch its requests."


def test_above_70_percent_is_a_warning():
    [finding] = findings(set_props(recs(), "ranker", replicas=25), RULE)
    assert (finding.nodes, finding.severity) == (["ranker"], "warning")
    assert "is 80 % of capacity 12,500 QPS" in finding.message


def test_fallback_edges_carry_no_load():
    assert found(set_props(recs(), "popular", capacity_qps=1, replicas=1), RULE) == []


def test_callee_called_twice_per_request_gets_twice_the_load():
    doc = design(
        [
            ("client", "client"),
            ("app", "app_service", {"capacity_qps": 100000}),
            ("ranker", "model_server", {"capacity_qps": 100000}),
            ("store", "online_feature_store", {"capacity_qps": 1500, "replicas": 1}),
        ],
        [
            ("client", "app", "request"),
            ("app", "store", "request"),
            ("app", "ranker", "request"),
            ("ranker", "store", "request"),
        ],
        peak_qps=1000,
    )
    [finding] = findings(doc, RULE)
    assert (finding.nodes, finding.severity) == (["store"], "error")
    assert "Store receives 2,000 QPS at peak" in finding.message
