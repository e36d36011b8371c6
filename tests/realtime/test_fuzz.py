"""Convergence fuzz of the shipped TypeScript sync client: designer/frontend/fuzz/convergence.ts runs the editor's
store and websocket transport under Node against this live server, with seeded random edits by 2–4 clients,
disconnects, frames that never leave and lost broadcasts; every client, the server and the log must agree, and
nothing a user did may be lost: every batch sent is in the log, changed nothing, or was refused because another
client's edit made it invalid.

No check depends on how fast the machine is. The users' schedule is seeded apart from the network's events, so a
seed makes (nearly) the same edits however loaded the server is; how many of them conflict with others' and are
refused does depend on timing, so the log's size is not checked, only that each refusal was a real conflict. The
clients' heal waits for as long as they make progress (fuzz/convergence.ts), not for a fixed time."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from django.contrib.sessions.backends.db import SessionStore

from designer.models import Design, Operation
from designer.ops import OpError, apply_ops
from designer.realtime import protocol
from designer.services import design_create
from designer.sharing.services import share_link_create

FRONTEND = Path(__file__).resolve().parents[2] / "designer" / "frontend"
SEEDS = range(100)
STEPS = 200
CONCURRENCY = 8  # rooms fuzzed at once: the server's single worker is the bottleneck, not the clients
# Ops each seed's users make: 140-211 for seeds 0-99, the same ±6 in every run (a frame lost on its way takes its
# client offline when the store sends it, which shifts the schedule's later choice of who is connected a little).
MIN_OPS = 100
LOSS = 0.1  # the share of op.applied broadcasts a client never gets (the channel layer is at-most-once)


@pytest.fixture(autouse=True)
def fast_clients(monkeypatch):
    # Fuzz clients send far faster than people; the flood limit has its own test.
    monkeypatch.setattr(protocol, "RATE_PER_SECOND", 100_000.0)
    monkeypatch.setattr(protocol, "RATE_BURST", 100_000)


def guest_cookie(name: str) -> str:
    """A guest browser's cookie; its session holds the display name the share page asked for."""
    session = SessionStore()
    session["share_name"] = name
    session.save()
    return f"sessionid={session.session_key}"


def problems_in(result: dict) -> list[str]:
    """What is wrong with one seed's run, checked against the database."""
    seed = result["seed"]
    if result.get("error"):
        return [f"seed {seed}: {result['error']}"]
    design = Design.objects.get(pk=result["designId"])
    log = list(
        Operation.objects.filter(design=design).order_by("version").values_list("version", "ops", "client_op_id")
    )
    problems = []
    for client in result["clients"]:
        if (client["version"], client["confirmed"]) != (design.version, design.document):
            problems.append(f"seed {seed}: {client['name']} diverged (version {client['version']} of {design.version})")
        if client["doc"] != client["confirmed"] or client["pending"] or client["inflight"]:
            problems.append(f"seed {seed}: {client['name']} still has unsaved edits")
    logged = Counter(cid for _, _, cid in log if cid)
    if any(count > 1 for count in logged.values()):
        problems.append(f"seed {seed}: an op was applied twice")
    if not set(result["committed"]) <= set(logged):
        problems.append(f"seed {seed}: acknowledged ops are missing: {set(result['committed']) - set(logged)}")
    if not set(logged) <= set(result["sent"]):
        problems.append(f"seed {seed}: the log holds ops nobody sent")
    unanswered = set(result["sent"]) - set(logged) - set(result["unchanged"]) - set(result["refused"])
    if unanswered:
        problems.append(f"seed {seed}: batches sent and never saved, refused or answered: {sorted(unanswered)}")
    given_up = [notice for notice in result["notices"] if "tried" in notice or "too big" in notice]
    if given_up:
        problems.append(f"seed {seed}: a client gave an edit up: {given_up[0]}")
    if [v for v, _, _ in log] != list(range(1, design.version + 1)):
        problems.append(f"seed {seed}: the log's versions have gaps")
    replayed: dict = {}
    documents = []  # the document at each version, from version 1
    for _, ops, _ in log:
        replayed, _ = apply_ops(replayed, ops)
        documents.append(replayed)
    if replayed != design.document:
        problems.append(f"seed {seed}: replaying the log does not give the stored document")
    for refusal in result["refusals"]:
        if refusal["code"] != protocol.E_INVALID_OPS:
            problems.append(
                f"seed {seed}: batch {refusal['id']} was refused with {refusal['code']}: {refusal['problems']}"
            )
        elif not conflicted(refusal, documents):
            problems.append(f"seed {seed}: batch {refusal['id']} was refused though it applies at every version since")
    if result["dispatched"] < MIN_OPS:
        problems.append(
            f"seed {seed}: the users made only {result['dispatched']} ops: the run hardly edited the design"
        )
    return problems


def conflicted(refusal: dict, documents: list[dict]) -> bool:
    """Whether a refused batch fails on the design at some version from the one its client had on: the server
    refused it because of an edit that client had not seen yet, not for nothing."""
    for document in documents[max(refusal["base"], 1) - 1 :]:
        try:
            apply_ops(document, refusal["ops"])
        except OpError:
            return True
    return False


def test_the_shipped_client_converges_with_the_server(live_asgi, client, user, video_recs, tmp_path):
    node = shutil.which("node")
    assert node, "Node is required to run the editor's sync client"
    client.force_login(user)
    owner_cookie = f"sessionid={client.cookies['sessionid'].value}"
    rooms = []
    for seed in SEEDS:
        design = design_create(owner=user, document=video_recs)
        _, token = share_link_create(design=design, role="edit", label="fuzz")
        rooms.append(
            {
                "seed": seed,
                "designId": design.pk,
                "ownerCookie": owner_cookie,
                "editToken": token,
                "guestCookies": [guest_cookie("guest 1"), guest_cookie("guest 3")],
            }
        )
    spec = tmp_path / "spec.json"
    results = tmp_path / "results.json"
    spec.write_text(
        json.dumps(
            {
                "server": live_asgi.ws_url,
                "origin": live_asgi.url,
                "steps": STEPS,
                "concurrency": CONCURRENCY,
                "loss": LOSS,
                "rooms": rooms,
            }
        )
    )
    run = subprocess.run(
        [node, "fuzz/run.mjs", "convergence", str(spec), str(results)],
        cwd=FRONTEND,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    outcome = json.loads(results.read_text())
    assert [r["seed"] for r in outcome] == list(SEEDS)
    problems = [problem for result in outcome for problem in problems_in(result)]
    assert not problems, "\n".join(problems[:20])
