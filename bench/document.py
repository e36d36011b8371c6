"""Document check timings: this tree's checker beside the hand-written one it replaced, side by side.

Documents: a valid 5,000-node / 20,000-edge design; the same with every edge pointing at unknown
ids (issue 14: 527 s in "did you mean" before the suggestions were bounded); and the same again
parsed from JSON text first (what POST /api/validate/ does).

The baseline is designer/document.py as of BASELINE (a git revision, default the last commit with
the hand-written checker), loaded from git into a throw-away module; the hostile document is
timed on the baseline with BASELINE_BAD_EDGES edges only, or it would take minutes.

Run: .venv/bin/python bench/document.py   (prints medians of REPEAT runs and their ratio)
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "designer.settings")

import django  # noqa: E402

django.setup()

from designer import document  # noqa: E402

BASELINE = os.environ.get("BASELINE", "9e67daf")
REPEAT = int(os.environ.get("REPEAT", "5"))
BASELINE_BAD_EDGES = 500
KINDS = ("app_service", "model_server", "cache", "feature_store", "kafka")


def baseline_module():
    source = subprocess.run(
        ["git", "show", f"{BASELINE}:designer/document.py"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    module = types.ModuleType("document_baseline")
    sys.modules["document_baseline"] = module
    exec(compile(source, "document_baseline.py", "exec"), module.__dict__)
    return module


def design(nodes: int, edges: int, bad_refs: bool = False) -> dict:
    return {
        "format": "mlsd-design/1",
        "title": "Bench",
        "nodes": [
            {
                "id": f"n{i}",
                "kind": KINDS[i % len(KINDS)],
                "label": f"Node {i}",
                "x": i,
                "y": i % 97,
                "props": {"replicas": 2},
            }
            for i in range(nodes)
        ],
        "edges": [
            {
                "id": f"e{i}",
                "source": f"zz{i}" if bad_refs else f"n{i % nodes}",
                "target": f"yy{i}" if bad_refs else f"n{(i * 7 + 1) % nodes}",
                "kind": "data",
            }
            for i in range(edges)
        ],
    }


def median_ms(fn, repeat: int = REPEAT) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    old = baseline_module()
    valid = design(5000, 20000)
    text = json.dumps(valid)
    hostile = design(5000, 20000, bad_refs=True)
    hostile_small = design(5000, BASELINE_BAD_EDGES, bad_refs=True)
    assert document.check_document(valid) == [] and old.check_document(valid) == []
    rows = [
        ("valid 5,000 nodes / 20,000 edges", lambda: old.check_document(valid), lambda: document.check_document(valid)),
        (
            "parse + check the same JSON text",
            lambda: old.check_document(old.loads(text)),
            lambda: document.check_document(document.loads(text)),
        ),
        (
            f"{BASELINE_BAD_EDGES} edges to unknown ids",
            lambda: old.check_document(hostile_small),
            lambda: document.check_document(hostile_small),
        ),
    ]
    print(f"{'document':44} {'before ms':>10} {'after ms':>10} {'ratio':>7}")
    for name, before, after in rows:
        b, a = median_ms(before, 3 if "unknown" in name else REPEAT), median_ms(after)
        print(f"{name:44} {b:10.1f} {a:10.1f} {b / a:7.1f}")
    a = median_ms(lambda: document.check_document(hostile))
    print(f"{'20,000 edges to unknown ids':44} {'(minutes)':>10} {a:10.1f}")


if __name__ == "__main__":
    main()
