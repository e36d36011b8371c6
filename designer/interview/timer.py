"""The interview timer, computed from server timestamps only (clients show it, never own it)."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol


class Timed(Protocol):
    """The timer fields an interview session and a practice attempt both keep."""

    started_at: datetime
    ended_at: datetime | None
    duration_s: int
    step_seconds: list[int]
    current_step: int
    step_started_at: datetime


def timer_state(timed: Timed, now: datetime) -> dict:
    """Elapsed and remaining seconds for the whole interview and for the current step's time box.

    After the interview ends the clock stops at `ended_at`. Remaining time goes negative when a
    box is overrun (the interviewer decides when to move on).
    """
    clock = timed.ended_at or now
    elapsed = max(0.0, (clock - timed.started_at).total_seconds())
    step_elapsed = max(0.0, (clock - timed.step_started_at).total_seconds())
    box = timed.step_seconds[timed.current_step]
    duration_s = timed.duration_s
    return {
        "running": timed.ended_at is None,
        "now": now.isoformat(),
        "elapsed_s": round(elapsed, 1),
        "remaining_s": round(duration_s - elapsed, 1),
        "step_elapsed_s": round(step_elapsed, 1),
        "step_remaining_s": round(box - step_elapsed, 1),
        "over_time": elapsed > duration_s,
        "step_over_time": step_elapsed > box,
    }
