"""The design document mlsd-design/1 and its operations, defined once as pydantic types built from the catalog.

From these types come the checker's structural checks (designer/document.py adds only what needs
the whole document: ids, references, group nesting, "did you mean"), the exact shape of every
operation (designer/ops.py), the published JSON Schema (/schemas/mlsd-design-1.json) and the
editor's TypeScript types (`make contracts`).

Why pydantic v2 and TypedDicts: pydantic-core checks a 5,000-node / 20,000-edge document in tens of
milliseconds (bench/document.py), where a pure-Python jsonschema walk takes seconds; it generates
the JSON Schema; its errors carry locations that `explain` turns into the documented messages.
TypedDicts rather than models because a document is stored exactly as it arrived: a missing field
and a null are different things, and strict mode coerces nothing ("1" is not a number).

Kinds, props and edge kinds are read from the catalog (component_catalog/catalog.json), so a new
kind, prop or edge kind there needs no change here.

How to add a document field: add it to the TypedDict below (`NotRequired[...]` unless every
document has it) with a type from this module, or a new `Annotated[...]` type with a `Say(...)` when
the default message for its kind of error is not the right one. Then run `make contracts` (JSON
Schema, TypeScript types, docs table) and describe it in docs/format.md. Nothing else changes: the
checker, the schema, the op vocabulary (`node.update`'s `set` takes every node field but `id` and
`props`) and the editor's types follow.
"""

import json
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Annotated, Any, Literal, NotRequired, Union

from pydantic import ConfigDict, Discriminator, Field, Tag, TypeAdapter
from pydantic.json_schema import GenerateJsonSchema
from typing_extensions import NoExtraItems, TypeAliasType, TypedDict

from component_catalog.catalog import ANNOTATION_ROLES, Catalog, get_catalog
from designer import limits
from designer.jsonvalues import child_path, number_problem

FORMAT = "mlsd-design/1"
TASKS = ("classification", "regression", "ranking", "generation", "other")
#: A feature's category, its type, and a signal's kind (docs/format.md "Features and signals").
FEATURE_CATEGORIES = ("user", "item", "context", "cross", "other")
FEATURE_TYPES = ("numeric", "categorical", "embedding", "text", "image", "sequence")
SIGNAL_KINDS = ("implicit", "explicit")
#: A feature's freshness need: a named level, or a number of seconds. The levels' bounds in seconds
#: (how old a served value may be): a feature refreshed daily or hourly may be two periods old (the
#: last run read data up to a period old); real-time means streamed or computed from the request;
#: a static feature never goes stale.
FRESHNESS_LEVELS: dict[str, float | None] = {"static": None, "daily": 172800, "hourly": 7200, "real-time": 60}
#: Features whose bound is at most this many seconds are "real-time" for the reviewer and the rubric.
REAL_TIME_S = 60
SEVERITIES = ("error", "warning", "info")
#: The kind whose node says which catalog role it plays (its `role` field).
CUSTOM_KIND = "custom"

STRICT = ConfigDict(strict=True, extra="forbid")


def type_name(value: Any) -> str:
    """A JSON value's type in plain words, for messages."""
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


Template = str | Callable[[dict], str]


@dataclass(frozen=True)
class Say:
    """How errors at a field read: `any` for every error, or templates by pydantic error type.

    Templates are `str.format`ted with: type (the input's type in words), value (the input as
    Python prints it), json (the input as JSON, cut to 60 characters), str (the input as text, cut
    to 64), n (the input's length), limit (the constraint's bound). `suggest` names the set a "did
    you mean" hint comes from (see designer/document.py).
    """

    any: Template | None = None
    by_type: dict = field(default_factory=dict)
    suggest: str | None = None
    #: where a missing field is reported: "parent" (the object, 'missing "x"') or "field"
    missing_at: str = "parent"

    def __hash__(self):  # used as Annotated metadata, which pydantic may hash
        return id(self)


def say(any: Template | None = None, *, suggest: str | None = None, missing_at: str = "parent", **by_type) -> Say:
    return Say(any=any, by_type=by_type, suggest=suggest, missing_at=missing_at)


#: Messages by pydantic error type, when the field's Say has none.
DEFAULT_MESSAGES: dict[str, Template] = {
    "string_type": "must be a string, not {type}",
    "string_too_long": "is {n} characters; the limit is {limit}",
    "string_too_short": "must not be empty",
    "bool_type": "must be true or false, not {type}",
    "float_type": "must be a number, not {type}",
    "int_type": "must be a whole number, not {type}",
    "finite_number": "must be a finite number",
    "dict_type": "must be an object, not {type}",
    "typed_dict_type": "must be an object, not {type}",
    "list_type": "must be a list, not {type}",
    "too_long": "has {n} entries; the limit is {limit}",
    "literal_error": "must be one of {choices}, not {json}",
    "greater_than": "must be positive, not {value}",
    "greater_than_equal": "must be at least {limit}, not {value}",
    "less_than_equal": "must be at most {limit}, not {value}",
    "multiple_of": "must be a whole number, not {value}",
    "string_pattern_mismatch": "is not in the expected form",
    "none_required": "must be null",
}

# --- field types ------------------------------------------------------------------------------


def Text(limit: int, **by_type) -> Any:
    return Annotated[str, Field(max_length=limit), say(**by_type)]


Label = Text(limits.LABEL_CHARS)
LongText = Text(limits.TEXT_CHARS)
Id = Annotated[
    str,
    Field(pattern=limits.ID_PATTERN, description="1–64 characters of A-Z a-z 0-9 _ . : -"),
    say("must be 1–64 characters of letters, digits and _ . : -"),
]
PropName = Annotated[
    str,
    Field(pattern=limits.PROP_NAME_PATTERN),
    say("a prop name is lower_snake_case, at most 40 characters"),
]
RuleId = Annotated[str, Field(pattern=limits.RULE_ID_PATTERN), say("must be a kebab-case rule id")]
Coord = Annotated[
    float,
    Field(ge=-limits.COORD, le=limits.COORD, allow_inf_nan=False),
    say(f"must be a number between -{limits.COORD} and {limits.COORD}"),
]
Size = Annotated[
    float,
    Field(gt=0, le=limits.COORD, allow_inf_nan=False),
    say(f"must be a positive number up to {limits.COORD}"),
]
Positive = Annotated[float, Field(gt=0, allow_inf_nan=False), say(greater_than="must be positive, not {value}")]
Metric = Annotated[
    str,
    Field(min_length=1, max_length=limits.METRIC_CHARS, pattern=r"\S"),
    say(
        "must be a non-empty string",
        string_too_long=f"is longer than {limits.METRIC_CHARS} characters",
    ),
]
Metrics = Annotated[
    list[Metric],
    Field(max_length=limits.METRICS),
    say(
        list_type="must be a list of strings, not {type}",
        too_long="has {n} metrics; the limit is {limit}",
    ),
]
Task = TypeAliasType("Task", Literal[TASKS])  # type: ignore[valid-type]
FeatureCategory = TypeAliasType("FeatureCategory", Literal[FEATURE_CATEGORIES])  # type: ignore[valid-type]
FeatureType = TypeAliasType("FeatureType", Literal[FEATURE_TYPES])  # type: ignore[valid-type]
SignalKind = TypeAliasType("SignalKind", Literal[SIGNAL_KINDS])  # type: ignore[valid-type]
FreshnessLevel = TypeAliasType("FreshnessLevel", Literal[tuple(FRESHNESS_LEVELS)])  # type: ignore[valid-type]
FeatureName = Text(limits.FEATURE_NAME_CHARS)


def _choice(alias: Any, choices: tuple) -> Any:
    return Annotated[alias, say("must be one of " + ", ".join(choices) + ", not {json}")]


Freshness = Annotated[
    FreshnessLevel | Annotated[float, Field(gt=0, allow_inf_nan=False)],
    Field(union_mode="left_to_right", description="static, daily, hourly, real-time, or a number of seconds"),
    say("must be one of " + ", ".join(FRESHNESS_LEVELS) + ", or a positive number of seconds, not {json}"),
]


def freshness_s(value: Any) -> float | None:
    """A feature's freshness need in seconds (None: static, never stale)."""
    if isinstance(value, str):
        return FRESHNESS_LEVELS.get(value)
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def is_real_time(feature: dict) -> bool:
    """Whether a feature must be at most REAL_TIME_S seconds old when served."""
    bound = freshness_s(feature.get("freshness"))
    return bound is not None and bound <= REAL_TIME_S


Severity = TypeAliasType("Severity", Literal[SEVERITIES])  # type: ignore[valid-type]
PropValue = TypeAliasType("PropValue", str | float | bool | None)


#: Props with no catalog (the editor's type): any lower_snake_case name, any PropValue.
GenericProps = TypeAliasType(  # type: ignore[misc]  # named Props in the generated TypeScript
    "Props",
    Annotated[
        dict[PropName, PropValue],  # type: ignore[valid-type]
        Field(max_length=limits.PROPS_PER_ITEM),
        say(dict_type="must be an object, not {type}", too_long="has {n} props; the limit is {limit}"),
    ],
)


def _custom_prop_value() -> Any:
    message = f"a custom prop is a string (at most {limits.LABEL_CHARS} characters), number, boolean or null"
    return Annotated[
        Annotated[str, Field(max_length=limits.LABEL_CHARS)]
        | Annotated[float, Field(allow_inf_nan=False)]
        | bool
        | None,
        Field(union_mode="left_to_right"),
        say(message),
    ]


def _prop_type(spec: dict) -> Any:
    """The type of a catalog prop (component_catalog/catalog.json's `props` / `edge_props`)."""
    kind = spec["type"]
    description = spec.get("help")
    if kind == "boolean":
        return Annotated[bool, Field(description=description)]
    if kind == "enum":
        choices = ", ".join(spec["choices"])
        return Annotated[
            Literal[tuple(spec["choices"])],  # type: ignore[valid-type]
            Field(description=description),
            say(f"must be one of {choices}, not {{json}}"),
        ]
    if kind == "string":
        return Annotated[str, Field(max_length=limits.LABEL_CHARS, description=description)]
    if kind not in ("number", "integer"):
        raise ValueError(f"catalog prop type {kind!r} has no place in designer/format.py's _prop_type")
    constraints: dict = {"allow_inf_nan": False, "description": description}
    messages: dict = {"float_type": "must be a number, not {type}"}
    if "min" in spec:
        constraints["ge"] = spec["min"]
        messages["greater_than_equal"] = f"must be at least {spec['min']}, not {{value}}"
    if kind == "integer":
        # A whole number, also when written 40.0: documents that said so stay valid.
        constraints["multiple_of"] = 1
    return Annotated[float, Field(**constraints), say(**messages)]


def _props_type(name: str, specs: dict | None) -> Any:
    """A node's or edge's props: the catalog's typed props plus custom ones (notes for humans)."""
    custom = _custom_prop_value()
    if specs is None:
        return GenericProps
    fields = {prop: NotRequired[_prop_type(spec)] for prop, spec in specs.items()}
    typed = TypedDict(name, fields, extra_items=custom)  # type: ignore[call-arg, operator, misc]
    typed.__pydantic_config__ = ConfigDict(strict=True, extra="allow")  # type: ignore[attr-defined]
    return Annotated[
        typed,
        Field(
            json_schema_extra={
                "maxProperties": limits.PROPS_PER_ITEM,
                "propertyNames": {"pattern": limits.PROP_NAME_PATTERN},
            }
        ),
        say(typed_dict_type="must be an object, not {type}"),
        PropsRules(),
    ]


@dataclass(frozen=True)
class EditorPresent:
    """Marker: optional in the format, but the editor's TypeScript type says the field is there
    (the editor has always treated a document's nodes and edges as lists it can read)."""


@dataclass(frozen=True)
class PropsRules:
    """Marker: the prop-name pattern and the props count, which a TypedDict cannot state, are
    checked by designer/document.py on every props object (the schema states them above)."""

    max_props: int = limits.PROPS_PER_ITEM


@dataclass(frozen=True)
class Format:
    """The types of one catalog's format (or, with no catalog, the catalog-free shapes for TypeScript)."""

    document: Any
    node: Any
    edge: Any
    op: Any
    ops: Any
    node_fields: tuple[str, ...]
    edge_fields: tuple[str, ...]
    node_settable: tuple[str, ...]
    edge_settable: tuple[str, ...]
    problem_fields: tuple[str, ...]
    feature_fields: tuple[str, ...]
    signal_fields: tuple[str, ...]
    feature_settable: tuple[str, ...]
    signal_settable: tuple[str, ...]
    problem_numbers: tuple[str, ...]
    problem_lists: tuple[str, ...]
    settings_fields: tuple[str, ...]
    top_fields: tuple[str, ...]

    @property
    def document_adapter(self) -> TypeAdapter:
        return _adapter(self, "document")

    @property
    def ops_adapter(self) -> TypeAdapter:
        return _adapter(self, "ops")


_ADAPTERS: dict[tuple[int, str], TypeAdapter] = {}


def _adapter(fmt: Format, which: str) -> TypeAdapter:
    key = (id(fmt), which)
    if key not in _ADAPTERS:
        _ADAPTERS[key] = TypeAdapter(getattr(fmt, which))
    return _ADAPTERS[key]


def _settable(name: str, typed: Any, fields: tuple[str, ...], unknown: str) -> Any:
    """A `set` object: any of `fields` with its own type, or null to remove it."""
    hints = typed.__annotations__
    annotations = {f: NotRequired[_unwrap_not_required(hints[f]) | None] for f in fields}
    settable = TypedDict(name, annotations)  # type: ignore[operator, misc]
    settable.__pydantic_config__ = STRICT  # type: ignore[attr-defined]
    return Annotated[
        settable, say(typed_dict_type="must be an object of field → value, not {type}", extra_forbidden=unknown)
    ]


def _unwrap_not_required(hint: Any) -> Any:
    origin = getattr(hint, "__origin__", None)
    if origin is NotRequired:
        return hint.__args__[0]
    return hint


def build(catalog: Catalog | None) -> Format:
    """The format's types for `catalog`; with None, kinds are plain strings and props any PropValue."""
    if catalog is None:
        NodeKind: Any = Annotated[str, say()]
        EdgeKind: Any = Annotated[str, say()]
        Role: Any = Annotated[str, say()]
        Icon: Any = Annotated[str, say()]
    else:
        kind_ids = tuple(catalog.kinds)
        NodeKind = Annotated[
            Literal[kind_ids],  # type: ignore[valid-type]
            Field(description="a catalog kind id (GET /api/catalog/)"),
            say(literal_error=_unknown_kind, suggest="kinds"),
        ]
        # A custom component plays one of the components' roles (not an annotation's, not "custom").
        role_ids = tuple(sorted(r for r in catalog.roles if r not in ANNOTATION_ROLES and r != CUSTOM_KIND))
        Role = Annotated[
            Literal[role_ids],  # type: ignore[valid-type]
            Field(description="the catalog role a custom component plays (what the reviewer reasons about)"),
            say(literal_error='unknown role "{str}"', suggest="roles"),
        ]
        icon_ids = tuple(sorted({kind.icon for kind in catalog.kinds.values()}))
        Icon = Annotated[
            Literal[icon_ids],  # type: ignore[valid-type]
            Field(description="one of the icons the catalog's kinds use"),
            say(literal_error='unknown icon "{str}"', suggest="icons"),
        ]
        edge_ids = tuple(catalog.edge_kind_ids)
        EdgeKind = Annotated[
            Literal[edge_ids],  # type: ignore[valid-type]
            say(f"must be one of {', '.join(edge_ids)}, not {{json}}", suggest="edge_kinds"),
        ]
    NodeProps = _props_type("NodeProps", catalog.props if catalog else None)
    EdgeProps = _props_type("EdgeProps", catalog.edge_props if catalog else None)
    Ref = Annotated[str, Field(pattern=limits.ID_PATTERN), say('no node "{str}"', suggest="nodes")]
    Parent = Annotated[
        str | None,
        Field(description="id of a node of kind group"),
        say("must be the id of a group or null, not {type}"),
    ]

    class Problem(TypedDict):
        __pydantic_config__ = STRICT  # type: ignore[misc]
        statement: NotRequired[LongText]
        task: NotRequired[Annotated[Task, say("must be one of " + ", ".join(TASKS) + ", not {json}", suggest="tasks")]]
        latency_slo_ms: NotRequired[Positive]
        peak_qps: NotRequired[Positive]
        feature_freshness_s: NotRequired[Positive]
        model_freshness_s: NotRequired[Positive]
        corpus_size: NotRequired[Positive]
        tokens_per_request: NotRequired[Positive]
        offline_metrics: NotRequired[Metrics]
        online_metrics: NotRequired[Metrics]

    class DesignNode(TypedDict):
        __pydantic_config__ = STRICT  # type: ignore[misc]
        id: Id
        kind: Annotated[NodeKind, say(string_type="must be a string, not {type}")]
        label: NotRequired[Label]
        x: Coord
        y: Coord
        width: NotRequired[Size]
        height: NotRequired[Size]
        parent: NotRequired[Parent]
        text: NotRequired[LongText]
        role: NotRequired[Role]
        icon: NotRequired[Icon]
        props: NotRequired[NodeProps]

    class DesignEdge(TypedDict):
        __pydantic_config__ = STRICT  # type: ignore[misc]
        id: Id
        source: Ref
        target: Ref
        kind: EdgeKind
        label: NotRequired[Label]
        props: NotRequired[EdgeProps]

    NodeRef = Annotated[
        str, Field(pattern=limits.ID_PATTERN, description="a component's node id"), say('no node "{str}"')
    ]

    class Feature(TypedDict):
        __pydantic_config__ = STRICT  # type: ignore[misc]
        id: Id
        name: FeatureName
        category: _choice(FeatureCategory, FEATURE_CATEGORIES)  # type: ignore[valid-type]
        type: _choice(FeatureType, FEATURE_TYPES)  # type: ignore[valid-type]
        freshness: Freshness
        computed_by: NotRequired[NodeRef]
        served_by: NotRequired[NodeRef]

    class Signal(TypedDict):
        __pydantic_config__ = STRICT  # type: ignore[misc]
        id: Id
        name: FeatureName
        kind: _choice(SignalKind, SIGNAL_KINDS)  # type: ignore[valid-type]
        is_label: bool
        source: NotRequired[NodeRef]

    class Settings(TypedDict):
        __pydantic_config__ = STRICT  # type: ignore[misc]
        disabled_rules: NotRequired[
            Annotated[
                list[RuleId],
                Field(max_length=limits.RULES_LISTED),
                say(
                    list_type="must be a list of rule ids, not {type}",
                    too_long="lists {n} rules; the limit is {limit}",
                ),
            ]
        ]
        severity: NotRequired[
            Annotated[
                dict[
                    Annotated[str, Field(pattern=limits.RULE_ID_PATTERN), say("is not a kebab-case rule id")],
                    Annotated[Severity, say("must be one of " + ", ".join(SEVERITIES) + ", not {json40}")],
                ],
                Field(max_length=limits.RULES_LISTED),
                say(
                    dict_type="must be an object of rule id → severity, not {type}",
                    too_long="lists {n} rules; the limit is {limit}",
                ),
            ]
        ]

    Nodes = Annotated[
        list[DesignNode],
        Field(max_length=limits.NODES),
        say(too_long="has {n} nodes; the limit is {limit}", typed_dict_type="must be an object, not {type}"),
    ]
    Edges = Annotated[
        list[DesignEdge], Field(max_length=limits.EDGES), say(too_long="has {n} edges; the limit is {limit}")
    ]

    Features = Annotated[
        list[Feature], Field(max_length=limits.FEATURES), say(too_long="has {n} features; the limit is {limit}")
    ]
    Signals = Annotated[
        list[Signal], Field(max_length=limits.SIGNALS), say(too_long="has {n} signals; the limit is {limit}")
    ]

    class DesignDocument(TypedDict):
        __pydantic_config__ = STRICT  # type: ignore[misc]
        format: Annotated[
            Literal[FORMAT],  # type: ignore[valid-type]
            say(f'must be "{FORMAT}", not {{json}}', missing=f'missing; it must be "{FORMAT}"', missing_at="field"),
        ]
        title: NotRequired[Label]
        problem: NotRequired[Problem]
        nodes: NotRequired[Annotated[Nodes, EditorPresent()]]
        edges: NotRequired[Annotated[Edges, EditorPresent()]]
        features: NotRequired[Features]
        signals: NotRequired[Signals]
        settings: NotRequired[Settings]

    node_fields = tuple(DesignNode.__annotations__)
    edge_fields = tuple(DesignEdge.__annotations__)
    node_settable = tuple(f for f in node_fields if f not in ("id", "props"))
    edge_settable = tuple(f for f in edge_fields if f not in ("id", "props"))
    problem_fields = tuple(Problem.__annotations__)
    settings_fields = tuple(Settings.__annotations__)
    feature_fields = tuple(Feature.__annotations__)
    signal_fields = tuple(Signal.__annotations__)
    feature_settable = tuple(f for f in feature_fields if f != "id")
    signal_settable = tuple(f for f in signal_fields if f != "id")

    def changeable(fields):
        return f"cannot be changed; changeable fields are {', '.join(fields)}"

    NodeSet = _settable("NodeSet", DesignNode, node_settable, changeable(node_settable))
    EdgeSet = _settable("EdgeSet", DesignEdge, edge_settable, changeable(edge_settable))
    ProblemSet = _settable("ProblemSet", Problem, problem_fields, changeable(problem_fields))
    SettingsSet = _settable("SettingsSet", Settings, settings_fields, changeable(settings_fields))
    FeatureSet = _settable("FeatureSet", Feature, feature_settable, changeable(feature_settable))
    SignalSet = _settable("SignalSet", Signal, signal_settable, changeable(signal_settable))
    Position = Annotated[
        int,
        Field(ge=0, le=max(limits.FEATURES, limits.SIGNALS)),
        say("must be a position in the list (a whole number from 0)"),
    ]
    PropsPatch = Annotated[
        dict[PropName, PropValue],  # type: ignore[valid-type]
        Field(max_length=limits.PROPS_PER_ITEM),
        say(dict_type="must be an object of prop → value, not {type}", too_long="has {n} props; the limit is {limit}"),
    ]
    Unset = Annotated[
        list[Annotated[str, Field(max_length=limits.PROP_NAME_CHARS)]],
        Field(max_length=limits.PROPS_PER_ITEM),
        say(list_type="must be a list of prop names, not {type}", string_type="must be a list of prop names"),
    ]
    ItemId = Annotated[str, Field(max_length=limits.ID_CHARS), say("must be the string id of a node or edge")]
    EntryId = Annotated[str, Field(max_length=limits.ID_CHARS), say("must be the string id of a feature or signal")]

    def op_type(name: str, op: str, fields: dict) -> Any:
        typed = TypedDict(name, {"op": Literal[op], **fields})  # type: ignore[operator, valid-type, misc]
        typed.__pydantic_config__ = STRICT  # type: ignore[attr-defined]
        return Annotated[typed, Tag(op)]

    op_types = (
        op_type("NodeAdd", "node.add", {"node": DesignNode}),
        op_type(
            "NodeUpdate",
            "node.update",
            {"id": ItemId, "set": NotRequired[NodeSet], "props": NotRequired[PropsPatch], "unset": NotRequired[Unset]},
        ),
        op_type("NodeRemove", "node.remove", {"id": ItemId}),
        op_type("EdgeAdd", "edge.add", {"edge": DesignEdge}),
        op_type(
            "EdgeUpdate",
            "edge.update",
            {"id": ItemId, "set": NotRequired[EdgeSet], "props": NotRequired[PropsPatch], "unset": NotRequired[Unset]},
        ),
        op_type("EdgeRemove", "edge.remove", {"id": ItemId}),
        op_type("ProblemUpdate", "problem.update", {"set": NotRequired[ProblemSet]}),
        op_type("TitleSet", "title.set", {"title": Label}),
        op_type("SettingsUpdate", "settings.update", {"set": NotRequired[SettingsSet]}),
        op_type("FeatureAdd", "feature.add", {"feature": Feature, "index": NotRequired[Position]}),
        op_type("FeatureUpdate", "feature.update", {"id": EntryId, "set": NotRequired[FeatureSet]}),
        op_type("FeatureRemove", "feature.remove", {"id": EntryId}),
        op_type("FeatureMove", "feature.move", {"id": EntryId, "index": Position}),
        op_type("SignalAdd", "signal.add", {"signal": Signal, "index": NotRequired[Position]}),
        op_type("SignalUpdate", "signal.update", {"id": EntryId, "set": NotRequired[SignalSet]}),
        op_type("SignalRemove", "signal.remove", {"id": EntryId}),
        op_type("SignalMove", "signal.move", {"id": EntryId, "index": Position}),
        op_type("DocumentReplace", "document.replace", {"document": DesignDocument}),
    )
    op_names = tuple(t.__metadata__[0].tag for t in op_types)
    Op = TypeAliasType(
        "Op",
        Annotated[
            Union[op_types],  # type: ignore[valid-type]  # noqa: UP007 — a Union of a tuple built above
            Discriminator(_op_tag),
            say(
                union_tag_invalid="unknown operation {optag}; known: " + ", ".join(op_names),
                union_tag_not_found=lambda ctx: (
                    "an operation is a JSON object"
                    if not isinstance(ctx["input"], dict)
                    else "unknown operation None; known: " + ", ".join(op_names)
                ),
                model_attributes_type="an operation is a JSON object",
                typed_dict_type="an operation is a JSON object",
            ),
        ],
    )
    Ops = Annotated[
        list[Op],  # type: ignore[valid-type]
        Field(max_length=limits.OPS_PER_BATCH),
        say(
            list_type="must be a list of operations",
            too_long="has {n} operations; the limit is {limit} per batch",
        ),
    ]
    return Format(
        document=DesignDocument,
        node=DesignNode,
        edge=DesignEdge,
        op=Op,
        ops=Ops,
        node_fields=node_fields,
        edge_fields=edge_fields,
        node_settable=node_settable,
        edge_settable=edge_settable,
        problem_fields=problem_fields,
        feature_fields=feature_fields,
        signal_fields=signal_fields,
        feature_settable=feature_settable,
        signal_settable=signal_settable,
        problem_numbers=tuple(f for f, h in Problem.__annotations__.items() if _unwrap(h)[0] is float),
        problem_lists=tuple(
            f for f, h in Problem.__annotations__.items() if getattr(_unwrap(h)[0], "__origin__", None) is list
        ),
        settings_fields=settings_fields,
        top_fields=tuple(DesignDocument.__annotations__),
    )


def _op_tag(value: Any) -> Any:
    if isinstance(value, dict):
        tag = value.get("op")
        return tag if isinstance(tag, str) else None
    return None


def _unknown_kind(ctx: dict) -> str:
    value = ctx["input"]
    if not isinstance(value, str):
        return f"must be a string, not {type_name(value)}"
    return f'unknown kind "{value[:64]}"'


def format_json(value: Any, limit: int = 60) -> str:
    try:
        return json.dumps(value)[:limit]
    except (TypeError, ValueError):
        return repr(value)[:limit]


_FORMATS: dict[int, tuple[Catalog, Format]] = {}


def current() -> Format:
    """The format of the catalog in use (built once per catalog)."""
    catalog = get_catalog()
    cached = _FORMATS.get(id(catalog))
    if cached is None or cached[0] is not catalog:
        cached = _FORMATS[id(catalog)] = (catalog, build(catalog))
    return cached[1]


@lru_cache(maxsize=1)
def generic() -> Format:
    """The catalog-free shapes (kinds are strings), which the editor's TypeScript types come from."""
    return build(None)


# --- from pydantic errors to the documented messages -----------------------------------------


@dataclass
class Issue:
    """One problem before it is listed: its pydantic location (for ordering), path and message."""

    loc: tuple
    path: str
    message: str
    order: tuple = ()
    #: (candidate set name, value, candidates or None): a "did you mean" hint may be added; designer/document.py bounds them
    suggest: tuple | None = None


def _unwrap(hint: Any) -> tuple[Any, list]:
    """(the bare type, every metadata object) through Annotated, NotRequired and type aliases."""
    metadata: list = []
    while True:
        if isinstance(hint, TypeAliasType):
            hint = hint.__value__
            continue
        origin = getattr(hint, "__origin__", None)
        if origin is NotRequired:
            hint = hint.__args__[0]
            continue
        if hasattr(hint, "__metadata__"):
            metadata = list(hint.__metadata__) + metadata
            hint = hint.__origin__
            continue
        return hint, metadata


def _is_typed_dict(hint: Any) -> bool:
    return isinstance(hint, type) and hasattr(hint, "__required_keys__")


def _union_args(hint: Any) -> tuple | None:
    return typing.get_args(hint) if typing.get_origin(hint) in (Union, types.UnionType) else None


def _position(container: Any, key: Any) -> int:
    if isinstance(container, dict):
        for i, k in enumerate(container):
            if k == key:
                return i
    return 0


def _says(metadata: list) -> list[Say]:
    return [m for m in metadata if isinstance(m, Say)]


def _template(says: list[Say], kind: str) -> Template | None:
    for s in reversed(says):
        if kind in s.by_type:
            return s.by_type[kind]
    for s in reversed(says):
        if s.any is not None and kind not in ("missing", "extra_forbidden"):
            return s.any
    return DEFAULT_MESSAGES.get(kind)


def _render(template: Template, error: Mapping[str, Any], extra: dict) -> str:
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if callable(template):
        return template({"input": value, **ctx})
    limit = next((ctx[k] for k in ("max_length", "ge", "gt", "le", "lt", "min_length") if k in ctx), "")
    if isinstance(limit, float) and limit.is_integer():
        limit = int(limit)
    values = {
        "type": type_name(value),
        "value": value,
        "json": format_json(value),
        "json40": format_json(value, 40),
        "str": str(value)[:64],
        "n": len(value) if isinstance(value, (str, list, dict)) else "",
        "limit": limit,
        "choices": ctx.get("expected", "").replace("'", ""),
        "optag": repr(str(ctx.get("tag", ""))[:40]),
        **extra,
    }
    return template.format(**values)


def explain(root: Any, value: Any, errors: Sequence[Mapping[str, Any]], root_path: str = "$") -> list[Issue]:
    """pydantic's errors for `value` (checked against type `root`) as Issues with documented messages."""
    issues = []
    for error in errors:
        issue = _explain_one(root, value, error, root_path)
        if issue is not None:
            issues.append(issue)
    return issues


def _explain_one(root: Any, value: Any, error: Mapping[str, Any], root_path: str) -> Issue | None:
    loc = tuple(error["loc"])
    kind = error["type"]
    hint, metadata = _unwrap(root)
    container_says: list[Say] = []
    path, parent_path, order = root_path, root_path, []
    current = value
    i = 0
    field_name = None
    container_fields: tuple = ()
    while i < len(loc):
        elem = loc[i]
        union = _union_args(hint)
        if union is not None:
            members = [m for m in union if m is not type(None)]
            discriminated = any(isinstance(m, Discriminator) for m in metadata)
            if discriminated:
                chosen = next((m for m in members if any(getattr(t, "tag", None) == elem for t in _unwrap(m)[1])), None)
                if chosen is None:
                    break
                hint, more = _unwrap(chosen)
                metadata = metadata + more
                i += 1
                continue
            if len(members) == 1:
                hint, more = _unwrap(members[0])
                metadata = metadata + more
                continue
            break  # a plain union's member tag: the union's own message applies
        container_says = _says(metadata)
        if _is_typed_dict(hint):
            hints = hint.__annotations__
            container_fields = tuple(hints)
            extra_items = getattr(hint, "__extra_items__", NoExtraItems)
            extra_items = None if extra_items is NoExtraItems else extra_items
            parent_path, path = path, child_path(path, elem)
            field_name = elem
            if elem in hints:
                position = (_position(current, elem), 0) if extra_items is not None else (list(hints).index(elem), 0)
                order.append(position)
                hint, metadata = _unwrap(hints[elem])
            elif extra_items is not None and extra_items is not type(None):
                order.append((_position(current, elem), 0))
                hint, metadata = _unwrap(extra_items)
            else:
                order.append((-1, _position(current, elem)))
                hint, metadata = Any, []
            current = current.get(elem) if isinstance(current, dict) else None
        elif getattr(hint, "__origin__", None) is list:
            parent_path, path = path, f"{path}[{elem}]"
            order.append((elem if isinstance(elem, int) else 0, 0))
            hint, metadata = _unwrap(hint.__args__[0])
            current = (
                current[elem] if isinstance(current, list) and isinstance(elem, int) and elem < len(current) else None
            )
            field_name = None
        elif getattr(hint, "__origin__", None) is dict:
            key_type, value_type = hint.__args__
            if i + 1 < len(loc) and loc[i + 1] == "[key]":
                parent_path, path = path, child_path(path, elem)
                order.append((_position(current, elem), 0))
                hint, metadata = _unwrap(key_type)
                i += 2
                break
            parent_path, path = path, child_path(path, elem)
            order.append((_position(current, elem), 0))
            hint, metadata = _unwrap(value_type)
            current = current.get(elem) if isinstance(current, dict) else None
            field_name = elem
        else:
            break
        i += 1
    while (union := _union_args(hint)) is not None:
        members = [m for m in union if m is not type(None)]
        if len(members) != 1:
            break
        hint, more = _unwrap(members[0])
        metadata = metadata + more
    says = _says(metadata)
    suggest_from = next((s.suggest for s in reversed(says) if s.suggest), None)
    if kind == "missing":
        missing_at = next((s.missing_at for s in reversed(says) if s.missing_at != "parent"), "parent")
        template = next((s.by_type["missing"] for s in reversed(says) if "missing" in s.by_type), 'missing "{field}"')
        message = _render(template, error, {"field": field_name})
        return Issue(loc, path if missing_at == "field" else parent_path, message, tuple(order))
    if kind == "extra_forbidden":
        template = next(
            (s.by_type["extra_forbidden"] for s in reversed(container_says) if "extra_forbidden" in s.by_type), None
        )
        if template is None:
            message = f'unknown field "{str(field_name)[:64]}"'
            return Issue(loc, path, message, tuple(order), ("fields", str(field_name), container_fields))
        return Issue(loc, path, _render(template, error, {}), tuple(order))
    if kind in ("union_tag_invalid", "union_tag_not_found") and isinstance(error.get("input"), dict):
        path = child_path(path, "op")
    template = _template(says, kind) or error.get("msg", "is not valid")
    message = number_problem(error.get("input")) or _render(template, error, {})
    suggest = (suggest_from, error.get("input"), None) if suggest_from and isinstance(error.get("input"), str) else None
    return Issue(loc, path, message, tuple(order), suggest)


# --- the published JSON Schema --------------------------------------------------------------


class _Schema(GenerateJsonSchema):
    """pydantic's generator without a title on every field (the names say it)."""

    def field_title_should_be_set(self, schema) -> bool:
        return False


def schema_of(hint: Any, title: str, schema_id: str) -> dict:
    """The JSON Schema (draft 2020-12) of one of this module's types."""
    body = TypeAdapter(hint).json_schema(schema_generator=_Schema)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": schema_id, **body, "title": title}


def document_schema() -> dict:
    """/schemas/mlsd-design-1.json: the document of the catalog in use."""
    return schema_of(current().document, f"MLSD Designer design document ({FORMAT})", "/schemas/mlsd-design-1.json")
