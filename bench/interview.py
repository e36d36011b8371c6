"""Interview-mode timings: replaying a history, the timeline (validate + rubric on sampled versions), one rubric.

Run: .venv/bin/python bench/interview.py   (prints medians side by side, per history length, in one run)
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "designer.settings")

import django

django.setup()

from designer.interview.cases import case_get  # noqa: E402
from designer.interview.replay import (  # noqa: E402
    VALIDATED_VERSIONS,
    document_at,
    replay,
    sample_versions,
    summary,
    timeline,
)
from designer.interview.rubric import rubric  # noqa: E402
from designer.validation.engine import validate_design  # noqa: E402

LENGTHS = (100, 1000, 5000)
RUNS = 5


def history(length: int) -> list[tuple]:
    """A video-recommendation template, then `length - 1` small edits like a candidate's: moves, labels, a metric toggle."""
    document = case_get("video-recommendation").document
    start = datetime(2026, 1, 1, 10, 0, tzinfo=UTC)
    entries = [(1, start, [{"op": "document.replace", "document": document}])]
    node_ids = [n["id"] for n in document["nodes"] if n["kind"] != "group"]
    for version in range(2, length + 1):
        node = node_ids[version % len(node_ids)]
        if version % 10 == 0:
            ops = [{"op": "problem.update", "set": {"offline_metrics": ["accuracy"] if version % 20 else ["nDCG@10"]}}]
        elif version % 3 == 0:
            ops = [{"op": "node.update", "id": node, "set": {"label": f"{node} v{version}"}}]
        else:
            ops = [{"op": "node.update", "id": node, "set": {"x": 40 + version % 7}}]
        entries.append((version, start + timedelta(seconds=5 * version), ops))
    return entries


def uncached_timeline(entries: list[tuple], sampled: list[int]) -> dict:
    """The timeline as the first request for it computes it (no version summary cached yet)."""
    summaries = {}
    for version, document in replay(((v, ops) for v, _, ops in entries), keep=set(sampled)):
        findings = [f.as_dict() for f in validate_design(document)]
        summaries[version] = summary(document, findings, rubric(document, findings)["mean"])
    return timeline({v: at for v, at, _ in entries}, summaries, sampled, VALIDATED_VERSIONS)


def median_ms(work) -> float:
    times = []
    for _ in range(RUNS):
        began = time.perf_counter()
        work()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def main() -> None:
    document = case_get("video-recommendation").document
    findings = validate_design(document)  # warms up rule discovery, which happens once per process
    one_validation = median_ms(lambda: validate_design(document))
    one_rubric = median_ms(lambda: rubric(document, findings))
    print(f"template: {len(document['nodes'])} nodes, {len(document['edges'])} edges")
    print(
        f"one validation {one_validation:.2f} ms; one rubric from its findings {one_rubric:.3f} ms "
        f"({one_rubric / one_validation:.2f}× a validation)"
    )
    print(f"{'versions':>8} {'replay last':>12} {'timeline':>10} {'validated':>9} {'timeline/replay':>16}")
    for length in LENGTHS:
        entries = history(length)
        batches = [(v, ops) for v, _, ops in entries]
        replay_ms = median_ms(lambda batches=batches, length=length: document_at(batches, length))
        sampled = sample_versions([v for v, _, _ in entries])
        timeline_ms = median_ms(lambda entries=entries, sampled=sampled: uncached_timeline(entries, sampled))
        print(
            f"{length:>8} {replay_ms:>10.1f}ms {timeline_ms:>8.1f}ms {len(sampled):>9} {timeline_ms / replay_ms:>15.1f}×"
        )


if __name__ == "__main__":
    main()
