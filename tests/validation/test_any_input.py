"""Any valid document, however odd, gets findings that point at real components and edges."""

import random

from component_catalog.catalog import get_catalog
from designer.document import blank_document, validate_document
from designer.validation.engine import validate_design
from designer.validation.registry import all_rules


def _random_design(rng: random.Random) -> dict:
    kinds = list(get_catalog().kinds)
    size = rng.randrange(1, 30)
    nodes = []
    for i in range(size):
        kind = rng.choice(kinds)
        node = {"id": f"n{i}", "kind": kind, "x": 0, "y": 0}
        if kind not in ("note", "group"):
            node["props"] = rng.choice(
                [
                    {},
                    {"replicas": 1},
                    {"capacity_qps": 0},
                    {"latency_ms": 0},
                    {"parallel": True},
                    {"staleness_s": 10**9},
                    {"pii": True},
                    {"exploration": True},
                    {"validates_schema": True},
                ]
            )
        nodes.append(node)
    components = [n["id"] for n in nodes if n["kind"] not in ("note", "group")]
    edges = []
    for i in range(rng.randrange(0, 3 * len(components) + 1) if components else 0):
        edge = {
            "id": f"e{i}",
            "source": rng.choice(components),
            "target": rng.choice(components),
            "kind": rng.choice(["request", "data", "telemetry", "deploy"]),
        }
        if rng.random() < 0.2:
            edge["props"] = {"fallback": True, "logs_features": rng.random() < 0.5}
        edges.append(edge)
    problem = rng.choice(
        [
            {},
            {"task": "ranking", "latency_slo_ms": 1, "peak_qps": 10**6, "feature_freshness_s": 1, "corpus_size": 10**9},
            {"task": "classification", "offline_metrics": ["accuracy"], "latency_slo_ms": 10**6},
        ]
    )
    return validate_document({"format": "mlsd-design/1", "problem": problem, "nodes": nodes, "edges": edges})


def test_empty_design_has_no_findings():
    assert validate_design(blank_document()) == []


def test_random_designs_get_well_formed_findings():
    rng = random.Random(20261123)
    rule_ids = {rule.id for rule in all_rules()}
    fired = set()
    for _ in range(300):
        doc = _random_design(rng)
        node_ids = {n["id"] for n in doc["nodes"] if n["kind"] not in ("note", "group")}
        edge_ids = {e["id"] for e in doc["edges"]}
        for finding in validate_design(doc):
            assert finding.rule in rule_ids
            assert finding.severity in ("error", "warning", "info")
            assert finding.message and finding.fix
            assert set(finding.nodes) <= node_ids, finding
            assert set(finding.edges) <= edge_ids, finding
            assert finding.path is None or set(finding.path) <= node_ids, finding
            fired.add(finding.rule)
    assert fired == rule_ids  # the generator reaches every rule, so none escaped the checks above
