"""Builds DOT for a design through the graphviz package: user text escaped, attributes from an allow-list."""

from __future__ import annotations

import re
import textwrap

import graphviz
from graphviz.quoting import NoHtml, quote

from component_catalog.catalog import get_catalog

from . import styles

DRAWN, AUTO = "drawn", "auto"
LAYOUTS = (DRAWN, AUTO)

#: Every attribute the exporter may set. No URL, href, image, id from user text or HTML-like label.
ALLOWED_ATTRS = frozenset(
    {
        "arrowhead",
        "color",
        "fillcolor",
        "fixedsize",
        "fontcolor",
        "fontname",
        "fontsize",
        "height",
        "id",
        "label",
        "labeljust",
        "labelloc",
        "margin",
        "penwidth",
        "pos",
        "shape",
        "style",
        "width",
        "xlabel",
    }
)

#: Characters XML 1.0 cannot carry (and lone surrogates, which cannot be encoded): never reach the SVG.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def display_text(value: str) -> str:
    """User text as it may be drawn: characters XML cannot hold become U+FFFD, nothing else changes."""
    return _UNPRINTABLE.sub("\ufffd", value)


def wrap(text: str, width_px: float, font_size: float) -> list[str]:
    """Lines of at most the characters that fit `width_px`; explicit newlines are kept."""
    per_line = max(8, int(width_px / (font_size * styles.CHAR_WIDTH)))
    lines: list[str] = []
    for paragraph in display_text(text).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if len(paragraph) <= per_line and paragraph.strip() == paragraph:
            lines.append(paragraph)
            continue
        lines.extend(textwrap.wrap(paragraph, per_line, break_long_words=True, break_on_hyphens=False) or [""])
    return lines


def dot_label(lines: list[str], end: str = r"\n") -> str:
    """A DOT label from plain lines: each line escaped, so backslashes and <...> stay literal text."""
    return graphviz.nohtml(end.join(graphviz.escape(line) for line in lines) + (end if end != r"\n" else ""))


def attrs(**values: str) -> dict:
    """Graphviz attributes, refusing any name outside ALLOWED_ATTRS (a guard against future edits)."""
    unknown = set(values) - ALLOWED_ATTRS
    if unknown:
        raise ValueError(f"attribute not on the export allow-list: {sorted(unknown)}")
    return values


def _value(value: str) -> str:
    """User text (NoHtml from dot_label) through graphviz's quote(); our own values (colours,
    numbers, shape names) quoted directly, refusing any that could end or escape the string."""
    if isinstance(value, NoHtml):
        return quote(value)
    if '"' in value or "\\" in value:
        raise ValueError(f"exporter value needs escaping: {value!r}")
    return f'"{value}"'


def statement(head: str, values: dict) -> str:
    """One DOT statement (a node, an edge, or node/edge defaults) for our own node names.

    Appended to the graph body directly: the per-call overhead of Digraph.node/edge and of
    quoting our own constants was a third of the export time on large designs."""
    if not values.keys() <= ALLOWED_ATTRS:
        raise ValueError(f"attribute not on the export allow-list: {sorted(values.keys() - ALLOWED_ATTRS)}")
    return f"\t{head} [{' '.join(f'{key}={_value(value)}' for key, value in values.items())}]\n"


def box_size(node: dict) -> tuple[float, float]:
    return float(node.get("width", styles.NODE_WIDTH)), float(node.get("height", styles.NODE_HEIGHT))


def node_lines(node: dict, width_px: float) -> list[str]:
    """What a box says: its label and kind (notes: label and text; groups: label)."""
    kind = get_catalog().kind(node["kind"])
    label = node.get("label", "")
    inner = width_px - 12
    if node["kind"] in styles.OUTLINES:
        return wrap(label or kind.label, inner, styles.FONT_SIZE)
    if node["kind"] == "text":
        return wrap(node.get("text", "") or label or kind.label, inner, styles.FONT_SIZE)
    if node["kind"] == "note":
        return [
            *(wrap(label, inner, styles.FONT_SIZE) if label else []),
            *wrap(node.get("text", ""), inner, styles.FONT_SIZE),
        ]
    # A custom component says the role it plays ("Custom: cache"), as a catalog box says its kind.
    kind_line = f"Custom: {node['role'].replace('_', ' ')}" if node.get("role") else kind.label
    if not label or label == kind.label:
        return [kind_line]
    return [*wrap(label, inner, styles.FONT_SIZE), kind_line]


def finding_marks(findings) -> tuple[dict[str, list], dict[str, list]]:
    """Node id → [(number, severity)] and edge id → [(number, severity)]; findings are numbered from 1."""
    nodes: dict[str, list] = {}
    edges: dict[str, list] = {}
    for number, finding in enumerate(findings or [], start=1):
        for node_id in finding.nodes:
            nodes.setdefault(node_id, []).append((number, finding.severity))
        for edge_id in finding.edges:
            edges.setdefault(edge_id, []).append((number, finding.severity))
    return nodes, edges


def worst(marks: list) -> str:
    return min(
        (severity for _, severity in marks),
        key=lambda s: styles.SEVERITY_ORDER.index(s) if s in styles.SEVERITY_ORDER else 99,
    )


#: A bold marker character's advance at size 1 (wider than CHAR_WIDTH's average: digits, brackets and commas in bold).
MARKER_CHAR_WIDTH = 0.7


def marker(marks: list) -> str:
    return "[" + ",".join(str(number) for number, _ in marks) + "]"


_STYLE_KEYS = ("shape", "style", "fillcolor", "color")
_DEFAULT_SIZE = {"width": f"{styles.NODE_WIDTH / 72:.4f}", "height": f"{styles.NODE_HEIGHT / 72:.4f}"}


def _node_attrs(index: int, node: dict, marks: dict, fixed: bool) -> dict:
    width, height = box_size(node)
    lines = node_lines(node, width)
    is_group = node["kind"] in styles.OUTLINES
    values = {
        **styles.node_style(node["kind"]),
        "id": f"n{index}",
        "label": dot_label(lines, end=r"\l") if is_group else dot_label(lines),
        "width": f"{width / 72:.4f}",
        "height": f"{height / 72:.4f}",
    }
    if is_group:
        values["labelloc"] = "t"
    if not fixed:
        values["fixedsize"] = "false"
    node_marks = marks.get(node["id"])
    if node_marks:
        values.update(
            color=styles.SEVERITY_COLORS.get(worst(node_marks), styles.TEXT_COLOR),
            penwidth=styles.FINDING_PENWIDTH,
            xlabel=marker(node_marks),
        )
    return attrs(**values)


def _edge_attrs(index: int, edge: dict, marks: dict) -> dict:
    values = {**styles.edge_style(edge["kind"]), "id": f"e{index}"}
    lines = (
        wrap(edge["label"], 30 * styles.EDGE_FONT_SIZE * styles.CHAR_WIDTH, styles.EDGE_FONT_SIZE)
        if edge.get("label")
        else []
    )
    edge_marks = marks.get(edge["id"])
    if edge_marks:
        colour = styles.SEVERITY_COLORS.get(worst(edge_marks), styles.TEXT_COLOR)
        lines = [marker(edge_marks) + (" " + lines[0] if lines else ""), *lines[1:]]
        values.update(color=colour, fontcolor=colour, penwidth=styles.FINDING_PENWIDTH)
    if lines:
        values["label"] = dot_label(lines)
    return attrs(**values)


def _graph(engine: str, comment: str, graph_attr: dict) -> graphviz.Digraph:
    return graphviz.Digraph(
        engine=engine,
        comment=comment,
        graph_attr={"fontname": styles.FONT, "bgcolor": "transparent", **graph_attr},
        node_attr={
            "fontname": styles.FONT,
            "fontsize": str(styles.FONT_SIZE),
            "fixedsize": "true",
            **_DEFAULT_SIZE,
            "fontcolor": styles.TEXT_COLOR,
            "margin": "0.08,0.04",
        },
        edge_attr={"fontname": styles.FONT, "fontsize": str(styles.EDGE_FONT_SIZE)},
    )


def group_depths(nodes: list) -> dict[str, int]:
    """How deep each node sits in groups (0 at the top), without recursion and linear in the nodes.

    The document is valid: parents exist, are groups and nest without a cycle.
    """
    by_id = {n["id"]: n for n in nodes}
    depths: dict[str, int] = {}
    for node in nodes:
        chain = []
        current = node
        while current["id"] not in depths and current.get("parent"):
            chain.append(current["id"])
            current = by_id[current["parent"]]
        base = depths.setdefault(current["id"], 0 if not current.get("parent") else depths[current["id"]])
        for offset, node_id in enumerate(reversed(chain), start=1):
            depths[node_id] = base + offset
    return depths


def canvas_bounds(document: dict) -> tuple[float, float, float, float]:
    """(min x, min y, max x, max y) of every box on the canvas, in canvas px."""
    boxes = [(n["x"], n["y"], *box_size(n)) for n in document.get("nodes", [])] or [(0, 0, 0, 0)]
    return (
        min(x for x, _, _, _ in boxes),
        min(y for _, y, _, _ in boxes),
        max(x + w for x, _, w, _ in boxes),
        max(y + h for _, y, _, h in boxes),
    )


def build_drawn(document: dict, findings=None) -> graphviz.Digraph:
    """Boxes where the canvas has them: centres pinned for `neato -n2`, y negated, groups drawn first."""
    node_marks, edge_marks = finding_marks(findings)
    graph = _graph(
        "neato",
        "Positions as drawn: render with neato -n2",
        {"notranslate": "true", "splines": "line", "outputorder": "nodesfirst", "pad": "0"},
    )
    nodes = document.get("nodes", [])
    depths = group_depths(nodes)
    left, top, right, bottom = canvas_bounds(document)
    # Finding markers ("[1,2,3]") sit outside their box, above and to the left: room for the widest one, so a box
    # at the edge of the canvas never has its marker cut off.
    widest = max((len(marker(m)) for m in node_marks.values()), default=0) * styles.FONT_SIZE * MARKER_CHAR_WIDTH
    pad_left = styles.MARGIN + widest
    pad_top = styles.MARGIN + (styles.FONT_SIZE * styles.LINE_HEIGHT if widest else 0)
    # Invisible anchors at the canvas corners keep graphviz from cropping to the boxes alone.
    for name, (x, y) in (
        ("a0", (left - pad_left, top - pad_top)),
        ("a1", (right + styles.MARGIN, bottom + styles.MARGIN)),
    ):
        graph.node(
            name, label="", _attributes=attrs(style="invis", width="0.01", height="0.01", pos=f"{x:.2f},{-y:.2f}")
        )
    # Groups and frames first, outer groups before inner, so they are drawn behind what they surround.
    order = sorted(
        range(len(nodes)),
        key=lambda i: (
            nodes[i]["kind"] not in styles.OUTLINES,
            depths[nodes[i]["id"]] if nodes[i]["kind"] == "group" else 0,
        ),
    )
    names = {}
    current: dict = {}
    for i in order:
        node = nodes[i]
        width, height = box_size(node)
        names[node["id"]] = f"n{i}"
        values = _node_attrs(i, node, node_marks, fixed=True)
        values["pos"] = f"{node['x'] + width / 2:.2f},{-(node['y'] + height / 2):.2f}"
        # A `node [...]` default per run of same-styled boxes: the DOT (and its quoting) stays small on big designs.
        style = {key: values[key] for key in _STYLE_KEYS}
        if style != current:
            graph.body.append(statement("node", style))
            current = style
        graph.body.append(
            statement(
                f"n{i}",
                {
                    k: v
                    for k, v in values.items()
                    if not (k in style and style[k] == v) and not (k in _DEFAULT_SIZE and _DEFAULT_SIZE[k] == v)
                },
            )
        )
    _add_edges(graph, document.get("edges", []), names, edge_marks)
    return graph


def _add_edges(graph: graphviz.Digraph, edges: list, names: dict, marks: dict) -> None:
    """Edges grouped by kind under one `edge [...]` default each; only id, label and finding colours per edge."""
    for kind in {edge["kind"]: None for edge in edges}:
        style = styles.edge_style(kind)
        graph.body.append(statement("edge", style))
        for i, edge in enumerate(edges):
            if edge["kind"] == kind:
                values = _edge_attrs(i, edge, marks)
                graph.body.append(
                    statement(
                        f"{names[edge['source']]} -> {names[edge['target']]}",
                        {k: v for k, v in values.items() if not (k in style and style[k] == v)},
                    )
                )


def build_auto(document: dict, findings=None, edges_drawn: bool = True) -> graphviz.Digraph:
    """Graphviz `dot`, left to right, groups as (nested) clusters; boxes keep their canvas size."""
    node_marks, edge_marks = finding_marks(findings)
    nodes = document.get("nodes", [])
    edges = document.get("edges", [])
    graph = _graph(
        "dot",
        "Automatic layout: render with dot",
        {
            "rankdir": "LR",
            "newrank": "true",
            "nslimit": "2",
            "mclimit": "0.5",
            "outputorder": "nodesfirst",
            "pad": "0.2",
            "nodesep": "0.35",
            "ranksep": "0.7",
            "splines": ("spline" if len(edges) <= 300 else "line") if edges_drawn else "",
        },
    )
    children: dict = {}
    for i, node in enumerate(nodes):
        children.setdefault(node.get("parent"), []).append(i)
    depths = group_depths(nodes)
    # Clusters are built innermost first (deepest groups before their parents), so no walk recurses.
    clusters: dict[int, graphviz.Digraph] = {}

    def fill(container: graphviz.Digraph, parent) -> None:
        for i in children.get(parent, []):
            if nodes[i]["kind"] == "group":
                container.subgraph(clusters.pop(i))
            else:
                container.body.append(statement(f"n{i}", _node_attrs(i, nodes[i], node_marks, fixed=True)))

    groups = sorted((i for i, n in enumerate(nodes) if n["kind"] == "group"), key=lambda i: -depths[nodes[i]["id"]])
    for i in groups:
        node = nodes[i]
        cluster = graphviz.Digraph(name=f"cluster_n{i}")
        style = styles.node_style("group")
        cluster.attr(
            _attributes=attrs(
                id=f"n{i}",
                label=dot_label(wrap(node.get("label") or "Group", 400, styles.FONT_SIZE)),
                labeljust="l",
                style=style["style"],
                fillcolor=style["fillcolor"],
                color=style["color"],
                fontcolor=styles.TEXT_COLOR,
            )
        )
        fill(cluster, node["id"])
        if not children.get(node["id"]):
            # graphviz drops an empty cluster; an invisible box keeps the group on the page.
            cluster.node(f"p{i}", label="", _attributes=attrs(style="invis"))
        clusters[i] = cluster
    fill(graph, None)
    _add_edges(graph, edges, {n["id"]: f"n{i}" for i, n in enumerate(nodes)}, edge_marks)
    return graph


def export_dot(document: dict, layout: str = DRAWN, findings=None) -> str:
    """DOT source of the design (drawn: for `neato -n2`; auto: for `dot`)."""
    graph = build_drawn(document, findings) if layout == DRAWN else build_auto(document, findings)
    return graph.source
