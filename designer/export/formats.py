"""One entry point per export format: bytes, media type and file extension, the same for API and CLI."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass

from designer.document import canonical_document

from .dot import DRAWN, LAYOUTS, export_dot
from .mermaid import export_mermaid
from .render import EXPORT_LIMITS, check_size, run_rsvg, run_rsvg_pdf
from .svg import export_svg

FORMATS = ("svg", "png", "pdf", "dot", "mermaid", "json")
_VIEWBOX = re.compile(rb'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"')


@dataclass(frozen=True)
class Exported:
    content: bytes
    media_type: str
    extension: str


def export_png(document: dict, layout: str = DRAWN, findings=None, scale: int = 1, features: bool = False) -> bytes:
    """The SVG export rasterised by rsvg-convert at `scale` px per canvas px, scaled down past the size cap."""
    svg = export_svg(document, layout, findings, features).encode("utf-8")
    viewbox = _VIEWBOX.search(svg)
    assert viewbox is not None, "export_svg always writes a viewBox"
    width, height = (float(v) for v in viewbox.groups())
    zoom = min(float(scale), EXPORT_LIMITS["png_side_px"] / max(width, height, 1))
    return run_rsvg(svg, zoom, EXPORT_LIMITS["timeout_s"]["png"])


def export_pdf(document: dict, layout: str = DRAWN, findings=None, features: bool = False) -> bytes:
    """The SVG export as a one-page vector PDF (rsvg-convert): text stays text, the page is the picture's size."""
    svg = export_svg(document, layout, findings, features).encode("utf-8")
    return run_rsvg_pdf([svg], EXPORT_LIMITS["timeout_s"]["pdf"])


def select_nodes(document: dict, ids: list[str]) -> dict:
    """The part of a valid document that `ids` name: those nodes, everything inside named groups, and the
    edges between them; a node whose group is left out loses its `parent`. KeyError names an unknown id."""
    nodes = document.get("nodes", [])
    known = {n["id"] for n in nodes}
    for node_id in ids:
        if node_id not in known:
            raise KeyError(node_id)
    keep = set(ids)
    children: dict = {}
    for node in nodes:
        children.setdefault(node.get("parent"), []).append(node["id"])
    stack = list(keep)
    while stack:
        for child in children.get(stack.pop(), ()):
            if child not in keep:
                keep.add(child)
                stack.append(child)
    kept = []
    for node in nodes:
        if node["id"] in keep:
            node = dict(node)
            if node.get("parent") not in keep:
                node.pop("parent", None)
            kept.append(node)
    edges = [e for e in document.get("edges", []) if e["source"] in keep and e["target"] in keep]
    return {**document, "nodes": kept, "edges": edges}


def export_json(document: dict) -> bytes:
    """The document as readable UTF-8 JSON (\\u escapes only where a string holds a lone surrogate)."""
    try:
        return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    except UnicodeEncodeError:
        return (json.dumps(document, ensure_ascii=True, indent=2) + "\n").encode("utf-8")


def export(
    document: dict, fmt: str, layout: str = DRAWN, findings=None, scale: int = 1, features: bool = False
) -> Exported:
    """The design in `fmt` (one of FORMATS) for a valid document; ExportError for a refusal.
    `scale` (one of EXPORT_LIMITS["png_scales"]) sizes a PNG; `features` draws the features table
    beside the diagram (SVG, PNG, PDF)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}")
    document = canonical_document(document)
    if fmt == "svg":
        return Exported(export_svg(document, layout, findings, features).encode("utf-8"), "image/svg+xml", "svg")
    if fmt == "png":
        return Exported(export_png(document, layout, findings, scale, features), "image/png", "png")
    if fmt == "pdf":
        return Exported(export_pdf(document, layout, findings, features), "application/pdf", "pdf")
    if fmt == "dot":
        check_size(document)
        return Exported(
            export_dot(document, layout, findings).encode("utf-8"), "text/vnd.graphviz; charset=utf-8", "gv"
        )
    if fmt == "mermaid":
        return Exported(export_mermaid(document).encode("utf-8"), "text/plain; charset=utf-8", "mmd")
    return Exported(export_json(document), "application/json", "json")


def safe_filename(title: str, extension: str) -> str:
    """An ASCII file name from a title: letters, digits, dot, dash and underscore only."""
    ascii_title = unicodedata.normalize("NFKD", title or "").encode("ascii", "ignore").decode("ascii")
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_title).strip("-._")[:80] or "design"
    return f"{stem}.{extension}"
