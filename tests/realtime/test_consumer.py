"""The design room consumer through Channels' communicator: roles, ops, resync, presence, comments, bad input."""

from __future__ import annotations

import datetime as dt
import json
import os

import pytest
from channels.db import database_sync_to_async
from django.db import connection
from django.utils import timezone

from designer.interview import services as interview
from designer.interview.framework import time_boxes
from designer.models import Design, Operation
from designer.realtime.consumers import DesignConsumer
from designer.sharing.access import access_for_account
from designer.sharing.models import Comment, ShareLink
from designer.sharing.services import share_link_revoke

from .conftest import ORIGIN, Client, guest_headers

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]

MOVE_RANKER = [{"op": "node.update", "id": "ranker", "set": {"x": 700}}]


@database_sync_to_async
def stored(design_id):
    design = Design.objects.get(pk=design_id)
    return design.version, design.document


async def test_owner_welcome_carries_document_version_role_and_self(design, owner_headers, video_recs):
    owner = Client(f"/ws/designs/{design.pk}/", owner_headers)
    welcome = await owner.open()
    assert welcome["type"] == "session.welcome"
    assert (welcome["version"], welcome["role"], welcome["document"]) == (1, "owner", video_recs)
    assert welcome["you"]["name"] == "ada"
    assert welcome["participants"] == [welcome["you"]]
    assert welcome["comments"] == []
    await owner.close()


async def test_anonymous_and_foreign_owner_sockets_are_closed_with_clear_codes(design, stranger_headers):
    anonymous = Client(f"/ws/designs/{design.pk}/", [ORIGIN])
    assert await anonymous.open() == {"type": "websocket.close", "code": 4401, "reason": "Log in to open this design"}
    stranger = Client(f"/ws/designs/{design.pk}/", stranger_headers)
    closed = await stranger.open()
    assert (closed["code"], closed["reason"]) == (4404, "This design or share link does not exist")


async def test_socket_from_a_foreign_origin_is_refused(design, owner_headers):
    evil = Client(f"/ws/designs/{design.pk}/", [(b"origin", b"http://evil.example"), owner_headers[1]])
    assert await evil.open() == {
        "type": "websocket.close",
        "code": 4003,
        "reason": "Refused: this page's origin (scheme, host and port) is not this site's",
    }


async def test_unknown_share_token_is_closed_with_4404(design):
    guest = Client("/ws/s/" + "A" * 43 + "/", await guest_headers())
    closed = await guest.open()
    assert closed["code"] == 4404


async def test_op_is_acknowledged_to_sender_and_relayed_to_others_with_its_version(design, owner_headers, make_link):
    _, token = await make_link("edit")
    owner = Client(f"/ws/designs/{design.pk}/", owner_headers)
    guest = Client(f"/ws/s/{token}/", await guest_headers("Mock interviewer"))
    await owner.open()
    welcome = await guest.open()
    assert (welcome["role"], welcome["you"]["name"]) == ("edit", "Mock interviewer (guest)")

    await guest.send({"type": "op.submit", "client_op_id": "g-1", "base_version": 1, "ops": MOVE_RANKER})
    assert await guest.recv_type("op.ack") == {
        "type": "op.ack",
        "client_op_id": "g-1",
        "version": 2,
        "duplicate": False,
        "changed": True,
    }
    assert await owner.recv_type("op.applied") == {
        "type": "op.applied",
        "version": 2,
        "ops": MOVE_RANKER,
        "author": "Mock interviewer (guest)",
        "client_op_id": "",  # ids are per author: the guest's is not the owner's business
    }
    assert await guest.nothing()  # the sender does not get its own op back
    version, document = await stored(design.pk)
    assert version == 2 and document["nodes"][2]["x"] == 700
    await owner.close()
    await guest.close()


async def test_retried_client_op_id_is_applied_once(design, owner_headers):
    a = Client(f"/ws/designs/{design.pk}/", owner_headers)
    b = Client(f"/ws/designs/{design.pk}/", owner_headers)
    await a.open()
    await b.open()
    submit = {
        "type": "op.submit",
        "client_op_id": "a-1",
        "base_version": 1,
        "ops": [{"op": "node.update", "id": "app", "props": {"replicas": 3}}],
    }
    await a.send(submit)
    assert (await a.recv_type("op.ack"))["version"] == 2
    assert (await b.recv_type("op.applied"))["version"] == 2
    await a.send(submit)
    again = await a.recv_type("op.ack")
    assert (again["version"], again["duplicate"]) == (2, True)
    assert await b.nothing()
    assert await database_sync_to_async(Operation.objects.filter(design_id=design.pk, client_op_id="a-1").count)() == 1
    await a.close()
    await b.close()


async def test_view_and_comment_links_cannot_submit_ops(design, make_link, video_recs):
    for role in ("view", "comment"):
        _, token = await make_link(role)
        guest = Client(f"/ws/s/{token}/", await guest_headers())
        await guest.open()
        await guest.send({"type": "op.submit", "client_op_id": f"{role}-1", "base_version": 1, "ops": MOVE_RANKER})
        assert await guest.recv_type("op.reject") == {
            "type": "op.reject",
            "client_op_id": f"{role}-1",
            "code": "forbidden",
            "problems": [{"path": "$", "message": f"a {role} link cannot edit"}],
        }
        await guest.close()
    assert await stored(design.pk) == (1, video_recs)


async def test_ops_that_break_the_format_are_rejected_and_nobody_sees_them(design, owner_headers, video_recs):
    a = Client(f"/ws/designs/{design.pk}/", owner_headers)
    b = Client(f"/ws/designs/{design.pk}/", owner_headers)
    await a.open()
    await b.open()
    await a.send(
        {
            "type": "op.submit",
            "client_op_id": "bad-1",
            "base_version": 1,
            "ops": [{"op": "edge.add", "edge": {"id": "e2", "source": "app", "target": "nowhere"}}],
        }
    )
    reject = await a.recv_type("op.reject")
    assert (reject["client_op_id"], reject["code"]) == ("bad-1", "invalid_ops")
    assert reject["problems"][0]["path"] == "edges[1].target"
    await a.send({"type": "op.submit", "client_op_id": "bad-2", "base_version": 1, "ops": [{"op": "node.explode"}]})
    reject = await a.recv_type("op.reject")
    assert reject["problems"][0]["path"] == "ops[0].op"
    assert await b.nothing()
    assert await stored(design.pk) == (1, video_recs)
    await a.close()
    await b.close()


@pytest.mark.parametrize(
    "frame, code",
    [
        ("{not json", "bad_json"),
        ("[1, 2]", "bad_json"),
        ('{"type": "op.nuke"}', "unknown_type"),
        ('{"type": "op.submit", "client_op_id": "x", "base_version": "1", "ops": []}', "bad_message"),
        ('{"type": "op.submit", "client_op_id": "<script>", "base_version": 1, "ops": [{}]}', "bad_message"),
        ('{"type": "sync.request", "since": -1}', "bad_message"),
        ('{"type": "presence.update", "cursor": {"x": 1e309, "y": 0}}', "bad_message"),
        ('{"type": "presence.update", "cursor": {"x": "1", "y": 0}}', "bad_message"),
        ('{"type": "comment.resolve", "comment_id": true}', "bad_message"),
        ('{"type": "session.ping", "deep": ' + "[" * 30 + "]" * 30 + "}", "bad_message"),
        ('{"type": "session.ping", "deep": ' + "[" * 5000 + "]" * 5000 + "}", "bad_json"),
    ],
)
async def test_malformed_messages_get_an_error_and_the_socket_stays_usable(
    design, owner_headers, video_recs, frame, code
):
    owner = Client(f"/ws/designs/{design.pk}/", owner_headers)
    await owner.open()
    await owner.send(frame)
    error = await owner.recv_type("error")
    assert error["code"] == code and error["message"]
    await owner.send({"type": "session.ping"})
    assert await owner.recv_type("session.pong") == {"type": "session.pong", "version": 1}
    assert await stored(design.pk) == (1, video_recs)
    await owner.close()


async def test_binary_frames_are_refused_with_an_error(design, owner_headers):
    owner = Client(f"/ws/designs/{design.pk}/", owner_headers)
    await owner.open()
    await owner.comm.send_to(bytes_data=b'{"type": "session.ping"}')
    assert (await owner.recv_type("error"))["code"] == "bad_json"
    await owner.close()


async def test_a_message_over_one_mebibyte_closes_with_1009(design, owner_headers):
    owner = Client(f"/ws/designs/{design.pk}/", owner_headers)
    await owner.open()
    await owner.send(json.dumps({"type": "session.ping", "pad": "x" * (1024 * 1024)}))
    assert await owner.recv_type("websocket.close") == {
        "type": "websocket.close",
        "code": 1009,
        "reason": "Message too big: the limit is 1 MiB",
    }


async def test_a_flood_gets_an_error_then_close_4429(design, owner_headers, monkeypatch):
    monkeypatch.setattr(DesignConsumer, "monotonic", staticmethod(lambda: 1000.0))  # no refill while it floods
    owner = Client(f"/ws/designs/{design.pk}/", owner_headers)
    await owner.open()
    for _ in range(300):
        await owner.send({"type": "session.ping"})
    pongs = 0
    while (message := await owner.recv())["type"] == "session.pong":
        pongs += 1
    assert pongs == 100  # the burst
    assert (message["type"], message["code"]) == ("error", "rate_limited")
    assert await owner.recv() == {
        "type": "websocket.close",
        "code": 4429,
        "reason": "Too many messages: slow down and reconnect",
    }


async def test_sync_request_returns_missed_batches_or_a_snapshot(design, owner_headers):
    owner = Client(f"/ws/designs/{design.pk}/", owner_headers)
    await owner.open()
    for i, x in enumerate((10, 20)):
        await owner.send(
            {
                "type": "op.submit",
                "client_op_id": f"s-{i}",
                "base_version": 1 + i,
                "ops": [{"op": "node.update", "id": "app", "set": {"x": x}}],
            }
        )
        await owner.recv_type("op.ack")
    await owner.send({"type": "sync.request", "since": 2})
    assert await owner.recv_type("sync.batches") == {
        "type": "sync.batches",
        "version": 3,
        "batches": [
            {
                "version": 3,
                "ops": [{"op": "node.update", "id": "app", "set": {"x": 20}}],
                "author": "ada",
                "client_op_id": "s-1",
            }
        ],
    }
    await owner.send({"type": "sync.request", "since": 0})
    snapshot = await owner.recv_type("sync.snapshot")
    _version, document = await stored(design.pk)
    assert snapshot == {"type": "sync.snapshot", "version": 3, "document": document}
    await owner.close()


async def test_presence_joins_updates_and_leaves(design, owner_headers, make_link):
    _, token = await make_link("view")
    owner = Client(f"/ws/designs/{design.pk}/", owner_headers)
    me = (await owner.open())["you"]
    guest = Client(f"/ws/s/{token}/", await guest_headers("Watcher"))
    welcome = await guest.open()
    them = welcome["you"]
    assert them == {"id": them["id"], "name": "Watcher (guest)", "role": "view", "colour": them["colour"]}
    assert them["colour"].startswith("#")
    assert me in welcome["participants"] and them in welcome["participants"]
    joined = await owner.recv_type("presence.join")
    assert joined["participant"] == them

    await guest.send({"type": "presence.update", "cursor": {"x": 12.5, "y": -3}, "selection": ["ranker"]})
    assert await owner.recv_type("presence.update") == {
        "type": "presence.update",
        "id": them["id"],
        "cursor": {"x": 12.5, "y": -3},
        "selection": ["ranker"],
    }
    await guest.close()
    assert await owner.recv_type("presence.leave") == {"type": "presence.leave", "id": them["id"]}
    await owner.close()


async def test_comments_are_live_persisted_and_role_checked(design, owner_headers, make_link):
    _, comment_token = await make_link("comment")
    _, view_token = await make_link("view")
    owner = Client(f"/ws/designs/{design.pk}/", owner_headers)
    commenter = Client(f"/ws/s/{comment_token}/", await guest_headers("Interviewer"))
    viewer = Client(f"/ws/s/{view_token}/", await guest_headers())
    for c in (owner, commenter, viewer):
        await c.open()
    hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    await commenter.send({"type": "comment.create", "target": {"node": "ranker"}, "body": hostile})
    created = [await c.recv_type("comment.created") for c in (owner, commenter, viewer)]
    assert created[0] == created[1] == created[2]
    thread = created[0]["comment"]
    assert (thread["author"], thread["target"], thread["body"], thread["parent"], thread["resolved"]) == (
        "Interviewer (guest)",
        {"node": "ranker"},
        hostile,
        None,
        False,
    )

    await owner.send({"type": "comment.reply", "parent_id": thread["id"], "body": "Cached candidates fix this."})
    reply = (await commenter.recv_type("comment.created"))["comment"]
    assert [(await c.recv_type("comment.created"))["comment"] for c in (owner, viewer)] == [reply, reply]
    assert (reply["parent"], reply["author"], reply["target"]) == (thread["id"], "ada", {"node": "ranker"})
    await owner.send({"type": "comment.resolve", "comment_id": thread["id"]})
    assert (await viewer.recv_type("comment.updated"))["comment"]["resolved"] is True
    await owner.recv_type("comment.updated")
    await commenter.recv_type("comment.updated")
    await commenter.send({"type": "comment.reopen", "comment_id": thread["id"]})
    assert (await owner.recv_type("comment.updated"))["comment"]["resolved"] is False
    assert (await viewer.recv_type("comment.updated"))["comment"]["resolved"] is False
    assert (await commenter.recv_type("comment.updated"))["comment"]["resolved"] is False

    await viewer.send({"type": "comment.create", "target": {"point": {"x": 1, "y": 2}}, "body": "hi"})
    assert await viewer.recv_type("error") == {
        "type": "error",
        "code": "forbidden",
        "message": "a view link cannot comment",
    }
    await commenter.send({"type": "comment.create", "target": {"node": "ranker"}, "body": "x" * 2001})
    assert await commenter.recv_type("error") == {
        "type": "error",
        "code": "bad_message",
        "message": "body has 2001 characters; the limit is 2000",
    }
    await commenter.send({"type": "comment.create", "target": {"planet": "mars"}, "body": "hi"})
    assert (await commenter.recv_type("error"))["message"] == "unknown target kind 'planet'; use node, edge or point"
    bodies = await database_sync_to_async(
        lambda: list(Comment.objects.order_by("id").values_list("body", "resolved"))
    )()
    assert bodies == [(hostile, False), ("Cached candidates fix this.", False)]
    rejoin = Client(f"/ws/s/{view_token}/", await guest_headers())
    assert [c["body"] for c in (await rejoin.open())["comments"]] == [hostile, "Cached candidates fix this."]
    for c in (owner, commenter, viewer, rejoin):
        await c.close()


async def test_revocation_closes_the_guest_socket_with_4403(design, make_link):
    link_id, token = await make_link("edit")
    guest = Client(f"/ws/s/{token}/", await guest_headers())
    await guest.open()
    await database_sync_to_async(share_link_revoke)(
        link=await database_sync_to_async(ShareLink.objects.get)(pk=link_id)
    )
    assert await guest.recv_type("websocket.close", timeout=2) == {
        "type": "websocket.close",
        "code": 4403,
        "reason": "This share link was revoked",
    }


async def test_revocation_without_broadcast_refuses_the_next_op_and_still_closes(design, make_link, video_recs):
    link_id, token = await make_link("edit")
    guest = Client(f"/ws/s/{token}/", await guest_headers())
    await guest.open()
    # A revoke whose broadcast was lost: only the database knows.
    await database_sync_to_async(ShareLink.objects.filter(pk=link_id).update)(revoked_at=timezone.now())
    await guest.send({"type": "op.submit", "client_op_id": "late", "base_version": 1, "ops": MOVE_RANKER})
    assert await guest.recv_type("op.reject") == {
        "type": "op.reject",
        "client_op_id": "late",
        "code": "forbidden",
        "problems": [{"path": "$", "message": "this share link is revoked"}],
    }
    assert (await guest.recv_type("websocket.close", timeout=2))["code"] == 4403
    assert await stored(design.pk) == (1, video_recs)


async def test_an_expired_link_is_refused_with_4410(design, make_link):
    _, token = await make_link("comment", expires_at=timezone.now() - dt.timedelta(seconds=1))
    late = Client(f"/ws/s/{token}/", await guest_headers())
    assert await late.open() == {"type": "websocket.close", "code": 4410, "reason": "This share link has expired"}


async def test_interview_changes_reach_everyone_in_the_room_as_a_hint_without_notes(
    design, user, owner_headers, make_link
):
    _, view_token = await make_link("view")
    owner = Client(f"/ws/designs/{design.pk}/", owner_headers)
    viewer = Client(f"/ws/s/{view_token}/", await guest_headers())
    for c in (owner, viewer):
        await c.open()
    session = await database_sync_to_async(interview.interview_start)(
        design=design, boxes=time_boxes(45), interviewer=user
    )
    for c in (owner, viewer):
        assert await c.recv_type("interview.changed") == {"type": "interview.changed", "session": session.pk}
    owner_access = await database_sync_to_async(access_for_account)(user, design.pk)
    await database_sync_to_async(interview.interview_review)(
        session=session, access=owner_access, notes="Weak on monitoring", scores={"clarify": 2}
    )
    assert await viewer.nothing()
    await database_sync_to_async(interview.interview_next_step)(session=session, access=owner_access)
    for c in (owner, viewer):
        assert await c.recv_type("interview.changed") == {"type": "interview.changed", "session": session.pk}
    await database_sync_to_async(interview.interview_share)(session=session, access=owner_access)
    assert await viewer.recv_type("interview.changed") == {"type": "interview.changed", "session": session.pk}
    for c in (owner, viewer):
        await c.close()


@database_sync_to_async
def refuse_operations_in_the_database(prefix: str) -> None:
    """A real database error for batches whose client_op_id starts with `prefix` (a trigger)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION refuse_op() RETURNS trigger AS $$ BEGIN IF NEW.client_op_id LIKE "
                f"'{prefix}%' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql"
            )
            cursor.execute(
                "CREATE TRIGGER refuse_op BEFORE INSERT ON designer_operation FOR EACH ROW EXECUTE FUNCTION refuse_op()"
            )
        else:
            cursor.execute(
                "CREATE TRIGGER refuse_op BEFORE INSERT ON designer_operation "
                f"WHEN NEW.client_op_id LIKE '{prefix}%' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
            )


@pytest.fixture
def drop_refusal_trigger():
    yield
    with connection.cursor() as cursor:
        cursor.execute(
            "DROP TRIGGER IF EXISTS refuse_op" + (" ON designer_operation" if connection.vendor == "postgresql" else "")
        )
        if connection.vendor == "postgresql":
            cursor.execute("DROP FUNCTION IF EXISTS refuse_op()")


async def test_a_batch_the_database_refuses_is_rejected_with_its_id_and_later_edits_go_through(
    design, owner_headers, video_recs, drop_refusal_trigger
):
    await refuse_operations_in_the_database("refused")
    owner = Client(f"/ws/designs/{design.pk}/", owner_headers)
    await owner.open()
    await owner.send({"type": "op.submit", "client_op_id": "refused-1", "base_version": 1, "ops": MOVE_RANKER})
    assert await owner.recv_type("op.reject") == {
        "type": "op.reject",
        "client_op_id": "refused-1",
        "code": "not_applied",
        "problems": [{"path": "$", "message": "the server could not store this batch; it was not applied"}],
    }
    assert await stored(design.pk) == (1, video_recs)
    await owner.send({"type": "op.submit", "client_op_id": "fine-1", "base_version": 1, "ops": MOVE_RANKER})
    assert (await owner.recv_type("op.ack"))["version"] == 2
    await owner.close()


@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").split(":")[0] not in ("postgres", "postgresql", "pgsql"),
    reason="PostgreSQL refuses NUL; SQLite stores it (CI runs this against PostgreSQL)",
)
async def test_a_nul_character_postgresql_refuses_settles_the_batch(design, owner_headers, video_recs):
    owner = Client(f"/ws/designs/{design.pk}/", owner_headers)
    await owner.open()
    nul = [{"op": "node.update", "id": "ranker", "set": {"label": "Rank\u0000er"}}]
    await owner.send({"type": "op.submit", "client_op_id": "nul-1", "base_version": 1, "ops": nul})
    reject = await owner.recv_type("op.reject")
    # The document checker may refuse NUL itself (invalid_ops); either way the batch is answered.
    assert (reject["client_op_id"], reject["code"] in ("invalid_ops", "not_applied")) == ("nul-1", True)
    assert await stored(design.pk) == (1, video_recs)
    await owner.send({"type": "op.submit", "client_op_id": "fine-1", "base_version": 1, "ops": MOVE_RANKER})
    assert (await owner.recv_type("op.ack"))["version"] == 2
    await owner.close()
