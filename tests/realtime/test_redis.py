"""Scale-out: two uvicorn worker processes sharing Redis and PostgreSQL serve one room together, and
survive a Redis restart with nothing acknowledged lost."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from channels.db import database_sync_to_async
from django.db import connection, connections
from django.test import Client as DjangoClient

from designer.models import Design, Operation
from designer.services import design_create
from designer.sharing.services import share_link_create

from .tsclient import TsClients
from .wire import recv_type, send, ws_open

pytestmark = [
    pytest.mark.asyncio,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not (os.environ.get("REDIS_URL") and os.environ.get("DATABASE_URL")),
        reason="needs REDIS_URL and DATABASE_URL (CI runs it)",
    ),
]

ROOT = Path(__file__).resolve().parents[2]
REDIS_START = [
    "redis-server",
    "--daemonize",
    "yes",
    "--bind",
    "127.0.0.1",
    "-::1",
    "--port",
    "6379",
    "--save",
    "",
    "--appendonly",
    "no",
    "--dir",
    "/var/lib/redis",
    "--logfile",
    "/var/log/redis/ci.log",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_port(port: int) -> None:
    deadline = time.monotonic() + 20
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


@pytest.fixture
def workers(transactional_db):
    """Two uvicorn processes on the test database (the one pytest-django created) and REDIS_URL."""
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    }
    ports = [_free_port(), _free_port()]
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "designer.asgi:application",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--ws-max-size",
                "1048576",
                "--log-level",
                "critical",
                "--lifespan",
                "off",
            ],
            cwd=ROOT,
            env=env,
        )
        for port in ports
    ]
    try:
        for port in ports:
            _wait_port(port)
        yield [f"ws://127.0.0.1:{port}" for port in ports]
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                # A worker stuck on a channel layer that went away must not outlive the test.
                proc.kill()
                proc.wait(10)
        connection.close()


@pytest.fixture
def room(user, video_recs):
    design = design_create(owner=user, document=video_recs)
    browser = DjangoClient()
    browser.force_login(user)
    _, token = share_link_create(design=design, role="edit")
    return {"design": design, "cookie": f"sessionid={browser.cookies['sessionid'].value}", "token": token}


def origin_of(worker: str) -> str:
    """The origin of a page served by `worker` (the tests reach each worker directly, without a proxy)."""
    return worker.replace("ws://", "http://")


async def test_two_workers_relay_edits_and_presence_both_ways(workers, room):
    owner, _ = await ws_open(f"{workers[0]}/ws/designs/{room['design'].pk}/", origin_of(workers[0]), room["cookie"])
    guest, welcome = await ws_open(f"{workers[1]}/ws/s/{room['token']}/", origin_of(workers[1]))
    assert (await recv_type(owner, "presence.join"))["participant"] == welcome["you"]
    assert (await recv_type(guest, "presence.join"))["participant"]["name"] == "ada"

    await send(
        owner,
        {
            "type": "op.submit",
            "client_op_id": "w1-1",
            "base_version": 1,
            "ops": [{"op": "node.update", "id": "app", "set": {"label": "Edge app"}}],
        },
    )
    assert (await recv_type(owner, "op.ack"))["version"] == 2
    assert (await recv_type(guest, "op.applied"))["version"] == 2
    await send(
        guest,
        {
            "type": "op.submit",
            "client_op_id": "w2-1",
            "base_version": 2,
            "ops": [{"op": "node.update", "id": "ranker", "set": {"label": "Ranker v2"}}],
        },
    )
    assert (await recv_type(guest, "op.ack"))["version"] == 3
    applied = await recv_type(owner, "op.applied")
    assert (applied["version"], applied["author"]) == (3, "Anonymous (guest)")
    for ws in (owner, guest):
        await ws.close()


async def test_redis_restart_mid_session_loses_nothing_acknowledged(workers, room):
    """The editor's own client on each worker keeps editing while Redis is shut down and started again."""
    design_id = room["design"].pk
    clients = await TsClients.start()
    await clients.open("a", f"{workers[0]}/ws/designs/{design_id}/", origin_of(workers[0]), room["cookie"])
    await clients.open("b", f"{workers[1]}/ws/s/{room['token']}/", origin_of(workers[1]))
    deadline = time.monotonic() + 60
    edits = {"a": 0, "b": 0}

    async def edit_both():
        for name in edits:
            edits[name] += 1
            prop = {f"by_{name}_{edits[name]}": edits[name]}
            assert await clients.edit(name, [{"op": "node.update", "id": "ranker", "props": prop}])
        await asyncio.sleep(0.05)

    while [(await clients.state(name))["connection"] for name in edits] != ["live", "live"]:
        assert time.monotonic() < deadline, "the clients did not connect"
        await asyncio.sleep(0.05)
    for _ in range(5):
        await edit_both()
    redis_url = os.environ["REDIS_URL"]
    subprocess.run(["redis-cli", "-u", redis_url, "shutdown", "nosave"], capture_output=True)
    try:
        for _ in range(5):  # edits while Redis is down: committed or kept pending, never lost
            await edit_both()
    finally:
        time.sleep(0.5)
        subprocess.run(REDIS_START, check=True)
    for _ in range(5):
        await edit_both()

    # Settled: nothing unsaved, and each client at the version its latest pong reported, which is the database's.
    while True:
        version = await database_sync_to_async(lambda: Design.objects.get(pk=design_id).version)()
        states = [await clients.state(name) for name in edits]
        if all(s["idle"] and s["version"] == s["pong"] == version for s in states):
            break
        assert time.monotonic() < deadline, [(s["name"], s["connection"], s["version"], s["pong"]) for s in states]
        for name in edits:
            await clients.ping(name)
        await asyncio.sleep(0.2)

    design = await database_sync_to_async(Design.objects.get)(pk=design_id)
    logged = await database_sync_to_async(
        lambda: list(
            Operation.objects.filter(design_id=design_id)
            .exclude(client_op_id="")
            .values_list("client_op_id", flat=True)
        )
    )()
    assert sorted(logged) == sorted(set(states[0]["committed"]) | set(states[1]["committed"]))
    # Every one of the 15 edits of each client is in the document: none was lost.
    props = design.document["nodes"][2]["props"]
    assert {k: v for k, v in props.items() if k.startswith("by_")} == {
        f"by_{name}_{n}": n for name in edits for n in range(1, 16)
    }
    # No ghost of a socket that died with Redis: worker 0 lists a's live connection and the newcomer only.
    late, welcome = await ws_open(f"{workers[0]}/ws/designs/{design_id}/", origin_of(workers[0]), room["cookie"])
    assert sorted(p["name"] for p in welcome["participants"]) == ["ada", "ada"]
    await late.close()
    for state in states:
        assert state["confirmed"] == design.document
    await clients.close()
    await database_sync_to_async(connections.close_all)()  # lets pytest-django drop the test database
