"""Large websocket frames (a 700-node document.replace) are read and checked in a worker process
(designer/offload.py) and the server only moves their text: the answers, the relay and what is stored are
exactly those of a frame read in place."""

from __future__ import annotations

import json

import pytest
from channels.db import database_sync_to_async

from designer.models import Design, Operation
from tests.documents import chain_document

from .conftest import Client

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]

NODES = 700  # ≈ 90 kB of JSON: over the default HEAVY_OFFLOAD_BYTES
MESSAGE = 'no node "nowhere"'


def big_document(nodes: int = NODES) -> dict:
    return chain_document(nodes, "Big room")


@pytest.fixture(params=["in a worker", "in place"])
def where(request, settings):
    """Every test runs with large frames read in a worker (the default) and, for comparison, in place."""
    if request.param == "in place":
        settings.HEAVY_OFFLOAD_BYTES = settings.HEAVY_OFFLOAD_ITEMS = 10**9
    return request.param


@database_sync_to_async
def stored(design_id: int) -> tuple[int, str, dict, list]:
    design = Design.objects.get(pk=design_id)
    return (
        design.version,
        design.title,
        design.document,
        list(Operation.objects.filter(design=design).values_list("version", "ops")),
    )


async def test_a_large_replace_is_applied_relayed_and_stored(where, design, owner_headers, video_recs):
    author = Client(f"/ws/designs/{design.pk}/", owner_headers)
    peer = Client(f"/ws/designs/{design.pk}/", owner_headers)
    await author.open()
    await peer.open()
    ops = [{"op": "document.replace", "document": big_document()}]
    await author.send({"type": "op.submit", "client_op_id": "big-1", "base_version": 1, "ops": ops})
    assert await author.recv_type("op.ack", timeout=30) == {
        "type": "op.ack",
        "client_op_id": "big-1",
        "version": 2,
        "duplicate": False,
        "changed": True,
    }
    # Another socket of the same author: it is told the batch's id too.
    assert await peer.recv_type("op.applied", timeout=30) == {
        "type": "op.applied",
        "version": 2,
        "ops": ops,
        "author": "ada",
        "client_op_id": "big-1",
    }
    version, title, document, logged = await stored(design.pk)
    assert (version, title, document["title"], len(document["nodes"]), len(document["edges"])) == (
        2,
        "Big room",
        "Big room",
        NODES,
        NODES - 1,
    )
    assert document["nodes"][123] == {"id": "n123", "kind": "app_service", "label": "App 123", "x": 123, "y": 0}
    assert logged == [(1, [{"op": "document.replace", "document": video_recs}]), (2, ops)]
    # A small edit on the now large design goes through the same way.
    await author.send(
        {
            "type": "op.submit",
            "client_op_id": "big-2",
            "base_version": 2,
            "ops": [{"op": "title.set", "title": "Renamed"}],
        }
    )
    assert (await author.recv_type("op.ack", timeout=30))["version"] == 3
    assert (await stored(design.pk))[:2] == (3, "Renamed")
    await author.close()
    await peer.close()


async def test_a_bad_large_document_is_rejected_with_its_path_and_nothing_is_stored(
    where, design, owner_headers, video_recs
):
    owner = Client(f"/ws/designs/{design.pk}/", owner_headers)
    await owner.open()
    document = big_document()
    document["edges"][500]["target"] = "nowhere"
    await owner.send(
        {
            "type": "op.submit",
            "client_op_id": "bad-1",
            "base_version": 1,
            "ops": [{"op": "document.replace", "document": document}],
        }
    )
    reject = await owner.recv_type("op.reject", timeout=30)
    assert (reject["client_op_id"], reject["code"], reject["problems"][0]["path"]) == (
        "bad-1",
        "invalid_ops",
        "ops[0].document.edges[500].target",
    )
    assert reject["problems"][0]["message"] == MESSAGE
    assert (await stored(design.pk))[:3] == (1, video_recs["title"], video_recs)
    await owner.close()


async def test_a_large_frame_of_the_wrong_shape_gets_the_same_error(where, design, owner_headers):
    owner = Client(f"/ws/designs/{design.pk}/", owner_headers)
    await owner.open()
    ops = [{"op": "document.replace", "document": big_document()}]
    await owner.send(json.dumps({"type": "op.submit", "client_op_id": "<script>", "base_version": 1, "ops": ops}))
    assert await owner.recv_type("error", timeout=30) == {
        "type": "error",
        "code": "bad_message",
        "message": "client_op_id must be 1–64 letters, digits or _.:-",
    }
    await owner.send('{"type": "session.ping", "pad": "' + "x" * 100_000 + '", "oops": }')
    assert await owner.recv_type("error", timeout=30) == {
        "type": "error",
        "code": "bad_json",
        "message": "the message is not valid JSON",
    }
    await owner.send({"type": "session.ping"})
    assert await owner.recv_type("session.pong") == {"type": "session.pong", "version": 1}
    await owner.close()
