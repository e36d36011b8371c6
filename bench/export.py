"""Export bench: our SVG export against the bare graphviz command on the same DOT, side by side in one run.

Run: .venv/bin/python bench/export.py [--repeat N]. Prints medians (s) and the ratio ours / bare (goal ≤ 1.3).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "designer.settings")

import django

django.setup()

from designer.document import check_document  # noqa: E402
from designer.export.dot import build_auto, build_drawn  # noqa: E402
from designer.export.render import EXPORT_LIMITS, ExportError  # noqa: E402
from designer.export.svg import export_svg  # noqa: E402

KINDS = [
    "client",
    "api_gateway",
    "app_service",
    "cache",
    "model_server",
    "ann_index",
    "feature_store",
    "kafka",
    "flink",
    "spark_batch_job",
    "training_pipeline",
    "model_registry",
    "monitoring",
    "data_warehouse",
]
EDGE_KINDS = ["request", "data", "telemetry", "deploy"]


def design(size: int, seed: int = 7) -> dict:
    """`size` components on a canvas grid, in groups of 20, each with two edges to nearby components."""
    rng = random.Random(seed)
    nodes, edges = [], []
    columns = 10
    for g in range((size + 19) // 20):
        gx, gy = (g % 5) * 2200, (g // 5) * 520
        nodes.append(
            {"id": f"g{g}", "kind": "group", "label": f"Area {g}", "x": gx, "y": gy, "width": 2140, "height": 480}
        )
    for i in range(size):
        g = i // 20
        gx, gy = (g % 5) * 2200, (g // 5) * 520
        slot = i % 20
        nodes.append(
            {
                "id": f"c{i}",
                "kind": rng.choice(KINDS),
                "label": f"Component {i}",
                "parent": f"g{g}",
                "x": gx + 20 + (slot % columns) * 210,
                "y": gy + 60 + (slot // columns) * 200,
            }
        )
    for i in range(size):
        for _ in range(2):
            j = min(size - 1, max(0, i + rng.randint(-15, 15)))
            if j != i:
                edges.append(
                    {
                        "id": f"e{len(edges)}",
                        "source": f"c{i}",
                        "target": f"c{j}",
                        "kind": rng.choice(EDGE_KINDS),
                        "label": rng.choice(["", "score", "features", "events"]),
                    }
                )
    doc = {
        "format": "mlsd-design/1",
        "title": f"Bench {size}",
        "problem": {"task": "ranking", "latency_slo_ms": 200, "peak_qps": 1000},
        "nodes": nodes,
        "edges": edges,
        "settings": {"disabled_rules": [], "severity": {}},
    }
    assert check_document(doc) == []
    return doc


def timed(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def bare(command: list[str], source: bytes, timeout: float) -> None:
    subprocess.run(command, input=source, capture_output=True, check=True, timeout=timeout)


def measure(doc: dict, layout: str, repeat: int) -> tuple[float | None, float | None, str]:
    """Medians of ours and of the bare command, interleaved run by run so both see the same machine state."""
    graph = build_drawn(doc) if layout == "drawn" else build_auto(doc)
    source = graph.source.encode("utf-8")
    command = ["neato", "-n2", "-Tsvg"] if layout == "drawn" else ["dot", "-Tsvg"]
    timeout = EXPORT_LIMITS["timeout_s"][layout]
    ours, theirs = [], []
    for _ in range(repeat):
        try:
            ours.append(timed(lambda: export_svg(doc, layout)))
        except ExportError as exc:
            return None, None, f"refused: {exc.message}"
        try:
            theirs.append(timed(lambda: bare(command, source, timeout)))
        except subprocess.TimeoutExpired:
            return statistics.median(ours), None, f"bare {command[0]} over {timeout} s"
    return statistics.median(ours), statistics.median(theirs), ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sizes", default="100,500,1000")
    args = parser.parse_args()
    print(f"graphviz: {subprocess.run(['dot', '-V'], capture_output=True, text=True).stderr.strip()}")
    print(f"{'nodes':>6} {'edges':>6} {'layout':>6} {'ours (s)':>9} {'bare (s)':>9} {'ratio':>6}  note")
    for size in (int(s) for s in args.sizes.split(",")):
        doc = design(size)
        for layout in ("drawn", "auto"):
            started = time.perf_counter()
            # dot on large graphs takes seconds per run: fewer repeats there keep the bench short.
            repeat = args.repeat if layout == "drawn" or size <= 100 else max(1, args.repeat // 2)
            ours, theirs, note = measure(doc, layout, repeat)
            ratio = f"{ours / theirs:6.2f}" if ours and theirs else "     -"
            fmt = lambda v: f"{v:9.3f}" if v is not None else "        -"  # noqa: E731
            note = note or f"{repeat} runs, {time.perf_counter() - started:.1f} s wall"
            print(f"{size:>6} {len(doc['edges']):>6} {layout:>6} {fmt(ours)} {fmt(theirs)} {ratio}  {note}", flush=True)


if __name__ == "__main__":
    main()
