"""The engine: settings overrides, stable order, rule discovery and large designs."""

import random

from designer.document import validate_document
from designer.validation.engine import validate_design
from designer.validation.registry import all_rules
from tests.validation.builder import drop_edges, recs, set_props

REQUIRED = {
    "missing-monitoring",
    "training-serving-skew",
    "latency-budget-exceeded",
    "batch-on-online-path",
    "request-cycle",
    "throughput-bottleneck",
    "stale-features",
    "single-point-of-failure",
    "model-without-training",
    "no-offline-evaluation",
    "no-model-registry",
    "no-data-validation",
    "no-label-source",
    "no-drift-detection",
    "feedback-loop-without-exploration",
    "online-store-not-materialized",
    "orphan-component",
    "metric-task-mismatch",
    # generation systems (#12)
    "llm-without-guardrails",
    "pii-in-prompt-or-index",
    "no-rate-limit",
    "generation-latency-exceeded",
    "token-throughput-exceeded",
    "rag-without-retrieval-evaluation",
    # on-device systems (#12)
    "edge-deploy-ungated",
    "no-fleet-telemetry",
    "model-labels-without-human-qa",
    # sharper messages (#12)
    "encoder-index-mismatch",
}


def _broken() -> dict:
    """Ranker unmonitored (error) and its replicas at 80 % load (warning)."""
    doc = drop_edges(recs(), ("ranker", "monitoring"), ("ranker", "drift"))
    return set_props(doc, "ranker", replicas=25)


def test_every_required_rule_is_discovered():
    assert {rule.id for rule in all_rules()} >= REQUIRED


def test_realistic_two_stage_recommender_raises_nothing():
    assert validate_design(validate_document(recs())) == []


def test_findings_come_most_severe_first():
    assert [(f.severity, f.rule, f.nodes) for f in validate_design(_broken())] == [
        ("error", "missing-monitoring", ["ranker"]),
        ("warning", "throughput-bottleneck", ["ranker"]),
    ]


def test_disabled_rules_are_not_run():
    doc = _broken()
    doc["settings"]["disabled_rules"] = ["missing-monitoring"]
    assert [f.rule for f in validate_design(doc)] == ["throughput-bottleneck"]


def test_severity_override_applies_to_every_finding_of_the_rule():
    doc = _broken()
    doc["settings"]["severity"] = {"missing-monitoring": "info", "throughput-bottleneck": "error"}
    assert [(f.severity, f.rule) for f in validate_design(doc)] == [
        ("error", "throughput-bottleneck"),
        ("info", "missing-monitoring"),
    ]


def test_finding_serialises_with_its_witness_path():
    finding = next(f for f in validate_design(_broken()) if f.rule == "throughput-bottleneck")
    data = finding.as_dict()
    assert data["path"] == ["client", "gateway", "ab", "app", "ranker"]
    assert data["edges"] == ["e1", "e2", "e3", "e6"]
    assert "path" not in next(f for f in validate_design(_broken()) if f.rule == "missing-monitoring").as_dict()


def test_hostile_labels_stay_plain_text_in_messages():
    doc = drop_edges(recs(), ("ranker", "monitoring"), ("ranker", "drift"))
    next(n for n in doc["nodes"] if n["id"] == "ranker")["label"] = "<script>alert(1)</script>"
    [finding] = [f for f in validate_design(doc) if f.rule == "missing-monitoring"]
    assert finding.message.startswith("<script>alert(1)</script> (model server)")


def test_largest_allowed_design_finishes():
    """5,000 components and 20,000 edges of every kind, cycles included: every rule returns."""
    rng = random.Random(7)
    kinds = [
        "client",
        "api_gateway",
        "app_service",
        "model_server",
        "ann_index",
        "feature_store",
        "kafka",
        "spark_batch_job",
        "training_pipeline",
        "model_evaluation",
        "model_registry",
        "monitoring",
        "cache",
    ]
    nodes = [{"id": f"n{i}", "kind": kinds[i % len(kinds)], "x": 0, "y": 0} for i in range(5000)]
    edge_kinds = ["request", "request", "data", "telemetry", "deploy", "control"]
    edges = [
        {
            "id": f"e{i}",
            "source": f"n{rng.randrange(5000)}",
            "target": f"n{rng.randrange(5000)}",
            "kind": edge_kinds[i % len(edge_kinds)],
        }
        for i in range(20000)
    ]
    doc = validate_document(
        {
            "format": "mlsd-design/1",
            "problem": {"task": "ranking", "latency_slo_ms": 200, "peak_qps": 1000, "feature_freshness_s": 60},
            "nodes": nodes,
            "edges": edges,
        }
    )
    findings = validate_design(doc)
    assert {f.rule for f in findings} >= {"request-cycle", "missing-monitoring", "throughput-bottleneck"}
