"""Reads for interview mode: who takes part in a design's interviews, what each of them may see, its history."""
from __future__ import annotations

from datetime import datetime

from django.db.models import Q
from django.http import Http404

from designer.models import Design, Operation

from .framework import STEPS
from .models import InterviewSession
from .timer import timer_state


def design_for_participant(user, design_id: int) -> tuple[Design, str]:
    """The design and the user's part in it: "owner", "interviewer" or "candidate"; else 404.

    Interviewers and candidates of any of its interviews may read the design's report, rubric
    and history, never change it; anyone else learns nothing (not even that it exists).
    """
    design = Design.objects.filter(pk=design_id).first()
    if design is None or not user.is_authenticated:
        raise Http404("No such design.")
    if design.owner_id == user.pk:
        return design, "owner"
    sessions = design.interviews.filter(Q(interviewer=user) | Q(candidate=user))
    if sessions.filter(interviewer=user).exists():
        return design, "interviewer"
    if sessions.exists():
        return design, "candidate"
    raise Http404("No such design.")


def interview_latest(design: Design) -> InterviewSession | None:
    return design.interviews.select_related("interviewer", "candidate").first()


def interview_get_for_user(user, session_id: int) -> InterviewSession:
    """A session the user owns the design of, leads or takes; else 404."""
    session = InterviewSession.objects.select_related("design", "interviewer", "candidate").filter(pk=session_id).first()
    if session is None or user.pk not in (session.design.owner_id, session.interviewer_id, session.candidate_id):
        raise Http404("No such interview.")
    return session


def review_visible(session: InterviewSession, user) -> bool:
    """Notes and scores: always to the interviewer, to everyone else only once shared."""
    return session.interviewer_id == user.pk or session.shared_at is not None


def interview_as_dict(session: InterviewSession, viewer, now: datetime) -> dict:
    """The session as `viewer` may see it: the review only when review_visible()."""
    data = {
        "id": session.pk,
        "design": session.design_id,
        "interviewer": session.interviewer.get_username(),
        "candidate": session.candidate.get_username() if session.candidate else None,
        "you_are": "interviewer" if session.interviewer_id == viewer.pk
        else "candidate" if session.candidate_id == viewer.pk else "owner",
        "duration_s": session.duration_s,
        "steps": [{**step.as_dict(), "box_s": box} for step, box in zip(STEPS, session.step_seconds)],
        "current_step": session.current_step,
        "step_log": session.step_log,
        "started_at": session.started_at.isoformat(),
        "ended_at": session.ended_at.isoformat() if session.ended_at else None,
        "timer": timer_state(
            started_at=session.started_at, ended_at=session.ended_at, duration_s=session.duration_s,
            boxes=session.step_seconds, current_step=session.current_step,
            step_started_at=session.step_started_at, now=now,
        ),
        "shared": session.shared_at is not None,
        "shared_at": session.shared_at.isoformat() if session.shared_at else None,
    }
    if review_visible(session, viewer):
        data["review"] = {"notes": session.notes, "scores": session.scores}
    return data


def history_entries(design: Design) -> list[tuple[int, datetime, list, str]]:
    """(version, created_at, ops, author) of every logged batch, oldest first."""
    return list(Operation.objects.filter(design=design).order_by("version").values_list("version", "created_at", "ops", "author"))
