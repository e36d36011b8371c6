"""Convergence fuzz: seeded random edits by 2–4 clients with disconnects, lost frames and lost broadcasts,
driving the real consumer and database; every client, the server and the log must agree at the end."""

from __future__ import annotations

import asyncio
import json
import random
from collections import Counter

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator

from designer.asgi import application
from designer.models import Design, Operation
from designer.ops import apply_ops
from designer.realtime import protocol

from .conftest import guest_headers
from .model import ModelClient

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]

SEEDS = range(12)
STEPS = 200
KINDS = ("app_service", "cache", "model_server", "feature_store", "note")


@pytest.fixture(autouse=True)
def fast_clients(monkeypatch):
    # Fuzz clients send far faster than people; the flood limit has its own test.
    monkeypatch.setattr(protocol, "RATE_PER_SECOND", 100_000.0)
    monkeypatch.setattr(protocol, "RATE_BURST", 100_000)


def random_ops(rng: random.Random, doc: dict, name: str, counter: list[int]) -> list[dict]:
    nodes = [n["id"] for n in doc["nodes"] if n["kind"] != "group"]
    edges = [e["id"] for e in doc["edges"]]
    ops = []
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        counter[0] += 1
        uid = f"{name}-{counter[0]}"
        roll = rng.random()
        if roll < 0.25 or not nodes:
            ops.append(
                {
                    "op": "node.add",
                    "node": {
                        "id": uid,
                        "kind": rng.choice(KINDS),
                        "label": uid,
                        "x": rng.randint(0, 2000),
                        "y": rng.randint(0, 2000),
                    },
                }
            )
            nodes.append(uid)
        elif roll < 0.5:
            field = rng.choice(("x", "y", "label"))
            value = rng.randint(0, 2000) if field != "label" else f"{name} {counter[0]}"
            ops.append({"op": "node.update", "id": rng.choice(nodes), "set": {field: value}})
        elif roll < 0.6:
            gone = rng.choice(nodes)
            ops.append({"op": "node.remove", "id": gone})
            nodes.remove(gone)
        elif roll < 0.75 and len(nodes) >= 2:
            source, target = rng.sample(nodes, 2)
            ops.append({"op": "edge.add", "edge": {"id": uid, "source": source, "target": target, "kind": "request"}})
        elif roll < 0.85 and edges:
            ops.append({"op": "edge.update", "id": rng.choice(edges), "set": {"label": f"{name} {counter[0]}"}})
        elif roll < 0.9 and edges:
            ops.append({"op": "edge.remove", "id": rng.choice(edges)})
        elif roll < 0.95:
            ops.append({"op": "problem.update", "set": {"statement": f"{name} says {counter[0]}"}})
        else:
            ops.append({"op": "title.set", "title": f"{name}'s title {counter[0]}"})
    return ops


class Peer:
    """A model client and, while connected, its socket to the real consumer."""

    def __init__(self, name: str, path: str, headers: list):
        self.model = ModelClient(name)
        self.path, self.headers = path, headers
        self.comm: WebsocketCommunicator | None = None

    async def connect(self):
        self.comm = WebsocketCommunicator(application, self.path, headers=self.headers)
        connected, _ = await self.comm.connect(timeout=5)
        assert connected
        welcome = json.loads((await self.comm.receive_output(5))["text"])
        assert welcome["type"] == "session.welcome", welcome
        for message in self.model.on_connected(welcome):
            await self.send(message)

    async def disconnect(self):
        await self.comm.disconnect()
        self.comm = None

    async def send(self, message: dict):
        await self.comm.send_to(text_data=json.dumps(message))

    async def pump(self, rng: random.Random, loss: float):
        while self.comm is not None and not self.comm.output_queue.empty():
            out = await self.comm.receive_output()
            assert out["type"] == "websocket.send", out
            message = json.loads(out["text"])
            if message["type"] == "op.applied" and rng.random() < loss:
                continue  # the channel layer is at-most-once: a broadcast may never arrive
            for reply in self.model.on_message(message):
                await self.send(reply)


@database_sync_to_async
def server_state(design_id: int):
    design = Design.objects.get(pk=design_id)
    log = list(
        Operation.objects.filter(design_id=design_id).order_by("version").values_list("version", "ops", "client_op_id")
    )
    return design.version, design.document, log


async def run_seed(seed: int, design_id: int, owner_headers: list, edit_token: str):
    rng = random.Random(seed)
    peers = []
    for i in range(rng.randint(2, 4)):
        if i % 2 == 0:
            peers.append(Peer(f"o{i}", f"/ws/designs/{design_id}/", owner_headers))
        else:
            peers.append(Peer(f"g{i}", f"/ws/s/{edit_token}/", await guest_headers(f"guest {i}")))
    counters = {p.model.name: [0] for p in peers}
    sent: set[str] = set()
    for peer in peers:
        await peer.connect()
    for _ in range(STEPS):
        connected = [p for p in peers if p.comm is not None]
        roll = rng.random()
        if roll < 0.55 and connected:
            peer = rng.choice(connected)
            ops = random_ops(rng, peer.model.local(), peer.model.name, counters[peer.model.name])
            counters[peer.model.name][0] += 1
            cid = f"{peer.model.name}-s{seed}-{counters[peer.model.name][0]}"
            message = peer.model.submit(cid, ops)
            sent.add(cid)
            if rng.random() < 0.05:
                await peer.disconnect()  # the connection died before the frame left; the reconnect resends it
            else:
                await peer.send(message)
        elif roll < 0.62 and connected:
            await rng.choice(connected).disconnect()
        elif roll < 0.8 and len(connected) < len(peers):
            await rng.choice([p for p in peers if p.comm is None]).connect()
        elif connected:
            await rng.choice(connected).send({"type": "session.ping"})
        if rng.random() < 0.3:
            await asyncio.sleep(rng.choice((0, 0.001, 0.005)))
        for peer in connected:
            await peer.pump(rng, loss=0.1)

    # Heal: everyone reconnects; pings reveal trailing gaps; run until every peer has settled.
    for peer in peers:
        if peer.comm is None:
            await peer.connect()
    for round_ in range(2000):
        await asyncio.sleep(0.005)
        for peer in peers:
            await peer.pump(rng, loss=0.0)
        version, _, _ = await server_state(design_id)
        if all(p.model.settled and p.model.version == version for p in peers):
            break
        if round_ % 10 == 9:
            for peer in peers:
                await peer.send({"type": "session.ping"})
    else:
        pytest.fail(
            f"seed {seed}: peers did not settle: {[(p.model.name, p.model.version, len(p.model.pending)) for p in peers]}"
        )

    version, document, log = await server_state(design_id)
    for peer in peers:
        assert (peer.model.version, peer.model.confirmed) == (version, document), (
            f"seed {seed}: {peer.model.name} diverged"
        )
        await peer.disconnect()
    logged = Counter(cid for _, _, cid in log if cid)
    committed = set().union(*(p.model.committed for p in peers))
    assert all(count == 1 for count in logged.values()), f"seed {seed}: an op was applied twice"
    assert committed <= set(logged), f"seed {seed}: acknowledged ops are missing: {committed - set(logged)}"
    assert set(logged) <= sent, f"seed {seed}: the log holds ops nobody sent"
    assert [v for v, _, _ in log] == list(range(1, version + 1))
    replayed = {}
    for _, ops, _ in log:
        replayed, _ = apply_ops(replayed, ops)
    assert replayed == document, f"seed {seed}: replaying the log does not give the stored document"
    return version


@pytest.mark.parametrize("seed", SEEDS)
async def test_clients_server_and_database_converge(seed, design, owner_headers, make_link):
    _, token = await make_link("edit")
    version = await run_seed(seed, design.pk, owner_headers, token)
    assert version > 20  # the run really edited the design
