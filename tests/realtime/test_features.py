"""Feature and signal edits made in the editor's own sync client (TypeScript, under Node) reach the server and
a second editor live, exactly."""

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

STORE = {"id": "store", "kind": "online_feature_store", "label": "Online store", "x": 700, "y": 80}
HOUR = {"id": "f-hour", "name": "hour of day", "category": "context", "type": "categorical", "freshness": "real-time"}
EMB = {"id": "f-emb", "name": "user embedding", "category": "user", "type": "embedding", "freshness": "daily"}
CLICK = {"id": "s-click", "name": "click", "kind": "implicit", "is_label": True}


async def until(condition, what: str, timeout: float = 20):
    deadline = time.monotonic() + timeout
    while not (result := await condition()):
        assert time.monotonic() < deadline, what
        await asyncio.sleep(0.05)
    return result


async def test_feature_edits_are_saved_and_shared_live(live_asgi, user, video_recs):
    video_recs["nodes"].append(STORE)
    design = await database_sync_to_async(design_create)(owner=user, document=video_recs)
    browser = DjangoClient()
    await database_sync_to_async(browser.force_login)(user)
    cookie = f"sessionid={browser.cookies['sessionid'].value}"
    url = f"{live_asgi.ws_url}/ws/designs/{design.pk}/"
    clients = await TsClients.start()
    for name in ("ada", "tab2"):
        await clients.open(name, url, live_asgi.url, cookie)

    async def live(name):
        return (await clients.state(name))["connection"] == "live"

    await until(lambda: live("ada"), "ada did not connect")
    await until(lambda: live("tab2"), "the second tab did not connect")
    assert await clients.edit("ada", [{"op": "feature.add", "feature": HOUR}, {"op": "signal.add", "signal": CLICK}])
    assert await clients.edit("ada", [{"op": "feature.add", "index": 0, "feature": EMB}])
    assert await clients.edit("ada", [{"op": "feature.update", "id": "f-hour", "set": {"served_by": "store"}}])
    assert await clients.edit("ada", [{"op": "feature.move", "id": "f-emb", "index": 1}])

    async def settled_everywhere():
        ada, tab2 = await clients.state("ada"), await clients.state("tab2")
        return ada["idle"] and tab2["version"] == ada["version"] and (ada, tab2)

    ada, tab2 = await until(settled_everywhere, "the edits never reached the second tab")
    stored = await database_sync_to_async(Design.objects.get)(pk=design.pk)
    assert stored.document["features"] == [{**HOUR, "served_by": "store"}, EMB]
    assert stored.document["signals"] == [CLICK]
    assert ada["confirmed"] == tab2["doc"] == stored.document
    await clients.close()
