"""A test client that meets CSRF as a browser does (Django's test client skips the check by default)."""

from __future__ import annotations

from django.conf import settings
from django.test import Client

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


class BrowserClient(Client):
    """CSRF checks enforced, as for a browser; unsafe requests send the X-CSRFToken header the editor
    and the pages' forms send, taken from the csrftoken cookie a page set (the login page, first)."""

    def __init__(self, **defaults):
        super().__init__(enforce_csrf_checks=True, **defaults)

    def csrf_token(self) -> str:
        if settings.CSRF_COOKIE_NAME not in self.cookies:
            super().generic("GET", "/login/")
        return self.cookies[settings.CSRF_COOKIE_NAME].value

    def generic(self, method, path, *args, **extra):
        """`HTTP_X_CSRFTOKEN=None` sends no token, as a request forged by another site would."""
        if "HTTP_X_CSRFTOKEN" in extra and extra["HTTP_X_CSRFTOKEN"] is None:
            del extra["HTTP_X_CSRFTOKEN"]
        elif method.upper() not in SAFE_METHODS and "HTTP_X_CSRFTOKEN" not in extra:
            extra["HTTP_X_CSRFTOKEN"] = self.csrf_token()
        return super().generic(method, path, *args, **extra)
