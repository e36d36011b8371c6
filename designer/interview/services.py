"""Writes for interview mode: designs from templates, and the interview session lifecycle."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from designer.broadcast import broadcast_interview
from designer.services import OpsResult, design_create
from designer.sharing.access import Access
from designer.sharing.services import NotAllowed, collab_apply_ops, share_link_lock_live

from .cases import Case
from .framework import STEP_IDS, STEPS
from .models import InterviewSession
from .selectors import design_document_at


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


def _lock(session: InterviewSession, access: Access, *, candidate_too: bool = False) -> InterviewSession:
    """Inside the write's transaction: re-check the access's link and its part in the session (a link
    revoked, or an interview restarted, after the view's checks wins), then lock the session."""
    share_link_lock_live(access.link_id)
    session = InterviewSession.objects.select_for_update().get(pk=session.pk)
    if access.leads(session) or (candidate_too and access.takes(session)):
        return session
    if access.guest:
        raise NotAllowed("Only the interviewer's link can do this.")
    if candidate_too:
        raise NotAllowed("Only the interviewer or the candidate moves the interview on.")
    raise NotAllowed("Only the interviewer can do this.")


@transaction.atomic
def interview_next_step(*, session: InterviewSession, access: Access) -> InterviewSession:
    """Move to the next step (the interviewer or the candidate); after the last step the interview
    ends. Ended interviews do not move."""
    session = _lock(session, access, candidate_too=True)
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
def interview_end(*, session: InterviewSession, access: Access) -> InterviewSession:
    """End the interview now, whatever step it is at (the interviewer)."""
    session = _lock(session, access)
    if session.ended_at is None:
        session.ended_at = timezone.now()
        session.save(update_fields=["ended_at"])
        _announce(session)
    return session


@transaction.atomic
def interview_review(
    *, session: InterviewSession, access: Access, notes: str | None = None, scores: dict | None = None
) -> InterviewSession:
    """Update the interviewer's notes and/or merge per-step scores (None removes a step's score)."""
    session = _lock(session, access)
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
def interview_share(*, session: InterviewSession, access: Access, shared: bool = True) -> InterviewSession:
    """Show (or hide again) the notes and scores to the candidate and the design's owner (the interviewer)."""
    session = _lock(session, access)
    session.shared_at = timezone.now() if shared else None
    session.save(update_fields=["shared_at"])
    _announce(session)
    return session


def _announce(session: InterviewSession) -> None:
    """Everyone with the design open hears of the change once it is committed (notes and scores
    are not announced: until shared, only the interviewer sees them)."""
    design_id, session_id = session.design_id, session.pk
    transaction.on_commit(lambda: broadcast_interview(design_id, session_id))


def design_restore(*, access: Access, design, version: int) -> OpsResult:
    """Put the document of `version` back as a new version (a document.replace, persisted then
    broadcast like any edit, so open editors follow live); restoring the version before it undoes it."""
    document = design_document_at(design, version)
    return collab_apply_ops(access=access, ops=[{"op": "document.replace", "document": document}], client_op_id="")
