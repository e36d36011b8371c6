"""Limits where attackers push: body size before reading, chunked bodies, throttles, sign-in lockout,
and heavy work bounded per requester (issue 14.6)."""

from __future__ import annotations

import json
import socket
import threading

import pytest

from designer.api.heavy import gate
from designer.models import Design
from designer.services import design_create
from tests.browser import BrowserClient as Client

pytestmark = pytest.mark.django_db

SMALL = {
    "format": "mlsd-design/1",
    "title": "Chunked",
    "nodes": [{"id": "app", "kind": "app_service", "x": 0, "y": 0}],
}


def raw_http(port: int, head: str, body_chunks: list[bytes] = (), *, timeout: float = 20) -> tuple[int, bytes]:
    """Send a request over a plain socket (urllib cannot send chunked bodies or lie about lengths)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(head.encode())
        for chunk in body_chunks:
            sock.sendall(chunk)
        data = b""
        while b"\r\n\r\n" not in data:
            part = sock.recv(65536)
            if not part:
                break
            data += part
        header, _, rest = data.partition(b"\r\n\r\n")
        status = int(header.split()[1])
        length = next(
            (int(line.split(b":")[1]) for line in header.split(b"\r\n") if line.lower().startswith(b"content-length")),
            None,
        )
        while length is not None and len(rest) < length:
            part = sock.recv(65536)
            if not part:
                break
            rest += part
        return status, rest


def chunked(body: bytes, size: int = 1000) -> list[bytes]:
    parts = [body[i : i + size] for i in range(0, len(body), size)]
    return [b"%x\r\n%s\r\n" % (len(p), p) for p in parts] + [b"0\r\n\r\n"]


def test_a_declared_gibibyte_is_refused_before_a_byte_of_it_is_read(live_asgi):
    """Issue 14.6: a 1 GiB anonymous body was spooled to a 996 MiB temporary file before the 400."""
    head = (
        "POST /api/validate/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {1024**3}\r\n\r\n"
    )
    status, body = raw_http(live_asgi.port, head)  # no body is sent at all: the answer cannot wait for it
    assert status == 413
    assert json.loads(body) == {
        "detail": "Request body is larger than 6291456 bytes; a design document may be at most 5 MiB."
    }


def test_a_chunked_body_is_read_whole(live_asgi, video_recs):
    """Issue 14.6: a chunked body was read as {} (so a chunked create made a blank design)."""
    head = (
        "POST /api/validate/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        "Transfer-Encoding: chunked\r\n\r\n"
    )
    status, body = raw_http(live_asgi.port, head, chunked(json.dumps(video_recs).encode(), 7))
    whole = Client().post("/api/validate/", data=json.dumps(video_recs), content_type="application/json")
    assert (status, json.loads(body)) == (200, whole.json())
    assert json.loads(body)["findings"]


def test_a_chunked_create_keeps_its_document(live_asgi, user):
    browser = Client()
    browser.force_login(user)
    cookie = f"sessionid={browser.cookies['sessionid'].value}; csrftoken={'c' * 32}"
    head = (
        f"POST /api/designs/ HTTP/1.1\r\nHost: 127.0.0.1:{live_asgi.port}\r\nContent-Type: application/json\r\n"
        f"Cookie: {cookie}\r\nX-CSRFToken: {'c' * 32}\r\nOrigin: {live_asgi.url}\r\n"
        "Transfer-Encoding: chunked\r\n\r\n"
    )
    status, body = raw_http(live_asgi.port, head, chunked(json.dumps({"document": SMALL}).encode(), 11))
    assert status == 201, body
    design = Design.objects.get(pk=json.loads(body)["id"])
    assert (design.title, design.document["nodes"]) == ("Chunked", SMALL["nodes"])


def test_a_chunked_body_over_the_limit_is_refused(live_asgi):
    head = (
        "POST /api/validate/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        "Transfer-Encoding: chunked\r\n\r\n"
    )
    status, _ = raw_http(live_asgi.port, head, chunked(b" " * (6 * 1024 * 1024 + 10), 1024 * 1024))
    assert status == 413


def login(client, username, password):
    return client.post("/login/", {"username": username, "password": password})


def test_fifty_wrong_passwords_in_fifteen_seconds_mostly_wait(client, user, password, fake_clock):
    """Issue 14.6: 50 wrong passwords in 15 s all reached the password check, with no delay."""
    statuses = []
    for _ in range(50):
        statuses.append(login(client, "ada", "wrong-guess").status_code)
        fake_clock.advance(0.3)
    # 3 free failures, then 1, 2, 4 and 8 s of delay since the last: 6 guesses reach the check.
    assert statuses.count(200) == 6 and statuses.count(429) == 44
    refused = login(client, "ada", password)
    assert refused.status_code == 429 and int(refused["Retry-After"]) >= 1
    assert "Too many attempts from here. Try again in" in refused.content.decode()
    fake_clock.advance(int(refused["Retry-After"]))
    signed_in = login(client, "ada", password)
    assert (signed_in.status_code, signed_in["Location"]) == (302, "/designs/")


def test_ten_failures_lock_the_account_out_for_the_window(client, user, password, fake_clock):
    for _ in range(10):
        assert login(client, "ada", "wrong-guess").status_code == 200
        fake_clock.advance(61)  # past each delay (at most 60 s)
    locked = login(client, "ada", password)
    assert (locked.status_code, locked["Retry-After"]) == (429, str(900 - 10 * 61))
    other = Client()  # another address is not the point: the username is locked out too
    assert login(other, "ada", password).status_code == 429
    fake_clock.advance(900 - 10 * 61)
    assert login(client, "ada", password).status_code == 302


def test_sign_up_is_throttled_per_address(client, fake_clock, settings):
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "signup": "20/hour"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    for i in range(20):
        response = client.post("/signup/", {"username": f"u{i}", "password1": "x", "password2": "y"})
        assert response.status_code == 200
    refused = client.post(
        "/signup/", {"username": "late", "password1": "a-Long-pass-1234", "password2": "a-Long-pass-1234"}
    )
    assert refused.status_code == 429 and refused["Retry-After"] == "3600"
    fake_clock.advance(3600)
    accepted = client.post(
        "/signup/", {"username": "late", "password1": "a-Long-pass-1234", "password2": "a-Long-pass-1234"}
    )
    assert accepted.status_code == 302


@pytest.fixture
def low_rates(settings):
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]}
    for scope in ("validate", "export", "layout"):
        rates[scope], rates[f"{scope}_ip"] = "3/minute", "5/minute"
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}


def heavy_request(client, scope: str, document: dict):
    url = {"validate": "/api/validate/", "export": "/api/export/?format=mermaid", "layout": "/api/layout/"}[scope]
    return client.post(url, data=json.dumps(document), content_type="application/json")


@pytest.mark.parametrize("scope", ["validate", "export", "layout"])
def test_heavy_endpoints_are_throttled_per_account_and_per_address(
    scope, low_rates, fake_clock, django_user_model, password, video_recs
):
    first, second = Client(), Client()
    first.force_login(django_user_model.objects.create_user("first", password=password))
    second.force_login(django_user_model.objects.create_user("second", password=password))
    assert [heavy_request(first, scope, video_recs).status_code for _ in range(4)] == [200, 200, 200, 429]
    # The address has 5 in all, and the refused request counted too (DRF counts a request against
    # every throttle that allowed it): the second account gets the one that is left.
    assert [heavy_request(second, scope, video_recs).status_code for _ in range(2)] == [200, 429]
    refused = heavy_request(second, scope, video_recs)
    assert refused["Retry-After"] == "60"
    assert refused.json() == {"detail": "Request was throttled. Expected available in 60 seconds."}
    fake_clock.advance(60)
    assert heavy_request(first, scope, video_recs).status_code == 200


def test_a_requester_runs_one_heavy_job_at_a_time_and_others_are_not_held_up(api, user, video_recs, settings):
    """Issue 14.6: 7 concurrent 30-second graphviz layouts from one user were all accepted."""
    settings.HEAVY_WORKERS, settings.HEAVY_PER_REQUESTER, settings.HEAVY_QUEUE_S = 2, 1, 0
    started, release = threading.Event(), threading.Event()
    running = threading.Thread(target=gate().run, args=(f"user:{user.pk}", lambda: (started.set(), release.wait(30))))
    running.start()
    try:
        assert started.wait(10)
        refused = heavy_request(api, "layout", video_recs)
        assert (refused.status_code, refused["Retry-After"]) == (429, "1")
        assert refused.json() == {
            "detail": "You already have 1 large request(s) (validation, export, layout or history) running; "
            "wait for them to finish."
        }
        assert heavy_request(Client(), "validate", video_recs).status_code == 200  # someone else's job runs
        design = design_create(owner=user, document=video_recs)
        assert api.get(f"/api/designs/{design.pk}/").status_code == 200  # light requests never wait
    finally:
        release.set()
        running.join(10)
    assert heavy_request(api, "layout", video_recs).status_code == 200


def test_heavy_work_that_cannot_start_in_time_is_refused_not_served_late(api, video_recs, settings):
    settings.HEAVY_WORKERS, settings.HEAVY_PER_REQUESTER, settings.HEAVY_QUEUE_S = 1, 1, 0
    started, release = threading.Event(), threading.Event()
    running = threading.Thread(target=gate().run, args=("someone-else", lambda: (started.set(), release.wait(30))))
    running.start()
    try:
        assert started.wait(10)
        refused = heavy_request(api, "validate", video_recs)
        assert refused.status_code == 429
        assert refused.json() == {"detail": "The server is busy with other large requests; try again in a few seconds."}
    finally:
        release.set()
        running.join(10)
