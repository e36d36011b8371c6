"""Reads for interview mode: a design's interviews as each participant may see them, its findings and history."""

from __future__ import annotations

import hashlib
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db.models import Func, IntegerField, TextField
from django.db.models.functions import Cast, Length
from django.http import Http404
from django.urls import reverse

from designer.document import validate_document
from designer.models import Design, Operation
from designer.sharing.access import Access
from designer.sharing.models import ShareLink
from designer.sharing.selectors import interviewer_link_for_design, live_links
from designer.validation.selectors import document_findings

from .bank import (
    BankProblem,
    fact_as_dict,
    facts_recorded,
    hint_text,
    problem_card,
    problem_get,
    reveals_as_dicts,
)
from .compare import compare
from .framework import STEPS
from .models import InterviewSession, PracticeAttempt
from .replay import document_at, node_counts, replay, sample_versions, summary, timeline, validated_versions_for
from .report import seconds_per_step
from .rubric import rubric
from .timer import timer_state

#: How long a version's finding summary (and a history's node counts) stay cached.
HISTORY_CACHE_S = 30 * 24 * 3600


def interview_latest(design_id: int) -> InterviewSession | None:
    """The design's newest interview, or None."""
    return (
        InterviewSession.objects.select_related("interviewer", "interviewer_link", "candidate")
        .filter(design_id=design_id)
        .first()
    )


def interview_for(access: Access, session_id: int | None = None) -> InterviewSession | None:
    """The interview a route names: `session_id` (an account's /api/interviews/<id>/ routes, within
    the access's design), else the design's latest."""
    if session_id is None:
        return interview_latest(access.design_id)
    session = (
        InterviewSession.objects.select_related("interviewer", "interviewer_link", "candidate")
        .filter(pk=session_id, design_id=access.design_id)
        .first()
    )
    if session is None:
        raise Http404("No such interview.")
    return session


def interview_parties(design: Design, owner, *, interviewer=None, interviewer_link=None, candidate=None):
    """(interviewer account, interviewer link, candidate) of an interview the owner starts.

    A named account or link leads; naming neither lets the newest live interviewer link lead,
    and without one the owner does. Whenever someone else leads, the owner is the candidate
    unless a candidate is named (docs/interview.md, "Who interviews").
    """
    if interviewer is None and interviewer_link is None:
        interviewer_link = interviewer_link_for_design(design)
        if interviewer_link is None:
            interviewer = owner
    if candidate is None and (interviewer_link is not None or interviewer.pk != owner.pk):
        candidate = owner
    return interviewer, interviewer_link, candidate


def interviewer_link_get(design: Design, link_id: int) -> ShareLink | None:
    """A live link of this design marked interviewer, else None."""
    return live_links().filter(pk=link_id, design=design, interviewer=True).first()


def review_visible(session: InterviewSession, access: Access) -> bool:
    """Notes and scores: always to the interviewer (an account or a link); once shared, also to the
    candidate and the design's owner, and never to anyone else (other links, other accounts)."""
    if access.leads(session):
        return True
    return session.shared_at is not None and (access.takes(session) or access.owner)


def interviewer_name(session: InterviewSession) -> str:
    if session.interviewer is not None:
        return session.interviewer.get_username()
    link = session.interviewer_link
    return (link.label if link else "") or f"share link #{session.interviewer_link_id}"


def _part(session: InterviewSession, access: Access) -> str:
    if access.leads(session):
        return "interviewer"
    if access.takes(session):
        return "candidate"
    return "owner" if access.owner else "guest"


def interview_as_dict(session: InterviewSession, access: Access, now: datetime) -> dict:
    """The session as `access` may see it: the review only when review_visible()."""
    data = {
        "id": session.pk,
        "design": session.design_id,
        "interviewer": interviewer_name(session),
        "interviewer_link": session.interviewer_link_id,
        "candidate": session.candidate.get_username() if session.candidate else None,
        "you_are": _part(session, access),
        "duration_s": session.duration_s,
        "steps": [{**step.as_dict(), "box_s": box} for step, box in zip(STEPS, session.step_seconds)],
        "current_step": session.current_step,
        "step_log": session.step_log,
        "started_at": session.started_at.isoformat(),
        "ended_at": session.ended_at.isoformat() if session.ended_at else None,
        "timer": timer_state(session, now),
        "shared": session.shared_at is not None,
        "shared_at": session.shared_at.isoformat() if session.shared_at else None,
        **interview_problem_public(session),
    }
    if review_visible(session, access):
        data["review"] = {"notes": session.notes, "scores": session.scores}
    return data


class _JSONArrayLength(Func):
    """The length of a JSON array column, in the database (the batch's op count without loading it)."""

    function = "json_array_length"
    output_field = IntegerField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, function="jsonb_array_length", **extra)


def history_meta(design_id: int) -> list[tuple[int, datetime, str, int, int]]:
    """(version, created_at, author, number of ops, size of the ops as JSON text) of every logged
    batch, oldest first, without loading the batches."""
    return list(
        Operation.objects.filter(design_id=design_id)
        .order_by("version")
        .annotate(n_ops=_JSONArrayLength("ops"), size=Length(Cast("ops", TextField())))
        .values_list("version", "created_at", "author", "n_ops", "size")
    )


def _batches(design_id: int, first: int = 1, last: int | None = None):
    """(version, ops) from `first` to `last`, streamed (a long log is never held whole)."""
    rows = Operation.objects.filter(design_id=design_id, version__gte=first)
    if last is not None:
        rows = rows.filter(version__lte=last)
    return rows.order_by("version").values_list("version", "ops").iterator(chunk_size=50)


def _replay_start(design_id: int, version: int) -> int:
    """The latest version at or before `version` whose batch starts with a document.replace: replay
    can start there (version 1 always does)."""
    found = (
        Operation.objects.filter(design_id=design_id, version__lte=version, ops__0__op="document.replace")
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )
    return found or 1


def _check_replay_size(meta, last: int) -> None:
    size = sum(m[4] or 0 for m in meta if m[0] <= last)
    if size > settings.HISTORY_REPLAY_BYTES:
        raise HistoryTooLarge(
            f"This design's history is too large to replay here ({_size(size)} of operations; "
            f"the limit is {_size(settings.HISTORY_REPLAY_BYTES)})."
        )


def _size(n: int) -> str:
    return f"{n / 2**20:.1f} MiB" if n >= 2**20 else f"{n / 2**10:.1f} KiB"


class HistoryTooLarge(Exception):
    """Replaying this log would read more than HISTORY_REPLAY_BYTES (answered 422)."""


@lru_cache(maxsize=1)
def reviewer_fingerprint() -> str:
    """A digest of everything a version's finding summary depends on (the rules, the catalog, the
    rubric): cached summaries are keyed by it, so a changed reviewer never serves stale ones."""
    root = Path(__file__).resolve().parents[2]
    files = sorted((root / "designer" / "validation").rglob("*.py"))
    files += [root / "component_catalog" / "catalog.json", root / "designer" / "interview" / "rubric.py"]
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _summary_key(design_id: int, version: int, at: datetime) -> str:
    # A version is immutable; its time tells it apart from the same number in another database.
    return f"history:{reviewer_fingerprint()}:{design_id}:{version}:{at.timestamp():.6f}"


def _node_counts(design_id: int, meta) -> dict[int, int]:
    last, at = meta[-1][0], meta[-1][1]
    key = f"history-nodes:{design_id}:{last}:{at.timestamp():.6f}"
    counts = cache.get(key)
    if counts is None:
        _check_replay_size(meta, last)
        counts = node_counts(_batches(design_id))
        cache.set(key, counts, HISTORY_CACHE_S)
    return {int(v): n for v, n in counts.items()}


def design_findings(document: dict) -> tuple[list[dict], dict]:
    """A valid document's findings (as dicts) and its rubric coverage, which reads them."""
    findings = document_findings(document)
    return findings, rubric(document, findings)


def design_findings_of_body(data) -> tuple[list[dict], dict]:
    """design_findings of a posted document (InvalidDocument with every format problem)."""
    return design_findings(validate_document(data))


def design_history(design: Design) -> dict:
    """Every version with its time and author, and finding markers over sampled versions.

    How many versions are validated is sized by the largest version in the history (about
    VALIDATION_BUDGET_NODES nodes in all); each validated version's summary is cached, so a
    timeline re-validates only versions it has not seen.
    """
    meta = history_meta(design.pk)
    at = {version: created for version, created, *_ in meta}
    counts = _node_counts(design.pk, meta)
    limit = validated_versions_for(max(counts.values(), default=0))
    sampled = sample_versions([m[0] for m in meta], limit)
    keys = {version: _summary_key(design.pk, version, at[version]) for version in sampled}
    cached = cache.get_many(list(keys.values()))
    summaries = {version: cached[key] for version, key in keys.items() if key in cached}
    missing = [version for version in sampled if version not in summaries]
    if missing:
        start = _replay_start(design.pk, missing[0])
        _check_replay_size([m for m in meta if m[0] >= start], missing[-1])
        fresh = {}
        for version, document in replay(_batches(design.pk, start, missing[-1]), keep=set(missing)):
            findings, coverage = design_findings(document)
            fresh[version] = summary(document, findings, coverage["mean"])
        cache.set_many({keys[v]: fresh[v] for v in fresh}, HISTORY_CACHE_S)
        summaries.update(fresh)
    return {
        "version": design.version,
        "versions": [
            {"version": v, "at": created.isoformat(), "author": author, "ops": n_ops}
            for v, created, author, n_ops, _ in meta
        ],
        **timeline(at, summaries, sampled, limit),
    }


def _document_at(design: Design, version: int) -> tuple[list, dict]:
    """(the history's metadata up to `version`, the document at `version`); Http404 when the history
    has no such version, HistoryTooLarge when replaying it would read too much."""
    meta = [m for m in history_meta(design.pk) if m[0] <= version]
    if not meta or meta[-1][0] != version:
        raise Http404(f"version {version} is not in this design's history (1–{design.version})")
    start = _replay_start(design.pk, version)
    _check_replay_size([m for m in meta if m[0] >= start], version)
    document = document_at(_batches(design.pk, start, version), version)
    assert document is not None  # the version is in the history (checked above)
    return meta, document


def design_document_at(design: Design, version: int) -> dict:
    """The document exactly as it was at `version` (what restoring that version puts back)."""
    return _document_at(design, version)[1]


def design_history_version(design: Design, version: int) -> dict:
    """The document exactly as it was at `version`, with its findings and rubric coverage; Http404 when
    the history has no such version. Replays from the latest document.replace at or before it."""
    meta, document = _document_at(design, version)
    findings, coverage = design_findings(document)
    return {
        "version": version,
        "at": meta[-1][1].isoformat(),
        "document": document,
        "findings": findings,
        "rubric": coverage,
    }


# --- Interviews on a bank problem ---------------------------------------------------------------


def interview_problem_public(session: InterviewSession) -> dict:
    """What everyone in the interview sees of its bank problem: the card and what was revealed."""
    problem = problem_get(session.problem_id) if session.problem_id else None
    if problem is None:
        return {"problem": None, "revealed": []}
    return {"problem": problem_card(problem), "revealed": reveals_as_dicts(problem, session.revealed)}


def problem_private(problem: BankProblem) -> dict:
    """The interviewer's copy of a problem: the card, every fact with its answer, both hint levels of
    every step and the write-up (the reference document is sent beside it)."""
    hints = problem.spec.hints
    return {
        **problem_card(problem),
        "facts": [fact_as_dict(f) for f in problem.spec.facts],
        "hints": [
            {"step": step.id, "nudge": getattr(hints, step.id).nudge, "pointer": getattr(hints, step.id).pointer}
            for step in STEPS
        ],
        "writeup": problem.spec.writeup.model_dump(),
    }


# --- Practice attempts -------------------------------------------------------------------------


def practice_for_design(design_id: int) -> PracticeAttempt | None:
    return PracticeAttempt.objects.filter(design_id=design_id).first()


def practice_problem(attempt: PracticeAttempt) -> BankProblem:
    """The attempt's problem (a problem removed from the bank after the attempt is 404)."""
    problem = problem_get(attempt.problem_id)
    if problem is None:
        raise Http404(f'The problem "{attempt.problem_id}" is no longer in the bank.')
    return problem


def _steps(boxes: list[int]) -> list[dict]:
    return [{**step.as_dict(), "box_s": box} for step, box in zip(STEPS, boxes)]


def practice_times(attempt: PracticeAttempt, now: datetime) -> list[dict]:
    """Per step: its time box and the seconds spent in it (None for a step never visited)."""
    spent = seconds_per_step(attempt.step_log, attempt.ended_at or now)
    return [
        {
            "id": step.id,
            "number": step.number,
            "title": step.title,
            "box_s": box,
            "spent_s": round(spent[step.id]) if step.id in spent else None,
        }
        for step, box in zip(STEPS, attempt.step_seconds)
    ]


def practice_outcome(document: dict, problem: BankProblem) -> dict:
    """The rubric, comparison and findings of a practice design as it is (heavy: validates it)."""
    findings, coverage = design_findings(document)
    return {
        "mean": coverage["mean"],
        "rubric": coverage,
        "comparison": compare(document, problem),
        "findings": findings,
    }


def practice_asked(attempt: PracticeAttempt, problem: BankProblem) -> list[dict]:
    return [{**fact_as_dict(fact), "at": a["at"]} for a, fact in facts_recorded(problem, attempt.asked)]


def practice_hints(attempt: PracticeAttempt, problem: BankProblem) -> list[dict]:
    return [{**h, "text": hint_text(problem, h["step"], h["level"])} for h in attempt.hints]


def practice_urls(design_id: int) -> dict:
    kw = {"design_id": design_id}
    return {
        "editor_url": reverse("design-editor", kwargs=kw),
        "report_url": reverse("practice-report", kwargs=kw),
    }


def practice_as_dict(attempt: PracticeAttempt, now: datetime) -> dict:
    """The attempt as its candidate sees it: the card, the timer, what they asked and the hints they
    used (with their text), and at the end the result."""
    problem = practice_problem(attempt)
    return {
        "design": attempt.design_id,
        "problem": problem_card(problem),
        **practice_urls(attempt.design_id),
        "started_at": attempt.started_at.isoformat(),
        "ended_at": attempt.ended_at.isoformat() if attempt.ended_at else None,
        "duration_s": attempt.duration_s,
        "steps": _steps(attempt.step_seconds),
        "current_step": attempt.current_step,
        "step_log": attempt.step_log,
        "timer": timer_state(attempt, now),
        "asked": practice_asked(attempt, problem),
        "hints": practice_hints(attempt, problem),
        "compared_at": attempt.compared_at.isoformat() if attempt.compared_at else None,
        "result": attempt.result,
    }


def practice_summary(attempt: PracticeAttempt) -> dict:
    """One row of My practice: the problem, when, the scores (once ended), hints and facts used."""
    problem = problem_get(attempt.problem_id)
    result = attempt.result or {}
    return {
        "design": attempt.design_id,
        "problem": {"id": attempt.problem_id, "title": problem.title if problem else attempt.problem_id},
        "started_at": attempt.started_at.isoformat(),
        "ended_at": attempt.ended_at.isoformat() if attempt.ended_at else None,
        "mean": result.get("mean"),
        "coverage": (result.get("comparison") or {}).get("coverage"),
        "hints": len(attempt.hints),
        "asked": len(attempt.asked),
        "report_url": practice_urls(attempt.design_id)["report_url"],
    }


def practice_list(user) -> list[PracticeAttempt]:
    """The user's attempts, newest first."""
    return list(PracticeAttempt.objects.filter(user=user))


def practice_ended_document(attempt: PracticeAttempt) -> dict:
    """The practice design as it was when the attempt ended (the current document when it has not
    changed since; else replayed from the log, within HISTORY_REPLAY_BYTES)."""
    design = attempt.design
    version = (attempt.result or {}).get("version", design.version)
    if version == design.version:
        return design.document
    start = _replay_start(design.pk, version)
    _check_replay_size([m for m in history_meta(design.pk) if start <= m[0] <= version], version)
    return document_at(_batches(design.pk, start, version), version) or design.document
