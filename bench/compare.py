"""Comparison timings: a reference with itself, a small candidate, and candidates of many copies of the reference.

Run: .venv/bin/python bench/compare.py   (prints medians side by side in one run)
"""

from __future__ import annotations

import copy
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "designer.settings")

import django

django.setup()

from designer.document import LIMITS  # noqa: E402
from designer.interview.bank import problem_get  # noqa: E402
from designer.interview.compare import compare  # noqa: E402
from designer.validation.engine import validate_design  # noqa: E402

RUNS = 5


def copies(document: dict, count: int) -> dict:
    """`count` copies of the reference side by side in one document (ids suffixed), like a huge candidate."""
    nodes, edges = [], []
    for i in range(count):
        for node in document["nodes"]:
            nodes.append({**node, "id": f"{node['id']}_{i}", "x": node["x"] + 2000 * i})
            if "parent" in node:
                nodes[-1]["parent"] = f"{node['parent']}_{i}"
        for e in document["edges"]:
            edges.append({**e, "id": f"{e['id']}_{i}", "source": f"{e['source']}_{i}", "target": f"{e['target']}_{i}"})
    return {**document, "nodes": nodes, "edges": edges}


def median_ms(work) -> float:
    times = []
    for _ in range(RUNS):
        began = time.perf_counter()
        work()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def main() -> None:
    problem = problem_get("video-recommendation")
    reference = copy.deepcopy(problem.reference)
    small = copy.deepcopy(reference)
    small["nodes"] = small["nodes"][:12]
    kept = {n["id"] for n in small["nodes"]}
    small["edges"] = [e for e in small["edges"] if e["source"] in kept and e["target"] in kept]
    most = LIMITS["nodes"] // len(reference["nodes"])
    cases = [("reference vs itself", reference), ("12-node candidate", small)]
    cases += [(f"{n} copies ({n * len(reference['nodes'])} nodes)", copies(reference, n)) for n in (10, most)]
    print(f"{'candidate':<34} {'compare ms':>11} {'validate ms':>12} {'ratio':>7}")
    for name, document in cases:
        took = median_ms(lambda document=document: compare(document, problem))
        validated = median_ms(lambda document=document: validate_design(document))
        print(f"{name:<34} {took:>11.1f} {validated:>12.1f} {took / validated:>7.2f}")
    print(f"(medians of {RUNS} runs; validate ms: validate_design on the same candidate)")


if __name__ == "__main__":
    main()
