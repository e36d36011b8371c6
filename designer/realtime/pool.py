"""Database work of websocket consumers: a bounded thread pool beside Django's shared sync thread.

Channels' `database_sync_to_async` runs every call on one thread shared by the whole process
(thread_sensitive), so one slow batch in one room delayed every other room's work (issue 14).
Here each call runs on one of `REALTIME_DB_THREADS` threads; each thread has its own database
connection (Django keeps connections per thread), opened and retired around every call as
Channels does. Work that waited longer than `REALTIME_MAX_WAIT_S` for a thread is refused
(`Busy`) instead of being served late.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import close_old_connections


class Busy(Exception):
    """The call waited longer than the deadline for a thread: it was not run."""

    def __init__(self, waited: float):
        self.waited = waited
        super().__init__(f"waited {waited:.1f} s for a database thread")


class DatabasePool:
    """Runs sync callables on a fixed number of threads, refusing those that waited too long."""

    def __init__(self, threads: int, max_wait_s: float, clock=time.monotonic):
        self.executor = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="realtime-db")
        self.threads, self.max_wait_s, self.clock = threads, max_wait_s, clock
        self.waiting = 0  # calls submitted and not started yet
        self._lock = threading.Lock()

    async def run(self, fn, /, *args, **kwargs):
        """`fn(*args, **kwargs)` on a pool thread; raises Busy when it could not start in time."""
        queued = self.clock()
        started = threading.Event()

        def start() -> None:
            with self._lock:
                if not started.is_set():
                    started.set()
                    self.waiting -= 1

        def job():
            start()
            waited = self.clock() - queued
            if waited > self.max_wait_s:
                raise Busy(waited)
            # Inside the call's own context: Channels' DatabaseSyncToAsync retires connections outside
            # it, where (asgiref 3.13) it does not see the ones the call opened, so they stayed open.
            close_old_connections()
            try:
                return fn(*args, **kwargs)
            finally:
                close_old_connections()

        with self._lock:
            self.waiting += 1
        try:
            return await sync_to_async(job, thread_sensitive=False, executor=self.executor)()
        finally:
            start()  # a call cancelled before it started never will


_pool: DatabasePool | None = None


def pool() -> DatabasePool:
    """The process's pool, created on first use from the settings."""
    global _pool
    if _pool is None:
        _pool = DatabasePool(settings.REALTIME_DB_THREADS, settings.REALTIME_MAX_WAIT_S)
    return _pool


async def run(fn, /, *args, **kwargs):
    """Shorthand for `pool().run(...)`."""
    return await pool().run(fn, *args, **kwargs)
