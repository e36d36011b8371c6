"""Practice timings: the end of a practice (validate + rubric + comparison) and its report as Markdown and as PDF.

Run: .venv/bin/python bench/practice.py   (prints medians side by side in one run)
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

from designer.document import blank_document  # noqa: E402
from designer.export.pdf import blocks_pdf  # noqa: E402
from designer.interview.bank import problem_card, problem_get  # noqa: E402
from designer.interview.framework import STEPS  # noqa: E402
from designer.interview.report import blocks_markdown, practice_blocks  # noqa: E402
from designer.interview.selectors import practice_outcome  # noqa: E402

RUNS = 5


def median_ms(work) -> float:
    times = []
    for _ in range(RUNS):
        began = time.perf_counter()
        work()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def ended(problem, document) -> dict:
    """An ended practice as practice_as_dict gives it, for `document`."""
    outcome = practice_outcome(document, problem)
    times = [{"id": s.id, "number": s.number, "title": s.title, "box_s": 300, "spent_s": 240} for s in STEPS]
    return {
        "problem": problem_card(problem),
        "started_at": "2026-03-01T09:00:00+00:00",
        "ended_at": "2026-03-01T09:45:00+00:00",
        "steps": [{"id": s.id, "number": s.number} for s in STEPS],
        "asked": [],
        "hints": [],
        "compared_at": None,
        "result": {"version": 1, **outcome, "times": times},
    }


def main() -> None:
    print(f"{'problem / candidate':<44} {'end ms':>8} {'markdown ms':>12} {'pdf ms':>8} {'pdf/md':>7}")
    for problem_id in ("video-recommendation", "rag-support-assistant"):
        problem = problem_get(problem_id)
        writeup = problem.spec.writeup.model_dump()
        for name, document in (("blank", blank_document()), ("the reference", copy.deepcopy(problem.reference))):
            end = median_ms(lambda document=document, problem=problem: practice_outcome(document, problem))
            practice = ended(problem, document)
            blocks = practice_blocks(practice, writeup)
            md = median_ms(lambda blocks=blocks: blocks_markdown(blocks))
            pdf = median_ms(lambda blocks=blocks: blocks_pdf(blocks))
            print(f"{problem_id + ' / ' + name:<44} {end:>8.1f} {md:>12.2f} {pdf:>8.1f} {pdf / md:>7.0f}")
    print(f"(medians of {RUNS} runs; end: practice_outcome, i.e. validation, rubric and comparison)")


if __name__ == "__main__":
    main()
