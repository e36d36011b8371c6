"""Shared test helpers for export: parse SVG output and read what a viewer would see."""

from __future__ import annotations

import re

SVG = "{http://www.w3.org/2000/svg}"

HOSTILE_LABELS = [
    "<script>alert(1)</script>",
    '"];',
    'URL="javascript:alert(1)"',
    "<<b>x</b>>",
    r"ends \l",
    r"node \N here",
    "trailing backslash\\",
    "abc\u202edef",
    "zero\u200bwidth",
    '<a href="x" onclick="y">',
    "L" * 200,
]


def hostile_document(labels=HOSTILE_LABELS) -> dict:
    """One component per label in a row, each connected to the next with the label on the edge too."""
    nodes = [
        {"id": f"h{i}", "kind": "app_service", "label": label, "x": 240 * i, "y": 0} for i, label in enumerate(labels)
    ]
    edges = [
        {"id": f"e{i}", "source": f"h{i}", "target": f"h{i + 1}", "kind": "request", "label": labels[i]}
        for i in range(len(labels) - 1)
    ]
    return {
        "format": "mlsd-design/1",
        "title": labels[0],
        "problem": {},
        "nodes": nodes,
        "edges": edges,
        "settings": {"disabled_rules": [], "severity": {}},
    }


def text_of(element) -> str:
    """Every text node under element, joined without separators, whitespace removed (wrapping adds breaks)."""
    return re.sub(r"\s+", "", "".join(t.text or "" for t in element.iter(SVG + "text")))


def group(root, element_id: str):
    return next(g for g in root.iter(SVG + "g") if g.get("id") == element_id)


def outline(element):
    """The first polygon or path of a node group: its box (rounded boxes are paths)."""
    return next(child for child in element if child.tag in (SVG + "polygon", SVG + "path"))


def box(element) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of a node group's outline."""
    shape = outline(element)
    data = shape.get("points") or shape.get("d")
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", data)]
    xs, ys = numbers[0::2], numbers[1::2]
    return min(xs), min(ys), max(xs), max(ys)
