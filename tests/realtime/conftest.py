"""Realtime fixtures: a design, share links, and communicators that speak the wire protocol."""

from __future__ import annotations

import json

import pytest
from channels.db import database_sync_to_async
from channels.layers import channel_layers
from channels.testing import WebsocketCommunicator
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client as DjangoClient

from designer.asgi import application
from designer.services import design_create
from designer.sharing.services import share_link_create

ORIGIN = (b"origin", b"http://testserver")
HOST = (b"host", b"testserver")


@pytest.fixture(autouse=True)
def fresh_channel_layer():
    """A new channel layer per test: channels_redis keeps asyncio locks bound to the loop that first used
    them, and pytest-asyncio gives every test its own loop."""
    channel_layers.backends.clear()
    yield
    channel_layers.backends.clear()


@pytest.fixture
def design(user, video_recs):
    return design_create(owner=user, document=video_recs)


@pytest.fixture
def owner_headers(client, user):
    client.force_login(user)
    return [ORIGIN, (b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode())]


@pytest.fixture
def stranger_headers(other_user):
    browser = DjangoClient()
    browser.force_login(other_user)
    return [ORIGIN, (b"cookie", f"sessionid={browser.cookies['sessionid'].value}".encode())]


@pytest.fixture
def make_link(design):
    """An async factory (tests call it inside their event loop): (link id, raw token)."""

    @database_sync_to_async
    def make(role: str, expires_at=None) -> tuple[int, str]:
        link, token = share_link_create(design=design, role=role, label=f"{role} link", expires_at=expires_at)
        return link.pk, token

    return make


@database_sync_to_async
def guest_headers(name: str | None = None) -> list:
    """Headers of a guest browser; with `name`, its session holds the display name the share page asked for."""
    if name is None:
        return [ORIGIN]
    session = SessionStore()
    session["share_name"] = name
    session.save()
    return [ORIGIN, (b"cookie", f"sessionid={session.session_key}".encode())]


class Client:
    """A communicator that sends and receives protocol messages as dicts (a close comes back as its dict)."""

    def __init__(self, path: str, headers: list):
        # A browser always sends Host; the Origin check compares the page's origin with it.
        if not any(name == b"host" for name, _ in headers):
            headers = [HOST, *headers]
        self.comm = WebsocketCommunicator(application, path, headers=headers)

    async def open(self) -> dict:
        connected, _ = await self.comm.connect(timeout=5)
        assert connected
        return await self.recv()

    async def send(self, message) -> None:
        await self.comm.send_to(text_data=message if isinstance(message, str) else json.dumps(message))

    async def recv(self, timeout: float = 3) -> dict:
        out = await self.comm.receive_output(timeout)
        if out["type"] == "websocket.send":
            return json.loads(out["text"])
        return out

    async def recv_type(self, kind: str, timeout: float = 3) -> dict:
        """The next message of `kind`, skipping presence chatter."""
        while True:
            message = await self.recv(timeout)
            if message["type"] == kind:
                return message
            assert message["type"].startswith("presence."), message

    async def nothing(self, timeout: float = 0.3) -> bool:
        """True when no message other than presence chatter arrives within `timeout`."""
        while not await self.comm.receive_nothing(timeout):
            message = await self.recv()
            if not message["type"].startswith("presence."):
                return False
        return True

    async def close(self) -> None:
        await self.comm.disconnect()
