"""Real `websockets` clients against a live uvicorn: relay, roles, revocation timing, frame limits, origins,
client_op_ids per author."""

from __future__ import annotations

import json

import pytest
from channels.db import database_sync_to_async
from django.test import Client as DjangoClient
from websockets.asyncio.client import connect

from designer.models import Operation
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


ORIGIN_REFUSED = {
    "type": "close",
    "code": 4003,
    "reason": "Refused: this page's origin (scheme, host and port) is not this site's",
}


@pytest.mark.parametrize(
    "origin",
    [
        "http://127.0.0.1:{other_port}",  # another app on the same host
        "https://127.0.0.1:{port}",  # the same host and port, but not the scheme this site was reached by
        "http://127.0.0.1",  # the default port is not this one
        "http://evil.example",
        None,
    ],
)
async def test_a_page_from_another_origin_is_refused_with_a_close_code(live_asgi, room, origin):
    # Issue 14.5: the check compared host names only. The page learns why (a refused handshake would
    # reach it as 1006), and the editor does not retry: 4003 is final.
    if origin is not None:
        origin = origin.format(port=live_asgi.port, other_port=live_asgi.port + 1)
    url = f"{live_asgi.ws_url}/ws/designs/{room['design'].pk}/"
    ws = await connect(url, origin=origin, additional_headers={"Cookie": room["cookie"]}, open_timeout=5)
    assert await recv(ws) == ORIGIN_REFUSED


async def test_trusted_origins_and_the_scheme_a_tls_proxy_reports_are_let_in(live_asgi, room, settings):
    url = f"{live_asgi.ws_url}/ws/designs/{room['design'].pk}/"
    settings.CSRF_TRUSTED_ORIGINS = ["https://editor.example", "https://*.mlsd.example"]
    for trusted in ("https://editor.example", "https://eu.mlsd.example"):
        ws, welcome = await ws_open(url, trusted, room["cookie"])
        assert welcome["type"] == "session.welcome", trusted
        await ws.close()
    ws, refused = await ws_open(url, "http://eu.mlsd.example", room["cookie"])  # trusted over https only
    assert refused == ORIGIN_REFUSED
    # Behind a proxy that ends TLS the socket arrives as ws://; the proxy's header says the page was https.
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    proxied = {"Cookie": room["cookie"], "X-Forwarded-Proto": "https"}
    ws = await connect(url, origin=f"https://127.0.0.1:{live_asgi.port}", additional_headers=proxied, open_timeout=5)
    assert (await recv(ws))["type"] == "session.welcome"
    await ws.close()
    ws = await connect(url, origin=live_asgi.url, additional_headers=proxied, open_timeout=5)
    assert await recv(ws) == ORIGIN_REFUSED


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


async def named_guest(token: str, name: str) -> str:
    """A guest browser that chose `name` on the share page: its session cookie."""
    browser = DjangoClient()
    response = await database_sync_to_async(browser.post)(f"/s/{token}/", {"name": name})
    assert response.status_code == 302
    return f"sessionid={browser.cookies['sessionid'].value}"


def submit(client_op_id: str, ops: list, base: int = 1) -> dict:
    return {"type": "op.submit", "client_op_id": client_op_id, "base_version": base, "ops": ops}


async def test_a_collaborator_sending_anothers_next_client_op_id_does_not_take_its_batch(live_asgi, room):
    # Issue 14.5: ids were de-duplicated per design, so the owner's batch with that id was acked as a
    # duplicate and never applied. Each author (an account, or one guest browser) has its own ids.
    token = room["edit"][1]
    owner, _ = await ws_open(f"{live_asgi.ws_url}/ws/designs/{room['design'].pk}/", live_asgi.url, room["cookie"])
    mallory, _ = await ws_open(f"{live_asgi.ws_url}/ws/s/{token}/", live_asgi.url, await named_guest(token, "Mallory"))
    grace, _ = await ws_open(f"{live_asgi.ws_url}/ws/s/{token}/", live_asgi.url, await named_guest(token, "Grace"))

    await send(mallory, submit("o-2", [{"op": "title.set", "title": "Mallory's"}]))
    assert await recv_type(mallory, "op.ack") == {
        "type": "op.ack",
        "client_op_id": "o-2",
        "version": 2,
        "duplicate": False,
        "changed": True,
    }
    # Nobody else is told the id: it could equal one of theirs and settle their batch in the editor.
    assert [((await recv_type(ws, "op.applied"))["client_op_id"]) for ws in (owner, grace)] == ["", ""]

    mine = [{"op": "node.update", "id": "ranker", "set": {"x": 700}}]
    await send(owner, submit("o-2", mine))
    assert await recv_type(owner, "op.ack") == {
        "type": "op.ack",
        "client_op_id": "o-2",
        "version": 3,
        "duplicate": False,
        "changed": True,
    }
    applied = await recv_type(grace, "op.applied")
    assert (applied["version"], applied["client_op_id"]) == (3, "")
    await send(grace, submit("o-2", [{"op": "node.update", "id": "ranker", "set": {"label": "Grace's ranker"}}], 3))
    assert (await recv_type(grace, "op.ack"))["version"] == 4
    assert (await recv_type(owner, "op.applied"))["version"] == 4
    # The owner's retry of its own batch (a lost ack) still applies once.
    await send(owner, submit("o-2", mine))
    assert await recv_type(owner, "op.ack") == {
        "type": "op.ack",
        "client_op_id": "o-2",
        "version": 3,
        "duplicate": True,
        "changed": False,
    }
    log = await database_sync_to_async(
        lambda: list(Operation.objects.filter(design=room["design"]).values_list("version", "author", "client_op_id"))
    )()
    assert log == [(1, "ada", ""), (2, "Mallory (guest)", "o-2"), (3, "ada", "o-2"), (4, "Grace (guest)", "o-2")]
    for ws in (owner, mallory, grace):
        await ws.close()
