"""Middleware at the edges: request bodies capped before they are read (ASGI), and a Content-Security-Policy
on every HTML page (Django)."""

from __future__ import annotations

import json

from django.conf import settings
from django.utils.deprecation import MiddlewareMixin

from designer.limits import DOCUMENT_BYTES, mib

#: Pages run only this site's scripts and styles: no inline script or style, no eval, no plugins,
#: no framing, forms post only here. The editor reads its config from a JSON <script> (not run).
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class ContentSecurityPolicyMiddleware(MiddlewareMixin):
    """Every HTML response gets CONTENT_SECURITY_POLICY unless the view set its own policy."""

    def process_response(self, request, response):
        if response.get("Content-Type", "").startswith("text/html") and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        return response


def body_limit_message(limit: int) -> str:
    return f"Request body is larger than {limit} bytes; a design document may be at most {mib(DOCUMENT_BYTES)}."


class BodyLimitMiddleware:
    """ASGI: a request body over DATA_UPLOAD_MAX_MEMORY_SIZE is refused with 413 before it is read.

    Django's ASGI handler spools the whole body to a temporary file before any view (or check)
    runs, and reads a body without Content-Length (chunked) as empty. Here a declared length over
    the cap is answered at once, without reading a byte of the body; a chunked body is read up to
    the cap (413 beyond it) and handed on with its Content-Length, so Django sees it whole.
    """

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        headers = scope["headers"]
        declared = [value for name, value in headers if name == b"content-length"]
        if declared:
            try:
                length = int(declared[0])
            except ValueError:
                return await _refuse(send, 400, "Content-Length must be a whole number.")
            if length > limit:
                return await _refuse(send, 413, body_limit_message(limit))
            return await self.app(scope, receive, send)
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return None
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                return await _refuse(send, 413, body_limit_message(limit))
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        if size == 0:
            return await self.app(scope, _replay(b"", receive), send)
        kept = [(name, value) for name, value in headers if name != b"transfer-encoding"]
        scope = {**scope, "headers": [*kept, (b"content-length", str(size).encode())]}
        return await self.app(scope, _replay(b"".join(chunks), receive), send)


def _replay(body: bytes, receive):
    """A receive() that hands the buffered body over once, then listens to the client again (for
    the disconnect Django waits on)."""
    sent = False

    async def replayed():
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed


async def _refuse(send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
