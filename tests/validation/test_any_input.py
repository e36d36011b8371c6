"""Any valid document, however odd, gets findings that point at real components and edges."""

import copy
import random

from component_catalog.catalog import get_catalog
from designer.document import blank_document, validate_document
from designer.validation.engine import validate_design
from designer.validation.registry import all_rules
from tests.conftest import load_fixture

#: Drawing aids (notes, groups, text, frames): connections cannot join them.
ANNOTATIONS = {kind_id for kind_id, kind in get_catalog().kinds.items() if kind.is_annotation}
#: Roles a custom component may play: every role of a kind that is part of the system.
ROLES = sorted({kind.role for kind in get_catalog().kinds.values() if not kind.is_annotation} - {"custom"})


def _random_design(rng: random.Random) -> dict:
    # One kind per role, so every role is as likely however many kinds share it.
    kinds = list({kind.role: kind_id for kind_id, kind in reversed(get_catalog().kinds.items())}.values())
    size = rng.randrange(1, 40)
    nodes = []
    for i in range(size):
        kind = rng.choice(kinds)
        node = {"id": f"n{i}", "kind": kind, "x": 0, "y": 0}
        if kind == "custom" and rng.random() < 0.5:
            node["role"] = rng.choice(ROLES)
        if kind not in ANNOTATIONS:
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
    components = [n["id"] for n in nodes if n["kind"] not in ANNOTATIONS]
    edges = []
    for i in range(rng.randrange(0, 3 * len(components) + 1) if components else 0):
        edge = {
            "id": f"e{i}",
            "source": rng.choice(components),
            "target": rng.choice(components),
            "kind": rng.choice(get_catalog().edge_kind_ids),
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


#: Reference designs (tests/fixtures) that the fuzz also mutates: realistic wiring with a few random
#: edits reaches rules that random wiring seldom does.
REFERENCE_DESIGNS = [
    "two_stage_recs.json",
    "similar_listings.json",
    "rag_assistant.json",
    "llm_chat.json",
    "on_device_perception.json",
]
#: Edits that give a reference design one specific defect some rules need (fixture, [(edit, args)]).
TARGETED = [
    # A query tower released by a trainer that does not build the index.
    (
        "similar_listings.json",
        [("add_node", "tower_training", "training_pipeline"), ("rewire", "registry", "query_tower", "tower_training")],
    ),
    # An answer model that streams too slowly for the SLO.
    ("rag_assistant.json", [("set", "llm", {"stream_tokens_per_s": 20})]),
]
FLAGS = ("pii", "exploration", "provides_labels", "validates_schema", "parallel", "tolerates_partial", "filters_pii")


def _mutated(rng: random.Random, document: dict, edits: int) -> dict:
    """The document after `edits` random edits: drop or add an edge, move an edge's source, change a prop, drop a node."""
    doc = copy.deepcopy(document)
    components = [n for n in doc["nodes"] if n["kind"] not in ANNOTATIONS]
    for _ in range(edits):
        what = rng.choice(("drop_edge", "add_edge", "rewire", "prop", "drop_node"))
        if what == "drop_edge" and doc["edges"]:
            doc["edges"].remove(rng.choice(doc["edges"]))
        elif what == "add_edge":
            source, target = rng.choice(components)["id"], rng.choice(components)["id"]
            kind = rng.choice(get_catalog().edge_kind_ids)
            doc["edges"].append(
                {"id": f"m{len(doc['edges'])}-{rng.random()}", "source": source, "target": target, "kind": kind}
            )
        elif what == "rewire" and doc["edges"]:
            rng.choice(doc["edges"])["source"] = rng.choice(components)["id"]
        elif what == "prop":
            node = rng.choice(components)
            node.setdefault("props", {})
            if rng.random() < 0.3:
                node["props"]["replicas"] = 1
            elif rng.random() < 0.3:
                node["props"]["freshness_s"] = rng.choice((1, 60, 86400))
            else:
                flag = rng.choice(FLAGS)
                node["props"][flag] = not node["props"].get(flag, False)
        elif what == "drop_node" and len(components) > 2:
            gone = components.pop(rng.randrange(len(components)))["id"]
            doc["nodes"] = [n for n in doc["nodes"] if n["id"] != gone and n.get("parent") != gone]
            doc["edges"] = [e for e in doc["edges"] if gone not in (e["source"], e["target"])]
    return validate_document(doc)


def _edited(document: dict, edits) -> dict:
    doc = copy.deepcopy(document)
    for edit, *args in edits:
        if edit == "add_node":
            node_id, kind = args
            doc["nodes"].append({"id": node_id, "kind": kind, "x": 0, "y": 0})
        elif edit == "set":
            node_id, props = args
            next(n for n in doc["nodes"] if n["id"] == node_id).setdefault("props", {}).update(props)
        elif edit == "rewire":
            source, target, new_source = args
            edge = next(e for e in doc["edges"] if (e["source"], e["target"]) == (source, target))
            edge["source"] = new_source
    return validate_document(doc)


def _with_features(rng: random.Random, doc: dict) -> dict:
    """The document with random features and signals naming random components (issue 16's rules)."""
    doc = copy.deepcopy(doc)
    components = [n["id"] for n in doc["nodes"] if n["kind"] not in ANNOTATIONS]
    refs = lambda: {k: rng.choice(components) for k in ("computed_by", "served_by") if rng.random() < 0.6}  # noqa: E731
    doc["features"] = [
        {
            "id": f"f{i}",
            "name": f"feature {i}",
            "category": rng.choice(("user", "item", "context", "cross", "other")),
            "type": "numeric",
            "freshness": rng.choice(("static", "daily", "hourly", "real-time", 1)),
            **refs(),
        }
        for i in range(rng.randrange(0, 6))
    ]
    doc["signals"] = [
        {"id": f"s{i}", "name": f"signal {i}", "kind": "implicit", "is_label": rng.random() < 0.7}
        | ({"source": rng.choice(components)} if rng.random() < 0.7 else {})
        for i in range(rng.randrange(0, 3))
    ]
    doc.setdefault("problem", {})["statement"] = rng.choice(("", "Rank on mobile by time of day"))
    return validate_document(doc)


def _designs(rng: random.Random):
    for _ in range(500):
        yield _random_design(rng)
    for name in REFERENCE_DESIGNS:
        for _ in range(40):
            yield _mutated(rng, load_fixture(name), rng.randrange(1, 6))
    for name, edits in TARGETED:
        yield _edited(load_fixture(name), edits)
    for name in REFERENCE_DESIGNS:
        for _ in range(20):
            yield _with_features(rng, _mutated(rng, load_fixture(name), rng.randrange(0, 4)))


def test_empty_design_has_no_findings():
    assert validate_design(blank_document()) == []


def test_random_designs_get_well_formed_findings():
    rng = random.Random(20261123)
    rule_ids = {rule.id for rule in all_rules()}
    fired = set()
    for doc in _designs(rng):
        node_ids = {n["id"] for n in doc["nodes"] if n["kind"] not in ANNOTATIONS}
        edge_ids = {e["id"] for e in doc["edges"]}
        for finding in validate_design(doc):
            assert finding.rule in rule_ids
            assert finding.severity in ("error", "warning", "info")
            assert finding.message and finding.fix
            assert set(finding.nodes) <= node_ids, finding
            assert set(finding.edges) <= edge_ids, finding
            assert finding.path is None or set(finding.path) <= node_ids, finding
            assert set(finding.features) <= {f["id"] for f in doc.get("features", [])}, finding
            assert set(finding.signals) <= {s["id"] for s in doc.get("signals", [])}, finding
            fired.add(finding.rule)
    assert fired == rule_ids  # the designs reach every rule, so none escaped the checks above
