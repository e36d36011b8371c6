"""The websocket Origin check: a page may open a live session only from this site's own origin (scheme,
host and port, as the browser reached it) or from one of CSRF_TRUSTED_ORIGINS, the rule Django applies
to a form post's Origin.

Channels' AllowedHostsOriginValidator compares host names only, so a page served by another port of the
same host (another app on the machine) or over plain http could open sockets with the user's cookies
(issue 14). A refused socket is accepted and closed at once with CLOSE_ORIGIN and its reason, which a
browser shows to the page (a refused handshake reaches it only as 1006), before any consumer runs.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.http.request import split_domain_port, validate_host
from django.utils.http import is_same_domain

from .protocol import CLOSE_ORIGIN


def _header(scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return value.decode("latin-1")
    return None


def _scheme(scope) -> str:
    """http or https: what the browser used, as Django reads it for HTTP (SECURE_PROXY_SSL_HEADER)."""
    secure = scope.get("scheme") in ("wss", "https")
    proxy = getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
    if proxy:
        header, value = proxy
        forwarded = _header(scope, header.removeprefix("HTTP_").replace("_", "-").lower().encode())
        if forwarded is not None:
            secure = forwarded.split(",")[0].strip() == value
    return "https" if secure else "http"


def _trusted(origin: str) -> bool:
    """In CSRF_TRUSTED_ORIGINS: exactly, or under a `scheme://*.domain` entry."""
    parts = urlsplit(origin)
    for trusted in settings.CSRF_TRUSTED_ORIGINS:
        if trusted.lower() == origin:
            return True
        # "https://*.example.com" trusts every subdomain, as Django's CSRF check does.
        entry = urlsplit(trusted.lower())
        wildcard = "*" in entry.netloc and entry.scheme == parts.scheme
        if wildcard and is_same_domain(parts.netloc, entry.netloc[entry.netloc.index("*") + 1 :]):
            return True
    return False


def origin_allowed(scope) -> bool:
    """Whether the socket's Origin is the site's own (scheme, host and port) or a trusted one."""
    origin, host = _header(scope, b"origin"), _header(scope, b"host")
    if not origin or not host:
        return False
    domain, _ = split_domain_port(host)
    if not domain or not validate_host(domain, settings.ALLOWED_HOSTS):
        return False
    origin = origin.lower()
    return origin == f"{_scheme(scope)}://{host.lower()}" or _trusted(origin)


class OriginCheck:
    """ASGI middleware for the websocket router: refuses foreign origins with CLOSE_ORIGIN."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "websocket" or origin_allowed(scope):
            return await self.app(scope, receive, send)
        message = await receive()
        if message["type"] != "websocket.connect":
            return None
        await send({"type": "websocket.accept"})
        await send({"type": "websocket.close", "code": CLOSE_ORIGIN[0], "reason": CLOSE_ORIGIN[1]})
        return None
