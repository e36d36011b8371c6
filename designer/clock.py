"""The server's wall clock, read in one place: the throttles, the sign-in lockout and the interview
timer take the time from `clock`, and tests set it (tests/conftest.py's `fake_clock`) instead of
waiting on it."""

from __future__ import annotations

import time
from datetime import UTC, datetime


class Clock:
    """Seconds since the epoch (`time`) and the same instant as an aware UTC datetime (`now`)."""

    def time(self) -> float:
        return time.time()

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.time(), UTC)


clock = Clock()
