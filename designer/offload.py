"""CPU-bound work on large documents (validation, rubric, layout, export, a big batch's check) in worker processes.

Validation is Python: in a thread it holds the GIL, so one 5,000-node check made every other request and
websocket of the process wait (bench/http_isolation.py: a light request's p50 went from 4.7 to 101.8 ms with
one heavy client). `run(fn, *args)` calls a module-level `fn` on plain data (documents, ops) in one of
HEAVY_WORKERS processes of a concurrent.futures ProcessPoolExecutor, started from a clean forkserver with
Django set up. At most that many jobs run at once; one that cannot get a worker within HEAVY_QUEUE_S is
refused (`Busy`), and one that runs longer than HEAVY_TIME_S is stopped inside its worker (`TooSlow`).
Documents under HEAVY_OFFLOAD_ITEMS nodes and edges, given as JSON text under HEAVY_OFFLOAD_BYTES, are
cheaper to check in place than to ship, so they run in the caller's thread. Large input is best given as
text (a websocket frame, a stored document's JSON): pickling a string is a copy, while pickling 10,000
parsed nodes there and back held the server's GIL for tens of milliseconds per job. Workers run at
HEAVY_WORKER_NICENESS, so on a busy machine the operating system prefers the server's own process. Callers map the refusals: the HTTP gate (designer/api/heavy.py) to 429 / 422 /
503, the websocket consumer to close 1013 or op.reject.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

T = TypeVar("T")
# Past the time bound, how long a worker may take to stop itself before it is killed (C code that never
# returns to the interpreter cannot see the alarm).
GRACE_S = 2.0


class Busy(Exception):
    """No worker became free within the queue bound: the job was not run."""

    def __init__(self, waited_s: float):
        self.waited_s = waited_s
        super().__init__(f"no worker was free within {waited_s:g} s")


class TooSlow(Exception):
    """The job ran longer than its time bound and was stopped."""

    def __init__(self, limit_s: float):
        self.limit_s = limit_s
        super().__init__(f"stopped after {limit_s:g} s")


class WorkerLost(Exception):
    """The worker process died while running the job (killed, out of memory): it may be retried."""


def items(value: Any) -> int:
    """How much document `value` holds: nodes and edges of a document, or of the documents in a list of ops."""
    if isinstance(value, dict):
        nodes, edges = value.get("nodes"), value.get("edges")
        count = (len(nodes) if isinstance(nodes, list) else 0) + (len(edges) if isinstance(edges, list) else 0)
        return count or (items(value["document"]) if isinstance(value.get("document"), dict) else 0)
    if isinstance(value, list):
        return sum(items(element) for element in value[:1000] if isinstance(element, dict))
    return 0


def size(value: Any) -> int:
    """How many characters of JSON text `value` is (0 for parsed values: `items` counts those)."""
    return len(value) if isinstance(value, str | bytes) else 0


# --- inside a worker -----------------------------------------------------------------------------


def _start_worker(server_pid: int, niceness: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "designer.settings")
    import django

    django.setup()
    # Below the server's priority: a core shared with a worker goes to the server's sockets first.
    os.nice(niceness)
    # A worker's parent is the forkserver, and it waits on a queue whose pipe it holds both ends of, so
    # it never learns that the server died (killed, restarted): it leaves when the server is gone.
    threading.Thread(target=_leave_with, args=(server_pid,), daemon=True).start()


def _leave_with(server_pid: int) -> None:
    while True:
        time.sleep(1)
        try:
            os.kill(server_pid, 0)
        except ProcessLookupError:
            os._exit(0)


@dataclass
class _Raised:
    """An exception carried back from a worker: its class, args and attributes (InvalidDocument's
    problems, an ExportError's status), rebuilt as it was; plain pickling would call __init__ with the
    message alone."""

    cls: type[BaseException]
    args: tuple
    state: dict

    def rebuild(self) -> BaseException:
        exc = self.cls.__new__(self.cls)
        exc.args = self.args
        exc.__dict__.update(self.state)
        return exc


def _stop(signum, frame):
    raise TooSlow(_stop.limit_s)  # type: ignore[attr-defined]


def _call(fn: Callable[..., T], args: tuple, limit_s: float) -> T | _Raised:
    _stop.limit_s = limit_s  # type: ignore[attr-defined]
    signal.signal(signal.SIGALRM, _stop)
    signal.setitimer(signal.ITIMER_REAL, limit_s)
    try:
        try:
            return fn(*args)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except Exception as exc:
        return _Raised(type(exc), exc.args, dict(exc.__dict__))


# --- in the server process -----------------------------------------------------------------------


class Pool:
    """HEAVY_WORKERS worker processes behind a counting gate with a queue bound and a time bound."""

    def __init__(
        self,
        workers: int,
        queue_s: float,
        time_s: float,
        min_items: int,
        min_bytes: int = 0,
        niceness: int = 0,
        clock=time.monotonic,
    ):
        self.workers, self.queue_s, self.time_s, self.clock = workers, queue_s, time_s, clock
        self.min_items, self.min_bytes, self.niceness = min_items, min_bytes, niceness
        self._slots = threading.BoundedSemaphore(workers)
        self._lock = threading.Lock()
        self._executor: ProcessPoolExecutor | None = None

    def executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._executor is None:
                context = multiprocessing.get_context("forkserver")
                self._executor = ProcessPoolExecutor(
                    self.workers,
                    mp_context=context,
                    initializer=_start_worker,
                    initargs=(os.getpid(), self.niceness),
                )
            return self._executor

    def _discard(self, executor: ProcessPoolExecutor, kill: bool) -> None:
        with self._lock:
            if self._executor is executor:
                self._executor = None
        if kill:
            # A worker stuck past its time bound: the executor has no way to stop one job, so its
            # processes go (jobs of others on them fail as WorkerLost and may be retried).
            for process in list(getattr(executor, "_processes", {}).values()):
                process.kill()
        executor.shutdown(wait=False, cancel_futures=True)

    def large(self, args: tuple) -> bool:
        """Whether the documents (or JSON texts) among args are worth a worker."""
        text = sum(size(arg) for arg in args)
        return sum(items(arg) for arg in args) >= self.min_items or (text > 0 and text >= self.min_bytes)

    def run(self, fn: Callable[..., T], /, *args: Any) -> T:
        """`fn(*args)`, in a worker when `args` are large, else here."""
        if not self.large(args):
            return fn(*args)
        queued = self.clock()
        if not self._slots.acquire(timeout=self.queue_s):
            raise Busy(self.clock() - queued)
        try:
            executor = self.executor()
            try:
                outcome = executor.submit(_call, fn, args, self.time_s).result(timeout=self.time_s + GRACE_S)
            except FutureTimeout:
                self._discard(executor, kill=True)
                raise TooSlow(self.time_s) from None
            except BrokenProcessPool:
                self._discard(executor, kill=False)
                raise WorkerLost("the worker process stopped while checking this design") from None
        finally:
            self._slots.release()
        if isinstance(outcome, _Raised):
            raise outcome.rebuild()
        return outcome


_pool: Pool | None = None
_pool_lock = threading.Lock()


def pool() -> Pool:
    """This process's pool, sized from the settings at first use."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = Pool(
                settings.HEAVY_WORKERS,
                settings.HEAVY_QUEUE_S,
                settings.HEAVY_TIME_S,
                settings.HEAVY_OFFLOAD_ITEMS,
                settings.HEAVY_OFFLOAD_BYTES,
                settings.HEAVY_WORKER_NICENESS,
            )
        return _pool


@receiver(setting_changed)
def _resize(setting, **kwargs):
    global _pool
    if setting.startswith("HEAVY_"):
        with _pool_lock:
            old, _pool = _pool, None
        if old is not None and old._executor is not None:
            old._executor.shutdown(wait=False, cancel_futures=True)


def run(fn: Callable[..., T], /, *args: Any) -> T:
    """`pool().run(fn, *args)`."""
    return pool().run(fn, *args)


def large(*args: Any) -> bool:
    """Whether `run` would send these args to a worker."""
    return pool().large(args)
