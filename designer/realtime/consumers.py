"""The design room consumer: parse, authorise, call services, relay. Owners by session, guests by share token."""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
import time
from collections import deque
from types import SimpleNamespace

from channels.consumer import get_handler_name
from channels.exceptions import ChannelFull, StopConsumer
from channels.generic.websocket import AsyncWebsocketConsumer
from django.contrib.auth import get_user
from django.core.serializers.json import DjangoJSONEncoder

from designer import offload
from designer.broadcast import design_group, stamped
from designer.models import Design
from designer.ops import OpError
from designer.sharing import selectors, services
from designer.sharing.access import AccessRefused, access_resolve
from designer.sharing.comments import CommentInputError, comment_as_dict
from designer.sharing.roles import can

from . import pool
from . import protocol as p
from .watch import Credential, owner_credential, watch

log = logging.getLogger(__name__)

# Participants connected to this process, per design: the welcome lists them at once; peers in
# other processes answer the newcomer's hello through the channel layer.
_ROOMS: dict[int, dict[str, dict]] = {}
OWN_OPS_REMEMBERED = 1000


def _dumps(message: dict) -> str:
    return json.dumps(message, cls=DjangoJSONEncoder, separators=(",", ":"))


def _session_user(scope):
    """The session's account, checked as Django checks a request's (in a database thread)."""
    return get_user(SimpleNamespace(session=scope["session"]))  # type: ignore[arg-type]  # reads .session only


def _resolve_access(scope) -> tuple[selectors.Access | None, str]:
    """(Access, "ok") for the room's route, or (None, "login" / "unknown" / "revoked" / "expired")."""
    try:
        access = access_resolve(
            user=_session_user(scope) if scope.get("session") is not None else None,
            session=scope.get("session"),
            kwargs=scope["url_route"]["kwargs"],
        )
    except AccessRefused as exc:
        return None, exc.status
    if access is None or not access.can("read"):
        return None, "unknown"
    return access, "ok"


def _open(scope, close) -> tuple[selectors.Access | None, str, Credential | None]:
    """Who is connecting, and the credential their socket stands on while it is open."""
    access, status = _resolve_access(scope)
    if access is None:
        return access, status, None
    if access.link_id is not None:
        return access, status, Credential(close=close, link_id=access.link_id)
    return access, status, owner_credential(close, scope["session"], access.user)


def _room_state(design_id: int):
    state = selectors.room_state(design_id)
    if state is not None:
        state["comments"] = [comment_as_dict(c) for c in state["comments"]]
    return state


class DesignConsumer(AsyncWebsocketConsumer):
    """One editor's socket in a design room."""

    # Injectable clocks: wall-clock time for the lag of stamped messages (they cross processes),
    # monotonic time for the rate limit.
    clock = staticmethod(time.time)
    monotonic = staticmethod(time.monotonic)

    access: selectors.Access | None = None
    participant: dict | None = None
    credential: Credential | None = None
    closing = False
    left = False

    async def connect(self):
        # Accept first, so that a refusal reaches the client as a close code with a reason.
        await self.accept()
        self.bucket = p.TokenBucket(p.RATE_PER_SECOND, p.RATE_BURST, clock=self.monotonic)
        self.own_ops: deque[str] = deque(maxlen=OWN_OPS_REMEMBERED)
        try:
            access, status, credential = await pool.run(_open, self.scope, self._close)
        except pool.Busy:
            await self._close(p.CLOSE_BUSY)
            return
        if access is None:
            await self._close(p.CLOSE_NOT_AUTHENTICATED if status == "login" else p.CLOSE_FOR_LINK_STATUS[status])
            return
        self.access = access
        self.group = design_group(access.design_id)
        pid = secrets.token_hex(6)
        self.participant = {"id": pid, "name": access.name, "role": access.role, "colour": p.colour_for(pid)}
        await self.channel_layer.group_add(self.group, self.channel_name)
        try:
            state = await pool.run(_room_state, access.design_id)
        except pool.Busy:
            await self._close(p.CLOSE_BUSY)
            return
        if state is None:
            await self._close(p.CLOSE_NOT_FOUND)
            return
        room = _ROOMS.setdefault(access.design_id, {})
        room[self.channel_name] = self.participant
        self.cursor, self.selection = None, []
        await self._send(
            {
                "type": p.SESSION_WELCOME,
                "protocol": p.PROTOCOL_VERSION,
                "version": state["version"],
                "document": state["document"],
                "role": access.role,
                "you": self.participant,
                "participants": list(room.values()),
                "comments": state["comments"],
                "limits": p.limits(),
            }
        )
        await self.channel_layer.group_send(
            self.group, stamped({"type": "room.hello", "participant": self.participant, "reply_to": self.channel_name})
        )
        self.credential = credential
        watch().add(credential)

    async def __call__(self, scope, receive, send):
        # A consumer can die without disconnect() (the channel layer failing while Redis restarts, a
        # handler raising): never leave a ghost participant, here or in peers' lists, or a running
        # link watcher behind.
        try:
            await super().__call__(scope, receive, send)
        finally:
            self._forget()
            await self._announce_leave()

    def _forget(self):
        if self.credential is not None:
            watch().discard(self.credential)
        if self.access is not None and self.participant is not None:
            room = _ROOMS.get(self.access.design_id, {})
            room.pop(self.channel_name, None)
            if not room:
                _ROOMS.pop(self.access.design_id, None)

    async def disconnect(self, code):
        self._forget()
        await self._announce_leave()

    async def _announce_leave(self):
        if self.access is None or self.participant is None or self.left:
            return
        self.left = True
        try:
            await self.channel_layer.group_send(
                self.group, stamped({"type": "room.leave", "id": self.participant["id"]})
            )
            await self.channel_layer.group_discard(self.group, self.channel_name)
        except Exception:
            log.warning("could not announce leave in %s", self.group, exc_info=True)

    async def dispatch(self, message):
        # Channels' dispatch first hops to the process's one shared sync thread to close stale
        # database connections, for every message, so every idle socket paid for every broadcast and
        # waited behind any slow database call. This consumer does no database work on the event
        # loop's thread: pool threads retire their own connections around each call.
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        sent_at = message.get("sent_at")
        if sent_at is not None and self.clock() - sent_at > p.MAX_LAG_S:
            # Queued too long (a slow reader, an overloaded process): relaying the backlog would serve
            # it late and the channel layer may already have dropped some of it. Reconnecting resyncs.
            await self._close(p.CLOSE_BEHIND)
            return
        try:
            await handler(message)
        except StopConsumer:
            raise
        except Exception:
            if message["type"].startswith("websocket."):
                raise
            log.exception("relaying %s to a socket failed", message["type"])
            await self._close(p.CLOSE_SERVER_ERROR)

    # --- from the client -------------------------------------------------------------------

    async def receive(self, text_data=None, bytes_data=None):
        if self.closing or self.access is None:
            return
        if not self.bucket.take():
            await self._send(p.error(p.E_RATE_LIMITED, f"more than {p.RATE_PER_SECOND:g} messages a second"))
            await self._close(p.CLOSE_RATE_LIMITED)
            return
        raw = text_data if text_data is not None else bytes_data
        try:
            if isinstance(raw, str) and offload.large(raw):
                # Parsing and checking a 0.7 MB frame held the event loop for every other socket here. It
                # waits for its worker in a thread of the loop's executor: the database threads stay free.
                message = await asyncio.to_thread(offload.run, p.parse_large_message, raw)
            else:
                message = p.parse_client_message(raw)
        except p.ProtocolError as exc:
            if exc.code == p.E_TOO_BIG:
                await self._close(p.CLOSE_TOO_BIG)
            else:
                await self._send(p.error(exc.code, exc.message))
            return
        except (offload.Busy, offload.WorkerLost):
            await self._close(p.CLOSE_BUSY)  # not read, so nothing is lost: the client resends it
            return
        except offload.TooSlow as exc:
            await self._send(p.error(p.E_SERVER, f"reading this message took longer than {exc.limit_s:g} s"))
            return
        try:
            await getattr(self, "on_" + message.type.replace(".", "_"))(message.data)
        except services.LinkClosed as exc:
            await self._close(p.CLOSE_FOR_LINK_STATUS[exc.status])
        except Design.DoesNotExist:
            await self._close(p.CLOSE_NOT_FOUND)
        except pool.Busy:
            await self._send(p.error(p.E_BUSY, "the server is busy; try again in a moment"))
        except Exception:
            log.exception("websocket message %s failed", message.type)
            await self._send(p.error(p.E_SERVER, "the server could not handle this message; try again"))

    async def _reject(self, client_op_id: str, code: str, message: str, problems: list | None = None):
        await self._send(
            {
                "type": p.OP_REJECT,
                "client_op_id": client_op_id,
                "code": code,
                "problems": problems or [{"path": "$", "message": message}],
            }
        )

    async def on_op_submit(self, data):
        """Every batch is answered: op.ack, or op.reject with its client_op_id whatever went wrong.

        A batch left unanswered stays in the editor's in-flight slot and blocks every later edit.
        """
        assert self.access is not None  # receive() calls handlers only once the room is joined
        client_op_id = data["client_op_id"]
        if not can(self.access.role, "edit"):
            await self._reject(client_op_id, p.E_FORBIDDEN, f"a {self.access.role} link cannot edit")
            return
        try:
            result = await pool.run(
                services.collab_apply_ops, access=self.access, ops=data["ops"], client_op_id=client_op_id
            )
        except OpError as exc:
            problems = [problem.as_dict() for problem in exc.problems[:50]]
            await self._reject(client_op_id, p.E_INVALID_OPS, "", problems)
            return
        except (pool.Busy, offload.Busy, offload.WorkerLost):
            # Not applied, so nothing is lost: the client resends its pending batches on reconnect.
            await self._close(p.CLOSE_BUSY)
            return
        except offload.TooSlow as exc:
            await self._reject(
                client_op_id,
                p.E_NOT_APPLIED,
                f"checking this change on this design took longer than {exc.limit_s:g} s; it was not applied",
            )
            return
        except services.LinkClosed as exc:
            await self._reject(client_op_id, p.E_FORBIDDEN, f"this share link is {exc.status}")
            await self._close(p.CLOSE_FOR_LINK_STATUS[exc.status])
            return
        except Design.DoesNotExist:
            await self._reject(client_op_id, p.E_NOT_APPLIED, "this design no longer exists")
            await self._close(p.CLOSE_NOT_FOUND)
            return
        except Exception:
            # A database error (PostgreSQL refusing a character, a constraint, a lost connection) or a
            # bug: the batch was rolled back, so say so; the editor drops it and keeps the others.
            log.exception("op.submit %s could not be applied", client_op_id)
            await self._reject(
                client_op_id, p.E_NOT_APPLIED, "the server could not store this batch; it was not applied"
            )
            return
        # Remember the id before acknowledging: our own broadcast is queued behind this handler.
        self.own_ops.append(client_op_id)
        await self._send(
            {
                "type": p.OP_ACK,
                "client_op_id": client_op_id,
                "version": result.version,
                "duplicate": result.duplicate,
                "changed": any(result.applied),
            }
        )

    async def on_sync_request(self, data):
        assert self.access is not None
        state = await pool.run(
            selectors.design_sync_since,
            self.access.design_id,
            data["since"],
            p.SYNC_MAX_BATCHES,
            self.access.author_key,
        )
        if state is None:
            raise Design.DoesNotExist
        if "batches" in state:
            await self._send({"type": p.SYNC_BATCHES, **state})
        else:
            await self._send({"type": p.SYNC_SNAPSHOT, **state})

    async def on_presence_update(self, data):
        assert self.participant is not None
        self.cursor, self.selection = data["cursor"], data["selection"]
        await self.channel_layer.group_send(
            self.group,
            stamped(
                {
                    "type": "room.presence",
                    "id": self.participant["id"],
                    "cursor": self.cursor,
                    "selection": self.selection,
                }
            ),
        )

    async def _comment(self, call, **kwargs):
        try:
            await pool.run(call, access=self.access, **kwargs)
        except services.NotAllowed as exc:
            await self._send(p.error(p.E_FORBIDDEN, str(exc)))
        except CommentInputError as exc:
            await self._send(p.error(p.E_BAD_MESSAGE, str(exc)))

    async def on_comment_create(self, data):
        await self._comment(services.comment_create, target=data["target"], body=data["body"])

    async def on_comment_reply(self, data):
        await self._comment(services.comment_create, target=None, body=data["body"], parent_id=data["parent_id"])

    async def on_comment_resolve(self, data):
        await self._comment(services.comment_set_resolved, comment_id=data["comment_id"], resolved=True)

    async def on_comment_reopen(self, data):
        await self._comment(services.comment_set_resolved, comment_id=data["comment_id"], resolved=False)

    async def on_session_ping(self, data):
        assert self.access is not None
        # The version lets an idle client notice that the last broadcast it should have had was lost.
        version = await pool.run(selectors.design_version, self.access.design_id)
        if version is None:
            raise Design.DoesNotExist
        await self._send({"type": p.SESSION_PONG, "version": version})

    # --- from the channel layer ------------------------------------------------------------

    async def design_ops(self, event):
        # client_op_ids are unique per author only: another author's id is none of this client's business
        # (it could equal one of ours and settle our batch in the editor), so it goes to the author's own.
        ours = self.access is not None and event.get("author_key", "") == self.access.author_key
        client_op_id = event.get("client_op_id", "") if ours else ""
        if client_op_id and client_op_id in self.own_ops:
            return
        # The batch arrives as JSON text (designer/broadcast.py) and goes into the frame as it is.
        head = _dumps({"type": p.OP_APPLIED, "version": event["version"]})[:-1]
        tail = _dumps({"author": event.get("author", ""), "client_op_id": client_op_id})[1:]
        await self._send_text(f'{head},"ops":{event["ops_json"]},{tail}')

    async def design_comment(self, event):
        await self._send({"type": event["event"], "comment": event["comment"]})

    async def design_interview(self, event):
        await self._send({"type": p.INTERVIEW_CHANGED, "session": event["session"]})

    async def design_interview_reveal(self, event):
        await self._send({"type": p.INTERVIEW_REVEALED, "session": event["session"], "reveal": event["reveal"]})

    async def design_link_closed(self, event):
        if self.access is not None and event["link_id"] == self.access.link_id:
            await self._close(p.CLOSE_FOR_LINK_STATUS[event["status"]])

    async def room_hello(self, event):
        if event["reply_to"] == self.channel_name or self.participant is None:
            return
        await self._send(
            {"type": p.PRESENCE_JOIN, "participant": event["participant"], "cursor": None, "selection": []}
        )
        try:
            await self.channel_layer.send(
                event["reply_to"],
                stamped(
                    {
                        "type": "room.here",
                        "participant": self.participant,
                        "cursor": self.cursor,
                        "selection": self.selection,
                    }
                ),
            )
        except ChannelFull:
            # The newcomer is not reading its channel (it will be closed for falling behind): presence
            # is volatile, so a lost hello answer is no loss, and it must not take this socket down.
            log.info("presence answer to a full channel dropped in %s", self.group)

    async def room_here(self, event):
        await self._send(
            {
                "type": p.PRESENCE_JOIN,
                "participant": event["participant"],
                "cursor": event["cursor"],
                "selection": event["selection"],
            }
        )

    async def room_presence(self, event):
        if self.participant is None or event["id"] == self.participant["id"]:
            return
        await self._send(
            {"type": p.PRESENCE_UPDATE, "id": event["id"], "cursor": event["cursor"], "selection": event["selection"]}
        )

    async def room_leave(self, event):
        if self.participant is not None and event["id"] != self.participant["id"]:
            await self._send({"type": p.PRESENCE_LEAVE, "id": event["id"]})

    # --- helpers ---------------------------------------------------------------------------

    async def _send(self, message: dict):
        await self._send_text(_dumps(message))

    async def _send_text(self, text: str):
        if not self.closing:
            try:
                await self.send(text_data=text)
            except OSError:
                self._gone()
            except RuntimeError as exc:
                # uvicorn's websockets-sansio protocol answers a client's close frame itself, then refuses
                # the app's next send with this RuntimeError instead of ClientDisconnected: the same leave
                # (seen 24 times relaying room.leave in bench/realtime.py's 50-socket load).
                if "after sending 'websocket.close'" not in str(exc):
                    raise
                self._gone()

    async def _close(self, close: tuple[int, str]):
        if not self.closing:
            self.closing = True
            try:
                await self.close(code=close[0], reason=close[1])
            except OSError:
                self._gone()

    def _gone(self):
        # The client closed while a message to it was on its way: ASGI servers raise an OSError for a
        # send to a closed socket (uvicorn: ClientDisconnected). That is a normal leave, not a failure:
        # the server has queued websocket.disconnect, and disconnect() tells the room.
        self.closing = True
