"""Shared fixtures: accounts, a live ASGI server (HTTP + websockets) and Debian's Chromium."""

from __future__ import annotations

import json
import os
import socket
import tempfile
import threading
import time
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def load_fixture(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def pytest_collection_modifyitems(config, items):
    """Browser tests run last: Playwright keeps an event loop in the main thread that would
    break the async (websocket) tests that follow it."""
    items.sort(key=lambda item: "/e2e/" in str(item.fspath).replace(os.sep, "/"))


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """Server threads close their connections after each request, as with CONN_MAX_AGE=0: with
    persistent connections the live server's threads kept PostgreSQL sessions open past the
    session, and the test database could not be dropped."""
    from django.db import connections

    connections.settings["default"]["CONN_MAX_AGE"] = 0
    if connections.settings["default"]["ENGINE"] == "django.db.backends.sqlite3":
        # A file, as in production: SQLite's in-memory test database shares one cache between
        # threads with table locks that fail at once ("database table is locked") instead of
        # waiting, and the websocket consumers work on several threads.
        connections.settings["default"].setdefault("TEST", {})["NAME"] = str(
            Path("/dev/shm" if os.path.isdir("/dev/shm") else tempfile.gettempdir())
            / f"mlsd_test_{os.getpid()}.sqlite3"
        )


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """PBKDF2's deliberate slowness would dominate every test that creates an account."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def own_cache(settings):
    """Each test counts its throttles from zero: the same cache backend (the database's, or Redis
    in the CI run), under a key prefix of its own."""
    import uuid

    settings.CACHES = {"default": {**settings.CACHES["default"], "KEY_PREFIX": uuid.uuid4().hex}}


@pytest.fixture(autouse=True)
def roomy_throttles(settings):
    """Tests send many requests from one address in seconds: the API's rates are lifted, and the
    tests of the throttles set the rates they prove (tests/designer/test_limits.py)."""
    rates = dict.fromkeys(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "100000/minute")
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}


class FakeClock:
    """The server's clock (designer/clock.py: throttles, sign-in lockout, interview timer), moved on by the test."""

    def __init__(self, start: float = 1_800_000_000.0):
        self.at = start

    def time(self) -> float:
        return self.at

    def advance(self, seconds: float) -> None:
        self.at += seconds


@pytest.fixture
def fake_clock(monkeypatch) -> FakeClock:
    from designer.clock import clock

    fake = FakeClock()
    monkeypatch.setattr(clock, "time", fake.time)
    return fake


@pytest.fixture
def password() -> str:
    return "a-Long-pass-1234"


@pytest.fixture
def user(django_user_model, password):
    return django_user_model.objects.create_user(username="ada", password=password)


@pytest.fixture
def other_user(django_user_model, password):
    return django_user_model.objects.create_user(username="grace", password=password)


@pytest.fixture
def client():
    """A browser-like test client: CSRF checks enforced as a browser meets them (tests/browser.py)."""
    from .browser import BrowserClient

    return BrowserClient()


@pytest.fixture
def api(client, user):
    """A browser-like client logged in as `user` (session auth and CSRF, like the editor)."""
    client.force_login(user)
    return client


@pytest.fixture
def video_recs() -> dict:
    return load_fixture("video_recs.json")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveASGIServer:
    """uvicorn serving designer.asgi in a thread: shares the test database and channel layer."""

    def __init__(self):
        import uvicorn

        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.ws_url = f"ws://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            "designer.asgi:application",
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            lifespan="off",
            ws_max_size=1024 * 1024,
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self):
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the live ASGI server did not start")
            time.sleep(0.02)

    def stop(self):
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def live_asgi(transactional_db, settings):
    """A live ASGI server (HTTP and websockets) for browser and websocket-client tests."""
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
    server = LiveASGIServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium by path (playwright install cannot download here)."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def e2e_env(monkeypatch):
    """Playwright's sync API runs an event loop in this thread; Django must allow ORM calls in tests."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
