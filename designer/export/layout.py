"""Auto-layout for the editor's "Tidy up": graphviz dot (left to right) positions in canvas coordinates."""

from __future__ import annotations

import json

from .dot import AUTO, box_size, build_auto
from .render import EXPORT_LIMITS, ExportFailed, check_size, run_graphviz


def _rect(bb: str) -> tuple[float, float, float, float]:
    left, bottom, right, top = (float(v) for v in bb.split(","))
    return left, bottom, right, top


def layout_positions(graphviz_json: bytes, document: dict) -> dict:
    """Top-left canvas positions from `dot -Tjson` output; groups also get width and height."""
    try:
        data = json.loads(graphviz_json)
        _, _, _, height = _rect(data["bb"])
    except (ValueError, KeyError, RecursionError) as exc:
        raise ExportFailed(f"Graphviz layout returned unreadable output ({exc.__class__.__name__})") from None
    nodes = document.get("nodes", [])
    positions: dict[str, dict] = {}
    for item in data.get("objects", []):
        name = item.get("name", "")
        if name.startswith("cluster_n") and "bb" in item:
            node = nodes[int(name[len("cluster_n") :])]
            left, bottom, right, top = _rect(item["bb"])
            # graphviz's y grows upwards; the canvas's grows downwards.
            positions[node["id"]] = {
                "x": round(left),
                "y": round(height - top),
                "width": round(right - left),
                "height": round(top - bottom),
            }
        elif name.startswith("n") and name[1:].isdigit() and "pos" in item:
            node = nodes[int(name[1:])]
            x, y = (float(v) for v in item["pos"].split(","))
            width, box_height = box_size(node)
            positions[node["id"]] = {"x": round(x - width / 2), "y": round(height - y - box_height / 2)}
    return {"positions": positions}


def auto_layout(document: dict) -> dict:
    """{"positions": {node_id: {x, y[, width, height]}}} for a valid document; stateless."""
    check_size(document)
    source = build_auto(document, edges_drawn=False).source
    return layout_positions(run_graphviz(source, "dot", "json", EXPORT_LIMITS["timeout_s"][AUTO]), document)
