"""The websocket wire contract in one place: message types, parsing of client messages, limits, close codes.

Mirrored by designer/frontend/src/realtime/protocol.ts and documented in docs/protocol.md;
change all three together.
"""

from __future__ import annotations

import hashlib
import json
import math
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from designer import limits as L
from designer.jsonvalues import json_depth
from designer.limits import COORD as COORD_LIMIT
from designer.limits import ID_RE
from designer.limits import OPS_PER_BATCH as MAX_OPS_PER_BATCH

PROTOCOL_VERSION = 1

# Client → server.
OP_SUBMIT = "op.submit"
SYNC_REQUEST = "sync.request"
PRESENCE_UPDATE = "presence.update"
COMMENT_CREATE = "comment.create"
COMMENT_REPLY = "comment.reply"
COMMENT_RESOLVE = "comment.resolve"
COMMENT_REOPEN = "comment.reopen"
SESSION_PING = "session.ping"
CLIENT_TYPES = (
    OP_SUBMIT,
    SYNC_REQUEST,
    PRESENCE_UPDATE,
    COMMENT_CREATE,
    COMMENT_REPLY,
    COMMENT_RESOLVE,
    COMMENT_REOPEN,
    SESSION_PING,
)

# Server → client.
SESSION_WELCOME = "session.welcome"
SESSION_PONG = "session.pong"
OP_ACK = "op.ack"
OP_REJECT = "op.reject"
OP_APPLIED = "op.applied"
SYNC_BATCHES = "sync.batches"
SYNC_SNAPSHOT = "sync.snapshot"
PRESENCE_JOIN = "presence.join"
PRESENCE_LEAVE = "presence.leave"
COMMENT_CREATED = "comment.created"
COMMENT_UPDATED = "comment.updated"
INTERVIEW_CHANGED = "interview.changed"
ERROR = "error"
SERVER_TYPES = (
    SESSION_WELCOME,
    SESSION_PONG,
    OP_ACK,
    OP_REJECT,
    OP_APPLIED,
    SYNC_BATCHES,
    SYNC_SNAPSHOT,
    PRESENCE_JOIN,
    PRESENCE_UPDATE,
    PRESENCE_LEAVE,
    COMMENT_CREATED,
    COMMENT_UPDATED,
    INTERVIEW_CHANGED,
    ERROR,
)

# Limits.
MAX_MESSAGE_BYTES = L.MESSAGE_BYTES
# Per-connection token bucket; the environment can raise it for load tests (bench/realtime.py).
RATE_PER_SECOND = float(settings.REALTIME_RATE_PER_SECOND)
RATE_BURST = settings.REALTIME_RATE_BURST
SYNC_MAX_BATCHES = L.SYNC_MAX_BATCHES
SELECTION_MAX = L.SELECTION_MAX
MAX_DEPTH = L.MESSAGE_DEPTH
LINK_CHECK_INTERVAL_S = 0.5
CLIENT_OP_ID_RE = L.ID_RE

# Close codes (4000–4999 are the application's; 1009 comes from the server for oversized frames).
CLOSE_NOT_AUTHENTICATED = (4401, "Log in to open this design")
CLOSE_NOT_FOUND = (4404, "This design or share link does not exist")
CLOSE_REVOKED = (4403, "This share link was revoked")
CLOSE_EXPIRED = (4410, "This share link has expired")
CLOSE_RATE_LIMITED = (4429, "Too many messages: slow down and reconnect")
CLOSE_TOO_BIG = (1009, "Message too big: the limit is 1 MiB")
CLOSE_FOR_LINK_STATUS = {"revoked": CLOSE_REVOKED, "expired": CLOSE_EXPIRED, "unknown": CLOSE_NOT_FOUND}

# Error codes carried by {"type": "error"} and {"type": "op.reject"}.
E_BAD_JSON = "bad_json"
E_UNKNOWN_TYPE = "unknown_type"
E_BAD_MESSAGE = "bad_message"
E_FORBIDDEN = "forbidden"
E_INVALID_OPS = "invalid_ops"
E_RATE_LIMITED = "rate_limited"
E_SERVER = "server_error"
E_TOO_BIG = "too_big"

# --- Failure, load and identity (issue 14) -------------------------------------------------------
# A batch that could not be stored for any other reason (a database error): op.reject with this code.
E_NOT_APPLIED = "not_applied"
# Work refused because the server could not start it in time (REALTIME_MAX_WAIT_S).
E_BUSY = "busy"
# The server could not start this socket's work in time: reconnect with backoff; pending batches are resent.
CLOSE_BUSY = (1013, "The server is busy: reconnect in a moment")
# Messages reached this socket more than REALTIME_MAX_LAG_S late: reconnect and resync.
CLOSE_BEHIND = (4408, "This connection fell behind the room: reconnect to catch up")
# An unexpected failure while relaying to this socket: reconnect with backoff and resync.
CLOSE_SERVER_ERROR = (1011, "Server error: reconnect to continue")
# The owner's session ended (logout, password change) or the account was deactivated: reconnect,
# and the new connection is refused with 4401 unless the browser holds a valid login.
CLOSE_LOGIN_CHANGED = (4440, "Your login changed: reconnect to check it")
MAX_LAG_S = float(settings.REALTIME_MAX_LAG_S)

PALETTE = (
    "#e6194b",
    "#3cb44b",
    "#4363d8",
    "#f58231",
    "#911eb4",
    "#42d4f4",
    "#f032e6",
    "#469990",
    "#9a6324",
    "#800000",
    "#808000",
    "#000075",
)


class ProtocolError(ValueError):
    """A client message the server refuses; `code` is one of the E_* codes."""

    def __init__(self, code: str, message: str):
        self.code = code
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class ClientMessage:
    type: str
    data: dict


def _int(data: dict, key: str, *, minimum: int = 0) -> int:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ProtocolError(E_BAD_MESSAGE, f"{key} must be a whole number ≥ {minimum}")
    return value


def _point(value: Any, key: str) -> dict | None:
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) != {"x", "y"}:
        raise ProtocolError(E_BAD_MESSAGE, f'{key} must be null or {{"x": number, "y": number}}')
    for axis in ("x", "y"):
        n = value[axis]
        if isinstance(n, bool) or not isinstance(n, (int, float)) or not math.isfinite(n) or abs(n) > COORD_LIMIT:
            raise ProtocolError(E_BAD_MESSAGE, f"{key}.{axis} must be a number within ±{COORD_LIMIT}")
    return {"x": value["x"], "y": value["y"]}


def parse_client_message(raw: str | bytes | None) -> ClientMessage:
    """Parse and shape-check one client frame; content rules (ops, comments) are the services' job."""
    if not isinstance(raw, str):
        raise ProtocolError(E_BAD_JSON, "send text frames holding one JSON object")
    if len(raw) > MAX_MESSAGE_BYTES:
        raise ProtocolError(E_TOO_BIG, f"message is larger than {MAX_MESSAGE_BYTES} bytes")
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        raise ProtocolError(E_BAD_JSON, "the message is not valid JSON") from None
    if not isinstance(data, dict):
        raise ProtocolError(E_BAD_JSON, 'a message is a JSON object like {"type": "op.submit", ...}')
    if json_depth(data) > MAX_DEPTH:
        raise ProtocolError(E_BAD_MESSAGE, f"the message is nested more than {MAX_DEPTH} levels deep")
    kind = data.get("type")
    if kind not in CLIENT_TYPES:
        raise ProtocolError(
            E_UNKNOWN_TYPE, f"unknown message type {str(kind)[:40]!r}; known: {', '.join(CLIENT_TYPES)}"
        )
    if kind == OP_SUBMIT:
        client_op_id = data.get("client_op_id")
        if not isinstance(client_op_id, str) or not CLIENT_OP_ID_RE.match(client_op_id):
            raise ProtocolError(E_BAD_MESSAGE, "client_op_id must be 1–64 letters, digits or _.:-")
        ops = data.get("ops")
        if not isinstance(ops, list) or not ops or len(ops) > MAX_OPS_PER_BATCH:
            raise ProtocolError(E_BAD_MESSAGE, f"ops must be a list of 1–{MAX_OPS_PER_BATCH} operations")
        return ClientMessage(
            kind, {"client_op_id": client_op_id, "base_version": _int(data, "base_version"), "ops": ops}
        )
    if kind == SYNC_REQUEST:
        return ClientMessage(kind, {"since": _int(data, "since")})
    if kind == PRESENCE_UPDATE:
        selection = data.get("selection", [])
        if (
            not isinstance(selection, list)
            or len(selection) > SELECTION_MAX
            or not all(isinstance(i, str) and ID_RE.match(i) for i in selection)
        ):
            raise ProtocolError(E_BAD_MESSAGE, f"selection must be a list of at most {SELECTION_MAX} node or edge ids")
        return ClientMessage(kind, {"cursor": _point(data.get("cursor"), "cursor"), "selection": selection})
    if kind == COMMENT_CREATE:
        return ClientMessage(kind, {"target": data.get("target"), "body": data.get("body")})
    if kind == COMMENT_REPLY:
        return ClientMessage(kind, {"parent_id": _int(data, "parent_id", minimum=1), "body": data.get("body")})
    if kind in (COMMENT_RESOLVE, COMMENT_REOPEN):
        return ClientMessage(kind, {"comment_id": _int(data, "comment_id", minimum=1)})
    return ClientMessage(kind, {})


def colour_for(participant_id: str) -> str:
    """A stable colour per participant, from a palette readable on a white canvas."""
    return PALETTE[int(hashlib.sha256(participant_id.encode()).hexdigest(), 16) % len(PALETTE)]


def error(code: str, message: str) -> dict:
    return {"type": ERROR, "code": code, "message": message}


def limits() -> dict:
    """The limits a client should know, sent in the welcome message."""
    return {
        "max_message_bytes": MAX_MESSAGE_BYTES,
        "rate_per_second": RATE_PER_SECOND,
        "rate_burst": RATE_BURST,
        "max_ops_per_batch": MAX_OPS_PER_BATCH,
        "sync_max_batches": SYNC_MAX_BATCHES,
        "comment_chars": L.COMMENT_CHARS,
        "document_bytes": L.DOCUMENT_BYTES,
    }


class TokenBucket:
    """Per-connection rate limit: `rate` tokens per second, at most `burst` saved up."""

    def __init__(self, rate: float, burst: int, clock=time.monotonic):
        self.rate, self.burst, self.clock = rate, burst, clock
        self.tokens = float(burst)
        self.at = clock()

    def take(self) -> bool:
        now = self.clock()
        self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
        self.at = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True
