"""Small design builders for validator tests: the realistic two-stage fixture and edits to it."""

from __future__ import annotations

import copy

from designer.document import validate_document
from designer.validation.engine import validate_design
from tests.conftest import load_fixture


def recs() -> dict:
    """The two-stage recommender that raises no finding (tests/fixtures/two_stage_recs.json)."""
    return copy.deepcopy(load_fixture("two_stage_recs.json"))


def rag() -> dict:
    """The RAG support assistant that raises no finding (tests/fixtures/rag_assistant.json)."""
    return copy.deepcopy(load_fixture("rag_assistant.json"))


def perception() -> dict:
    """The on-device perception data engine that raises no finding (tests/fixtures/on_device_perception.json)."""
    return copy.deepcopy(load_fixture("on_device_perception.json"))


def chat() -> dict:
    """The chat product on a hosted LLM that raises no finding (tests/fixtures/llm_chat.json)."""
    return copy.deepcopy(load_fixture("llm_chat.json"))


def design(nodes, edges=(), **problem) -> dict:
    """A document from (id, kind[, props]) nodes and (source, target, kind[, props]) edges.

    Labels are the ids in title case ("ranker" → "Ranker").
    """
    doc = {"format": "mlsd-design/1", "title": "test", "problem": problem, "nodes": [], "edges": []}
    for _i, (node_id, kind, *rest) in enumerate(nodes):
        add_node(doc, node_id, kind, **(rest[0] if rest else {}))
    for source, target, kind, *rest in edges:
        add_edge(doc, source, target, kind, **(rest[0] if rest else {}))
    return doc


def add_node(doc: dict, node_id: str, kind: str, **props) -> dict:
    node = {"id": node_id, "kind": kind, "label": node_id.replace("_", " ").title(), "x": 0, "y": 0}
    if props:
        node["props"] = props
    doc["nodes"].append(node)
    return doc


def add_edge(doc: dict, source: str, target: str, kind: str, **props) -> dict:
    edge = {"id": f"{source}-{target}-{kind}", "source": source, "target": target, "kind": kind}
    if props:
        edge["props"] = props
    doc["edges"].append(edge)
    return doc


def drop_edges(doc: dict, *pairs) -> dict:
    """Remove every edge source → target (of any kind) for the given (source, target) pairs."""
    doc["edges"] = [e for e in doc["edges"] if (e["source"], e["target"]) not in set(pairs)]
    return doc


def drop_nodes(doc: dict, *ids) -> dict:
    """Remove nodes and every edge touching them."""
    doc["nodes"] = [n for n in doc["nodes"] if n["id"] not in ids]
    doc["edges"] = [e for e in doc["edges"] if e["source"] not in ids and e["target"] not in ids]
    return doc


def set_props(doc: dict, node_id: str, **props) -> dict:
    node = next(n for n in doc["nodes"] if n["id"] == node_id)
    node.setdefault("props", {}).update(props)
    return doc


def found(doc: dict, rule: str) -> list[tuple]:
    """(rule, nodes) of the findings of one rule, after checking the document is valid."""
    return [(f.rule, f.nodes) for f in validate_design(validate_document(doc)) if f.rule == rule]


def findings(doc: dict, rule: str) -> list:
    return [f for f in validate_design(validate_document(doc)) if f.rule == rule]


def feature(feature_id: str, name: str, category: str, freshness="daily", kind: str = "numeric", **refs) -> dict:
    """A Features-list entry (designer/format.py) with optional computed_by / served_by."""
    return {"id": feature_id, "name": name, "category": category, "type": kind, "freshness": freshness, **refs}


def featured_recs() -> dict:
    """recs() with the feature list a strong candidate writes for it, tied to its components: no finding."""
    doc = recs()
    doc["features"] = [
        feature("f-user", "user embedding", "user", "daily", "embedding", computed_by="batch", served_by="features"),
        feature("f-pop", "video popularity", "item", "hourly", computed_by="stream", served_by="features"),
        feature(
            "f-clicks",
            "clicks in session",
            "context",
            "real-time",
            "sequence",
            computed_by="stream",
            served_by="features",
        ),
    ]
    doc["signals"] = [
        {"id": "s-watch", "name": "watch time", "kind": "implicit", "is_label": True, "source": "events"},
        {"id": "s-like", "name": "like", "kind": "explicit", "is_label": False},
    ]
    return doc


def feature_findings(doc: dict, rule: str) -> list[tuple]:
    """(rule, nodes, features, signals) of one rule's findings, after checking the document is valid."""
    return [(f.rule, f.nodes, f.features, f.signals) for f in findings(doc, rule)]
