"""Share tokens never reach a log: a filter that redacts /s/<token> in every logged request path."""

from __future__ import annotations

import logging
import re

#: /s/<token> in page, API (/api/s/…) and websocket (/ws/s/…) paths.
SHARE_PATH = re.compile(r"/s/[^/\s?#\"']+")
REDACTED = "/s/[redacted]"
#: The loggers that write request paths: uvicorn's access log and its websocket lines, Django's
#: 4xx/5xx request log and runserver's, and CSRF refusals.
REQUEST_LOGGERS = ("uvicorn.access", "uvicorn.error", "django.request", "django.server", "django.security.csrf")


def redact(value):
    return SHARE_PATH.sub(REDACTED, value) if isinstance(value, str) else value


class RedactShareTokens(logging.Filter):
    """Rewrites the message and its arguments; the record is always kept."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(arg) for arg in record.args)
        elif isinstance(record.args, dict):
            record.args = {key: redact(arg) for key, arg in record.args.items()}
        return True


def install() -> None:
    """Attach the filter to the request loggers (adding to what their configuration set up: uvicorn
    configures its own loggers before it imports the app, so Django's LOGGING cannot own them)."""
    for name in REQUEST_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactShareTokens) for f in logger.filters):
            logger.addFilter(RedactShareTokens())
