"""Share tokens never reach a log: the real uvicorn command, its access log and Django's request log."""

from __future__ import annotations

import asyncio
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import websockets

ROOT = Path(__file__).resolve().parents[2]
UVICORN = Path(sys.executable).with_name("uvicorn")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def served(tmp_path):
    """`uvicorn designer.asgi:application` as `make run` starts it, on a fresh SQLite database; its
    output (access log included) goes to a file."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "DJANGO_DEBUG": "1"}
    env.pop("REDIS_URL", None)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True, timeout=300
    )
    port = _free_port()
    log = tmp_path / "server.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [str(UVICORN), "designer.asgi:application", "--host", "127.0.0.1", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while "Uvicorn running" not in log.read_text(errors="replace"):
            assert server.poll() is None and time.monotonic() < deadline, log.read_text(errors="replace")
            time.sleep(0.1)
        yield port, log
    finally:
        server.terminate()
        server.wait(timeout=20)


def get(url: str) -> int:
    try:
        return urllib.request.urlopen(url, timeout=30).status
    except urllib.error.HTTPError as exc:
        return exc.code


async def ws_refused(url: str, origin: str) -> int:
    async with websockets.connect(url, origin=origin) as ws:
        try:
            await asyncio.wait_for(ws.recv(), 10)
        except websockets.ConnectionClosed as closed:
            return closed.rcvd.code
    return 0


def test_share_tokens_are_redacted_from_the_access_log_and_django_request_log(served):
    """Issue 14.5: share tokens (the only credential of a link) appeared in access logs."""
    port, log = served
    token = secrets.token_urlsafe(32)
    base = f"http://127.0.0.1:{port}"
    assert get(f"{base}/s/{token}/") == 404
    assert get(f"{base}/api/s/{token}/design/") == 404
    assert get(f"{base}/s/{token}/report/?x=1") == 404
    assert asyncio.run(ws_refused(f"ws://127.0.0.1:{port}/ws/s/{token}/", base)) == 4404
    expected = [
        '"GET /s/[redacted]/ HTTP/1.1" 404',
        '"GET /api/s/[redacted]/design/ HTTP/1.1" 404',
        '"GET /s/[redacted]/report/?x=1 HTTP/1.1" 404',
        '"WebSocket /ws/s/[redacted]/" [accepted]',
        "Not Found: /api/s/[redacted]/design/",
    ]
    # The server writes its log lines a moment after answering: wait until they are all there.
    deadline = time.monotonic() + 30
    while not all(line in (text := log.read_text(errors="replace")) for line in expected):
        if time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert token not in text
    assert [line for line in expected if line not in text] == []
