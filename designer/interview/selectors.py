"""Reads for interview mode: who takes part in a design's interviews, what each of them may see, its history."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q
from django.http import Http404

from designer.models import Design, Operation
from designer.sharing.models import ShareLink
from designer.sharing.selectors import interviewer_link_for_design, live_links

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


def link_led_an_interview(link: ShareLink) -> bool:
    """Whether the link led one of its design's interviews: then it reads the design's report
    and history, as an interviewer account does."""
    return link.design.interviews.filter(interviewer_link=link).exists()


def design_for_link(link: ShareLink) -> tuple[Design, str]:
    """A live link's design and its part in it, for the report pages; 404 for a link that led no interview."""
    if not link_led_an_interview(link):
        raise Http404("No such report.")
    return link.design, "interviewer"


def interview_latest(design: Design) -> InterviewSession | None:
    return design.interviews.select_related("interviewer", "interviewer_link", "candidate").first()


def interview_latest_for_link(link_id: int) -> tuple[ShareLink, InterviewSession | None]:
    """A guest's link (already checked live) and its design's latest interview."""
    link = ShareLink.objects.select_related("design").get(pk=link_id)
    return link, interview_latest(link.design)


def interview_get_for_user(user, session_id: int) -> InterviewSession:
    """A session the user owns the design of, leads or takes; else 404."""
    session = (
        InterviewSession.objects.select_related("design", "interviewer", "candidate").filter(pk=session_id).first()
    )
    if session is None or user.pk not in (session.design.owner_id, session.interviewer_id, session.candidate_id):
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


def is_interviewer(session: InterviewSession, viewer) -> bool:
    """True when `viewer` (an account, or the share link a guest came through) leads the session."""
    if isinstance(viewer, ShareLink):
        return session.interviewer_link_id == viewer.pk
    return session.interviewer_id is not None and session.interviewer_id == viewer.pk


def review_visible(session: InterviewSession, viewer) -> bool:
    """Notes and scores: always to the interviewer (an account or a link), to everyone else only once shared."""
    return is_interviewer(session, viewer) or session.shared_at is not None


def interviewer_name(session: InterviewSession) -> str:
    if session.interviewer_id is not None:
        return session.interviewer.get_username()
    return session.interviewer_link.label or f"share link #{session.interviewer_link_id}"


def _part(session: InterviewSession, viewer) -> str:
    if is_interviewer(session, viewer):
        return "interviewer"
    if isinstance(viewer, ShareLink):
        return "guest"
    return "candidate" if session.candidate_id == viewer.pk else "owner"


def interview_as_dict(session: InterviewSession, viewer, now: datetime) -> dict:
    """The session as `viewer` (an account or a share link) may see it: the review only when review_visible()."""
    data = {
        "id": session.pk,
        "design": session.design_id,
        "interviewer": interviewer_name(session),
        "interviewer_link": session.interviewer_link_id,
        "candidate": session.candidate.get_username() if session.candidate else None,
        "you_are": _part(session, viewer),
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
    if review_visible(session, viewer):
        data["review"] = {"notes": session.notes, "scores": session.scores}
    return data


def history_entries(design: Design) -> list[tuple[int, datetime, list, str]]:
    """(version, created_at, ops, author) of every logged batch, oldest first."""
    return list(
        Operation.objects.filter(design=design)
        .order_by("version")
        .values_list("version", "created_at", "ops", "author")
    )
