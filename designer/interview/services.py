"""Writes for interview mode: designs from templates, the interview session lifecycle, and practice attempts."""

from __future__ import annotations

from django.db import transaction

from designer.broadcast import broadcast_interview, broadcast_interview_reveal
from designer.clock import clock
from designer.services import OpsResult, design_create
from designer.sharing.access import Access
from designer.sharing.services import NotAllowed, collab_apply_ops, share_link_lock_live

from .bank import BankProblem, problem_get, reveal_as_dict
from .cases import Case
from .framework import STEP_IDS, STEPS
from .models import InterviewSession, PracticeAttempt
from .selectors import design_document_at, practice_times

#: Hint levels per step: a nudge, then a concrete pointer.
HINT_LEVELS = 2


def design_create_from_case(*, owner, case: Case, title: str | None = None):
    """A new design holding a copy of the template (its version 1 is the template document)."""
    return design_create(owner=owner, document=case.document, title=title)


def _timer_start(boxes: list[int], now) -> dict:
    """The timer fields of an interview or a practice attempt that starts `now` at step 1."""
    return {
        "duration_s": sum(boxes),
        "step_seconds": boxes,
        "current_step": 0,
        "step_log": [{"step": STEP_IDS[0], "started_at": now.isoformat()}],
        "started_at": now,
        "step_started_at": now,
    }


@transaction.atomic
def interview_start(
    *, design, boxes: list[int], interviewer=None, interviewer_link=None, candidate=None, problem_id: str = ""
) -> InterviewSession:
    """Start a timed interview at step 1, led by an account or a share link; a running interview on the design ends first."""
    if (interviewer is None) == (interviewer_link is None):
        raise ValueError("an interview has exactly one interviewer: an account or a share link")
    now = clock.now()
    design.interviews.filter(ended_at__isnull=True).update(ended_at=now)
    session = InterviewSession.objects.create(
        design=design,
        interviewer=interviewer,
        interviewer_link=interviewer_link,
        candidate=candidate,
        problem_id=problem_id,
        **_timer_start(boxes, now),
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
    now = clock.now()
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
        session.ended_at = clock.now()
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
    session.shared_at = clock.now() if shared else None
    session.save(update_fields=["shared_at"])
    _announce(session)
    return session


def _announce(session: InterviewSession) -> None:
    """Everyone with the design open hears of the change once it is committed (notes and scores
    are not announced: until shared, only the interviewer sees them)."""
    design_id, session_id = session.design_id, session.pk
    transaction.on_commit(lambda: broadcast_interview(design_id, session_id))


class AlreadyRevealed(Exception):
    """The interviewer revealed this fact or hint level already, or the interview has ended."""


@transaction.atomic
def interview_reveal(
    *, session: InterviewSession, access: Access, fact: str | None = None, hint: tuple[str, int] | None = None
) -> tuple[InterviewSession, dict]:
    """The interviewer reveals a fact (by id) or a hint (step, level) of the interview's problem to the
    candidate: recorded in order, then announced to the room with its content (revealed things are
    the candidate's to see). Returns the session and the reveal with its content."""
    session = _lock(session, access)
    problem = problem_get(session.problem_id)
    if problem is None:
        raise NotAllowed("This interview is not on a bank problem.")
    if session.ended_at is not None:
        raise AlreadyRevealed("The interview has ended: nothing more is revealed.")
    now = clock.now()
    entry: dict[str, object]
    if fact is not None:
        if any(r["kind"] == "fact" and r["fact"] == fact for r in session.revealed):
            raise AlreadyRevealed(f'The fact "{fact}" is revealed already.')
        entry = {"kind": "fact", "fact": fact, "at": now.isoformat()}
    elif hint is not None:
        step, level = hint
        levels = {r["level"] for r in session.revealed if r["kind"] == "hint" and r["step"] == step}
        if level in levels:
            raise AlreadyRevealed(f"Hint {level} of {step} is revealed already.")
        entry = {"kind": "hint", "step": step, "level": level, "at": now.isoformat()}
    else:
        raise ValueError("reveal a fact or a hint")
    session.revealed = [*session.revealed, entry]
    session.save(update_fields=["revealed"])
    _record_on_practice(session, entry)
    design_id, session_id = session.design_id, session.pk
    shown = reveal_as_dict(problem, entry)
    transaction.on_commit(lambda: broadcast_interview_reveal(design_id, session_id, shown))
    return session, shown


def _record_on_practice(session: InterviewSession, entry: dict) -> None:
    """When the interview runs on a running practice of the same problem, a reveal is also what the
    candidate asked or the hint they got: the practice records it (its card and report show it)."""
    attempt = (
        PracticeAttempt.objects.select_for_update()
        .filter(design_id=session.design_id, problem_id=session.problem_id, ended_at__isnull=True)
        .first()
    )
    if attempt is None:
        return
    if entry["kind"] == "fact":
        if all(a["fact"] != entry["fact"] for a in attempt.asked):
            attempt.asked = [*attempt.asked, {"fact": entry["fact"], "at": entry["at"]}]
    elif all((h["step"], h["level"]) != (entry["step"], entry["level"]) for h in attempt.hints):
        attempt.hints = [*attempt.hints, {"step": entry["step"], "level": entry["level"], "at": entry["at"]}]
    attempt.save(update_fields=["asked", "hints"])


# --- Practice attempts: one candidate, one bank problem, a blank design of its own. -------------


@transaction.atomic
def practice_start(*, user, problem: BankProblem, boxes: list[int], now=None) -> PracticeAttempt:
    """A new blank design titled after the problem, and the attempt on it at step 1."""
    now = now or clock.now()
    design = design_create(owner=user, title=f"Practice: {problem.title}"[:100])
    return PracticeAttempt.objects.create(
        user=user,
        design=design,
        problem_id=problem.id,
        **_timer_start(boxes, now),
    )


class PracticeEnded(Exception):
    """The attempt has ended: nothing more is recorded on it."""


def _lock_attempt(attempt: PracticeAttempt) -> PracticeAttempt:
    attempt = PracticeAttempt.objects.select_for_update().get(pk=attempt.pk)
    if attempt.ended_at is not None:
        raise PracticeEnded("This practice has ended; start a new one to practise again.")
    return attempt


@transaction.atomic
def practice_ask(*, attempt: PracticeAttempt, fact_id: str, now=None) -> PracticeAttempt:
    """Record that the candidate asked for this fact (once: asking again records nothing)."""
    attempt = _lock_attempt(attempt)
    if all(a["fact"] != fact_id for a in attempt.asked):
        attempt.asked = [*attempt.asked, {"fact": fact_id, "at": (now or clock.now()).isoformat()}]
        attempt.save(update_fields=["asked"])
    return attempt


@transaction.atomic
def practice_hint(*, attempt: PracticeAttempt, step: str, now=None) -> tuple[PracticeAttempt, int]:
    """Use the next hint level of `step` (1, then 2); past the last level the last one is shown
    again and nothing is recorded. Returns the attempt and the level shown."""
    attempt = _lock_attempt(attempt)
    used = {h["level"] for h in attempt.hints if h["step"] == step}
    level = next((n for n in range(1, HINT_LEVELS + 1) if n not in used), None)
    if level is None:
        return attempt, HINT_LEVELS
    attempt.hints = [*attempt.hints, {"step": step, "level": level, "at": (now or clock.now()).isoformat()}]
    attempt.save(update_fields=["hints"])
    return attempt, level


@transaction.atomic
def practice_step(*, attempt: PracticeAttempt, step: str, now=None) -> PracticeAttempt:
    """Move the timer to `step` (any step, forwards or back); the time until the next move counts for it."""
    attempt = _lock_attempt(attempt)
    index = STEP_IDS.index(step)
    if index == attempt.current_step:
        return attempt
    now = now or clock.now()
    attempt.current_step = index
    attempt.step_started_at = now
    attempt.step_log = [*attempt.step_log, {"step": step, "started_at": now.isoformat()}]
    attempt.save(update_fields=["current_step", "step_started_at", "step_log"])
    return attempt


@transaction.atomic
def practice_compared(*, attempt: PracticeAttempt, now=None) -> PracticeAttempt:
    """Record the first look at the comparison before the end (the report says the reference was seen)."""
    attempt = PracticeAttempt.objects.select_for_update().get(pk=attempt.pk)
    if attempt.ended_at is None and attempt.compared_at is None:
        attempt.compared_at = now or clock.now()
        attempt.save(update_fields=["compared_at"])
    return attempt


@transaction.atomic
def practice_end(*, attempt: PracticeAttempt, outcome: dict, version: int, now=None) -> PracticeAttempt:
    """End the attempt with its result: `outcome` (selectors.practice_outcome of the design at
    `version`) and the time spent per step. Ending an ended attempt changes nothing."""
    attempt = PracticeAttempt.objects.select_for_update().get(pk=attempt.pk)
    if attempt.ended_at is not None:
        return attempt
    attempt.ended_at = now or clock.now()
    attempt.result = {"version": version, **outcome, "times": practice_times(attempt, attempt.ended_at)}
    attempt.save(update_fields=["ended_at", "result"])
    return attempt


def design_restore(*, access: Access, design, version: int) -> OpsResult:
    """Put the document of `version` back as a new version (a document.replace, persisted then
    broadcast like any edit, so open editors follow live); restoring the version before it undoes it."""
    document = design_document_at(design, version)
    return collab_apply_ops(access=access, ops=[{"op": "document.replace", "document": document}], client_op_id="")
