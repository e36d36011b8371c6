"""Real `websockets` clients against a live uvicorn: relay, roles, revocation timing, frame limits, origins."""

from __future__ import annotations

import json

import pytest
from channels.db import database_sync_to_async
from django.test import Client as DjangoClient
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus

from designer.services import design_create
from designer.sharing.models import ShareLink
from designer.sharing.services import share_link_create, share_link_revoke

from .wire import recv, recv_type, send, ws_open

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def room(user, video_recs):
    """A design, its owner's session cookie, and a view and an edit link."""
    design = design_create(owner=user, document=video_recs)
    browser = DjangoClient()
    browser.force_login(user)
    view, view_token = share_link_create(design=design, role="view")
    edit, edit_token = share_link_create(design=design, role="edit")
    return {
        "design": design,
        "cookie": f"sessionid={browser.cookies['sessionid'].value}",
        "view": (view.pk, view_token),
        "edit": (edit.pk, edit_token),
    }


async def test_owner_edit_reaches_a_view_guest_who_cannot_edit(live_asgi, room):
    origin = live_asgi.url
    owner, welcome = await ws_open(f"{live_asgi.ws_url}/ws/designs/{room['design'].pk}/", origin, room["cookie"])
    guest, guest_welcome = await ws_open(f"{live_asgi.ws_url}/ws/s/{room['view'][1]}/", origin)
    assert (welcome["role"], guest_welcome["role"], guest_welcome["version"]) == ("owner", "view", 1)
    ops = [{"op": "node.add", "node": {"id": "cache", "kind": "cache", "label": "Candidate cache", "x": 500, "y": 240}}]
    await send(owner, {"type": "op.submit", "client_op_id": "o-1", "base_version": 1, "ops": ops})
    assert (await recv_type(owner, "op.ack"))["version"] == 2
    applied = await recv_type(guest, "op.applied", timeout=1)
    assert (applied["version"], applied["ops"], applied["author"]) == (2, ops, "ada")
    await send(
        guest,
        {"type": "op.submit", "client_op_id": "g-1", "base_version": 2, "ops": [{"op": "node.remove", "id": "cache"}]},
    )
    assert (await recv_type(guest, "op.reject"))["code"] == "forbidden"
    await owner.close()
    await guest.close()


async def test_revocation_closes_a_live_guest_and_its_link_is_refused_after(live_asgi, room):
    link_id, token = room["edit"]
    guest, _ = await ws_open(f"{live_asgi.ws_url}/ws/s/{token}/", live_asgi.url)
    link = await database_sync_to_async(ShareLink.objects.get)(pk=link_id)
    await database_sync_to_async(share_link_revoke)(link=link)
    # How fast is a figure of bench/realtime.py (goal ≤ 1 s), not an assertion here.
    closed = await recv_type(guest, "close")
    assert (closed["code"], closed["reason"]) == (4403, "This share link was revoked")
    _refused, first = await ws_open(f"{live_asgi.ws_url}/ws/s/{token}/", live_asgi.url)
    assert first == {"type": "close", "code": 4403, "reason": "This share link was revoked"}


async def test_uvicorn_closes_frames_over_one_mebibyte_with_1009(live_asgi, room):
    owner, _ = await ws_open(f"{live_asgi.ws_url}/ws/designs/{room['design'].pk}/", live_asgi.url, room["cookie"])
    await owner.send(json.dumps({"type": "session.ping", "pad": "x" * (1024 * 1024)}))
    assert (await recv_type(owner, "close"))["code"] == 1009
    # The room is fine for everyone else.
    again, welcome = await ws_open(f"{live_asgi.ws_url}/ws/designs/{room['design'].pk}/", live_asgi.url, room["cookie"])
    assert welcome["version"] == 1
    await again.close()


@pytest.mark.parametrize("origin", ["http://evil.example", None])
async def test_foreign_or_missing_origin_is_refused_at_the_handshake(live_asgi, room, origin):
    headers = {"Cookie": room["cookie"]}
    with pytest.raises(InvalidStatus) as refused:
        await connect(f"{live_asgi.ws_url}/ws/designs/{room['design'].pk}/", origin=origin, additional_headers=headers)
    assert refused.value.response.status_code == 403


async def test_guest_with_a_session_name_appears_under_it(live_asgi, room):
    browser = DjangoClient()
    response = await database_sync_to_async(browser.post)(f"/s/{room['edit'][1]}/", {"name": "Grace (interviewer)"})
    assert response.status_code == 302
    owner, _ = await ws_open(f"{live_asgi.ws_url}/ws/designs/{room['design'].pk}/", live_asgi.url, room["cookie"])
    guest, welcome = await ws_open(
        f"{live_asgi.ws_url}/ws/s/{room['edit'][1]}/", live_asgi.url, f"sessionid={browser.cookies['sessionid'].value}"
    )
    assert welcome["you"]["name"] == "Grace (interviewer) (guest)"
    assert (await recv_type(owner, "presence.join"))["participant"] == welcome["you"]
    await guest.close()
    assert (await recv(owner))["type"] == "presence.leave"
    await owner.close()
