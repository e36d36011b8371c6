"""Writes for interview mode: designs from templates, and the interview session lifecycle."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from designer.realtime.broadcast import broadcast_interview
from designer.services import design_create
from designer.sharing.services import share_link_lock_live

from .cases import Case
from .framework import STEP_IDS, STEPS
from .models import InterviewSession


def design_create_from_case(*, owner, case: Case, title: str | None = None):
    """A new design holding a copy of the template (its version 1 is the template document)."""
    return design_create(owner=owner, document=case.document, title=title)


@transaction.atomic
def interview_start(
    *, design, boxes: list[int], interviewer=None, interviewer_link=None, candidate=None
) -> InterviewSession:
    """Start a timed interview at step 1, led by an account or a share link; a running interview on the design ends first."""
    if (interviewer is None) == (interviewer_link is None):
        raise ValueError("an interview has exactly one interviewer: an account or a share link")
    now = timezone.now()
    design.interviews.filter(ended_at__isnull=True).update(ended_at=now)
    session = InterviewSession.objects.create(
        design=design,
        interviewer=interviewer,
        interviewer_link=interviewer_link,
        candidate=candidate,
        duration_s=sum(boxes),
        step_seconds=boxes,
        current_step=0,
        step_log=[{"step": STEP_IDS[0], "started_at": now.isoformat()}],
        started_at=now,
        step_started_at=now,
    )
    _announce(session)
    return session


@transaction.atomic
def interview_next_step(*, session: InterviewSession, link_id: int | None = None) -> InterviewSession:
    """Move to the next step; after the last step the interview ends. Ended interviews do not move.

    `link_id`, for every write made through a share link: the link is re-checked under lock, so a
    revocation wins over a request already past the view's check.
    """
    share_link_lock_live(link_id)
    session = InterviewSession.objects.select_for_update().get(pk=session.pk)
    if session.ended_at is not None:
        return session
    now = timezone.now()
    if session.current_step + 1 >= len(STEPS):
        session.ended_at = now
        session.save(update_fields=["ended_at"])
    else:
        session.current_step += 1
        session.step_started_at = now
        session.step_log = [*session.step_log, {"step": STEP_IDS[session.current_step], "started_at": now.isoformat()}]
        session.save(update_fields=["current_step", "step_started_at", "step_log"])
    _announce(session)
    return session


@transaction.atomic
def interview_end(*, session: InterviewSession, link_id: int | None = None) -> InterviewSession:
    """End the interview now, whatever step it is at (`link_id` as for interview_next_step)."""
    share_link_lock_live(link_id)
    session = InterviewSession.objects.select_for_update().get(pk=session.pk)
    if session.ended_at is None:
        session.ended_at = timezone.now()
        session.save(update_fields=["ended_at"])
        _announce(session)
    return session


@transaction.atomic
def interview_review(
    *, session: InterviewSession, notes: str | None = None, scores: dict | None = None, link_id: int | None = None
) -> InterviewSession:
    """Update the interviewer's notes and/or merge per-step scores (None removes a step's score)."""
    share_link_lock_live(link_id)
    session = InterviewSession.objects.select_for_update().get(pk=session.pk)
    if notes is not None:
        session.notes = notes
    if scores is not None:
        merged = dict(session.scores)
        for step, score in scores.items():
            if score is None:
                merged.pop(step, None)
            else:
                merged[step] = score
        session.scores = {step: merged[step] for step in STEP_IDS if step in merged}
    session.save(update_fields=["notes", "scores"])
    return session


@transaction.atomic
def interview_share(*, session: InterviewSession, shared: bool = True, link_id: int | None = None) -> InterviewSession:
    """Show (or hide again) the notes and scores to the candidate and the design's owner."""
    share_link_lock_live(link_id)
    session = InterviewSession.objects.select_for_update().get(pk=session.pk)
    session.shared_at = timezone.now() if shared else None
    session.save(update_fields=["shared_at"])
    _announce(session)
    return session


def _announce(session: InterviewSession) -> None:
    """Everyone with the design open hears of the change once it is committed (notes and scores
    are not announced: until shared, only the interviewer sees them)."""
    design_id, session_id = session.design_id, session.pk
    transaction.on_commit(lambda: broadcast_interview(design_id, session_id))
