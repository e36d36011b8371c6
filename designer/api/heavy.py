"""Heavy work (validation, export, layout, history) bounded so that it never stalls other requests.

Under ASGI every request's sync view runs in a thread of its own, but validation is Python and
holds the GIL while it runs: many at once starve every other request in the process. So a process
runs at most HEAVY_WORKERS heavy jobs at once and one requester at most HEAVY_PER_REQUESTER; a job
that cannot start within HEAVY_QUEUE_S is refused with 429 (and Retry-After) rather than served late.
A job given as a function of plain data (`heavy(request, fn, *args)`) on a large document runs in a
worker process (designer/offload.py), off this process's GIL and bounded by HEAVY_TIME_S (422).
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from rest_framework import status
from rest_framework.exceptions import APIException

from designer import offload

from .throttles import requester

T = TypeVar("T")


class Busy(APIException):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = "busy"

    def __init__(self, detail: str, retry_after: int):
        super().__init__(detail)
        self.wait = retry_after


class HeavyWork:
    """A counting gate: `run(key, fn)` calls fn() in the caller's thread once a slot is free."""

    def __init__(self, workers: int, per_requester: int, queue_s: float):
        self.workers, self.per_requester, self.queue_s = workers, per_requester, queue_s
        self._slots = threading.BoundedSemaphore(workers)
        self._lock = threading.Lock()
        self._running: Counter[str] = Counter()

    def run(self, key: str, fn: Callable[[], T]) -> T:
        with self._lock:
            if self._running[key] >= self.per_requester:
                raise Busy(
                    f"You already have {self._running[key]} large request(s) (validation, export, layout or "
                    "history) running; wait for them to finish.",
                    retry_after=1,
                )
            self._running[key] += 1
        try:
            if not self._slots.acquire(timeout=self.queue_s):
                raise Busy(
                    "The server is busy with other large requests; try again in a few seconds.",
                    retry_after=max(1, round(self.queue_s)),
                )
            try:
                return fn()
            finally:
                self._slots.release()
        finally:
            with self._lock:
                self._running[key] -= 1
                if not self._running[key]:
                    del self._running[key]


_gate: HeavyWork | None = None
_gate_lock = threading.Lock()


def gate() -> HeavyWork:
    """This process's gate, sized from the settings at first use."""
    global _gate
    with _gate_lock:
        if _gate is None:
            _gate = HeavyWork(settings.HEAVY_WORKERS, settings.HEAVY_PER_REQUESTER, settings.HEAVY_QUEUE_S)
        return _gate


@receiver(setting_changed)
def _resize(setting, **kwargs):
    global _gate
    if setting.startswith("HEAVY_"):
        with _gate_lock:
            _gate = None


#: Stands for the request's parsed body among `heavy`'s args: it is read inside the gate, so a
#: refused request never pays for reading it.
BODY = object()


def heavy(request, fn: Callable[..., T], *args) -> T:
    """Run `fn(*args)` for this request under the gate (429 when it would have to wait too long).

    With args, `fn` is a module-level function of plain data (documents, options; BODY for the
    request's body) and runs in a worker process when the document is large (designer/offload.py).
    Without, `fn` is a closure run in this thread (work that reads the database: history, restore)."""
    if not args:
        return gate().run(requester(request), fn)
    # The worker's refusals (offload.Busy, TooSlow, WorkerLost) are answered by designer/api/errors.py.
    return gate().run(requester(request), lambda: offload.run(fn, *(request.data if a is BODY else a for a in args)))
