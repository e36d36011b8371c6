"""The websocket wire contract in one place: every message both ways (as pydantic TypedDicts), parsing of
client messages, limits, close codes.

The editor's TypeScript types (designer/frontend/src/generated/protocol.ts) are generated from the
definitions below by `make contracts`, and a test fails when they are stale; docs/protocol.md
describes them. To add a message: define its TypedDict here, add it to CLIENT_MESSAGES or
SERVER_MESSAGES, run `make contracts`, document it.
"""

import hashlib
import json
import time
from dataclasses import dataclass
from typing import Annotated, Any, Literal, NotRequired, Union

from django.conf import settings
from pydantic import ConfigDict, Discriminator, Field, Tag, TypeAdapter, ValidationError
from typing_extensions import TypeAliasType, TypedDict

from designer import format as fmt
from designer import limits as L
from designer.db import JSONText
from designer.jsonvalues import json_depth, scan
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
CLIENT_TYPES: tuple[str, ...] = (
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
INTERVIEW_REVEALED = "interview.revealed"
ERROR = "error"
SERVER_TYPES: tuple[str, ...] = (
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
    INTERVIEW_REVEALED,
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
# The page that opened the socket is not this site (scheme, host and port) nor a trusted origin
# (designer/realtime/origin.py): final, reconnecting from that page cannot help.
CLOSE_ORIGIN = (4003, "Refused: this page's origin (scheme, host and port) is not this site's")
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


# --- the messages -------------------------------------------------------------------------------

STRICT = ConfigDict(strict=True, extra="forbid")
Role = TypeAliasType("Role", Literal["owner", "edit", "comment", "view"])
ErrorCode = TypeAliasType(
    "ErrorCode",
    Literal[
        E_BAD_JSON,
        E_UNKNOWN_TYPE,
        E_BAD_MESSAGE,
        E_FORBIDDEN,
        E_INVALID_OPS,
        E_RATE_LIMITED,
        E_SERVER,
        E_TOO_BIG,
        E_NOT_APPLIED,
        E_BUSY,
    ],
)
Version = Annotated[int, Field(ge=0), fmt.say("must be a whole number ≥ 0")]
RowId = Annotated[int, Field(ge=1), fmt.say("must be a whole number ≥ 1")]
Id = Annotated[str, Field(pattern=L.ID_PATTERN), fmt.say("must be 1–64 letters, digits or _.:-")]
Coordinate = Annotated[
    float, Field(ge=-L.COORD, le=L.COORD, allow_inf_nan=False), fmt.say(f"must be a number within ±{L.COORD}")
]


class Point(TypedDict):
    __pydantic_config__ = STRICT  # type: ignore[misc]
    x: Coordinate
    y: Coordinate


class NodeTarget(TypedDict):
    __pydantic_config__ = STRICT  # type: ignore[misc]
    node: str


class EdgeTarget(TypedDict):
    __pydantic_config__ = STRICT  # type: ignore[misc]
    edge: str


class PointTarget(TypedDict):
    __pydantic_config__ = STRICT  # type: ignore[misc]
    point: Point


#: What a comment is pinned to (checked by designer/sharing/comments.py, which names the problem).
CommentTarget = TypeAliasType("CommentTarget", NodeTarget | EdgeTarget | PointTarget)


class Participant(TypedDict):
    id: str
    name: str
    role: Role
    colour: str


class Problem(TypedDict):
    path: str
    message: str


class Comment(TypedDict):
    id: int
    parent: int | None
    author: str
    target: CommentTarget
    #: Plain text: render as text, never as HTML.
    body: str
    resolved: bool
    created_at: str
    updated_at: str


class Batch(TypedDict):
    version: int
    ops: list[fmt.generic().op]
    author: str
    client_op_id: str  # the author's id for it, sent to the author's own clients only ("" for others)


class Limits(TypedDict):
    max_message_bytes: int
    rate_per_second: float
    rate_burst: int
    max_ops_per_batch: int
    sync_max_batches: int
    comment_chars: int
    document_bytes: int


_Document = fmt.generic().document
_Op = fmt.generic().op

# Client → server.


class OpSubmit(TypedDict):
    __pydantic_config__ = STRICT  # type: ignore[misc]
    type: Literal[OP_SUBMIT]  # type: ignore[valid-type]
    client_op_id: Id
    base_version: Version
    ops: Annotated[
        list[_Op],  # type: ignore[valid-type]
        Field(min_length=1, max_length=L.OPS_PER_BATCH),
        fmt.say(f"must be a list of 1–{L.OPS_PER_BATCH} operations"),
    ]


class SyncRequest(TypedDict):
    __pydantic_config__ = STRICT  # type: ignore[misc]
    type: Literal[SYNC_REQUEST]  # type: ignore[valid-type]
    since: Version


class PresenceSet(TypedDict):
    __pydantic_config__ = STRICT  # type: ignore[misc]
    type: Literal[PRESENCE_UPDATE]  # type: ignore[valid-type]
    cursor: NotRequired[Annotated[Point | None, fmt.say('must be null or {{"x": number, "y": number}}')]]
    selection: NotRequired[
        Annotated[
            list[Annotated[str, Field(pattern=L.ID_PATTERN), fmt.say("must be a node or edge id")]],
            Field(max_length=L.SELECTION_MAX),
            fmt.say(f"must be a list of at most {L.SELECTION_MAX} node or edge ids"),
        ]
    ]


class CommentCreate(TypedDict):
    __pydantic_config__ = STRICT  # type: ignore[misc]
    type: Literal[COMMENT_CREATE]  # type: ignore[valid-type]
    target: CommentTarget
    body: str


class CommentReply(TypedDict):
    __pydantic_config__ = STRICT  # type: ignore[misc]
    type: Literal[COMMENT_REPLY]  # type: ignore[valid-type]
    parent_id: RowId
    body: str


class CommentResolve(TypedDict):
    __pydantic_config__ = STRICT  # type: ignore[misc]
    type: Literal[COMMENT_RESOLVE]  # type: ignore[valid-type]
    comment_id: RowId


class CommentReopen(TypedDict):
    __pydantic_config__ = STRICT  # type: ignore[misc]
    type: Literal[COMMENT_REOPEN]  # type: ignore[valid-type]
    comment_id: RowId


class SessionPing(TypedDict):
    __pydantic_config__ = STRICT  # type: ignore[misc]
    type: Literal[SESSION_PING]  # type: ignore[valid-type]


# Server → client.


class SessionWelcome(TypedDict):
    type: Literal[SESSION_WELCOME]  # type: ignore[valid-type]
    protocol: int
    version: int
    document: _Document  # type: ignore[valid-type]
    role: Role
    you: Participant
    participants: list[Participant]
    comments: list[Comment]
    limits: Limits


class SessionPong(TypedDict):
    type: Literal[SESSION_PONG]  # type: ignore[valid-type]
    version: int


class OpAck(TypedDict):
    type: Literal[OP_ACK]  # type: ignore[valid-type]
    client_op_id: str
    version: int
    duplicate: bool
    changed: bool


class OpReject(TypedDict):
    type: Literal[OP_REJECT]  # type: ignore[valid-type]
    client_op_id: str
    code: Literal[E_INVALID_OPS, E_FORBIDDEN, E_NOT_APPLIED]  # type: ignore[valid-type]
    problems: list[Problem]


class OpApplied(TypedDict):
    type: Literal[OP_APPLIED]  # type: ignore[valid-type]
    version: int
    ops: list[_Op]  # type: ignore[valid-type]
    author: str
    client_op_id: str  # as in Batch: "" unless the recipient's author wrote it


class SyncBatches(TypedDict):
    type: Literal[SYNC_BATCHES]  # type: ignore[valid-type]
    version: int
    batches: list[Batch]


class SyncSnapshot(TypedDict):
    type: Literal[SYNC_SNAPSHOT]  # type: ignore[valid-type]
    version: int
    document: _Document  # type: ignore[valid-type]


class PresenceJoin(TypedDict):
    type: Literal[PRESENCE_JOIN]  # type: ignore[valid-type]
    participant: Participant
    cursor: Point | None
    selection: list[str]


class PresenceUpdate(TypedDict):
    type: Literal[PRESENCE_UPDATE]  # type: ignore[valid-type]
    id: str
    cursor: Point | None
    selection: list[str]


class PresenceLeave(TypedDict):
    type: Literal[PRESENCE_LEAVE]  # type: ignore[valid-type]
    id: str


class CommentCreated(TypedDict):
    type: Literal[COMMENT_CREATED]  # type: ignore[valid-type]
    comment: Comment


class CommentUpdated(TypedDict):
    type: Literal[COMMENT_UPDATED]  # type: ignore[valid-type]
    comment: Comment


class InterviewChanged(TypedDict):
    """An interview on the design started, changed step, ended or was shared: fetch it again over HTTP."""

    type: Literal[INTERVIEW_CHANGED]  # type: ignore[valid-type]
    session: int


class RevealedFact(TypedDict):
    """A problem fact the interviewer revealed: the question, its answer, the problem field it sets."""

    kind: Literal["fact"]
    id: str
    topic: str
    question: str
    answer: str
    field: str | None
    value: float | list[str] | None
    at: str


class RevealedHint(TypedDict):
    """A hint the interviewer revealed: level 1 is a nudge, level 2 a concrete pointer."""

    kind: Literal["hint"]
    step: str
    level: int
    text: str
    at: str


class InterviewRevealed(TypedDict):
    """The interviewer of an interview on a bank problem revealed a fact or a hint to the candidate."""

    type: Literal[INTERVIEW_REVEALED]  # type: ignore[valid-type]
    session: int
    reveal: Annotated[RevealedFact | RevealedHint, Field(discriminator="kind")]


class ErrorMessage(TypedDict):
    type: Literal[ERROR]  # type: ignore[valid-type]
    code: ErrorCode
    message: str


CLIENT_MESSAGES = (
    OpSubmit,
    SyncRequest,
    PresenceSet,
    CommentCreate,
    CommentReply,
    CommentResolve,
    CommentReopen,
    SessionPing,
)
SERVER_MESSAGES = (
    SessionWelcome,
    SessionPong,
    OpAck,
    OpReject,
    OpApplied,
    SyncBatches,
    SyncSnapshot,
    PresenceJoin,
    PresenceUpdate,
    PresenceLeave,
    CommentCreated,
    CommentUpdated,
    InterviewChanged,
    InterviewRevealed,
    ErrorMessage,
)


def _tag(message: type) -> str:
    return message.__annotations__["type"].__args__[0]


def _message_type(value: Any) -> Any:
    return value.get("type") if isinstance(value, dict) else None


CLIENT_TYPES = tuple(_tag(m) for m in CLIENT_MESSAGES)
SERVER_TYPES = tuple(_tag(m) for m in SERVER_MESSAGES)
AnyClientMessage = TypeAliasType(  # type: ignore[misc]  # ClientMessage in the generated TypeScript
    "ClientMessage",
    Annotated[
        Union[tuple(Annotated[m, Tag(_tag(m))] for m in CLIENT_MESSAGES)],  # type: ignore[valid-type]  # noqa: UP007
        Discriminator(_message_type),
    ],
)
AnyServerMessage = TypeAliasType(  # type: ignore[misc]  # ServerMessage in the generated TypeScript
    "ServerMessage",
    Annotated[
        Union[tuple(Annotated[m, Tag(_tag(m))] for m in SERVER_MESSAGES)],  # type: ignore[valid-type]  # noqa: UP007
        Discriminator(_message_type),
    ],
)
_CLIENT: TypeAdapter[Any] = TypeAdapter(AnyClientMessage)  # type: ignore[arg-type]  # a run-time built union
#: Fields whose content the services check and explain (ops: designer/ops.py → op.reject;
#: comment targets and bodies: designer/sharing/comments.py); here only that they are there.
_CHECKED_BY_SERVICES = {
    (OP_SUBMIT, "ops"),
    (COMMENT_CREATE, "target"),
    (COMMENT_CREATE, "body"),
    (COMMENT_REPLY, "body"),
}


def parse_client_message(raw: str | bytes | None) -> ClientMessage:
    """Parse and shape-check one client frame against its definition above; content rules (ops,
    comments) are the services' job."""
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
    _, unsafe = scan({k: v for k, v in data.items() if (kind, k) not in _CHECKED_BY_SERVICES})
    if unsafe:
        path, message = unsafe[0]
        raise ProtocolError(E_BAD_MESSAGE, f"{path} {message}")
    try:
        _CLIENT.validate_python(data)
    except ValidationError as exc:
        errors = [
            e
            for e in exc.errors(include_url=False)
            if not (len(e["loc"]) > 2 and (kind, e["loc"][1]) in _CHECKED_BY_SERVICES)
        ]
        if errors:
            issues = sorted(fmt.explain(AnyClientMessage, data, errors), key=lambda issue: issue.order)
            raise ProtocolError(E_BAD_MESSAGE, f"{issues[0].path} {issues[0].message}") from None
    fields = {k: v for k, v in data.items() if k != "type"}
    if kind == PRESENCE_UPDATE:
        fields = {"cursor": data.get("cursor"), "selection": data.get("selection", [])}
    return ClientMessage(kind, fields)


def parse_large_message(raw: str) -> ClientMessage:
    """`parse_client_message` for a large frame, in a worker process (designer/offload.py): an op.submit's
    ops come back as their JSON text, so the server's process never parses, checks or pickles them."""
    message = parse_client_message(raw)
    if message.type == OP_SUBMIT:
        return ClientMessage(message.type, {**message.data, "ops": JSONText(json.dumps(message.data["ops"]))})
    return message


def colour_for(participant_id: str) -> str:
    """A stable colour per participant, from a palette readable on a white canvas."""
    return PALETTE[int(hashlib.sha256(participant_id.encode()).hexdigest(), 16) % len(PALETTE)]


def error(code: str, message: str) -> dict:
    return {"type": ERROR, "code": code, "message": message}


def limits() -> Limits:
    """The limits a client should know, sent in the welcome message (the editor reads them from there)."""
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
