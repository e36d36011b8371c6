"""A thin `websockets` client speaking the wire protocol, for tests against a real server."""

from __future__ import annotations

import asyncio
import json

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed


async def ws_open(url: str, origin: str, cookie: str | None = None) -> tuple[ClientConnection, dict]:
    """Connect and return the socket with its first message (the welcome, or a close as a dict)."""
    headers = {"Cookie": cookie} if cookie else {}
    ws = await connect(url, origin=origin, additional_headers=headers, max_size=None, open_timeout=5)
    return ws, await recv(ws)


async def recv(ws: ClientConnection, timeout: float = 3) -> dict:
    """The next message as a dict; a close comes back as {"type": "close", "code", "reason"}."""
    try:
        return json.loads(await asyncio.wait_for(ws.recv(), timeout))
    except ConnectionClosed as exc:
        return {
            "type": "close",
            "code": exc.rcvd.code if exc.rcvd else None,
            "reason": exc.rcvd.reason if exc.rcvd else "",
        }


async def recv_type(ws: ClientConnection, kind: str, timeout: float = 3) -> dict:
    """The next message of `kind`, skipping presence chatter."""
    while True:
        message = await recv(ws, timeout)
        if message["type"] == kind:
            return message
        assert message["type"].startswith("presence."), message


async def send(ws: ClientConnection, message: dict) -> None:
    await ws.send(json.dumps(message))
