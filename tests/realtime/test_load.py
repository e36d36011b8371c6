"""Rooms under load, through the real channel layer: a full channel never takes a socket down, a socket
that falls behind is closed with 4408 and resyncs, and work that cannot start in time is refused."""

from __future__ import annotations

import asyncio
import copy
import threading
import time

import pytest
from channels.db import database_sync_to_async
from django.conf import settings as django_settings

from designer import broadcast
from designer.models import Design, Operation
from designer.realtime import pool
from designer.services import design_apply_ops

from .conftest import Client, guest_headers

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]

MOVE_RANKER = [{"op": "node.update", "id": "ranker", "set": {"x": 700}}]


@pytest.fixture
def channel_capacity(settings):
    """The configured channel layer (in-memory, or Redis in CI) with channels that hold `n` messages."""

    def set_capacity(n: int) -> None:
        layers = copy.deepcopy(django_settings.CHANNEL_LAYERS)
        layers["default"]["CONFIG"]["capacity"] = n
        settings.CHANNEL_LAYERS = layers

    return set_capacity


async def test_a_full_channel_never_takes_a_socket_down(design, owner_headers, make_link, channel_capacity):
    # Each newcomer's hello is answered by every member straight into the newcomer's channel; with
    # room for one message, most answers find it full (ChannelFull, uncaught before issue 14).
    channel_capacity(1)
    _, token = await make_link("view")
    clients = [Client(f"/ws/designs/{design.pk}/", owner_headers)]
    clients += [Client(f"/ws/s/{token}/", await guest_headers(f"viewer {i}")) for i in range(7)]
    for client in clients:
        assert (await client.open())["type"] == "session.welcome"
    for client in clients:
        await client.send({"type": "session.ping"})
        assert (await client.recv_type("session.pong"))["version"] == 1
    for client in clients:
        await client.close()


async def test_a_room_that_gets_a_broadcast_too_late_closes_with_4408_and_resyncs(
    design, make_link, monkeypatch, video_recs
):
    _, token = await make_link("view")
    guests = [Client(f"/ws/s/{token}/", await guest_headers(f"viewer {i}")) for i in range(2)]
    for guest in guests:
        await guest.open()
    # A broadcast that sat in the channel layer for a minute (a stalled process, a slow reader).
    monkeypatch.setattr(broadcast, "clock", lambda: time.time() - 60)
    await database_sync_to_async(design_apply_ops)(design_id=design.pk, ops=MOVE_RANKER, author="ada")
    for guest in guests:
        assert await guest.recv_type("websocket.close") == {
            "type": "websocket.close",
            "code": 4408,
            "reason": "This connection fell behind the room: reconnect to catch up",
        }
    monkeypatch.setattr(broadcast, "clock", time.time)
    again = Client(f"/ws/s/{token}/", await guest_headers("viewer 0"))
    welcome = await again.open()
    assert welcome["version"] == 2 and welcome["document"]["nodes"][2]["x"] == 700
    await again.send({"type": "sync.request", "since": 1})
    batches = await again.recv_type("sync.batches")
    assert [(b["version"], b["ops"]) for b in batches["batches"]] == [(2, MOVE_RANKER)]
    await again.close()


@pytest.fixture
def one_thread_pool(monkeypatch):
    """A pool of one database thread on a clock the test moves."""
    now = [0.0]
    small = pool.DatabasePool(threads=1, max_wait_s=5, clock=lambda: now[0])
    monkeypatch.setattr(pool, "_pool", small)
    yield small, now
    small.executor.shutdown(wait=True)


async def test_work_that_cannot_start_in_time_is_refused_not_served_late(
    design, owner_headers, one_thread_pool, video_recs
):
    small, now = one_thread_pool
    owner = Client(f"/ws/designs/{design.pk}/", owner_headers)
    await owner.open()
    release = threading.Event()
    blocker = asyncio.ensure_future(small.run(release.wait))  # something slow holds the only thread
    await owner.send({"type": "op.submit", "client_op_id": "o-1", "base_version": 1, "ops": MOVE_RANKER})
    while small.waiting < 2:
        await asyncio.sleep(0.01)
    now[0] += 6  # the batch has waited 6 s for a thread, over the 5 s limit
    release.set()
    await blocker
    assert await owner.recv_type("websocket.close") == {
        "type": "websocket.close",
        "code": 1013,
        "reason": "The server is busy: reconnect in a moment",
    }
    assert await database_sync_to_async(lambda: Design.objects.get(pk=design.pk).version)() == 1
    # Nothing was applied, so the client's resend on reconnect is its first and only application.
    again = Client(f"/ws/designs/{design.pk}/", owner_headers)
    await again.open()
    await again.send({"type": "op.submit", "client_op_id": "o-1", "base_version": 1, "ops": MOVE_RANKER})
    assert (await again.recv_type("op.ack"))["duplicate"] is False
    assert await database_sync_to_async(Operation.objects.filter(client_op_id="o-1").count)() == 1
    await again.close()
