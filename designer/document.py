"""The design document (format mlsd-design/1): parsing, checking with JSON paths, the canonical form, the schema.

The format itself is defined once, in designer/format.py; this module checks a document against it
and adds the checks that need the whole document at once: unique ids, edge ends that exist and are
components, parents that are groups, group cycles, the props rules a TypedDict cannot state, the
document's size, and bounded "did you mean" hints.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from component_catalog.catalog import ANNOTATION_ROLES, get_catalog
from designer import format as fmt
from designer import limits
from designer.format import FORMAT, SEVERITIES, TASKS, Issue, type_name
from designer.jsonvalues import child_path, json_depth, scan

#: Documented limits (docs/format.md), by the names the API and older callers use.
LIMITS = {
    "document_bytes": limits.DOCUMENT_BYTES,
    "nodes": limits.NODES,
    "edges": limits.EDGES,
    "label_chars": limits.LABEL_CHARS,
    "text_chars": limits.TEXT_CHARS,
    "depth": limits.JSON_DEPTH,
    "props_per_item": limits.PROPS_PER_ITEM,
    "metrics": limits.METRICS,
    "rules_listed": limits.RULES_LISTED,
}
ID_RE = limits.ID_RE
COORD_LIMIT = limits.COORD
#: The problem's number fields and its list fields (from designer/format.py).
PROBLEM_NUMBERS = fmt.generic().problem_numbers
PROBLEM_LISTS = fmt.generic().problem_lists
__all__ = [
    "COORD_LIMIT",
    "FORMAT",
    "ID_RE",
    "LIMITS",
    "PROBLEM_LISTS",
    "PROBLEM_NUMBERS",
    "SEVERITIES",
    "TASKS",
    "InvalidDocument",
    "Problem",
    "blank_document",
    "canonical_document",
    "check_document",
    "json_depth",
    "json_schema",
    "loads",
    "node_props",
    "validate_document",
]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a document: where (a JSON path) and what, in plain words."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"

    def as_dict(self) -> dict:
        return {"path": self.path, "message": self.message}


class InvalidDocument(Exception):
    """Raised with every problem found, never just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems[:5]))


def _too_big(size: int) -> Problem:
    return Problem(
        "$",
        f"document is {size} bytes; the limit is {limits.DOCUMENT_BYTES} bytes ({limits.mib(limits.DOCUMENT_BYTES)})",
    )


def loads(raw: bytes | str) -> Any:
    """Parse JSON text under the documented size and nesting limits, or raise InvalidDocument."""
    size = len(raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw)
    if size > limits.DOCUMENT_BYTES:
        raise InvalidDocument([_too_big(size)])
    try:
        data = json.loads(raw)
    except RecursionError:
        raise InvalidDocument(
            [Problem("$", f"JSON is nested too deeply; the limit is {limits.JSON_DEPTH} levels")]
        ) from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidDocument([Problem("$", f"not valid JSON: {exc}")]) from None
    depth = json_depth(data)
    if depth > limits.JSON_DEPTH:
        raise InvalidDocument(
            [Problem("$", f"JSON is nested {depth} levels deep; the limit is {limits.JSON_DEPTH} levels")]
        )
    return data


# --- "did you mean", bounded --------------------------------------------------------------------


class _Suggester:
    """At most limits.SUGGESTIONS hints per document, each over at most SUGGESTION_CANDIDATES choices.

    difflib compares the value with every candidate; unbounded, 40,000 unknown references against
    5,000 node ids took minutes (issue 14). Candidates of a similar length are compared first.
    """

    def __init__(self, sets: dict[str, Any]):
        self.sets = sets
        self.left = limits.SUGGESTIONS

    def hint(self, value: str, candidates) -> str:
        if self.left <= 0 or not candidates:
            return ""
        self.left -= 1
        value = value[: limits.ID_CHARS]
        choices = [c for c in candidates if isinstance(c, str)]
        if len(choices) > limits.SUGGESTION_CANDIDATES:
            choices = [c for c in choices if abs(len(c) - len(value)) <= 2][: limits.SUGGESTION_CANDIDATES]
        close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
        return f' (did you mean "{close[0]}"?)' if close else ""

    def apply(self, issue: Issue) -> str:
        if issue.suggest is None:
            return issue.message
        name, value, candidates = issue.suggest
        if not isinstance(value, str):
            return issue.message
        if candidates is None:
            candidates = self.sets.get(name, ())
        return issue.message + self.hint(value, candidates)


# --- the checks that need the whole document ----------------------------------------------------


def _cross_checks(doc: dict, f: fmt.Format, catalog) -> list[Issue]:
    """Ids, references, parents and the props rules; linear in the document, as few Python steps as possible."""
    issues: list[Issue] = []
    fields = {
        "$": f.top_fields,
        "nodes": f.node_fields,
        "edges": f.edge_fields,
        "features": f.feature_fields,
        "signals": f.signal_fields,
    }

    def add(loc: tuple, path: str, message: str, suggest=None, phase: int = 0):
        issues.append(Issue(loc, path, message, _order_key(loc, fields, phase), suggest))

    id_match = limits.ID_RE.match
    nodes = doc.get("nodes", [])
    by_id: dict[str, dict] = {}
    nodes_ok = isinstance(nodes, list) and len(nodes) <= limits.NODES
    if nodes_ok:
        node_specs = catalog.props
        for i, node in enumerate(nodes):
            if not isinstance(node, dict):
                continue
            node_id = node.get("id")
            if isinstance(node_id, str):
                if node_id in by_id:
                    add(("nodes", i, "id"), f"nodes[{i}].id", f'duplicate id "{node_id}" (also used by another node)')
                elif id_match(node_id):
                    by_id[node_id] = node
            if "role" in node and node.get("kind") != fmt.CUSTOM_KIND:
                add(
                    ("nodes", i, "role"),
                    f"nodes[{i}].role",
                    f'only a custom component (kind "{fmt.CUSTOM_KIND}") has a role of its own; '
                    "other kinds play their catalog role",
                )
            props = node.get("props")
            if props is not None and isinstance(props, dict):
                _props_rules(props, ("nodes", i, "props"), f"nodes[{i}].props", node_specs, add)
        _parents(nodes, by_id, add)
    edges = doc.get("edges", [])
    if isinstance(edges, list) and len(edges) <= limits.EDGES:
        annotations = {kind_id for kind_id, kind in catalog.kinds.items() if kind.is_annotation}
        edge_specs = catalog.edge_props
        ids: set = set()
        for i, edge in enumerate(edges):
            if not isinstance(edge, dict):
                continue
            edge_id = edge.get("id")
            if isinstance(edge_id, str):
                if edge_id in ids:
                    add(("edges", i, "id"), f"edges[{i}].id", f'duplicate id "{edge_id}" (also used by another edge)')
                elif id_match(edge_id):
                    ids.add(edge_id)
            if nodes_ok:
                for end in ("source", "target"):
                    ref = edge.get(end)
                    target = by_id.get(ref) if isinstance(ref, str) else None
                    if target is None:
                        if isinstance(ref, str) and id_match(ref):  # else: missing or no id, said by the format
                            add(("edges", i, end), f"edges[{i}].{end}", f'no node "{ref}"', ("nodes", ref, None))
                    elif target.get("kind") in annotations:
                        add(
                            ("edges", i, end),
                            f"edges[{i}].{end}",
                            f'"{ref}" is a {target["kind"]}; connections join components, not notes or groups',
                        )
            props = edge.get("props")
            if props is not None and isinstance(props, dict):
                _props_rules(props, ("edges", i, "props"), f"edges[{i}].props", edge_specs, add)
    if nodes_ok:
        annotations = {kind_id for kind_id, kind in catalog.kinds.items() if kind.is_annotation}
        for key, refs in (("features", ("computed_by", "served_by")), ("signals", ("source",))):
            _entries(doc.get(key), key, refs, by_id, annotations, add)
    return issues


def _entries(entries: Any, key: str, refs: tuple, by_id: dict, annotations: set, add) -> None:
    """Features' and signals' ids are unique in their list; the components they name exist."""
    if not isinstance(entries, list):
        return
    what = key[:-1]
    ids: set = set()
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict):
            continue
        entry_id = entry.get("id")
        if isinstance(entry_id, str) and limits.ID_RE.match(entry_id):
            if entry_id in ids:
                add((key, i, "id"), f"{key}[{i}].id", f'duplicate id "{entry_id}" (also used by another {what})')
            ids.add(entry_id)
        for field in refs:
            ref = entry.get(field)
            if not isinstance(ref, str) or not limits.ID_RE.match(ref):
                continue  # missing, or not an id: said by the format
            target = by_id.get(ref)
            if target is None:
                add((key, i, field), f"{key}[{i}].{field}", f'no node "{ref}"', ("nodes", ref, None))
            elif target.get("kind") in annotations:
                add(
                    (key, i, field),
                    f"{key}[{i}].{field}",
                    f'"{ref}" is a {target["kind"]}; a {what} names a component, not a note or group',
                )


def _order_key(loc: tuple, fields: dict, phase: int) -> tuple:
    top = fields["$"]
    key: list = [(top.index(loc[0]), phase)]
    inner = fields.get(loc[0], ())
    for elem in loc[1:]:
        if isinstance(elem, int):
            key.append((elem, 0))
        else:
            key.append((inner.index(elem) if elem in inner else 0, 0))
            inner = ()
    return tuple(key)


def _props_rules(props: dict, loc: tuple, path: str, specs: dict, add) -> None:
    if len(props) > limits.PROPS_PER_ITEM:
        add(loc, path, f"has {len(props)} props; the limit is {limits.PROPS_PER_ITEM}")
    custom = props.keys() - specs.keys()
    if not custom:
        return
    for name in props:
        if name in custom and not (isinstance(name, str) and limits.PROP_NAME_RE.match(name)):
            add(
                (*loc, name),
                child_path(path, name),
                f"a prop name is lower_snake_case, at most {limits.PROP_NAME_CHARS} characters",
            )


def _parents(nodes: list, by_id: dict[str, dict], add) -> None:
    """Parents exist and are groups; groups do not nest in a cycle. Iterative, and linear in the nodes."""

    def parent_of(node_id: str) -> str | None:
        parent = by_id[node_id].get("parent")
        return parent if isinstance(parent, str) and parent in by_id else None

    # For each node: None (its ancestors end without a cycle) or the node through which its
    # ancestor chain first repeats (the node itself when it is on a cycle).
    through: dict[str, str | None] = {}
    for start in by_id:
        if start in through:
            continue
        walk: list[str] = []
        on_walk: dict[str, int] = {}
        current: str | None = start
        while current is not None and current not in through and current not in on_walk:
            on_walk[current] = len(walk)
            walk.append(current)
            current = parent_of(current)
        if current is None:
            for node_id in walk:
                through[node_id] = None
            continue
        if current in on_walk:
            cycle_start = on_walk[current]
            for node_id in walk[cycle_start:]:
                through[node_id] = node_id
            for node_id in walk[:cycle_start]:
                through[node_id] = current
            continue
        known = through[current]
        result_tail = None if known is None else (current if known == current else known)
        for node_id in walk:
            through[node_id] = result_tail

    for i, node in enumerate(nodes):
        if not isinstance(node, dict) or "parent" not in node:
            continue
        parent = node["parent"]
        if not isinstance(parent, str):
            continue  # null is fine; any other type: the format check said so
        path, loc = f"nodes[{i}].parent", ("nodes", i, "parent")
        if parent not in by_id:
            add(loc, path, f'no node "{parent[: limits.ID_CHARS]}"', ("nodes", parent, None), phase=1)
        elif by_id[parent].get("kind") != "group":
            add(loc, path, f'"{parent}" is not a group; a parent must be a node of kind "group"', phase=1)
        else:
            own_id: Any = node.get("id")  # any JSON value; by_id holds the well-formed ones
            if by_id.get(own_id) is node and through.get(own_id) is not None:
                add(loc, path, f'groups nest in a cycle through "{through[own_id]}"', phase=1)
            elif by_id.get(own_id) is not node and through.get(parent) is not None:
                add(loc, path, f'groups nest in a cycle through "{through[parent]}"', phase=1)


# --- the check ------------------------------------------------------------------------------


def listed(issues: list[Issue], sets: dict) -> list[Problem]:
    """Problems in reading order, each once, at most PROBLEMS_LISTED of them (and a count of the rest)."""
    issues.sort(key=lambda issue: issue.order)
    seen: set[tuple[str, str]] = set()
    unique: list[Issue] = []
    for issue in issues:
        if (issue.path, issue.message) not in seen:
            seen.add((issue.path, issue.message))
            unique.append(issue)
    suggester = _Suggester(sets)
    problems = [Problem(issue.path, suggester.apply(issue)) for issue in unique[: limits.PROBLEMS_LISTED]]
    if len(unique) > limits.PROBLEMS_LISTED:
        problems.append(
            Problem(
                "$",
                f"and {len(unique) - limits.PROBLEMS_LISTED} more problems (the first {limits.PROBLEMS_LISTED} are listed)",
            )
        )
    return problems


def document_issues(doc: dict, root_path: str = "$") -> list[Issue]:
    """Every problem of a JSON object read as a document, unordered (the format's, then the cross-checks')."""
    f = fmt.current()
    try:
        f.document_adapter.validate_python(doc)
        issues: list[Issue] = []
    except ValidationError as exc:
        issues = fmt.explain(f.document, doc, exc.errors(include_url=False), root_path)
    issues.extend(_cross_checks(doc, f, get_catalog()))
    return issues


def suggestion_sets(doc: Any) -> dict:
    catalog = get_catalog()
    nodes = doc.get("nodes") if isinstance(doc, dict) else None
    ids = (
        [n["id"] for n in nodes if isinstance(n, dict) and isinstance(n.get("id"), str)]
        if isinstance(nodes, list)
        else []
    )
    return {
        "kinds": list(catalog.kinds),
        "edge_kinds": catalog.edge_kind_ids,
        "tasks": TASKS,
        "nodes": ids,
        "roles": sorted(r for r in catalog.roles if r not in ANNOTATION_ROLES and r != fmt.CUSTOM_KIND),
        "icons": sorted({kind.icon for kind in catalog.kinds.values()}),
    }


def check_document(doc: Any) -> list[Problem]:
    """Every problem with a parsed document (at most limits.PROBLEMS_LISTED, then a count); [] means valid."""
    if not isinstance(doc, dict):
        return [Problem("$", f"a design document is a JSON object, not {type_name(doc)}")]
    size, unsafe = scan(doc)
    if unsafe:
        return [Problem(path, message) for path, message in unsafe]
    problems = listed(document_issues(doc), suggestion_sets(doc))
    if not problems and size is not None and size > limits.DOCUMENT_BYTES:
        problems.append(_too_big(size))
    return problems


def validate_document(doc: Any) -> dict:
    """Return the document if valid, else raise InvalidDocument with every problem."""
    problems = check_document(doc)
    if problems:
        raise InvalidDocument(problems)
    return doc


def _ordered(obj: dict, order) -> dict:
    known = {key: obj[key] for key in order if key in obj}
    known.update({key: obj[key] for key in sorted(obj) if key not in known})
    return known


def canonical_document(doc: dict) -> dict:
    """The same document with its object keys in the documented order (lists keep theirs).

    PostgreSQL's jsonb stores object keys in its own order; exports, the API and the SVG's
    embedded copy read documents through this so the same design gives the same bytes anywhere.
    """
    catalog = get_catalog()
    f = fmt.current()
    out = _ordered(doc, f.top_fields)
    if isinstance(out.get("problem"), dict):
        out["problem"] = _ordered(out["problem"], f.problem_fields)
    for key, fields, specs in (("nodes", f.node_fields, catalog.props), ("edges", f.edge_fields, catalog.edge_props)):
        if isinstance(out.get(key), list):
            items = []
            for item in out[key]:
                if isinstance(item, dict):
                    item = _ordered(item, fields)
                    if isinstance(item.get("props"), dict):
                        item["props"] = _ordered(item["props"], specs)
                items.append(item)
            out[key] = items
    for key, fields in (("features", f.feature_fields), ("signals", f.signal_fields)):
        if isinstance(out.get(key), list):
            out[key] = [_ordered(item, fields) if isinstance(item, dict) else item for item in out[key]]
    if isinstance(out.get("settings"), dict):
        settings = _ordered(out["settings"], f.settings_fields)
        if isinstance(settings.get("severity"), dict):
            settings["severity"] = _ordered(settings["severity"], ())
        out["settings"] = settings
    return out


def blank_document(title: str = "Untitled design") -> dict:
    """A new, empty document."""
    return {
        "format": FORMAT,
        "title": title,
        "problem": {},
        "nodes": [],
        "edges": [],
        "settings": {"disabled_rules": [], "severity": {}},
    }


def node_props(node: dict) -> dict:
    """A node's props with the catalog defaults of its kind filled in (document values win)."""
    kind = get_catalog().kinds.get(node.get("kind") or "")
    merged = dict(kind.defaults) if kind else {}
    merged.update(node.get("props") or {})
    return merged


def json_schema() -> dict:
    """The published JSON Schema (2020-12) of mlsd-design/1, generated from designer/format.py and the catalog."""
    return fmt.document_schema()
