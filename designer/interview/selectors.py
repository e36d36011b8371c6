"""Reads for interview mode: a design's interviews as each participant may see them, its findings and history."""

from __future__ import annotations

from datetime import datetime

from django.http import Http404

from designer.models import Design, Operation
from designer.sharing.access import Access
from designer.sharing.models import ShareLink
from designer.sharing.selectors import interviewer_link_for_design, live_links
from designer.validation.selectors import document_findings

from .framework import STEPS
from .models import InterviewSession
from .replay import document_at, timeline, validated_versions_for
from .rubric import rubric
from .timer import timer_state


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
    if session.interviewer_id is not None:
        return session.interviewer.get_username()
    return session.interviewer_link.label or f"share link #{session.interviewer_link_id}"


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
        "timer": timer_state(
            started_at=session.started_at,
            ended_at=session.ended_at,
            duration_s=session.duration_s,
            boxes=session.step_seconds,
            current_step=session.current_step,
            step_started_at=session.step_started_at,
            now=now,
        ),
        "shared": session.shared_at is not None,
        "shared_at": session.shared_at.isoformat() if session.shared_at else None,
    }
    if review_visible(session, access):
        data["review"] = {"notes": session.notes, "scores": session.scores}
    return data


def history_entries(design_id: int) -> list[tuple[int, datetime, list, str]]:
    """(version, created_at, ops, author) of every logged batch, oldest first."""
    return list(
        Operation.objects.filter(design_id=design_id)
        .order_by("version")
        .values_list("version", "created_at", "ops", "author")
    )


def design_findings(document: dict) -> tuple[list[dict], dict]:
    """A valid document's findings (as dicts) and its rubric coverage, which reads them."""
    findings = document_findings(document)
    return findings, rubric(document, findings)


def design_history(design: Design) -> dict:
    """Every version with its time and author, and finding markers over sampled versions."""
    entries = history_entries(design.pk)
    result = timeline(
        [(v, at, ops) for v, at, ops, _ in entries],
        validate=document_findings,
        score=lambda doc, findings: rubric(doc, findings)["mean"],
        limit=validated_versions_for(len(design.document.get("nodes", []))),
    )
    return {
        "version": design.version,
        "versions": [
            {"version": v, "at": at.isoformat(), "author": author, "ops": len(ops)} for v, at, ops, author in entries
        ],
        **result,
    }


def design_history_version(design: Design, version: int) -> dict:
    """The document exactly as it was at `version`, with its findings and rubric coverage; Http404 when
    the history has no such version."""
    entries = history_entries(design.pk)
    document = document_at([(v, ops) for v, _, ops, _ in entries], version)
    if document is None:
        raise Http404(f"version {version} is not in this design's history (1–{design.version})")
    findings, coverage = design_findings(document)
    at = next(at for v, at, _, _ in entries if v == version)
    return {"version": version, "at": at.isoformat(), "document": document, "findings": findings, "rubric": coverage}
