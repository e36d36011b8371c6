"""Portable SVG of a design: graphviz draws the graph; we add title, summary, legend, findings and metadata."""

from __future__ import annotations

import json
import math
import re
import xml.etree.ElementTree as ET

from component_catalog.catalog import get_catalog
from designer.features import FEATURE_COLUMNS, feature_rows, signal_lines

from . import styles
from .dot import AUTO, DRAWN, build_auto, build_drawn, display_text, finding_marks, worst, wrap
from .render import EXPORT_LIMITS, ExportFailed, check_size, run_graphviz

SVG_NS = "http://www.w3.org/2000/svg"
#: Our namespace for the embedded document: a URN, so nothing in the file points at a network address.
DOC_NS = "urn:mlsd-designer:document"
ET.register_namespace("", SVG_NS)
ET.register_namespace("mlsd", DOC_NS)

_TRANSLATE = re.compile(r"translate\(\s*([-\d.]+)[ ,]+([-\d.]+)\s*\)")
_S = f"{{{SVG_NS}}}"


def _num(value) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)


def _el(parent, tag: str, text: str | None = None, **attributes) -> ET.Element:
    element = ET.SubElement(parent, _S + tag, {k.replace("_", "-"): _num(v) for k, v in attributes.items()})
    if text is not None:
        element.text = text
    return element


def _text_width(text: str, size: float) -> float:
    return len(text) * size * styles.CHAR_WIDTH


def _summary_lines(document: dict) -> list[str]:
    """The problem in one or two lines: task, SLO, QPS, freshness, corpus, metrics, statement."""
    problem = document.get("problem", {})
    facts = []
    if problem.get("task"):
        facts.append(f"Task: {problem['task']}")
    labels = (
        ("latency_slo_ms", "p99 SLO {} ms"),
        ("peak_qps", "peak {} QPS"),
        ("feature_freshness_s", "features fresh within {} s"),
        ("model_freshness_s", "model fresh within {} s"),
        ("corpus_size", "corpus {} items"),
    )
    for key, template in labels:
        if key in problem:
            value = problem[key]
            facts.append(template.format(f"{value:,}" if float(value).is_integer() else f"{value:g}"))
    lines = [" · ".join(facts)] if facts else []
    metrics = [
        f"{name} metrics: {', '.join(problem[key])}"
        for key, name in (("offline_metrics", "Offline"), ("online_metrics", "Online"))
        if problem.get(key)
    ]
    if metrics:
        lines.append(" · ".join(metrics))
    if problem.get("statement"):
        lines.extend(wrap(problem["statement"], 900, styles.SUMMARY_FONT_SIZE))
    return [display_text(line) for line in lines]


def _legend_items(document: dict) -> list[tuple[str, dict]]:
    catalog = get_catalog()
    used = {catalog.kind(n["kind"]).category for n in document.get("nodes", [])}
    # Groups and notes explain themselves; the legend covers what the boxes and lines mean.
    items = [("category", c) for c in catalog.categories if c["id"] in used and c["id"] != "annotation"]
    return items + [("edge", k) for k in catalog.edge_kinds]


def _draw_legend(parent, items, x0: float, y0: float, width: float) -> float:
    """Swatches for the categories in the design and every edge kind; returns the height used."""
    size = styles.LEGEND_FONT_SIZE
    row_height = size * 2
    _el(parent, "text", "Legend", x=x0, y=y0 + size, font_size=size, font_weight="bold", fill=styles.TEXT_COLOR)
    x, y = x0 + _text_width("Legend", size) + 16, y0
    for kind, item in items:
        item_width = 40 + _text_width(item["label"], size) + 18
        if x + item_width > x0 + width and x > x0:
            x, y = x0, y + row_height
        middle = y + size * 0.6
        if kind == "category":
            _el(
                parent,
                "rect",
                x=x + 8,
                y=middle - 7,
                width=24,
                height=14,
                rx=3,
                fill=item["color"],
                stroke=item["stroke"],
            )
        else:
            _el(parent, "line", x1=x, y1=middle, x2=x + 32, y2=middle, **styles.legend_stroke(item))
            tip = x + 40
            if item["arrowhead"] == "dot":
                _el(parent, "circle", cx=tip - 4, cy=middle, r=3.5, fill=item["color"])
            elif item["arrowhead"] == "tee":
                _el(
                    parent,
                    "line",
                    x1=x + 32,
                    y1=middle,
                    x2=tip - 2,
                    y2=middle,
                    stroke=item["color"],
                    stroke_width="1.5",
                )
                _el(
                    parent,
                    "line",
                    x1=tip - 2,
                    y1=middle - 5,
                    x2=tip - 2,
                    y2=middle + 5,
                    stroke=item["color"],
                    stroke_width="2",
                )
            else:
                filled = "none" if item["arrowhead"] == "empty" else item["color"]
                notch = tip - 6 if item["arrowhead"] == "vee" else tip - 8
                _el(
                    parent,
                    "polygon",
                    points=f"{tip - 8},{middle - 4} {tip},{middle} {tip - 8},{middle + 4} {notch},{middle}",
                    fill=filled,
                    stroke=item["color"],
                )
        _el(parent, "text", item["label"], x=x + 40 + 4, y=middle + size * 0.35, font_size=size, fill=styles.TEXT_COLOR)
        x += item_width
    return y - y0 + row_height


#: The findings list's marker column ("[12] warning"), in characters.
MARK_CHARS = 12


def _finding_lines(findings, width_px: float) -> list[tuple[str, str, str]]:
    """(marker, severity, text) lines of the findings list, wrapped to fit `width_px` after the marker."""
    lines = []
    room = width_px - _text_width(" " * MARK_CHARS, styles.LEGEND_FONT_SIZE)
    for number, finding in enumerate(findings, start=1):
        text = display_text(f"{finding.rule}: {finding.message}" + (f" Fix: {finding.fix}" if finding.fix else ""))
        for i, part in enumerate(wrap(text, room, styles.LEGEND_FONT_SIZE)):
            lines.append((f"[{number}] {finding.severity}" if i == 0 else "", finding.severity, part))
    return lines


#: The widest a features table column grows (px); longer text is cut with "…".
FEATURE_COLUMN_MAX = 220


def _cut(text: str, width: float, size: float) -> str:
    most = max(4, int(width / (size * styles.CHAR_WIDTH)))
    return text if len(text) <= most else text[: most - 1] + "…"


def _features_table(document: dict, x0: float, y0: float) -> tuple[ET.Element | None, float, float]:
    """The features table and signals list, drawn from (x0, y0): (group, width, height), or None when empty."""
    rows = [tuple(display_text(c) for c in row) for row in feature_rows(document)]
    signals = [display_text(line) for line in signal_lines(document)]
    if not rows and not signals:
        return None, 0.0, 0.0
    size = styles.LEGEND_FONT_SIZE
    line = size * styles.LINE_HEIGHT
    widths = [
        min(FEATURE_COLUMN_MAX, max(_text_width(text, size) for text in (heading, *(r[i] for r in rows)))) + 14
        for i, heading in enumerate(FEATURE_COLUMNS)
    ]
    group = ET.Element(_S + "g", id="features")
    y = y0 + size
    _el(group, "text", f"Features ({len(rows)})", x=x0, y=y, font_size=size, font_weight="bold", fill=styles.TEXT_COLOR)
    width = sum(widths)
    if rows:
        for r, row in enumerate([FEATURE_COLUMNS, *rows]):
            y += line
            x = x0
            for i, text in enumerate(row):
                if not text:
                    x += widths[i]
                    continue
                _el(
                    group,
                    "text",
                    _cut(text, widths[i] - 14, size),
                    x=x,
                    y=y,
                    font_size=size,
                    font_weight="bold" if r == 0 else "normal",
                    fill=styles.TEXT_COLOR if r == 0 or i == 0 else styles.MUTED_COLOR,
                )
                x += widths[i]
            if r == 0:
                _el(
                    group,
                    "line",
                    x1=x0,
                    y1=y + 4,
                    x2=x0 + width,
                    y2=y + 4,
                    stroke=styles.MUTED_COLOR,
                    stroke_width="0.5",
                )
    if signals:
        y += line * 1.5
        _el(
            group,
            "text",
            f"Signals ({len(signals)})",
            x=x0,
            y=y,
            font_size=size,
            font_weight="bold",
            fill=styles.TEXT_COLOR,
        )
        for text in signals:
            y += line
            _el(
                group,
                "text",
                _cut(text, 2 * FEATURE_COLUMN_MAX, size),
                x=x0,
                y=y,
                font_size=size,
                fill=styles.MUTED_COLOR,
            )
            width = max(width, min(_text_width(text, size), 2 * FEATURE_COLUMN_MAX))
    return group, width, y - y0 + size


_SIZE = re.compile(r'<svg width="[\d.]+pt" height="[\d.]+pt"\s+viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"')
_GRAPH_OPEN = re.compile(r'<g id="graph0" class="graph" transform="([^"]*)">\s*<title>[^<]*</title>')
_COMMENT = re.compile(r"<!--.*?-->\s*", re.DOTALL)
#: Markup graphviz writes only for URL/href/image attributes, which we never set. User text reaches
#: the file escaped (&lt; &quot;), so these can only appear if that ever changes: then refuse.
_ACTIVE_MARKUP = ("<script", "<a ", "<a>", "<foreignObject", "<image", "<iframe", "<use", 'href="')


def _graph_markup(graph_svg: bytes, layout: str, flagged: dict[str, str]) -> tuple[str, float, float, float, float]:
    """Graphviz's drawing as markup to embed, and its (left, top, width, height) in our coordinates.

    Spliced as text rather than re-serialised: graphviz already escaped every label, and a
    parse/serialise round trip would cost more than the layout itself on large designs."""
    text = graph_svg.decode("utf-8")
    size, opening = _SIZE.search(text), _GRAPH_OPEN.search(text)
    translate = _TRANSLATE.search(opening.group(1)) if opening else None
    if size is None or opening is None or translate is None or any(markup in text for markup in _ACTIVE_MARKUP):
        raise ExportFailed("Graphviz produced an unexpected drawing; the export was stopped.")
    width, height = float(size.group(1)), float(size.group(2))
    tx, ty = (float(v) for v in translate.groups())
    body = _COMMENT.sub("", text[opening.end() : text.rindex("</svg>")])
    for element_id, severity in flagged.items():
        body = _colour_marker(body, element_id, styles.SEVERITY_COLORS.get(severity, styles.TEXT_COLOR))
    if layout == DRAWN:
        # Canvas coordinates straight through: the SVG's user space is the editor's canvas space.
        return '<g id="graph0" class="graph">' + body, -tx, -ty, width, height
    return f'<g id="graph0" class="graph" transform="translate({tx:g} {ty:g})">' + body, 0.0, 0.0, width, height


def _colour_marker(body: str, element_id: str, colour: str) -> str:
    """Colour the finding marker (graphviz writes a node's xlabel as its last text) by severity."""
    start = body.find(f'<g id="{element_id}" class="node">')
    if start < 0:
        return body
    last = body.rfind("<text ", start, body.find("</g>", start))
    close = body.find(">", last)
    tag = re.sub(r'\sfill="[^"]*"', "", body[last:close])
    return body[:last] + f'{tag} fill="{colour}" font-weight="bold"' + body[close:]


def _markup(element: ET.Element) -> str:
    return ET.tostring(element, encoding="unicode")


def compose_svg(document: dict, graph_svg: bytes, layout: str, findings, features: bool = False) -> str:
    """Wrap graphviz's drawing with the title, problem summary, legend, findings, the features table
    (beside the drawing, when asked) and the embedded document."""
    node_marks, _ = finding_marks(findings)
    flagged = {
        f"n{i}": worst(node_marks[n["id"]]) for i, n in enumerate(document.get("nodes", [])) if n["id"] in node_marks
    }
    graph, left, top, gw, gh = _graph_markup(graph_svg, layout, flagged)
    table, table_w, table_h = (
        _features_table(document, left + gw + 2 * styles.MARGIN, top) if features else (None, 0, 0)
    )
    if table is not None:
        gw, gh = gw + 3 * styles.MARGIN + table_w, max(gh, table_h)

    title = display_text(document.get("title", "") or "Untitled design")
    summary = _summary_lines(document)
    legend = _legend_items(document)
    line = styles.SUMMARY_FONT_SIZE * styles.LINE_HEIGHT
    header = styles.MARGIN + styles.TITLE_FONT_SIZE * styles.LINE_HEIGHT + line * len(summary) + 8
    width = max(
        gw,
        _text_width(title, styles.TITLE_FONT_SIZE) + 2 * styles.MARGIN,
        *(_text_width(s, styles.SUMMARY_FONT_SIZE) + 2 * styles.MARGIN for s in summary),
        640,
    )
    x0, y0 = left, top - header
    # Wrapped to the picture's width, so a narrow design never cuts its findings off at the right edge.
    finding_lines = _finding_lines(findings or [], width - 2 * styles.MARGIN)

    head = ET.Element(_S + "g", id="header")
    y = y0 + styles.MARGIN + styles.TITLE_FONT_SIZE
    _el(
        head,
        "text",
        title,
        x=x0 + styles.MARGIN,
        y=y,
        font_size=styles.TITLE_FONT_SIZE,
        font_weight="bold",
        fill=styles.TEXT_COLOR,
    )
    for text in summary:
        y += line
        _el(head, "text", text, x=x0 + styles.MARGIN, y=y, font_size=styles.SUMMARY_FONT_SIZE, fill=styles.MUTED_COLOR)

    y = top + gh + 8
    foot = ET.Element(_S + "g", id="legend")
    y += _draw_legend(foot, legend, x0 + styles.MARGIN, y, width - 2 * styles.MARGIN)
    listing = None
    if finding_lines:
        listing = ET.Element(_S + "g", id="findings")
        y += styles.LEGEND_FONT_SIZE
        _el(
            listing,
            "text",
            f"Findings ({len(findings)})",
            x=x0 + styles.MARGIN,
            y=y,
            font_size=styles.LEGEND_FONT_SIZE,
            font_weight="bold",
            fill=styles.TEXT_COLOR,
        )
        for mark, severity, text in finding_lines:
            y += styles.LEGEND_FONT_SIZE * styles.LINE_HEIGHT
            row = _el(
                listing, "text", x=x0 + styles.MARGIN, y=y, font_size=styles.LEGEND_FONT_SIZE, fill=styles.TEXT_COLOR
            )
            tspan = _el(
                row,
                "tspan",
                mark.ljust(MARK_CHARS) if mark else " " * MARK_CHARS,
                fill=styles.SEVERITY_COLORS.get(severity, styles.TEXT_COLOR),
                font_weight="bold",
            )
            tspan.set("xml:space", "preserve")
            tspan.tail = text
    # Whole pixels, so the PNG (rsvg-convert rounds up) has exactly the SVG's size.
    width, height = math.ceil(width), math.ceil(y + styles.MARGIN - y0)

    root = ET.Element(
        _S + "svg",
        {
            "version": "1.1",
            "font-family": styles.FONT,
            "width": _num(float(width)),
            "height": _num(float(height)),
            "viewBox": " ".join(_num(float(v)) for v in (x0, y0, width, height)),
        },
    )
    _el(root, "title", title)
    metadata = _el(root, "metadata")
    embedded = ET.SubElement(metadata, f"{{{DOC_NS}}}document", {"format": document.get("format", "")})
    embedded.text = json.dumps(document, ensure_ascii=True, separators=(",", ":"))
    _el(root, "rect", x=x0, y=y0, width=width, height=height, fill=styles.BACKGROUND)
    root.append(head)
    # A placeholder keeps the order (header, graph, legend, findings); graphviz's markup replaces it.
    root.append(ET.Element(_S + "g", id="graph-placeholder"))
    if table is not None:
        root.append(table)
    root.append(foot)
    if listing is not None:
        root.append(listing)
    shell = _markup(root)
    placeholder = '<g id="graph-placeholder" />'
    at = shell.index(placeholder)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + shell[:at] + graph + shell[at + len(placeholder) :] + "\n"


def export_svg(document: dict, layout: str = DRAWN, findings=None, features: bool = False) -> str:
    """The design as a self-contained SVG: plain text, generic fonts, the document in <metadata>."""
    check_size(document)
    if layout == DRAWN:
        graph_svg = run_graphviz(
            build_drawn(document, findings).source, "neato", "svg", EXPORT_LIMITS["timeout_s"][DRAWN], pinned=True
        )
    else:
        graph_svg = run_graphviz(build_auto(document, findings).source, "dot", "svg", EXPORT_LIMITS["timeout_s"][AUTO])
    return compose_svg(document, graph_svg, layout, findings, features)
