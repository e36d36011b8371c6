"""The design document (format mlsd-design/1): parsing, validation with JSON paths, limits, schema."""

from __future__ import annotations

import difflib
import json
import math
import re
from dataclasses import dataclass
from typing import Any

from component_catalog.catalog import get_catalog

FORMAT = "mlsd-design/1"

#: Documented limits (docs/format.md). Exceeding one is a problem like any other.
LIMITS = {
    "document_bytes": 5 * 1024 * 1024,
    "nodes": 5000,
    "edges": 20000,
    "label_chars": 200,
    "text_chars": 2000,
    "depth": 20,
    "props_per_item": 50,
    "metrics": 50,
    "rules_listed": 200,
}

TASKS = ("classification", "regression", "ranking", "generation", "other")
SEVERITIES = ("error", "warning", "info")
ID_RE = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")
PROP_NAME_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
RULE_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
COORD_LIMIT = 1_000_000

PROBLEM_NUMBERS = ("latency_slo_ms", "peak_qps", "feature_freshness_s", "model_freshness_s", "corpus_size")
PROBLEM_LISTS = ("offline_metrics", "online_metrics")
TOP_KEYS = ("format", "title", "problem", "nodes", "edges", "settings")
NODE_KEYS = ("id", "kind", "label", "x", "y", "width", "height", "parent", "text", "props")
EDGE_KEYS = ("id", "source", "target", "kind", "label", "props")


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


def _suggest(value: str, choices) -> str:
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def json_depth(value: Any) -> int:
    """Nesting depth of parsed JSON (a scalar is 0, {} or [] is 1), computed without recursion."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            deepest = max(deepest, depth)
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            deepest = max(deepest, depth)
            stack.extend((v, depth + 1) for v in item)
    return deepest


def loads(raw: bytes | str) -> Any:
    """Parse JSON text under the documented size and nesting limits, or raise InvalidDocument."""
    size = len(raw.encode("utf-8") if isinstance(raw, str) else raw)
    if size > LIMITS["document_bytes"]:
        raise InvalidDocument(
            [Problem("$", f"document is {size} bytes; the limit is {LIMITS['document_bytes']} bytes (5 MiB)")]
        )
    try:
        data = json.loads(raw)
    except RecursionError:
        raise InvalidDocument(
            [Problem("$", f"JSON is nested too deeply; the limit is {LIMITS['depth']} levels")]
        ) from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidDocument([Problem("$", f"not valid JSON: {exc}")]) from None
    depth = json_depth(data)
    if depth > LIMITS["depth"]:
        raise InvalidDocument(
            [Problem("$", f"JSON is nested {depth} levels deep; the limit is {LIMITS['depth']} levels")]
        )
    return data


class _Checker:
    def __init__(self):
        self.problems: list[Problem] = []
        self.catalog = get_catalog()

    def add(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def unknown_keys(self, obj: dict, allowed, path: str) -> None:
        for key in obj:
            if key not in allowed:
                self.add(f"{path}.{key}" if path != "$" else key, f'unknown field "{key}"{_suggest(str(key), allowed)}')

    def text(self, obj: dict, key: str, path: str, limit: int, required: bool = False) -> None:
        if key not in obj:
            if required:
                self.add(path, f'missing "{key}"')
            return
        value = obj[key]
        if not isinstance(value, str):
            self.add(path, f"must be a string, not {_type_name(value)}")
        elif len(value) > limit:
            self.add(path, f"is {len(value)} characters; the limit is {limit}")

    def props(self, props: Any, path: str, specs: dict) -> None:
        if not isinstance(props, dict):
            self.add(path, f"must be an object, not {_type_name(props)}")
            return
        if len(props) > LIMITS["props_per_item"]:
            self.add(path, f"has {len(props)} props; the limit is {LIMITS['props_per_item']}")
        for name, value in props.items():
            where = f"{path}.{name}"
            spec = specs.get(name)
            if spec is None:
                if not PROP_NAME_RE.match(name):
                    self.add(where, "a prop name is lower_snake_case, at most 40 characters")
                elif not (
                    value is None
                    or isinstance(value, bool)
                    or _is_number(value)
                    or (isinstance(value, str) and len(value) <= LIMITS["label_chars"])
                ):
                    self.add(
                        where,
                        f"a custom prop is a string (at most {LIMITS['label_chars']} characters), number, boolean or null",
                    )
                continue
            self.prop_value(value, where, spec)

    def prop_value(self, value: Any, where: str, spec: dict) -> None:
        kind = spec["type"]
        if kind == "boolean" and not isinstance(value, bool):
            self.add(where, f"must be true or false, not {_type_name(value)}")
        elif kind in ("number", "integer"):
            if not _is_number(value):
                self.add(where, f"must be a number, not {_type_name(value)}")
            elif kind == "integer" and value != int(value):
                self.add(where, f"must be a whole number, not {value}")
            elif value < spec.get("min", -math.inf) or (spec.get("min") == 0 and value < 0):
                self.add(where, f"must be at least {spec['min']}, not {value}")
        elif kind == "enum" and value not in spec["choices"]:
            self.add(where, f"must be one of {', '.join(spec['choices'])}, not {json.dumps(value)}")

    def check(self, doc: Any) -> list[Problem]:
        if not isinstance(doc, dict):
            self.add("$", f"a design document is a JSON object, not {_type_name(doc)}")
            return self.problems
        self.unknown_keys(doc, TOP_KEYS, "$")
        if doc.get("format") != FORMAT:
            if "format" not in doc:
                self.add("format", f'missing; it must be "{FORMAT}"')
            else:
                self.add("format", f'must be "{FORMAT}", not {json.dumps(doc["format"])[:60]}')
        self.text(doc, "title", "title", LIMITS["label_chars"])
        self.problem(doc.get("problem", {}))
        nodes = self.nodes(doc.get("nodes", []))
        self.edges(doc.get("edges", []), nodes)
        self.settings(doc.get("settings", {}))
        return self.problems

    def problem(self, problem: Any) -> None:
        if not isinstance(problem, dict):
            self.add("problem", f"must be an object, not {_type_name(problem)}")
            return
        self.unknown_keys(problem, ("statement", "task", *PROBLEM_NUMBERS, *PROBLEM_LISTS), "problem")
        self.text(problem, "statement", "problem.statement", LIMITS["text_chars"])
        if "task" in problem and problem["task"] not in TASKS:
            self.add(
                "problem.task",
                f"must be one of {', '.join(TASKS)}, not {json.dumps(problem['task'])[:60]}"
                + (_suggest(problem["task"], TASKS) if isinstance(problem["task"], str) else ""),
            )
        for key in PROBLEM_NUMBERS:
            if key in problem:
                value = problem[key]
                if not _is_number(value):
                    self.add(f"problem.{key}", f"must be a number, not {_type_name(value)}")
                elif value <= 0:
                    self.add(f"problem.{key}", f"must be positive, not {value}")
        for key in PROBLEM_LISTS:
            if key not in problem:
                continue
            values = problem[key]
            if not isinstance(values, list):
                self.add(f"problem.{key}", f"must be a list of strings, not {_type_name(values)}")
                continue
            if len(values) > LIMITS["metrics"]:
                self.add(f"problem.{key}", f"has {len(values)} metrics; the limit is {LIMITS['metrics']}")
            for i, value in enumerate(values):
                if not isinstance(value, str) or not value.strip():
                    self.add(f"problem.{key}[{i}]", "must be a non-empty string")
                elif len(value) > 100:
                    self.add(f"problem.{key}[{i}]", "is longer than 100 characters")

    def nodes(self, nodes: Any) -> dict[str, dict]:
        by_id: dict[str, dict] = {}
        if not isinstance(nodes, list):
            self.add("nodes", f"must be a list, not {_type_name(nodes)}")
            return by_id
        if len(nodes) > LIMITS["nodes"]:
            self.add("nodes", f"has {len(nodes)} nodes; the limit is {LIMITS['nodes']}")
            return by_id
        kinds = self.catalog.kinds
        for i, node in enumerate(nodes):
            path = f"nodes[{i}]"
            if not isinstance(node, dict):
                self.add(path, f"must be an object, not {_type_name(node)}")
                continue
            self.unknown_keys(node, NODE_KEYS, path)
            node_id = node.get("id")
            if "id" not in node:
                self.add(path, 'missing "id"')
            elif not isinstance(node_id, str) or not ID_RE.match(node_id):
                self.add(f"{path}.id", "must be 1–64 characters of letters, digits and _ . : -")
            elif node_id in by_id:
                self.add(f"{path}.id", f'duplicate id "{node_id}" (also used by another node)')
            else:
                by_id[node_id] = node
            kind = node.get("kind")
            if "kind" not in node:
                self.add(path, 'missing "kind"')
            elif not isinstance(kind, str):
                self.add(f"{path}.kind", f"must be a string, not {_type_name(kind)}")
            elif kind not in kinds:
                self.add(f"{path}.kind", f'unknown kind "{kind[:64]}"{_suggest(kind, kinds)}')
            self.text(node, "label", f"{path}.label", LIMITS["label_chars"])
            self.text(node, "text", f"{path}.text", LIMITS["text_chars"])
            for key in ("x", "y"):
                if key not in node:
                    self.add(path, f'missing "{key}"')
                elif not _is_number(node[key]) or abs(node[key]) > COORD_LIMIT:
                    self.add(f"{path}.{key}", f"must be a number between -{COORD_LIMIT} and {COORD_LIMIT}")
            for key in ("width", "height"):
                if key in node and (not _is_number(node[key]) or not 0 < node[key] <= COORD_LIMIT):
                    self.add(f"{path}.{key}", f"must be a positive number up to {COORD_LIMIT}")
            if "props" in node:
                self.props(node["props"], f"{path}.props", self.catalog.props)
        for i, node in enumerate(nodes):
            if isinstance(node, dict) and "parent" in node:
                self.parent(node, f"nodes[{i}].parent", by_id)
        return by_id

    def parent(self, node: dict, path: str, by_id: dict) -> None:
        parent = node["parent"]
        if parent is None:
            return
        if not isinstance(parent, str) or parent not in by_id:
            self.add(path, f'no node "{str(parent)[:64]}"{_suggest(str(parent), by_id)}')
            return
        if by_id[parent].get("kind") != "group":
            self.add(path, f'"{parent}" is not a group; a parent must be a node of kind "group"')
            return
        seen = {node.get("id")}
        current = parent
        while current is not None:
            if current in seen:
                self.add(path, f'groups nest in a cycle through "{current}"')
                return
            seen.add(current)
            current = by_id.get(current, {}).get("parent")

    def edges(self, edges: Any, nodes: dict[str, dict]) -> None:
        if not isinstance(edges, list):
            self.add("edges", f"must be a list, not {_type_name(edges)}")
            return
        if len(edges) > LIMITS["edges"]:
            self.add("edges", f"has {len(edges)} edges; the limit is {LIMITS['edges']}")
            return
        edge_kinds = self.catalog.edge_kind_ids
        ids: set[str] = set()
        for i, edge in enumerate(edges):
            path = f"edges[{i}]"
            if not isinstance(edge, dict):
                self.add(path, f"must be an object, not {_type_name(edge)}")
                continue
            self.unknown_keys(edge, EDGE_KEYS, path)
            edge_id = edge.get("id")
            if "id" not in edge:
                self.add(path, 'missing "id"')
            elif not isinstance(edge_id, str) or not ID_RE.match(edge_id):
                self.add(f"{path}.id", "must be 1–64 characters of letters, digits and _ . : -")
            elif edge_id in ids:
                self.add(f"{path}.id", f'duplicate id "{edge_id}" (also used by another edge)')
            else:
                ids.add(edge_id)
            for end in ("source", "target"):
                ref = edge.get(end)
                if end not in edge:
                    self.add(path, f'missing "{end}"')
                elif not isinstance(ref, str) or ref not in nodes:
                    self.add(f"{path}.{end}", f'no node "{str(ref)[:64]}"{_suggest(str(ref), nodes)}')
                elif (
                    self.catalog.kinds.get(nodes[ref].get("kind"))
                    and self.catalog.kinds[nodes[ref]["kind"]].is_annotation
                ):
                    self.add(
                        f"{path}.{end}",
                        f'"{ref}" is a {nodes[ref]["kind"]}; connections join components, not notes or groups',
                    )
            kind = edge.get("kind")
            if "kind" not in edge:
                self.add(path, 'missing "kind"')
            elif kind not in edge_kinds:
                self.add(
                    f"{path}.kind",
                    f"must be one of {', '.join(edge_kinds)}, not {json.dumps(kind)[:60]}"
                    + (_suggest(kind, edge_kinds) if isinstance(kind, str) else ""),
                )
            self.text(edge, "label", f"{path}.label", LIMITS["label_chars"])
            if "props" in edge:
                self.props(edge["props"], f"{path}.props", self.catalog.edge_props)

    def settings(self, settings: Any) -> None:
        if not isinstance(settings, dict):
            self.add("settings", f"must be an object, not {_type_name(settings)}")
            return
        self.unknown_keys(settings, ("disabled_rules", "severity"), "settings")
        disabled = settings.get("disabled_rules", [])
        if not isinstance(disabled, list):
            self.add("settings.disabled_rules", f"must be a list of rule ids, not {_type_name(disabled)}")
        else:
            if len(disabled) > LIMITS["rules_listed"]:
                self.add(
                    "settings.disabled_rules", f"lists {len(disabled)} rules; the limit is {LIMITS['rules_listed']}"
                )
            for i, rule in enumerate(disabled[: LIMITS["rules_listed"]]):
                if not isinstance(rule, str) or not RULE_ID_RE.match(rule):
                    self.add(f"settings.disabled_rules[{i}]", "must be a kebab-case rule id")
        severity = settings.get("severity", {})
        if not isinstance(severity, dict):
            self.add("settings.severity", f"must be an object of rule id → severity, not {_type_name(severity)}")
            return
        if len(severity) > LIMITS["rules_listed"]:
            self.add("settings.severity", f"lists {len(severity)} rules; the limit is {LIMITS['rules_listed']}")
            return
        for rule, level in severity.items():
            if not RULE_ID_RE.match(rule):
                self.add(f"settings.severity.{rule[:64]}", "is not a kebab-case rule id")
            elif level not in SEVERITIES:
                self.add(
                    f"settings.severity.{rule}", f"must be one of {', '.join(SEVERITIES)}, not {json.dumps(level)[:40]}"
                )


def _unencodable_path(value: Any) -> str:
    """JSON path of the first string (or key) that is not valid Unicode text (a lone surrogate)."""
    stack: list[tuple[Any, str]] = [(value, "$")]
    while stack:
        item, path = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return path
        elif isinstance(item, dict):
            for key, child in item.items():
                try:
                    str(key).encode("utf-8")
                except UnicodeEncodeError:
                    return path
                stack.append((child, key if path == "$" else f"{path}.{key}"))
        elif isinstance(item, list):
            stack.extend((child, f"{path}[{i}]") for i, child in enumerate(item))
    return "$"


def check_document(doc: Any) -> list[Problem]:
    """Every problem with a parsed document; an empty list means it is valid."""
    try:
        size = len(json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    except UnicodeEncodeError:
        # A lone surrogate (e.g. "\ud800") can be neither stored nor echoed back in a message.
        return [
            Problem(
                _unencodable_path(doc), "contains a lone surrogate (\\ud800–\\udfff), which is not valid Unicode text"
            )
        ]
    except (TypeError, ValueError):
        size = 0
    problems = _Checker().check(doc)
    if not problems and size > LIMITS["document_bytes"]:
        problems.append(
            Problem("$", f"document is {size} bytes; the limit is {LIMITS['document_bytes']} bytes (5 MiB)")
        )
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
    out = _ordered(doc, TOP_KEYS)
    if isinstance(out.get("problem"), dict):
        out["problem"] = _ordered(out["problem"], ("statement", "task", *PROBLEM_NUMBERS, *PROBLEM_LISTS))
    for key, fields, specs in (("nodes", NODE_KEYS, catalog.props), ("edges", EDGE_KEYS, catalog.edge_props)):
        if isinstance(out.get(key), list):
            items = []
            for item in out[key]:
                if isinstance(item, dict):
                    item = _ordered(item, fields)
                    if isinstance(item.get("props"), dict):
                        item["props"] = _ordered(item["props"], specs)
                items.append(item)
            out[key] = items
    if isinstance(out.get("settings"), dict):
        settings = _ordered(out["settings"], ("disabled_rules", "severity"))
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
    kind = get_catalog().kinds.get(node.get("kind"))
    merged = dict(kind.defaults) if kind else {}
    merged.update(node.get("props") or {})
    return merged


def json_schema() -> dict:
    """JSON Schema (2020-12) for mlsd-design/1, generated from the catalog and the limits above."""
    catalog = get_catalog()

    def prop_schema(spec: dict) -> dict:
        if spec["type"] == "boolean":
            return {"type": "boolean", "description": spec["help"]}
        if spec["type"] == "enum":
            return {"enum": spec["choices"], "description": spec["help"]}
        schema = {"type": spec["type"], "description": spec["help"]}
        if "min" in spec:
            schema["minimum"] = spec["min"]
        return schema

    custom_prop = {"type": ["string", "number", "boolean", "null"], "maxLength": LIMITS["label_chars"]}
    ident = {"type": "string", "pattern": ID_RE.pattern}
    label = {"type": "string", "maxLength": LIMITS["label_chars"]}
    positive = {"type": "number", "exclusiveMinimum": 0}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "/schemas/mlsd-design-1.json",
        "title": "MLSD Designer design document (mlsd-design/1)",
        "type": "object",
        "required": ["format"],
        "additionalProperties": False,
        "properties": {
            "format": {"const": FORMAT},
            "title": label,
            "problem": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "statement": {"type": "string", "maxLength": LIMITS["text_chars"]},
                    "task": {"enum": list(TASKS)},
                    **dict.fromkeys(PROBLEM_NUMBERS, positive),
                    **{
                        key: {
                            "type": "array",
                            "maxItems": LIMITS["metrics"],
                            "items": {"type": "string", "minLength": 1, "maxLength": 100},
                        }
                        for key in PROBLEM_LISTS
                    },
                },
            },
            "nodes": {
                "type": "array",
                "maxItems": LIMITS["nodes"],
                "items": {
                    "type": "object",
                    "required": ["id", "kind", "x", "y"],
                    "additionalProperties": False,
                    "properties": {
                        "id": ident,
                        "kind": {"enum": list(catalog.kinds)},
                        "label": label,
                        "text": {"type": "string", "maxLength": LIMITS["text_chars"]},
                        "x": {"type": "number", "minimum": -COORD_LIMIT, "maximum": COORD_LIMIT},
                        "y": {"type": "number", "minimum": -COORD_LIMIT, "maximum": COORD_LIMIT},
                        "width": {"type": "number", "exclusiveMinimum": 0, "maximum": COORD_LIMIT},
                        "height": {"type": "number", "exclusiveMinimum": 0, "maximum": COORD_LIMIT},
                        "parent": {"type": ["string", "null"], "description": "id of a node of kind group"},
                        "props": {
                            "type": "object",
                            "maxProperties": LIMITS["props_per_item"],
                            "properties": {name: prop_schema(spec) for name, spec in catalog.props.items()},
                            "additionalProperties": custom_prop,
                            "propertyNames": {"pattern": PROP_NAME_RE.pattern},
                        },
                    },
                },
            },
            "edges": {
                "type": "array",
                "maxItems": LIMITS["edges"],
                "items": {
                    "type": "object",
                    "required": ["id", "source", "target", "kind"],
                    "additionalProperties": False,
                    "properties": {
                        "id": ident,
                        "source": ident,
                        "target": ident,
                        "kind": {"enum": catalog.edge_kind_ids},
                        "label": label,
                        "props": {
                            "type": "object",
                            "maxProperties": LIMITS["props_per_item"],
                            "properties": {name: prop_schema(spec) for name, spec in catalog.edge_props.items()},
                            "additionalProperties": custom_prop,
                            "propertyNames": {"pattern": PROP_NAME_RE.pattern},
                        },
                    },
                },
            },
            "settings": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "disabled_rules": {
                        "type": "array",
                        "maxItems": LIMITS["rules_listed"],
                        "items": {"type": "string", "pattern": RULE_ID_RE.pattern},
                    },
                    "severity": {
                        "type": "object",
                        "maxProperties": LIMITS["rules_listed"],
                        "additionalProperties": {"enum": list(SEVERITIES)},
                    },
                },
            },
        },
    }
