"""Rate limits where attackers push: DRF's cache-backed throttles per user and per IP, and sign-in lockout.

Every throttle reads time from designer/clock.py (tests set it; no test waits on the wall clock)
and keeps its history in the default cache: the database cache, or Redis when REDIS_URL is set,
so every worker process counts together. Rates are settings (docs/deployment.md).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from designer.clock import clock
from designer.sharing.access import Access


def client_ip(request) -> str:
    """The client's address as the ASGI server saw it (behind a proxy, uvicorn's --proxy-headers
    rewrites it from X-Forwarded-For; the header itself is never trusted here)."""
    return request.META.get("REMOTE_ADDR") or "unknown"


def requester(request) -> str:
    """Who is asking: the account, else the share link (guests), else the IP."""
    user = getattr(request, "user", None)
    if user is not None and getattr(user, "is_authenticated", False):
        return f"user:{user.pk}"
    access = getattr(request, "auth", None)
    if isinstance(access, Access) and access.guest:
        return f"link:{access.link_id}"
    return f"ip:{client_ip(request)}"


class ScopedThrottle(SimpleRateThrottle):
    """`scope`'s rate (settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]) per requester."""

    def timer(self):
        return clock.time()

    def get_rate(self):
        # Read at each use (SimpleRateThrottle binds the rates when it is imported).
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]  # type: ignore[index]  # every subclass names its scope

    def key_for(self, request) -> str:
        return requester(request)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.key_for(request)}


class ScopedIPThrottle(ScopedThrottle):
    """`scope`_ip's rate per client IP, whoever the requester (many accounts from one address)."""

    def key_for(self, request) -> str:
        return client_ip(request)


_THROTTLES: dict[str, list[type]] = {}


def throttles(scope: str) -> list[type]:
    """The throttle classes of one scope: per requester (`scope`), and per IP (`scope`_ip) when that
    rate is set."""
    if scope not in _THROTTLES:
        classes = [type(f"{scope.title()}Throttle", (ScopedThrottle,), {"scope": scope})]
        if f"{scope}_ip" in api_settings.DEFAULT_THROTTLE_RATES:
            classes.append(type(f"{scope.title()}IPThrottle", (ScopedIPThrottle,), {"scope": f"{scope}_ip"}))
        _THROTTLES[scope] = classes
    return _THROTTLES[scope]


def throttled(scope: str, request) -> float | None:
    """For plain Django views (sign-up): None when both throttles of `scope` allow the request,
    else the seconds to wait. Counts the request when allowed."""
    waits = []
    for throttle_class in throttles(scope):
        throttle = throttle_class()
        if not throttle.allow_request(request, None):
            waits.append(throttle.wait() or 1)
    return max(waits) if waits else None


@dataclass(frozen=True)
class LoginPolicy:
    """After `free` failures a sign-in waits 2^(n - free) seconds (at most `max_delay_s`) since the
    last failure; after `lockout` failures within `window_s` it is refused until the window has
    passed. Counted per username and per IP alike; a success clears the username's count."""

    free: int
    lockout: int
    window_s: int
    max_delay_s: int

    @classmethod
    def from_settings(cls) -> LoginPolicy:
        return cls(
            free=settings.LOGIN_FREE_FAILURES,
            lockout=settings.LOGIN_LOCKOUT_FAILURES,
            window_s=settings.LOGIN_LOCKOUT_WINDOW_S,
            max_delay_s=settings.LOGIN_MAX_DELAY_S,
        )

    def wait(self, failures: list[float], now: float) -> float:
        """Seconds until the next attempt is allowed (0: now)."""
        if not failures:
            return 0.0
        if len(failures) >= self.lockout:
            return max(0.0, failures[-self.lockout] + self.window_s - now)
        if len(failures) < self.free:
            return 0.0
        delay = min(self.max_delay_s, 2 ** (len(failures) - self.free))
        return max(0.0, failures[-1] + delay - now)


class LoginGuard:
    """Failed sign-ins of one username and one IP, in the cache; `wait()` says how long to hold off."""

    def __init__(self, request, username: str):
        self.policy = LoginPolicy.from_settings()
        self.keys = [f"login:user:{username.strip().lower()[:150]}", f"login:ip:{client_ip(request)}"]

    def _failures(self, key: str, now: float) -> list[float]:
        return [t for t in cache.get(key, []) if t > now - self.policy.window_s]

    def wait(self) -> int:
        now = clock.time()
        return math.ceil(max(self.policy.wait(self._failures(key, now), now) for key in self.keys))

    def attempt(self) -> None:
        """Count the attempt as a failure before the password is checked, so that parallel guesses
        see each other; succeeded() takes it back."""
        self.at = clock.time()
        for key in self.keys:
            cache.set(key, [*self._failures(key, self.at), self.at][-self.policy.lockout :], self.policy.window_s)

    def succeeded(self) -> None:
        cache.delete(self.keys[0])
        ip_key = self.keys[1]
        cache.set(ip_key, [t for t in self._failures(ip_key, self.at) if t != self.at], self.policy.window_s)
