"""Operations: the small, typed changes every editor sends, applied to a document as a pure function.

Their exact shapes are defined with the document in designer/format.py (an op with a key it does
not define is refused with a path); this module applies them.
"""

from __future__ import annotations

import copy
from typing import Any, NoReturn

from pydantic import ValidationError

from . import format as fmt
from . import limits
from .document import LIMITS, InvalidDocument, Problem, check_document, listed, suggestion_sets
from .jsonvalues import scan

OP_TYPES = (
    "node.add",
    "node.update",
    "node.remove",
    "edge.add",
    "edge.update",
    "edge.remove",
    "problem.update",
    "title.set",
    "settings.update",
    "feature.add",
    "feature.update",
    "feature.remove",
    "feature.move",
    "signal.add",
    "signal.update",
    "signal.remove",
    "signal.move",
    "document.replace",
)
#: Node fields of the features and signals that name a component (cleared when it is removed).
ENTRY_REFS = {"features": ("computed_by", "served_by"), "signals": ("source",)}
MAX_OPS_PER_BATCH = limits.OPS_PER_BATCH
#: Ops that add an item, and the key holding it: its fields are checked where it lands (apply_ops).
ADDS = {"node.add": "node", "edge.add": "edge", "feature.add": "feature", "signal.add": "signal"}


class OpError(ValueError):
    """An operation that cannot be applied; `problems` say why, with paths into the op."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems[:5]))


def _fail(path: str, message: str) -> NoReturn:
    raise OpError([Problem(path, message)])


def _index(items: list) -> dict[str, int]:
    return {item["id"]: i for i, item in enumerate(items) if isinstance(item, dict) and isinstance(item.get("id"), str)}


def _update_item(item: dict, op: dict, fields: tuple, path: str) -> None:
    changes = op.get("set", {})
    if not isinstance(changes, dict):
        _fail(f"{path}.set", "must be an object of field → value")
    for key, value in changes.items():
        if key not in fields:
            _fail(f"{path}.set.{key}", f"cannot be changed; changeable fields are {', '.join(fields)}")
        if value is None:
            item.pop(key, None)
        else:
            item[key] = value
    props = op.get("props", {})
    unset = op.get("unset", [])
    if not isinstance(props, dict):
        _fail(f"{path}.props", "must be an object of prop → value")
    if not isinstance(unset, list) or not all(isinstance(name, str) for name in unset):
        _fail(f"{path}.unset", "must be a list of prop names")
    if props or unset:
        merged = dict(item.get("props") or {})
        merged.update(props)
        for name in unset:
            merged.pop(name, None)
        item["props"] = merged


def apply_op(doc: dict, op: Any, path: str = "op") -> bool:
    """Apply one operation to `doc` in place. Returns False when it targets something already gone.

    Updates and removals of an id that no longer exists are no-ops (a concurrent delete won), so
    they converge instead of failing. Structural validity is checked afterwards on the whole
    document by `apply_ops`.
    """
    if not isinstance(op, dict):
        _fail(path, "an operation is a JSON object")
    kind = op.get("op")
    if kind not in OP_TYPES:
        _fail(f"{path}.op", f"unknown operation {str(kind)[:40]!r}; known: {', '.join(OP_TYPES)}")
    nodes, edges = doc.setdefault("nodes", []), doc.setdefault("edges", [])
    if kind == "node.add" or kind == "edge.add":
        item = op.get("node" if kind == "node.add" else "edge")
        items = nodes if kind == "node.add" else edges
        if not isinstance(item, dict):
            _fail(f"{path}.{kind.split('.')[0]}", "must be an object")
        if not isinstance(item.get("id"), str):
            _fail(f"{path}.{kind.split('.')[0]}.id", "must be a string")
        if item["id"] in _index(items):
            _fail(f"{path}.{kind.split('.')[0]}.id", f'id "{item.get("id")}" is already in use')
        items.append(copy.deepcopy(item))
        return True
    if kind in ("node.update", "edge.update", "node.remove", "edge.remove"):
        items = nodes if kind.startswith("node") else edges
        if not isinstance(op.get("id"), str):
            _fail(f"{path}.id", "must be the string id of a " + kind.split(".")[0])
        position = _index(items).get(op["id"])
        if position is None:
            return False
        if kind.endswith("update"):
            f = fmt.current()
            _update_item(items[position], op, f.node_settable if kind.startswith("node") else f.edge_settable, path)
            return True
        removed = items.pop(position)
        if kind == "node.remove":
            gone = removed["id"]
            edges[:] = [e for e in edges if e.get("source") != gone and e.get("target") != gone]
            for node in nodes:
                if node.get("parent") == gone:
                    node.pop("parent")
            for key, refs in ENTRY_REFS.items():
                for entry in doc.get(key) or ():
                    for ref in refs:
                        if isinstance(entry, dict) and entry.get(ref) == gone:
                            entry.pop(ref)
        return True
    if kind.startswith(("feature.", "signal.")):
        return _apply_entry_op(doc, op, kind, path)
    if kind == "problem.update":
        problem = doc.setdefault("problem", {})
        _update_item(problem, op, fmt.current().problem_fields, path)
        return True
    if kind == "title.set":
        title = op.get("title")
        if not isinstance(title, str):
            _fail(f"{path}.title", "must be a string")
        doc["title"] = title
        return True
    if kind == "settings.update":
        settings = doc.setdefault("settings", {})
        _update_item(settings, op, fmt.current().settings_fields, path)
        return True
    replacement = op.get("document")
    problems = check_document(replacement)
    if problems:
        raise OpError([Problem(f"{path}.document.{p.path}", p.message) for p in problems])
    assert isinstance(replacement, dict)  # check_document refuses anything else
    doc.clear()
    doc.update(copy.deepcopy(replacement))
    return True


def _apply_entry_op(doc: dict, op: dict, kind: str, path: str) -> bool:
    """feature.* and signal.*: add (at `index`, else at the end), update, remove, move to `index`."""
    what, action = kind.split(".")
    key = f"{what}s"
    entries = doc.setdefault(key, [])
    if action == "add":
        item = op.get(what)
        if not isinstance(item, dict):
            _fail(f"{path}.{what}", "must be an object")
        if not isinstance(item.get("id"), str):
            _fail(f"{path}.{what}.id", "must be a string")
        if item["id"] in _index(entries):
            _fail(f"{path}.{what}.id", f'id "{item["id"]}" is already in use')
        index = op.get("index", len(entries))
        entries.insert(min(index, len(entries)), copy.deepcopy(item))
        return True
    if not isinstance(op.get("id"), str):
        _fail(f"{path}.id", f"must be the string id of a {what}")
    position = _index(entries).get(op["id"])
    if position is None:
        return False
    if action == "update":
        f = fmt.current()
        _update_item(entries[position], op, f.feature_settable if what == "feature" else f.signal_settable, path)
    elif action == "remove":
        entries.pop(position)
    else:
        entry = entries.pop(position)
        entries.insert(min(op["index"], len(entries)), entry)
    return True


def check_ops(ops: Any) -> None:
    """Refuse (OpError) a batch that is not a list of operations of exactly the documented shapes.

    Text and numbers follow designer/jsonvalues.py's rule; an op with an unknown key, a wrong type
    or a value over a limit is named by its path (`ops[3].node.label`).
    """
    if not isinstance(ops, list):
        _fail("ops", "must be a list of operations")
    _, unsafe = scan(ops, "ops")
    if unsafe:
        raise OpError([Problem(path, message) for path, message in unsafe])
    f = fmt.current()
    try:
        f.ops_adapter.validate_python(ops)
    except ValidationError as exc:
        # The fields of an added node or edge are checked where it lands, with the rest of the
        # resulting document (apply_ops), so their problems have document paths (edges[7].target)
        # like every other change; here only the envelope and the item's type.
        errors = [
            e
            for e in exc.errors(include_url=False)
            if not (len(e["loc"]) > 3 and e["loc"][1] in ADDS and e["loc"][2] == ADDS[e["loc"][1]])
        ]
        if errors:
            raise OpError(listed(fmt.explain(f.ops, ops, errors, "ops"), suggestion_sets(None))) from None


def apply_ops(doc: dict, ops: Any) -> tuple[dict, list[bool]]:
    """Apply a batch to a copy of `doc`; the result must be a valid document or nothing changes."""
    check_ops(ops)
    result = copy.deepcopy(doc)
    applied = [apply_op(result, op, f"ops[{i}]") for i, op in enumerate(ops)]
    problems = check_document(result)
    if problems:
        raise OpError(problems)
    return result, applied


__all__ = ["LIMITS", "OP_TYPES", "InvalidDocument", "OpError", "apply_op", "apply_ops", "check_ops"]
