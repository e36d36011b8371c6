"""The watch over open sockets' credentials: guests' share links and owners' sessions.

A revoked or expired link closes its sockets (4403, 4410). An owner's socket closes (4440) when
its session ends (logout, a password change, which also rotates the session of the tab that made
it) or the account is deactivated; the client reconnects and the new connection is checked like
any other, so a tab whose browser still holds a valid login is back at once and the others get
4401. Both within LINK_CHECK_INTERVAL_S, whichever process made the change. Revocation is also
broadcast; this is the backstop and the clock for expiry.

One task per event loop checks every registered socket with three queries per round (links,
sessions, accounts) however many sockets are open: a socket costs nothing per round of its own.
It replaced a task per guest socket that queried its link twice a second, which let 300 idle
guests slow every other room's operations twentyfold (issue 14).
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.auth import HASH_SESSION_KEY, get_user_model
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from designer.sharing.models import ShareLink
from designer.sharing.selectors import link_status

from . import pool
from . import protocol as p

log = logging.getLogger(__name__)

# Injectable: the time links expire against (tests move it instead of waiting).
now: Callable[[], datetime] = timezone.now


@dataclass(eq=False)
class Credential:
    """What one open socket stands on: a share link, or an account's session."""

    close: Callable[[tuple[int, str]], Awaitable[None]]
    link_id: int | None = None
    session_key: str | None = None
    user_id: int | None = None
    session_hash: str = ""


def owner_credential(close, session, user) -> Credential:
    """An owner's socket stands on its session (logout deletes it) and the account's password hash.

    Call in a database thread: it reads the session.
    """
    return Credential(
        close=close,
        session_key=session.session_key,
        user_id=user.pk,
        session_hash=session.get(HASH_SESSION_KEY, ""),
    )


def _live_session_keys(keys: set[str], at: datetime) -> set[str]:
    engine = import_module(settings.SESSION_ENGINE)
    store = engine.SessionStore
    if hasattr(store, "get_model_class"):  # database-backed sessions: one query for all
        model = store.get_model_class()
        return set(model.objects.filter(session_key__in=keys, expire_date__gt=at).values_list("session_key", flat=True))
    return {key for key in keys if store().exists(key)}


def verdicts(credentials: list[Credential], at: datetime) -> list[tuple[Credential, tuple[int, str]]]:
    """The sockets that must close now, each with its close code (runs in a database thread)."""
    out = []
    link_ids = {c.link_id for c in credentials if c.link_id is not None}
    if link_ids:
        links = {link.pk: link for link in ShareLink.objects.filter(pk__in=link_ids).only("revoked_at", "expires_at")}
        for c in credentials:
            if c.link_id is not None:
                status = link_status(links.get(c.link_id), at)
                if status != "ok":
                    out.append((c, p.CLOSE_FOR_LINK_STATUS[status]))
    owners = [c for c in credentials if c.user_id is not None]
    if owners:
        live = _live_session_keys({c.session_key for c in owners if c.session_key is not None}, at)
        users: dict[int | None, Any] = {
            u.pk: u for u in get_user_model().objects.filter(pk__in={c.user_id for c in owners})
        }
        for c in owners:
            user = users.get(c.user_id)
            if c.session_key not in live or user is None or not user.is_active:
                out.append((c, p.CLOSE_LOGIN_CHANGED))
                continue
            if not constant_time_compare(c.session_hash, user.get_session_auth_hash()):
                out.append((c, p.CLOSE_LOGIN_CHANGED))  # the password changed
    return out


class Watch:
    """The credentials of one event loop's open sockets, checked every LINK_CHECK_INTERVAL_S."""

    def __init__(self):
        self.credentials: set[Credential] = set()
        self.task: asyncio.Task | None = None

    def add(self, credential: Credential) -> None:
        self.credentials.add(credential)
        if self.task is None or self.task.done():
            self.task = asyncio.get_running_loop().create_task(self._run())

    def discard(self, credential: Credential) -> None:
        self.credentials.discard(credential)

    async def _run(self) -> None:
        while self.credentials:
            await asyncio.sleep(p.LINK_CHECK_INTERVAL_S)
            if self.credentials:
                await self.check()

    async def check(self) -> None:
        try:
            closing = await pool.run(verdicts, list(self.credentials), now())
        except Exception:
            # A busy pool or a database hiccup: the next round tries again.
            log.warning("credential check of %d sockets failed", len(self.credentials), exc_info=True)
            return
        for credential, close in closing:
            if credential in self.credentials:
                self.credentials.discard(credential)
                await credential.close(close)


_watches: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Watch] = weakref.WeakKeyDictionary()


def watch() -> Watch:
    """The running event loop's watch."""
    loop = asyncio.get_running_loop()
    if loop not in _watches:
        _watches[loop] = Watch()
    return _watches[loop]
