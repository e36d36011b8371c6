"""Mermaid flowchart text from a design, and a design from a Mermaid flowchart/graph subset."""

from __future__ import annotations

import re

from component_catalog.catalog import get_catalog
from designer.document import FORMAT, LIMITS, InvalidDocument, Problem, blank_document, validate_document
from designer.format import CUSTOM_KIND

from . import styles
from .dot import display_text
from .render import check_size

# ---------------------------------------------------------------- export

#: Mermaid words that break a flowchart when used as a node id.
_RESERVED = {"end", "graph", "flowchart", "subgraph", "class", "classdef", "click", "style", "linkstyle", "direction"}


def _mermaid_text(value: str) -> str:
    """Text for inside "...": characters Mermaid or HTML would read as syntax become #code; entities."""
    text = display_text(value).replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    return "".join(f"#{ord(c)};" if c in '"#<>&|`\\' else c for c in text)


def _mermaid_ids(document: dict) -> dict[str, str]:
    ids: dict[str, str] = {}
    used: set[str] = set()
    for node in document.get("nodes", []):
        base = re.sub(r"[^A-Za-z0-9_]", "_", node["id"])
        if base.lower() in _RESERVED or not base[0].isalpha():
            base = "n_" + base
        candidate, n = base, 2
        while candidate in used:
            candidate, n = f"{base}_{n}", n + 1
        used.add(candidate)
        ids[node["id"]] = candidate
    return ids


def export_mermaid(document: dict) -> str:
    """`flowchart LR` text: groups as subgraphs, styles by category and edge kind as classDef/linkStyle."""
    check_size(document)
    catalog = get_catalog()
    nodes = document.get("nodes", [])
    ids = _mermaid_ids(document)
    children: dict = {}
    for node in nodes:
        children.setdefault(node.get("parent"), []).append(node)
    lines = ["flowchart LR"]
    if document.get("title"):
        lines.append(f"  %% {_mermaid_text(document['title'])}")

    # Groups nest as subgraphs, walked with an explicit stack: a design may nest groups thousands deep.
    stack: list[tuple[dict | None, str]] = [(node, "  ") for node in reversed(children.get(None, []))]
    while stack:
        node, indent = stack.pop()
        if node is None:
            lines.append(f"{indent}end")
            continue
        kind = catalog.kind(node["kind"])
        label = node.get("label") or (node.get("text") if node["kind"] == "text" else None) or kind.label
        if node["kind"] == "group":
            lines.append(f'{indent}subgraph {ids[node["id"]]}["{_mermaid_text(label)}"]')
            stack.append((None, indent))
            stack.extend((child, indent + "  ") for child in reversed(children.get(node["id"], [])))
        else:
            shape = ('[("', '")]') if catalog.category(kind.category)["shape"] == "cylinder" else ('["', '"]')
            lines.append(f"{indent}{ids[node['id']]}{shape[0]}{_mermaid_text(label)}{shape[1]}")
    for edge in document.get("edges", []):
        arrow = styles.MERMAID_ARROWS[edge["kind"]]
        label = f'|"{_mermaid_text(edge["label"])}"|' if edge.get("label") else ""
        lines.append(f"  {ids[edge['source']]} {arrow}{label} {ids[edge['target']]}")
    categories = {catalog.kind(n["kind"]).category for n in nodes if n["kind"] != "group"}
    for category in catalog.categories:
        if category["id"] in categories:
            members = [
                ids[n["id"]]
                for n in nodes
                if n["kind"] != "group" and catalog.kind(n["kind"]).category == category["id"]
            ]
            lines.append(f"  classDef cat_{category['id']} fill:{category['color']},stroke:{category['stroke']}")
            lines.append(f"  class {','.join(members)} cat_{category['id']}")
    for index, edge in enumerate(document.get("edges", [])):
        colour = next(k["color"] for k in catalog.edge_kinds if k["id"] == edge["kind"])
        lines.append(f"  linkStyle {index} stroke:{colour}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- import

_HEADER = re.compile(r"^(flowchart|graph)(\s+(TB|TD|BT|RL|LR))?\s*;?$", re.IGNORECASE)
_ID = r"[A-Za-z0-9_][A-Za-z0-9_.-]*"
#: Node shapes, longest openers first so "([" wins over "(".
_SHAPES = (
    ("([", "])"),
    ("[[", "]]"),
    ("[(", ")]"),
    ("((", "))"),
    ("{{", "}}"),
    ("[/", "/]"),
    ("[\\", "\\]"),
    ("[/", "\\]"),
    ("[\\", "/]"),
    ("[", "]"),
    ("(", ")"),
    ("{", "}"),
    (">", "]"),
)
#: Arrows we read, longest first; the line style picks the edge kind.
_ARROWS = (
    ("-.->", "data"),
    ("==>", "deploy"),
    ("-->", "request"),
    ("-.-", "data"),
    ("===", "deploy"),
    ("---", "request"),
)
_IGNORED = re.compile(r"^(classDef|class|style|linkStyle|click|direction)\b", re.IGNORECASE)
_ENTITY = re.compile(r"#(\d{1,7}|[a-z]{2,8});")
_NAMED = {"quot": '"', "amp": "&", "lt": "<", "gt": ">", "nbsp": "\u00a0", "num": "#"}
GRID_COLUMNS = 4
GAP = 60


class _Reader:
    """Reads one statement at a time; every problem carries its line number."""

    def __init__(self):
        self.problems: list[Problem] = []
        self.nodes: dict[str, dict] = {}
        self.edges: list[dict] = []
        self.groups: list[str] = []

    def fail(self, number: int, message: str) -> None:
        self.problems.append(Problem(f"line {number}", message))

    @staticmethod
    def unescape(text: str) -> str:
        text = text.strip()
        if len(text) >= 2 and text[0] == text[-1] == '"':
            text = text[1:-1]

        def entity(match):
            code = match.group(1)
            if code.isdigit():
                value = int(code)
                return chr(value) if 0 < value <= 0x10FFFF and not 0xD800 <= value <= 0xDFFF else match.group(0)
            return _NAMED.get(code, match.group(0))

        return _ENTITY.sub(entity, text).replace("<br>", " ").replace("<br/>", " ")

    def node_ref(self, text: str, number: int) -> str | None:
        """`id` or `id<shape>label<shape>`: declares or refers to a node, returns its id."""
        match = re.match(rf"^({_ID})(.*)$", text.strip(), re.DOTALL)
        if not match:
            self.fail(number, f"cannot read a node in {text.strip()[:60]!r}: a node starts with letters, digits or _")
            return None
        node_id, rest = match.group(1), re.sub(r":::[\w-]+$", "", match.group(2).strip())
        label = None
        if rest:
            for opener, closer in _SHAPES:
                if rest.startswith(opener) and rest.endswith(closer) and len(rest) >= len(opener) + len(closer):
                    label = self.unescape(rest[len(opener) : len(rest) - len(closer)])
                    break
            else:
                self.fail(
                    number,
                    f"cannot read the shape of node {node_id!r}: {rest[:60]!r} (use id[label], id(label), id{{label}} …)",
                )
                return None
        if len(node_id) > 64:
            self.fail(number, f"node id {node_id[:64]!r}… is longer than 64 characters")
            return None
        node = self.nodes.setdefault(node_id, {"id": node_id, "label": None, "parent": None})
        if self.groups and node["parent"] is None and node_id not in self.groups:
            # Like Mermaid: a node belongs to the subgraph it is mentioned in, even if seen before.
            node["parent"] = self.groups[-1]
        if label is not None:
            if len(label) > LIMITS["label_chars"]:
                self.fail(
                    number, f"label of {node_id!r} is {len(label)} characters; the limit is {LIMITS['label_chars']}"
                )
            node["label"] = label
        return node_id

    @staticmethod
    def find_arrow(text: str):
        """(index, token, kind) of the first arrow outside quotes, brackets and |labels|, or None."""
        depth, quoted = 0, False
        for at, char in enumerate(text):
            if char == '"':
                quoted = not quoted
            elif quoted:
                continue
            elif char in "[({":
                depth += 1
            elif char in "])}":
                depth = max(0, depth - 1)
            elif depth == 0:
                for token, kind in _ARROWS:
                    if text.startswith(token, at):
                        return at, token, kind
        return None

    def chain(self, text: str) -> tuple[list[str], list[tuple[str, str | None]]]:
        """Node texts and the (kind, label) arrows between them: `A --> B -.->|x| C`."""
        items: list[str] = []
        arrows: list[tuple[str, str | None]] = []
        while True:
            found = self.find_arrow(text)
            if found is None:
                items.append(text)
                return items, arrows
            at, token, kind = found
            left, right, label = text[:at], text[at + len(token) :], None
            inline = re.match(r"^(.*?)\s*(--|==|-\.)\s+([^\[\](){}]+)$", left)
            if inline:
                left, label = inline.group(1), inline.group(3)
            piped = re.match(r"^\s*\|([^|]*)\|(.*)$", right, re.DOTALL)
            if piped:
                label, right = piped.group(1), piped.group(2)
            items.append(left)
            arrows.append((kind, label))
            text = right

    def statement(self, text: str, number: int) -> None:
        if text.lower() == "end":
            if not self.groups:
                self.fail(number, '"end" without a "subgraph" to close')
            else:
                self.groups.pop()
            return
        sub = re.match(r"^subgraph\s+(.+)$", text, re.IGNORECASE)
        if sub:
            head = sub.group(1).strip()
            if not re.match(rf"^{_ID}\s*(\[.*\])?$", head):
                # `subgraph Some title`: Mermaid makes the title the id; we derive a valid id from it.
                title = self.unescape(head)
                head = re.sub(r"[^A-Za-z0-9_]", "_", title)[:60] + '["' + title.replace('"', "#quot;") + '"]'
            group_id = self.node_ref(head, number)
            if group_id:
                self.nodes[group_id]["group"] = True
                self.groups.append(group_id)
            return
        if "&" in text and self.find_arrow(text):
            self.fail(number, 'cannot read "&" (several nodes in one statement): write one connection per line')
            return
        items, arrows = self.chain(text)
        ids = [self.node_ref(item, number) for item in items]
        if None in ids:
            return
        for (kind, label), source, target in zip(arrows, ids, ids[1:]):
            edge = {"source": source, "target": target, "kind": kind}
            if label is not None and self.unescape(label):
                edge["label"] = self.unescape(label)[: LIMITS["label_chars"]]
            self.edges.append(edge)


def guess_kind(label: str) -> str:
    """A catalog kind whose label, id or a technology matches the text, else a custom component (its role is the
    user's to choose: a guess such as "app service" would have the reviewer reason about the wrong thing)."""
    catalog = get_catalog()
    wanted = re.sub(r"[\s_-]+", " ", label.strip().lower())
    for kind in catalog.kinds.values():
        if kind.is_annotation:
            continue
        if wanted in (kind.label.lower(), kind.id.replace("_", " ")):
            return kind.id
    for kind in catalog.kinds.values():
        if any(wanted == t.lower() for t in kind.technologies):
            return kind.id
    return CUSTOM_KIND


def _grid(reader: _Reader) -> list[dict]:
    """Boxes in rows of GRID_COLUMNS, each group sized around its own grid of children."""
    children: dict = {}
    for node_id, node in reader.nodes.items():
        children.setdefault(node["parent"], []).append(node_id)
    placed: dict[str, dict] = {}

    def arrange(parent, left: float, top: float, sizes: dict) -> tuple[float, float]:
        """Place parent's children with their top-left at (left, top); returns the extent used."""
        members = children.get(parent, [])
        x, y, row_height, width = left, top, 0.0, 0.0
        for index, member in enumerate(members):
            if index and index % GRID_COLUMNS == 0:
                x, y, row_height = left, y + row_height + GAP, 0.0
            placed[member] = {"x": x, "y": y, "size": sizes[member]}
            x += sizes[member][0] + GAP
            row_height = max(row_height, sizes[member][1])
            width = max(width, x - GAP - left)
        return width, (y + row_height - top) if members else 0.0

    # Sizes bottom-up, then positions top-down, each with an explicit stack (subgraphs may nest
    # thousands deep; recursion ran out at ~400).
    order: list[str | None] = []  # groups, parents before children
    stack: list[str | None] = [None]
    while stack:
        parent = stack.pop()
        order.append(parent)
        stack.extend(m for m in children.get(parent, []) if reader.nodes[m].get("group"))
    sizes: dict = {}
    for parent in reversed(order):
        for member in children.get(parent, []):
            if not reader.nodes[member].get("group"):
                sizes[member] = (styles.NODE_WIDTH, styles.NODE_HEIGHT)
        if parent is not None:
            width, height = arrange(parent, 0, 0, sizes)
            sizes[parent] = (width + 2 * GAP / 2, height + GAP)
    for parent in order:
        if parent is None:
            arrange(None, 0, 0, sizes)
        else:
            spot = placed[parent]
            arrange(parent, spot["x"] + GAP / 2, spot["y"] + GAP * 0.75, sizes)
    out = []
    for node_id, node in reader.nodes.items():
        spot = placed[node_id]
        item = {
            "id": node_id,
            "kind": "group" if node.get("group") else guess_kind(node["label"] or node_id),
            "label": node["label"] if node["label"] is not None else node_id,
            "x": spot["x"],
            "y": spot["y"],
        }
        if node.get("group"):
            item["width"], item["height"] = spot["size"]
        if node["parent"]:
            item["parent"] = node["parent"]
        out.append(item)
    return out


def import_mermaid(text: str, title: str = "Imported from Mermaid") -> dict:
    """A valid mlsd-design/1 document from Mermaid flowchart text, or InvalidDocument with line numbers."""
    reader = _Reader()
    header_seen = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip().rstrip(";").strip()
        if not line or line.startswith("%%"):
            continue
        if not header_seen:
            if not _HEADER.match(line):
                raise InvalidDocument(
                    [
                        Problem(
                            f"line {number}",
                            f'expected a Mermaid header such as "flowchart LR" or "graph TD", not {line[:60]!r}',
                        )
                    ]
                )
            header_seen = True
            continue
        if _IGNORED.match(line):
            continue
        reader.statement(line, number)
    if not header_seen:
        reader.problems.insert(
            0, Problem("line 1", 'no Mermaid header: the text must start with "flowchart LR" or "graph TD"')
        )
    if reader.groups:
        reader.fail(len(text.splitlines()), f'subgraph "{reader.groups[-1]}" is never closed with "end"')
    if len(reader.nodes) > LIMITS["nodes"]:
        reader.fail(1, f"{len(reader.nodes)} nodes; the limit is {LIMITS['nodes']}")
    if reader.problems:
        raise InvalidDocument(reader.problems)
    document = blank_document(title)
    document["format"] = FORMAT
    document["nodes"] = _grid(reader)
    groups = {n["id"] for n in document["nodes"] if n["kind"] == "group"}
    problems = []
    for index, edge in enumerate(reader.edges, start=1):
        if edge["source"] in groups or edge["target"] in groups:
            problems.append(
                Problem(
                    "edges",
                    f"a connection to subgraph {edge['source'] if edge['source'] in groups else edge['target']!r} "
                    "cannot be imported: connections join components",
                )
            )
            continue
        document["edges"].append({"id": f"e{index}", **edge})
    if problems:
        raise InvalidDocument(problems)
    return validate_document(document)
