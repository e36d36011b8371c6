"""The editor's own sync client (TypeScript, under Node) against a live server: a change the server cannot take."""

from __future__ import annotations

import asyncio
import time

import pytest
from channels.db import database_sync_to_async
from django.test import Client as DjangoClient

from designer.models import Design
from designer.services import design_create

from .tsclient import TsClients

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]


async def test_a_change_the_server_refuses_is_undone_and_later_edits_still_save(live_asgi, user, video_recs):
    # Issue 14.2: a NUL in a label made PostgreSQL refuse the write, the batch never settled and every later
    # edit in the tab stayed "Saving…", even after reconnecting.
    design = await database_sync_to_async(design_create)(owner=user, document=video_recs)
    browser = DjangoClient()
    await database_sync_to_async(browser.force_login)(user)
    clients = await TsClients.start()
    await clients.open(
        "ada",
        f"{live_asgi.ws_url}/ws/designs/{design.pk}/",
        live_asgi.url,
        f"sessionid={browser.cookies['sessionid'].value}",
    )
    deadline = time.monotonic() + 20
    while (await clients.state("ada"))["connection"] != "live":
        assert time.monotonic() < deadline, "the client did not connect"
        await asyncio.sleep(0.05)
    assert await clients.edit("ada", [{"op": "node.update", "id": "ranker", "set": {"label": "Ranker\u0000"}}])
    await asyncio.sleep(0.1)  # its own batch: the next edit is made while the server decides on this one
    assert await clients.edit("ada", [{"op": "node.update", "id": "app", "set": {"label": "Edge app"}}])
    while not (state := await clients.state("ada"))["idle"]:
        assert time.monotonic() < deadline, f"the edits never settled: {state}"
        await asyncio.sleep(0.05)
    design = await database_sync_to_async(Design.objects.get)(pk=design.pk)
    labels = {n["id"]: n["label"] for n in design.document["nodes"]}
    assert (labels["ranker"], labels["app"]) == ("Ranker", "Edge app")
    assert state["confirmed"] == state["doc"] == design.document
    assert state["notice"].startswith("Not saved: the server refused editing “Ranker” (")
    assert state["notice"].endswith("). It was undone; your other edits are kept.")
    await clients.close()
