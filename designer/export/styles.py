"""Export styling as data: fonts, sizes and colours; nodes by catalog category, edges by catalog edge kind."""

from __future__ import annotations

from functools import cache

from component_catalog.catalog import get_catalog

#: Generic family only: a named font would fall back differently in every renderer.
FONT = "sans-serif"
FONT_SIZE = 12
EDGE_FONT_SIZE = 10
TITLE_FONT_SIZE = 20
SUMMARY_FONT_SIZE = 12
LEGEND_FONT_SIZE = 11
#: Rough advance of one character in FONT at size 1: used to size boxes and wrap text.
CHAR_WIDTH = 0.6
LINE_HEIGHT = 1.35

#: The editor's default box size (React Flow node), used when a node has no width/height.
NODE_WIDTH = 180
NODE_HEIGHT = 64
#: Space around the drawing, in px.
MARGIN = 24
BACKGROUND = "#ffffff"
TEXT_COLOR = "#0f172a"
MUTED_COLOR = "#475569"

SEVERITY_COLORS = {"error": "#dc2626", "warning": "#d97706", "info": "#2563eb"}
SEVERITY_ORDER = ("error", "warning", "info")
FINDING_PENWIDTH = "3"

#: Graphviz attributes per catalog shape; the catalog names the shape, this says how to draw it.
SHAPES = {
    "box": {"shape": "box", "style": "rounded,filled"},
    "cylinder": {"shape": "cylinder", "style": "filled"},
    "note": {"shape": "note", "style": "filled"},
}
#: Kinds drawn unlike their category.
KIND_OVERRIDES = {
    "group": {"shape": "box", "style": "rounded,filled,dashed", "fillcolor": "#f8fafc", "color": "#94a3b8"},
    "note": {"shape": "note", "style": "filled", "fillcolor": "#fef9c3", "color": "#a16207"},
    "text": {"shape": "plaintext", "style": "solid", "fillcolor": "transparent", "color": "transparent"},
    "frame": {"shape": "box", "style": "rounded", "fillcolor": "transparent", "color": "#475569"},
}
#: Kinds drawn as an outline with their label top-left, behind the boxes they surround.
OUTLINES = frozenset({"group", "frame"})

#: Mermaid arrows per edge kind (Mermaid has three line styles; colour comes from linkStyle).
MERMAID_ARROWS = {"request": "-->", "data": "-.->", "telemetry": "-.->", "deploy": "==>", "control": "-.->"}


@cache
def _node_style(kind_id: str) -> tuple:
    catalog = get_catalog()
    kind = catalog.kind(kind_id)
    category = catalog.category(kind.category)
    style = {
        **SHAPES.get(category["shape"], SHAPES["box"]),
        "fillcolor": category["color"],
        "color": category["stroke"],
    }
    style.update(KIND_OVERRIDES.get(kind_id, {}))
    return tuple(style.items())


def node_style(kind_id: str) -> dict:
    """Graphviz fill, outline and shape attributes for a node of this kind (computed once per kind)."""
    return dict(_node_style(kind_id))


def legend_stroke(kind: dict) -> dict:
    """SVG stroke attributes for a catalog edge kind in the legend: its own dash pattern and width
    (the catalog's data, the same the editor draws), at half width to fit a legend swatch."""
    stroke = {"stroke": kind["color"], "stroke_width": f"{kind['width'] / 2:g}"}
    if kind.get("dash"):
        stroke["stroke_dasharray"] = ",".join(kind["dash"].split())
    return stroke


def edge_style(kind_id: str) -> dict:
    """Graphviz colour, line style and arrowhead for an edge of this kind (the editor's legend)."""
    kind = next(k for k in get_catalog().edge_kinds if k["id"] == kind_id)
    return {"color": kind["color"], "fontcolor": kind["color"], "style": kind["style"], "arrowhead": kind["arrowhead"]}
