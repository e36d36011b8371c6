"""Writes for interview mode: designs from templates, and the interview session lifecycle."""
from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from designer.services import design_create

from .cases import Case
from .framework import STEP_IDS, STEPS
from .models import InterviewSession


def design_create_from_case(*, owner, case: Case, title: str | None = None):
    """A new design holding a copy of the template (its version 1 is the template document)."""
    return design_create(owner=owner, document=case.document, title=title)


@transaction.atomic
def interview_start(*, design, interviewer, boxes: list[int], candidate=None) -> InterviewSession:
    """Start a timed interview at step 1; a running interview on the design ends first."""
    now = timezone.now()
    design.interviews.filter(ended_at__isnull=True).update(ended_at=now)
    return InterviewSession.objects.create(
        design=design, interviewer=interviewer, candidate=candidate,
        duration_s=sum(boxes), step_seconds=boxes, current_step=0,
        step_log=[{"step": STEP_IDS[0], "started_at": now.isoformat()}],
        started_at=now, step_started_at=now,
    )


@transaction.atomic
def interview_next_step(*, session: InterviewSession) -> InterviewSession:
    """Move to the next step; after the last step the interview ends. Ended interviews do not move."""
    session = InterviewSession.objects.select_for_update().get(pk=session.pk)
    if session.ended_at is not None:
        return session
    now = timezone.now()
    if session.current_step + 1 >= len(STEPS):
        session.ended_at = now
        session.save(update_fields=["ended_at"])
        return session
    session.current_step += 1
    session.step_started_at = now
    session.step_log = [*session.step_log, {"step": STEP_IDS[session.current_step], "started_at": now.isoformat()}]
    session.save(update_fields=["current_step", "step_started_at", "step_log"])
    return session


@transaction.atomic
def interview_end(*, session: InterviewSession) -> InterviewSession:
    session = InterviewSession.objects.select_for_update().get(pk=session.pk)
    if session.ended_at is None:
        session.ended_at = timezone.now()
        session.save(update_fields=["ended_at"])
    return session


@transaction.atomic
def interview_review(*, session: InterviewSession, notes: str | None = None, scores: dict | None = None) -> InterviewSession:
    """Update the interviewer's notes and/or merge per-step scores (None removes a step's score)."""
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
def interview_share(*, session: InterviewSession, shared: bool = True) -> InterviewSession:
    """Show (or hide again) the notes and scores to the candidate and the design's owner."""
    session = InterviewSession.objects.select_for_update().get(pk=session.pk)
    session.shared_at = timezone.now() if shared else None
    session.save(update_fields=["shared_at"])
    return session
