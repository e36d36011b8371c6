"""Fan-out of committed changes to everyone in a design's room (a hint: clients resync on gaps).

Below the services on purpose: services broadcast after commit, consumers listen; neither package imports
the other through here."""

import logging
import time

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

log = logging.getLogger(__name__)

# Injectable: the wall-clock time messages are stamped with.
clock = time.time


def design_group(design_id: int) -> str:
    return f"design.{design_id}"


def stamped(message: dict) -> dict:
    """`message` with the wall-clock time it was sent: a receiver that sees it too late closes (4408)."""
    return {**message, "sent_at": clock()}


def _group_send(design_id: int, message: dict) -> None:
    # The change is already committed: a channel layer that is down (Redis restarting) must not
    # turn a durable write into an error. Clients detect the missing version and resync.
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(design_group(design_id), stamped(message))
    except Exception:
        log.warning("broadcast to design %s lost (%s)", design_id, message.get("type"), exc_info=True)


def broadcast_operations(
    design_id: int, version: int, ops: str, *, author: str = "", client_op_id: str = "", author_key: str = ""
) -> None:
    """Tell the room that `ops` (the batch as JSON text) produced `version`. Called only after the
    transaction commits.

    The batch travels as text: the in-memory layer deep-copies every message for every socket (a
    5,000-node document took its event loop 0.1 s to copy), Redis's encodes it, and each socket would
    encode it again; a string is copied as it is and pasted into each socket's frame.
    `author_key` stays on the server: each socket passes `client_op_id` on to its author's clients only."""
    _group_send(
        design_id,
        {
            "type": "design.ops",
            "version": version,
            "ops_json": str(ops),
            "author": author,
            "client_op_id": client_op_id,
            "author_key": author_key,
        },
    )


def broadcast_comment(design_id: int, event: str, comment: dict) -> None:
    """A comment was created or changed (`event` is the wire type, e.g. comment.created)."""
    _group_send(design_id, {"type": "design.comment", "event": event, "comment": comment})


def broadcast_link_closed(design_id: int, link_id: int, status: str) -> None:
    """Sockets opened through `link_id` close now (the periodic check is the backstop)."""
    _group_send(design_id, {"type": "design.link_closed", "link_id": link_id, "status": status})


def broadcast_interview(design_id: int, session_id: int) -> None:
    """An interview on the design started, moved to another step, ended or was shared: a hint to
    fetch it again over HTTP, which shows each participant only what they may see."""
    _group_send(design_id, {"type": "design.interview", "session": session_id})


def broadcast_interview_reveal(design_id: int, session_id: int, reveal: dict) -> None:
    """The interviewer revealed a fact or a hint of the interview's problem: its content goes to the
    room at once, so the candidate's problem card shows it without a round trip."""
    _group_send(design_id, {"type": "design.interview_reveal", "session": session_id, "reveal": reveal})
