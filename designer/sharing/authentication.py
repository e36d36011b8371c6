"""DRF authentication for every API view: a session (CSRF enforced) or, on /api/s/<token>/… routes, the
share token in the path; on routes that name a design, `request.auth` is its Access (access.py).

Kept apart from http.py because DRF imports its authentication classes while rest_framework.views
is still loading (so this module must not import APIView).
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http.multipartparser import MultiPartParserError
from rest_framework import exceptions, status
from rest_framework.authentication import SessionAuthentication

from .access import AccessRefused, access_resolve


class Gone(exceptions.APIException):
    status_code = status.HTTP_410_GONE
    default_detail = "This share link is no longer valid."
    default_code = "gone"


LINK_REFUSALS = {
    "unknown": "This share link is not valid.",
    "revoked": "This share link was revoked.",
    "expired": "This share link has expired.",
}


def api_refusal(exc: AccessRefused, *, guest: bool) -> exceptions.APIException:
    """The API answer to a refused access: 404 (nothing to see), 410 (a closed link) or 403 (log in)."""
    if exc.status == "login":
        return exceptions.NotAuthenticated()
    if guest:
        message = LINK_REFUSALS.get(exc.status, LINK_REFUSALS["unknown"])
        return exceptions.NotFound(message) if exc.status == "unknown" else Gone(message)
    return exceptions.NotFound("No such design.")


class DesignAccessAuthentication(SessionAuthentication):
    """Session authentication (CSRF enforced), and on routes that name a design, its Access in `request.auth`."""

    def authenticate(self, request):
        kwargs = (request.parser_context or {}).get("kwargs") or {}
        if "token" in kwargs:
            try:
                return AnonymousUser(), access_resolve(user=None, session=request.session, kwargs=kwargs)
            except AccessRefused as exc:
                raise api_refusal(exc, guest=True) from None
        result = super().authenticate(request)
        if result is None:
            return None
        user = result[0]
        try:
            return user, access_resolve(user=user, session=None, kwargs=kwargs)
        except AccessRefused as exc:
            raise api_refusal(exc, guest=False) from None

    def enforce_csrf(self, request):
        """Django's own CSRF check on the underlying request, as for any Django view.

        DRF hands the check its own Request, whose request.POST parses the body with the view's
        parsers before anything is authorised: an SVG or Mermaid import (or any body the JSON
        parser does not read) then answered 415 for every logged-in browser. The editor sends the
        token in the X-CSRFToken header, which Django reads without touching the body.
        """
        try:
            super().enforce_csrf(request._request)
        except MultiPartParserError as exc:
            # Django looks for the token in a form body first; a broken multipart body is the
            # client's error (400), not ours.
            raise exceptions.ParseError(f"The multipart body cannot be read: {exc}") from None
