"""Identity on the socket: logout and password changes close an owner's sockets, guest links expire on
the (injected) clock, and client_op_id de-duplication is per author."""

from __future__ import annotations

import datetime as dt

import pytest
from channels.db import database_sync_to_async
from django.contrib.auth import update_session_auth_hash
from django.test import Client as DjangoClient
from django.test import RequestFactory
from django.utils import timezone

from designer.models import Design
from designer.realtime import watch

from .conftest import ORIGIN, Client, guest_headers

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]

LOGIN_CHANGED = {"type": "websocket.close", "code": 4440, "reason": "Your login changed: reconnect to check it"}
LOG_IN = {"type": "websocket.close", "code": 4401, "reason": "Log in to open this design"}


@pytest.fixture
def laptop(user) -> DjangoClient:
    browser = DjangoClient()
    browser.force_login(user)
    return browser


@pytest.fixture
def phone(user) -> DjangoClient:
    browser = DjangoClient()
    browser.force_login(user)
    return browser


def cookie_headers(browser: DjangoClient) -> list:
    return [ORIGIN, (b"cookie", f"sessionid={browser.cookies['sessionid'].value}".encode())]


async def test_logout_closes_that_sessions_sockets_and_keeps_the_accounts_other_sessions(design, laptop, phone):
    on_laptop = Client(f"/ws/designs/{design.pk}/", cookie_headers(laptop))
    on_phone = Client(f"/ws/designs/{design.pk}/", cookie_headers(phone))
    await on_laptop.open()
    await on_phone.open()
    laptop_cookie = cookie_headers(laptop)
    response = await database_sync_to_async(laptop.post)("/logout/")
    assert response.status_code == 302
    assert await on_laptop.recv_type("websocket.close") == LOGIN_CHANGED
    again = Client(f"/ws/designs/{design.pk}/", laptop_cookie)  # the client reconnects: refused
    assert await again.open() == LOG_IN
    await on_phone.send({"type": "session.ping"})
    assert await on_phone.recv_type("session.pong") == {"type": "session.pong", "version": 1}
    await on_phone.close()


async def test_a_logged_out_socket_accepts_no_more_ops(design, laptop):
    owner = Client(f"/ws/designs/{design.pk}/", cookie_headers(laptop))
    await owner.open()
    await database_sync_to_async(laptop.post)("/logout/")
    assert await owner.recv_type("websocket.close") == LOGIN_CHANGED
    ops = [{"op": "node.update", "id": "ranker", "set": {"x": 1}}]
    await owner.send({"type": "op.submit", "client_op_id": "late-1", "base_version": 1, "ops": ops})
    assert await owner.nothing()
    assert await database_sync_to_async(lambda: Design.objects.get(pk=design.pk).version)() == 1


async def test_a_password_change_keeps_the_changing_tab_and_closes_the_others(design, user, laptop, phone):
    on_laptop = Client(f"/ws/designs/{design.pk}/", cookie_headers(laptop))
    on_phone = Client(f"/ws/designs/{design.pk}/", cookie_headers(phone))
    await on_laptop.open()
    await on_phone.open()
    old_laptop, old_phone = cookie_headers(laptop), cookie_headers(phone)

    @database_sync_to_async
    def change_password_on_the_phone() -> list:
        # What Django's PasswordChangeView does: save the new password, then rotate the session of
        # the request that changed it, so that tab stays logged in.
        request = RequestFactory().post("/password/")
        request.session = phone.session
        request.user = user
        user.set_password("another-Long-pass-5678")
        user.save()
        update_session_auth_hash(request, user)
        request.session.save()
        return [ORIGIN, (b"cookie", f"sessionid={request.session.session_key}".encode())]

    new_phone = await change_password_on_the_phone()
    assert await on_laptop.recv_type("websocket.close") == LOGIN_CHANGED
    assert await on_phone.recv_type("websocket.close") == LOGIN_CHANGED
    assert await Client(f"/ws/designs/{design.pk}/", old_laptop).open() == LOG_IN
    assert await Client(f"/ws/designs/{design.pk}/", old_phone).open() == LOG_IN
    back = Client(f"/ws/designs/{design.pk}/", new_phone)
    assert (await back.open())["type"] == "session.welcome"
    await back.close()


async def test_a_deactivated_account_loses_its_sockets(design, user, owner_headers):
    owner = Client(f"/ws/designs/{design.pk}/", owner_headers)
    await owner.open()
    await database_sync_to_async(type(user).objects.filter(pk=user.pk).update)(is_active=False)
    assert await owner.recv_type("websocket.close") == LOGIN_CHANGED
    assert await Client(f"/ws/designs/{design.pk}/", owner_headers).open() == LOG_IN


async def test_a_link_expires_on_the_clock_and_closes_its_socket_with_4410(design, make_link, monkeypatch):
    expires = timezone.now() + dt.timedelta(hours=1)
    _, token = await make_link("comment", expires_at=expires)
    guest = Client(f"/ws/s/{token}/", await guest_headers())
    assert (await guest.open())["type"] == "session.welcome"
    await guest.send({"type": "session.ping"})
    assert (await guest.recv_type("session.pong"))["version"] == 1  # still live an hour early
    monkeypatch.setattr(watch, "now", lambda: expires + dt.timedelta(seconds=1))
    assert await guest.recv_type("websocket.close") == {
        "type": "websocket.close",
        "code": 4410,
        "reason": "This share link has expired",
    }
