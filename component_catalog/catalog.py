"""Loads catalog.json (the one source of truth for kinds, roles, props and edge kinds)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

CATALOG_PATH = Path(__file__).with_name("catalog.json")

#: Roles that are drawing aids, not parts of the system the validator reasons about.
ANNOTATION_ROLES = frozenset({"note", "group", "text", "frame"})
#: How an edge kind may be drawn: graphviz line styles and the arrowheads the editor and exports draw.
EDGE_LINE_STYLES = frozenset({"solid", "dashed", "dotted", "bold"})
EDGE_ARROWHEADS = frozenset({"normal", "vee", "dot", "empty", "tee"})


@dataclass(frozen=True)
class Kind:
    id: str
    label: str
    category: str
    role: str
    icon: str
    description: str
    defaults: dict = field(default_factory=dict)
    technologies: tuple = ()

    @property
    def is_annotation(self) -> bool:
        return self.role in ANNOTATION_ROLES

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "label": self.label,
            "category": self.category,
            "role": self.role,
            "icon": self.icon,
            "description": self.description,
            "defaults": dict(self.defaults),
            "technologies": list(self.technologies),
        }


@dataclass(frozen=True)
class Catalog:
    kinds: dict[str, Kind]
    categories: list[dict]
    props: dict[str, dict]
    edge_props: dict[str, dict]
    edge_kinds: list[dict]
    #: Per role, the standard props the Inspector shows first (the rest are behind "More").
    role_specs: dict[str, dict] = field(default_factory=dict)
    #: Ordered rules {source?: [roles], target?: [roles], kind}: the first match is a new connection's kind.
    connection_defaults: list[dict] = field(default_factory=list)
    #: Per ML task, features the editor's Features tab suggests ({name, category, type, freshness}).
    feature_suggestions: dict[str, list[dict]] = field(default_factory=dict)

    @property
    def edge_kind_ids(self) -> list[str]:
        return [k["id"] for k in self.edge_kinds]

    @property
    def roles(self) -> set[str]:
        return {k.role for k in self.kinds.values()}

    def kind(self, kind_id: str) -> Kind:
        return self.kinds[kind_id]

    def category(self, category_id: str) -> dict:
        return next(c for c in self.categories if c["id"] == category_id)

    def as_dict(self) -> dict:
        """The catalog as served by GET /api/catalog/."""
        return {
            "categories": self.categories,
            "kinds": [k.as_dict() for k in self.kinds.values()],
            "props": self.props,
            "edge_props": self.edge_props,
            "edge_kinds": self.edge_kinds,
            "roles": self.role_specs,
            "connection_defaults": self.connection_defaults,
            "feature_suggestions": self.feature_suggestions,
        }


def problems(raw: dict) -> list[str]:
    """Consistency problems in raw catalog data (empty when the catalog is sound)."""
    found = []
    category_ids = {c["id"] for c in raw.get("categories", [])}
    prop_names = set(raw.get("props", {}))
    seen = set()
    for i, k in enumerate(raw.get("kinds", [])):
        where = f"kinds[{i}] ({k.get('id')})"
        for key in ("id", "label", "category", "role", "icon", "description"):
            if not isinstance(k.get(key), str) or not k.get(key):
                found.append(f"{where}: missing {key}")
        if k.get("id") in seen:
            found.append(f"{where}: duplicate id")
        seen.add(k.get("id"))
        if k.get("category") not in category_ids:
            found.append(f"{where}: unknown category {k.get('category')!r}")
        for prop in k.get("defaults", {}):
            if prop not in prop_names:
                found.append(f"{where}: default for unknown prop {prop!r}")
    for i, e in enumerate(raw.get("edge_kinds", [])):
        where = f"edge_kinds[{i}] ({e.get('id')})"
        for key in ("id", "label", "help", "color"):
            if not isinstance(e.get(key), str) or not e.get(key):
                found.append(f"{where}: missing {key}")
        if e.get("style") not in EDGE_LINE_STYLES:
            found.append(f"{where}: style must be one of {', '.join(sorted(EDGE_LINE_STYLES))}")
        if e.get("arrowhead") not in EDGE_ARROWHEADS:
            found.append(f"{where}: arrowhead must be one of {', '.join(sorted(EDGE_ARROWHEADS))}")
        dash = e.get("dash")
        if dash is not None and not (isinstance(dash, str) and dash.replace(" ", "").replace(".", "").isdigit()):
            found.append(f'{where}: dash must be null or SVG dash lengths such as "8 5"')
        if isinstance(e.get("width"), bool) or not isinstance(e.get("width"), int | float) or e["width"] <= 0:
            found.append(f"{where}: width must be a positive number")
    kind_roles = {k.get("role") for k in raw.get("kinds", [])}
    roles = raw.get("roles", {})
    for role, spec in roles.items():
        if role not in kind_roles:
            found.append(f"roles.{role}: no kind has this role")
        if not isinstance(spec, dict) or not isinstance(spec.get("props"), list):
            found.append(f"roles.{role}: must declare props, the list of standard props that apply to it")
            continue
        for prop in spec["props"]:
            if prop not in prop_names:
                found.append(f"roles.{role}.props: unknown prop {prop!r}")
            elif raw["props"][prop].get("scope") == "canvas":
                found.append(f"roles.{role}.props: {prop!r} is a drawing aid every component has, not a role's prop")
    # Each role says which standard props apply to it (the Inspector shows those, the rest under
    # More), so a kind's defaults must be among them: a default the reviewer reads is never hidden.
    for i, k in enumerate(raw.get("kinds", [])):
        spec = roles.get(k.get("role"))
        if spec is None:
            found.append(f"kinds[{i}] ({k.get('id')}): role {k.get('role')!r} is not declared in roles")
        elif isinstance(spec, dict) and isinstance(spec.get("props"), list):
            for prop in k.get("defaults", {}):
                if prop in prop_names and prop not in spec["props"]:
                    found.append(
                        f"kinds[{i}] ({k.get('id')}): default for {prop!r}, which roles.{k['role']}.props does not list"
                    )
    edge_kind_ids = {k.get("id") for k in raw.get("edge_kinds", [])}
    for i, rule in enumerate(raw.get("connection_defaults", [])):
        where = f"connection_defaults[{i}]"
        if rule.get("kind") not in edge_kind_ids:
            found.append(f"{where}: unknown edge kind {rule.get('kind')!r}")
        for end in ("source", "target"):
            for role in rule.get(end, []):
                if role not in kind_roles:
                    found.append(f"{where}.{end}: unknown role {role!r}")
    found += _suggestion_problems(raw.get("feature_suggestions", {}))
    return found


def _suggestion_problems(suggestions: dict) -> list[str]:
    """Suggested features are valid features of the document format (designer/format.py), per known task."""
    from designer.format import FEATURE_CATEGORIES, FEATURE_TYPES, FRESHNESS_LEVELS, TASKS

    found = []
    for task, features in suggestions.items():
        if task not in TASKS:
            found.append(f"feature_suggestions.{task}: unknown task")
        for i, f in enumerate(features):
            where = f"feature_suggestions.{task}[{i}]"
            if not isinstance(f.get("name"), str) or not f.get("name"):
                found.append(f"{where}: missing name")
            if f.get("category") not in FEATURE_CATEGORIES:
                found.append(f"{where}: unknown category {f.get('category')!r}")
            if f.get("type") not in FEATURE_TYPES:
                found.append(f"{where}: unknown type {f.get('type')!r}")
            if f.get("freshness") not in FRESHNESS_LEVELS:
                found.append(f"{where}: freshness must be one of {', '.join(FRESHNESS_LEVELS)}")
    return found


class CatalogError(Exception):
    """The catalog data is inconsistent; the message lists every problem."""


@lru_cache(maxsize=1)
def get_catalog() -> Catalog:
    """The built-in catalog, loaded once per process."""
    return load(json.loads(CATALOG_PATH.read_text(encoding="utf-8")))


def load(raw: dict) -> Catalog:
    """A Catalog from raw catalog data; CatalogError naming every problem when it is inconsistent."""
    found = problems(raw)
    if found:
        raise CatalogError("the component catalog is inconsistent:\n" + "\n".join(found))
    kinds = {
        k["id"]: Kind(
            id=k["id"],
            label=k["label"],
            category=k["category"],
            role=k["role"],
            icon=k["icon"],
            description=k["description"],
            defaults=dict(k.get("defaults", {})),
            technologies=tuple(k.get("technologies", ())),
        )
        for k in raw["kinds"]
    }
    return Catalog(
        kinds=kinds,
        categories=raw["categories"],
        props=raw["props"],
        edge_props=raw["edge_props"],
        edge_kinds=raw["edge_kinds"],
        role_specs=raw.get("roles", {}),
        connection_defaults=raw.get("connection_defaults", []),
        feature_suggestions=raw.get("feature_suggestions", {}),
    )
