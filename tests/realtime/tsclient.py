"""The editor's own TypeScript sync client (its store and websocket transport) under Node, driven from async tests
through designer/frontend/fuzz/driver.ts: one JSON command per line in, one JSON answer per line out."""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path

FRONTEND = Path(__file__).resolve().parents[2] / "designer" / "frontend"


class TsClients:
    """Editor clients in one Node process; each joins a session by URL and is addressed by name."""

    def __init__(self, proc: asyncio.subprocess.Process):
        self.proc = proc

    @classmethod
    async def start(cls) -> TsClients:
        node = shutil.which("node")
        assert node, "Node is required to run the editor's sync client"
        proc = await asyncio.create_subprocess_exec(
            node, "fuzz/run.mjs", "drive", cwd=FRONTEND, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE
        )
        clients = cls(proc)
        assert await clients._read() == {"ready": True}
        return clients

    async def _read(self) -> dict:
        line = await asyncio.wait_for(self.proc.stdout.readline(), 60)
        assert line, "the Node client process ended"
        return json.loads(line)

    async def call(self, **command) -> dict:
        self.proc.stdin.write((json.dumps(command) + "\n").encode())
        await self.proc.stdin.drain()
        answer = await self._read()
        assert "error" not in answer, answer["error"]
        return answer

    async def open(self, name: str, url: str, origin: str, cookie: str | None = None) -> None:
        await self.call(cmd="open", name=name, url=url, origin=origin, cookie=cookie or "")

    async def edit(self, name: str, ops: list) -> bool:
        return (await self.call(cmd="edit", name=name, ops=ops))["ok"]

    async def ping(self, name: str) -> None:
        await self.call(cmd="ping", name=name)

    async def state(self, name: str) -> dict:
        """connection, version, pong (the last pong's version), idle (nothing unsaved), confirmed, doc, notice, committed."""
        return await self.call(cmd="state", name=name)

    async def close(self) -> None:
        await self.call(cmd="quit")
        self.proc.stdin.close()
        await asyncio.wait_for(self.proc.wait(), 10)
