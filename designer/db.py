"""SQLite connection set-up (WAL journal, a busy timeout and IMMEDIATE transactions, so small commits are
cheap and safe), and JSON columns read and written as text."""

from collections.abc import Mapping
from typing import Any

from django.db.models import Expression, JSONField, TextField
from django.db.models.functions import Cast

#: Writers queue for the write lock for up to this long instead of failing with "database is locked".
SQLITE_TIMEOUT_S = 20


def with_sqlite_safety(database: Mapping[str, Any]) -> dict[str, Any]:
    """A DATABASES entry with SQLite's concurrency settings, however it was configured (the default
    file or DATABASE_URL=sqlite://...): IMMEDIATE transactions take the write lock when they begin, so
    two writers never both read and then fail to upgrade (42 of 160 concurrent PUTs got "database is
    locked" without it), and the timeout makes the second wait. Other engines are returned unchanged."""
    if database.get("ENGINE") != "django.db.backends.sqlite3":
        return dict(database)
    options = {"timeout": SQLITE_TIMEOUT_S, "transaction_mode": "IMMEDIATE", **database.get("OPTIONS", {})}
    return {**database, "OPTIONS": options}


def sqlite_pragmas(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode=WAL;")
            cursor.execute("PRAGMA synchronous=NORMAL;")
            cursor.execute(f"PRAGMA busy_timeout={SQLITE_TIMEOUT_S * 1000};")


class JSONText(str):
    """JSON text standing for the value it encodes: a websocket frame's ops, a stored document.

    Large documents move through the server as text: parsing, checking and encoding them run in a
    worker process (designer/offload.py), and pickling a string to it and back is a copy."""


class StoredJSON(Expression):
    """Pre-encoded JSON written to a JSONField as it is: `JSONField.get_prep_value` would `json.dumps`
    the parsed value in the server's process (30 ms of its GIL for a 5,000-node document)."""

    def __init__(self, text: str):
        super().__init__(output_field=JSONField())
        self.text = str(text)

    def as_sql(self, compiler, connection):
        # PostgreSQL stores jsonb and casts the text; SQLite (and others) store the text itself.
        return ("%s::jsonb" if connection.vendor == "postgresql" else "%s"), [self.text]


def stored_text(field: str) -> Cast:
    """A JSONField column read back as its JSON text, not parsed (for `annotate`)."""
    return Cast(field, output_field=TextField())
