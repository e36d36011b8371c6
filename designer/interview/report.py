"""The interview report as data and as Markdown: problem, rubric, findings, timing, and the review when visible."""

from __future__ import annotations

import re
from datetime import datetime

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-!|>~])")
PROBLEM_FACTS = (
    ("task", "Task", ""),
    ("latency_slo_ms", "Latency SLO (p99)", " ms"),
    ("peak_qps", "Peak QPS", ""),
    ("feature_freshness_s", "Feature freshness", " s"),
    ("model_freshness_s", "Model freshness", " s"),
    ("corpus_size", "Corpus size", " items"),
)


def md(text) -> str:
    """User text made inert in Markdown: HTML characters become entities, Markdown syntax is escaped,
    and line breaks cannot start a new block."""
    text = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\r", " ").replace("\n", " ")


def _number(value) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:g}"


def problem_facts(problem: dict) -> list[tuple[str, str]]:
    """(label, value) pairs of the declared problem metadata, in a fixed order."""
    facts = []
    for key, label, unit in PROBLEM_FACTS:
        if key in problem:
            value = problem[key]
            facts.append((label, value if isinstance(value, str) else _number(value) + unit))
    for key, label in (("offline_metrics", "Offline metrics"), ("online_metrics", "Online metrics")):
        if problem.get(key):
            facts.append((label, ", ".join(problem[key])))
    return facts


def step_times(session: dict) -> list[dict]:
    """Per step: its time box and the seconds spent in it (from the step log and the timer clock)."""
    log = session["step_log"]
    clock = datetime.fromisoformat(session["ended_at"] or session["timer"]["now"])
    spent: dict[str, float] = {}
    for i, entry in enumerate(log):
        start = datetime.fromisoformat(entry["started_at"])
        end = datetime.fromisoformat(log[i + 1]["started_at"]) if i + 1 < len(log) else clock
        spent[entry["step"]] = spent.get(entry["step"], 0.0) + max(0.0, (end - start).total_seconds())
    return [
        {
            "id": s["id"],
            "number": s["number"],
            "title": s["title"],
            "box_s": s["box_s"],
            "spent_s": round(spent[s["id"]]) if s["id"] in spent else None,
        }
        for s in session["steps"]
    ]


def minutes(seconds) -> str:
    """Seconds as m:ss ("–" for a step not reached)."""
    return "–" if seconds is None else f"{seconds // 60}:{seconds % 60:02d}"


def report_markdown(
    *,
    title: str,
    version: int,
    document: dict,
    findings: list[dict],
    coverage: dict,
    session: dict | None,
    diagram_url: str | None = None,
) -> str:
    """The whole report as Markdown. `session` is interview_as_dict() for the reader: its "review"
    key is present only when the reader may see the notes and scores; `diagram_url` is our own URL."""
    problem = document.get("problem") or {}
    lines = [f"# Interview report: {md(title)}", "", f"Design version {version}."]
    if diagram_url:
        lines += ["", f"Diagram (SVG): <{diagram_url}>"]
    lines += ["", "## Problem", ""]
    if problem.get("statement"):
        lines += [md(problem["statement"]), ""]
    lines += [f"- {label}: {md(value)}" for label, value in problem_facts(problem)] or ["No problem metadata declared."]
    review = (session or {}).get("review")
    scores = review["scores"] if review else {}
    weakest = coverage["weakest"]
    lines += [
        "",
        "## Rubric coverage",
        "",
        f"Mean {coverage['mean']:.2f}"
        + (
            f"; weakest step: {weakest['number']}. {weakest['title']} ({weakest['score']:.2f})"
            if weakest
            else "; every step fully covered"
        )
        + ".",
        "",
        "| Step | Coverage | Interviewer score |",
        "|---|---|---|",
    ]
    for step in coverage["steps"]:
        given = scores.get(step["id"])
        lines.append(f"| {step['number']}. {step['title']} | {step['score']:.2f} | {given if given else '–'} |")
    missing = [(step, item) for step in coverage["steps"] for item in step["items"] if not item["met"]]
    if missing:
        lines += ["", "Not yet covered:", ""]
        lines += [f"- Step {step['number']}, {item['label']}: {md(item['why'])}" for step, item in missing]
    lines += ["", f"## Findings ({len(findings)})", ""]
    lines += [f"- **{f['severity']}** `{f['rule']}`: {md(f['message'])} Fix: {md(f['fix'])}" for f in findings] or [
        "No findings."
    ]
    if session:
        lines += [
            "",
            "## Interview",
            "",
            f"Interviewer: {md(session['interviewer'])}"
            + (f"; candidate: {md(session['candidate'])}" if session["candidate"] else ""),
            "",
            "| Step | Time box | Time spent |",
            "|---|---|---|",
        ]
        lines += [
            f"| {t['number']}. {t['title']} | {minutes(t['box_s'])} | {minutes(t['spent_s'])} |"
            for t in step_times(session)
        ]
        if review is not None:
            lines += ["", "## Interviewer notes", ""]
            paragraphs = [md(line) for line in review["notes"].splitlines() if line.strip()] or ["No notes."]
            lines += "\n\n".join(paragraphs).split("\n")
        else:
            lines += ["", "The interviewer's notes and scores are not shared yet."]
    return "\n".join(lines) + "\n"
