"""A seeded generator of hostile design documents and op batches, for any fuzz test to reuse.

Each case starts from a valid document (or batch) and breaks it in one or a few of the ways foreign
input does: references to nothing, deep or cyclic groups, NUL, Unicode non-characters, lone
surrogates, NaN, Infinity, numbers past a double, keys the format does not define, wrong types,
text over its limit, duplicate ids. `json.dumps` (allow_nan, ensure_ascii) writes every one of them as
JSON text a client could send.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Iterator
from typing import Any

KINDS = ("app_service", "model_server", "cache", "feature_store", "kafka", "database")
BAD_TEXT = ("\x00", "\ud800", "\udfff", "\ufffe", "\uffff", "\ufdd0", "\U0001fffe", "\U0010ffff")
BAD_NUMBERS = (float("nan"), float("inf"), float("-inf"), 10**400, -(10**400), 1e308 * 10)
WRONG_TYPES: tuple[Any, ...] = (None, True, 0, -1, 1.5, "x", [], ["a"], {}, {"a": 1})


def base_document(rng: random.Random, size: int = 12) -> dict:
    """A valid document: a group, components inside and outside it, edges between components."""
    nodes: list[dict] = [{"id": "grp", "kind": "group", "label": "Group", "x": 0, "y": 0, "width": 900, "height": 400}]
    for i in range(size):
        node = {"id": f"n{i}", "kind": rng.choice(KINDS), "label": f"Node {i}", "x": 40 * i, "y": 30 * (i % 5)}
        if i % 3 == 0:
            node["parent"] = "grp"
        if i % 4 == 0:
            node["props"] = {"replicas": 2, "latency_ms": 5, "note_for_humans": "ok"}
        nodes.append(node)
    edges = [
        {"id": f"e{i}", "source": f"n{i}", "target": f"n{(i * 5 + 1) % size}", "kind": rng.choice(("request", "data"))}
        for i in range(size)
        if i != (i * 5 + 1) % size
    ]
    return {
        "format": "mlsd-design/1",
        "title": "Hostile",
        "problem": {"statement": "Rank things", "task": "ranking", "latency_slo_ms": 200},
        "nodes": nodes,
        "edges": edges,
        "settings": {"disabled_rules": [], "severity": {}},
    }


def _containers(value: Any) -> list[Any]:
    """Every dict and list inside `value` (iteratively)."""
    found, stack = [], [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            found.append(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            found.append(item)
            stack.extend(item)
    return found


def _set_somewhere(rng: random.Random, value: Any, new: Any) -> None:
    """Put `new` in place of a random value (or as a random new key) somewhere inside `value`."""
    target = rng.choice(_containers(value))
    if isinstance(target, dict):
        if target and rng.random() < 0.8:
            target[rng.choice(list(target))] = new
        else:
            target[rng.choice(("junk", "lable", "x\x00", "\ud800", "parent", "props"))] = new
    elif target:
        target[rng.randrange(len(target))] = new
    else:
        target.append(new)


def _bad_string(rng: random.Random) -> str:
    return "label" + rng.choice(BAD_TEXT) + "tail"


MUTATIONS = (
    "bad_reference",
    "deep_groups",
    "group_cycle",
    "bad_text",
    "bad_key",
    "bad_number",
    "extra_key",
    "wrong_type",
    "non_string_parent",
    "too_long",
    "duplicate_id",
)


def mutate(rng: random.Random, doc: dict, mutation: str) -> dict:
    doc = copy.deepcopy(doc)
    nodes, edges = doc["nodes"], doc["edges"]
    if mutation == "bad_reference":
        edge = rng.choice(edges)
        edge[rng.choice(("source", "target"))] = rng.choice(("nowhere", "n999", "grp", "", "n1 "))
        rng.choice(nodes[1:])["parent"] = rng.choice(("nowhere", "n2", "grp2"))
    elif mutation == "deep_groups":
        depth = rng.choice((50, 400, 1000))
        for i in range(depth):
            group = {"id": f"deep{i}", "kind": "group", "x": i, "y": i, "width": 5000 - i, "height": 5000 - i}
            if i:
                group["parent"] = f"deep{i - 1}"
            nodes.append(group)
        nodes.append({"id": "deepest", "kind": "cache", "x": 0, "y": 0, "parent": f"deep{depth - 1}"})
    elif mutation == "group_cycle":
        nodes.append({"id": "ga", "kind": "group", "x": 0, "y": 0, "parent": "gb"})
        nodes.append({"id": "gb", "kind": "group", "x": 0, "y": 0, "parent": "ga"})
    elif mutation == "bad_text":
        _set_somewhere(rng, doc, _bad_string(rng))
    elif mutation == "bad_key":
        target = rng.choice([c for c in _containers(doc) if isinstance(c, dict)])
        target["k" + rng.choice(BAD_TEXT)] = "v"
    elif mutation == "bad_number":
        _set_somewhere(rng, doc, rng.choice(BAD_NUMBERS))
    elif mutation == "extra_key":
        target = rng.choice([c for c in _containers(doc) if isinstance(c, dict)])
        target[rng.choice(("junk", "extra", "__proto__", "constructor"))] = "x" * rng.choice((1, 1000, 100_000))
    elif mutation == "wrong_type":
        _set_somewhere(rng, doc, rng.choice(WRONG_TYPES))
    elif mutation == "non_string_parent":
        rng.choice(nodes[1:])["parent"] = rng.choice((["grp"], {"id": "grp"}, 7, True, 1.5))
    elif mutation == "too_long":
        _set_somewhere(rng, doc, "x" * rng.choice((201, 2001, 70_000)))
    elif mutation == "duplicate_id":
        twin = copy.deepcopy(rng.choice(nodes))
        nodes.append(twin)
        edges.append(copy.deepcopy(rng.choice(edges)))
    return doc


def hostile_documents(seed: int, count: int) -> Iterator[tuple[str, dict]]:
    """`count` (name, document) pairs; every mutation appears, some documents carry two or three."""
    rng = random.Random(seed)
    base = base_document(rng)
    for i in range(count):
        chosen = [MUTATIONS[i % len(MUTATIONS)], *rng.sample(MUTATIONS, rng.choice((0, 0, 1, 2)))]
        doc = base
        for mutation in chosen:
            doc = mutate(rng, doc, mutation)
        yield "+".join(chosen), doc


def hostile_batches(seed: int, count: int) -> Iterator[tuple[str, list]]:
    """`count` (name, ops) pairs: valid-looking batches with hostile content, always a non-empty list."""
    rng = random.Random(seed)
    for i, (name, doc) in enumerate(hostile_documents(seed, count)):
        node = copy.deepcopy(rng.choice(doc["nodes"]))
        node["id"] = (
            f"added{i}"
            if isinstance(node, dict) and rng.random() < 0.7
            else node.get("id")
            if isinstance(node, dict)
            else node
        )
        ops: list = [
            {"op": "document.replace", "document": doc},
            {"op": "node.add", "node": node},
            {"op": "node.update", "id": "n1", "set": {"label": _bad_string(rng)}},
            {"op": "node.update", "id": "n1", "set": {"x": rng.choice(BAD_NUMBERS)}},
            {"op": "node.update", "id": "n1", "set": {"parent": rng.choice(WRONG_TYPES)}, "junk": "x" * 10_000},
            {"op": "edge.update", "id": "e1", "props": {"k" + rng.choice(BAD_TEXT): 1}},
            {"op": "title.set", "title": _bad_string(rng)},
            {"op": "problem.update", "set": {"latency_slo_ms": rng.choice(BAD_NUMBERS)}},
            {"op": "settings.update", "set": {"severity": {"a\x00": "error"}}},
            {"op": rng.choice(("node.explode", None, 5))},
            rng.choice(WRONG_TYPES),
        ]
        batch = [ops[i % len(ops)]]
        if rng.random() < 0.3:
            batch.insert(0, {"op": "node.update", "id": "n2", "set": {"label": "fine"}})
        if rng.random() < 0.1:
            batch = batch * 2
        yield f"{name}|{i % len(ops)}", batch
