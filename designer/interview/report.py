"""The interview report as data and as Markdown: problem, rubric, findings, timing, and the review when visible."""

from __future__ import annotations

import re
from datetime import datetime

from designer.features import FEATURE_COLUMNS, feature_rows, signal_lines

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


def seconds_per_step(log: list[dict], clock: datetime) -> dict[str, float]:
    """Step id → seconds spent in it, from a step log ([{"step", "started_at"}]) up to `clock`; a step
    returned to later adds up."""
    spent: dict[str, float] = {}
    for i, entry in enumerate(log):
        start = datetime.fromisoformat(entry["started_at"])
        end = datetime.fromisoformat(log[i + 1]["started_at"]) if i + 1 < len(log) else clock
        spent[entry["step"]] = spent.get(entry["step"], 0.0) + max(0.0, (end - start).total_seconds())
    return spent


def step_times(session: dict) -> list[dict]:
    """Per step: its time box and the seconds spent in it (from the step log and the timer clock)."""
    clock = datetime.fromisoformat(session["ended_at"] or session["timer"]["now"])
    spent = seconds_per_step(session["step_log"], clock)
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


def revealed_text(reveal: dict) -> str:
    """One revealed fact or hint in words: "How many payments per second at peak? About 10,000 …"."""
    if reveal["kind"] == "fact":
        return f"{reveal['question']} {reveal['answer']}"
    return f"Hint, step {reveal['step']}, level {reveal['level']}: {reveal['text']}"


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
    rows, signals = feature_rows(document), signal_lines(document)
    lines += ["", f"## Features ({len(rows)})", ""]
    if rows:
        lines += ["| " + " | ".join(FEATURE_COLUMNS) + " |", "|" + "---|" * len(FEATURE_COLUMNS)]
        lines += ["| " + " | ".join(_md_cell(c) or "–" for c in row) + " |" for row in rows]
    else:
        lines.append("No features listed.")
    lines += ["", f"Signals: {'; '.join(md(s) for s in signals)}." if signals else "No signals listed."]
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
        if session.get("problem"):
            lines += ["", f"On the bank problem {md(session['problem']['title'])}. Revealed by the interviewer:", ""]
            lines += [f"- {md(revealed_text(r))}" for r in session["revealed"]] or ["- nothing"]
        if review is not None:
            lines += ["", "## Interviewer notes", ""]
            paragraphs = [md(line) for line in review["notes"].splitlines() if line.strip()] or ["No notes."]
            lines += "\n\n".join(paragraphs).split("\n")
        else:
            lines += ["", "The interviewer's notes and scores are not shared yet."]
    return "\n".join(lines) + "\n"


# --- The practice report: one list of blocks, rendered as Markdown and as PDF ------------------

#: What each comparison item kind is called in the report.
ITEM_KINDS = {
    "fact": "Fact",
    "missing_component": "Missing",
    "different_role": "Different role",
    "not_shared": "Not shared",
    "missing_connection": "Missing connection",
    "connection_kind": "Connection kind",
    "connection_direction": "Connection direction",
    "extra_component": "Extra",
    "extra_connection": "Extra connection",
    "missing_feature_category": "Missing features",
    "feature_freshness": "Feature freshness",
}


def _score(value) -> str:
    return "–" if value is None else f"{value:.2f}"


def practice_steps(practice: dict) -> list[dict]:
    """Per step of an ended practice: rubric score, comparison coverage, time box and time spent,
    and the comparison's items of that step."""
    result = practice["result"]
    rubric = {s["id"]: s for s in result["rubric"]["steps"]}
    comparison = {s["id"]: s for s in result["comparison"]["steps"]}
    items = {i["id"]: i for i in result["comparison"]["items"]}
    rows = []
    for t in result["times"]:
        step = comparison[t["id"]]
        rows.append(
            {
                **t,
                "rubric": rubric[t["id"]]["score"],
                "coverage": step["coverage"],
                "box": minutes(t["box_s"]),
                "spent": minutes(t["spent_s"]),
                "items": [{**items[i], "kind_name": ITEM_KINDS[items[i]["kind"]]} for i in step["items"]],
            }
        )
    return rows


def practice_blocks(practice: dict, writeup: dict, document: dict | None) -> list[tuple]:
    """The report of an ended practice as blocks: ("h1"|"h2"|"h3"|"p"|"li", text) and
    ("table", header, rows). Texts are plain; each renderer escapes them for its format.
    `document` is the design as the practice ended (None when its history is too long to replay)."""
    result = practice["result"]
    problem = practice["problem"]
    rubric, comparison = result["rubric"], result["comparison"]
    weakest = rubric["weakest"]
    blocks: list[tuple] = [
        ("h1", f"Practice report: {problem['title']}"),
        (
            "p",
            f"Started {practice['started_at'][:16].replace('T', ' ')} UTC, ended "
            f"{practice['ended_at'][:16].replace('T', ' ')} UTC; design version {result['version']}.",
        ),
        ("h2", "Problem"),
        ("p", problem["prompt"]),
        ("h2", "Scores"),
        (
            "p",
            f"Rubric mean {rubric['mean']:.2f}; coverage of the reference {comparison['coverage']:.2f}"
            + (
                f"; weakest step: {weakest['number']}. {weakest['title']} ({weakest['score']:.2f})." if weakest else "."
            ),
        ),
    ]
    if practice["compared_at"]:
        blocks.append(("p", "You looked at the comparison with the reference before the end."))
    rows = practice_steps(practice)
    blocks.append(
        (
            "table",
            ("Step", "Rubric", "Coverage", "Time box", "Time spent"),
            [
                (f"{r['number']}. {r['title']}", _score(r["rubric"]), _score(r["coverage"]), r["box"], r["spent"])
                for r in rows
            ],
        )
    )
    blocks.append(("h2", "Compared with the reference"))
    if not comparison["items"]:
        blocks.append(("p", "Your design matches the reference: nothing is missing or different."))
    for r in rows:
        if r["items"]:
            blocks.append(("h3", f"{r['number']}. {r['title']} (coverage {_score(r['coverage'])})"))
            blocks += [("li", f"{i['kind_name']}: {i['message']}") for i in r["items"]]
    pairs = comparison["pairs"]
    blocks.append(("h2", f"Matched components ({len(pairs)})"))
    blocks += [("li", f"{p['reference_label']} ← your {p['candidate_label']}: {p['why']}") for p in pairs] or [
        ("p", "None of your components matches one of the reference's.")
    ]
    findings = result["findings"]
    blocks.append(("h2", f"Findings ({len(findings)})"))
    blocks += [("li", f"{f['severity']} {f['rule']}: {f['message']} Fix: {f['fix']}") for f in findings] or [
        ("p", "No findings.")
    ]
    blocks += features_blocks(document)
    blocks.append(("h2", f"Facts asked ({len(practice['asked'])} of {len(problem['questions'])})"))
    blocks += [("li", f"{a['question']} {a['answer']}") for a in practice["asked"]] or [("p", "No facts asked.")]
    numbers = {s["id"]: s["number"] for s in practice["steps"]}
    blocks.append(("h2", f"Hints used ({len(practice['hints'])})"))
    blocks += [("li", f"Step {numbers[h['step']]}, level {h['level']}: {h['text']}") for h in practice["hints"]] or [
        ("p", "No hints used.")
    ]
    blocks += [("h2", "The reference's key choices"), ("p", writeup["summary"])]
    blocks += [("li", f"{c['choice']} Trade-off: {c['tradeoff']}") for c in writeup["choices"]]
    return blocks


def features_blocks(document: dict | None) -> list[tuple]:
    """The design's features (a table of FEATURE_COLUMNS) and signals, as blocks."""
    if document is None:
        return [("h2", "Features"), ("p", "The design's history is too long to replay here: open it in the editor.")]
    rows, signals = feature_rows(document), signal_lines(document)
    return [
        ("h2", f"Features ({len(rows)})"),
        ("table", FEATURE_COLUMNS, [tuple(cell or "–" for cell in row) for row in rows])
        if rows
        else ("p", "No features listed."),
        ("p", f"Signals: {'; '.join(signals)}.") if signals else ("p", "No signals listed."),
    ]


def _md_cell(text) -> str:
    return md(text).replace("|", "\\|")


def blocks_markdown(blocks: list[tuple]) -> str:
    """Blocks as Markdown, every text made inert (md())."""
    lines: list[str] = []
    previous = None
    for block in blocks:
        kind = block[0]
        if lines and not (kind == "li" and previous == "li"):
            lines.append("")
        if kind in ("h1", "h2", "h3"):
            lines.append(f"{'#' * int(kind[1])} {md(block[1])}")
        elif kind == "p":
            lines.append(md(block[1]))
        elif kind == "li":
            lines.append(f"- {md(block[1])}")
        else:
            _, header, rows = block
            lines.append("| " + " | ".join(_md_cell(h) for h in header) + " |")
            lines.append("|" + "---|" * len(header))
            lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
        previous = kind
    return "\n".join(lines) + "\n"
