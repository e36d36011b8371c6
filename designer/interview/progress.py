"""My practice as data: attempts grouped per problem, their scores over time as a small SVG chart,
and the weakest step across attempts. Pure functions of the attempts (no request)."""

from __future__ import annotations

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from .bank import problem_get
from .framework import STEPS
from .models import PracticeAttempt
from .selectors import practice_summary

#: The chart's size in CSS pixels, and its inner padding.
CHART_W, CHART_H, PAD = 240, 72, 8
SERIES = (("mean", "Rubric", "#2563eb"), ("coverage", "Coverage", "#d97706"))


def when(iso: str) -> str:
    """An ISO time as the pages show it: "2026-03-01 09:00" (UTC)."""
    return iso[:16].replace("T", " ")


def weakest_step(attempts: list[PracticeAttempt]) -> dict | None:
    """The step with the lowest mean rubric score over the ended attempts (ties: the earlier step),
    with that mean and how many attempts it is over; None before any attempt has ended."""
    ended = [a.result for a in attempts if a.result]
    if not ended:
        return None
    means = []
    for step in STEPS:
        scores = [next(s["score"] for s in r["rubric"]["steps"] if s["id"] == step.id) for r in ended]
        means.append((round(sum(scores) / len(scores), 4), step.number, step))
    score, _, step = min(means)
    return {"id": step.id, "number": step.number, "title": step.title, "score": score, "attempts": len(ended)}


def score_chart(points: list[dict]) -> SafeString:
    """An inline SVG of the ended attempts' rubric mean and coverage (0–1) in time order; the markup
    is built from numbers only, and every text is escaped."""
    ended = [p for p in points if p["mean"] is not None]
    if not ended:
        return mark_safe("")
    step = (CHART_W - 2 * PAD) / max(1, len(ended) - 1)

    def xy(i: int, value: float) -> tuple[str, str]:
        x = PAD + (i * step if len(ended) > 1 else (CHART_W - 2 * PAD) / 2)
        return f"{round(x, 1):g}", f"{round(CHART_H - PAD - value * (CHART_H - 2 * PAD), 1):g}"

    parts = [
        f'<line x1="{PAD}" x2="{CHART_W - PAD}" y1="{y:g}" y2="{y:g}" class="grid"/>'
        for y in (PAD, CHART_H / 2, CHART_H - PAD)
    ]
    for key, name, colour in SERIES:
        coords = [xy(i, p[key] or 0.0) for i, p in enumerate(ended)]
        if len(coords) > 1:
            line = " ".join(f"{x},{y}" for x, y in coords)
            parts.append(f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for (x, y), p in zip(coords, ended):
            value = p[key] or 0.0
            parts.append(
                f'<circle cx="{x}" cy="{y}" r="3" fill="{colour}"><title>{escape(name)} {value:.2f} · '
                f"{escape(p['started_at'][:10])}</title></circle>"
            )
    label = f"Scores of {len(ended)} attempt{'s' if len(ended) != 1 else ''}: " + ", ".join(
        f"rubric {p['mean']:.2f} coverage {(p['coverage'] or 0.0):.2f}" for p in ended
    )
    return format_html(
        '<svg class="score-chart" width="{}" height="{}" viewBox="0 0 {} {}" role="img" aria-label="{}">{}</svg>',
        CHART_W,
        CHART_H,
        CHART_W,
        CHART_H,
        label,
        mark_safe("".join(parts)),  # noqa: S308 - numbers and escaped titles only
    )


def practice_progress(attempts: list[PracticeAttempt]) -> dict:
    """Per problem (the most recently practised first): its attempts oldest first, the chart, and the
    weakest step; and the weakest step over every attempt."""
    groups: dict[str, list[PracticeAttempt]] = {}
    for attempt in sorted(attempts, key=lambda a: (a.started_at, a.pk)):
        groups.setdefault(attempt.problem_id, []).append(attempt)
    problems = []
    for problem_id, group in sorted(groups.items(), key=lambda g: g[1][-1].started_at, reverse=True):
        rows = [{**practice_summary(a), "when": when(a.started_at.isoformat())} for a in group]
        problem = problem_get(problem_id)
        problems.append(
            {
                "id": problem_id,
                "title": problem.title if problem else problem_id,
                "attempts": rows,
                "chart": score_chart(rows),
                "weakest": weakest_step(group),
            }
        )
    return {"problems": problems, "weakest": weakest_step(attempts), "attempts": len(attempts)}
