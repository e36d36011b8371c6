"""Live-collaboration timings: A→B relay latency (ack and receipt), fan-out to 30 clients, revocation close.

Run: .venv/bin/python bench/realtime.py
  1. one uvicorn (in-memory channel layer, a temporary SQLite database it migrates);
  2. when Redis answers on REDIS_URL (default redis://127.0.0.1:6379/0) and psql can create a
     database: two uvicorn processes sharing Redis and a fresh PostgreSQL database.
Goals (issue 6): relay p50 ≤ 10 ms, p99 ≤ 40 ms, last of 30 ≤ 50 ms; revocation closes within 1 s.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RELAY_OPS = 1000
WARMUP_OPS = 50
FANOUT_CLIENTS = 30
FANOUT_ROUNDS = 100
REVOKE_ROUNDS = 10
PG = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-v", "ON_ERROR_STOP=1"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port: int, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port}")


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))] * 1000


# --- inside a scenario process (Django configured from the environment) --------------------


def setup_room():
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "designer.settings")
    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from designer.document import blank_document
    from designer.services import design_create
    from designer.sharing.services import share_link_create

    call_command("migrate", verbosity=0)
    owner = get_user_model().objects.create_user(username=f"bench{time.time_ns()}", password="x-Long-pass-1234")
    doc = blank_document("Bench")
    doc["nodes"] = [{"id": "n1", "kind": "app_service", "label": "App", "x": 0, "y": 0}]
    design = design_create(owner=owner, document=doc)

    async def make_link(role: str = "edit"):
        return await asyncio.to_thread(share_link_create, design=design, role=role)

    return design, make_link


async def open_ws(url: str):
    from websockets.asyncio.client import connect

    origin = url.replace("ws://", "http://").split("/ws/")[0]
    ws = await connect(url, origin=origin, max_size=None)
    welcome = json.loads(await ws.recv())
    assert welcome["type"] == "session.welcome", welcome
    return ws


async def wait_type(ws, kind: str) -> float:
    while True:
        message = json.loads(await asyncio.wait_for(ws.recv(), 10))
        if message["type"] == kind:
            return time.perf_counter()


async def relay(a, b, n: int, tag: str) -> list[float]:
    """Client A submits; the latency is until A has its ack AND B has the op."""
    latencies = []
    for i in range(n):
        start = time.perf_counter()
        await a.send(
            json.dumps(
                {
                    "type": "op.submit",
                    "client_op_id": f"{tag}-{i}",
                    "base_version": 0,
                    "ops": [{"op": "node.update", "id": "n1", "set": {"x": i}}],
                }
            )
        )
        acked, seen = await asyncio.gather(wait_type(a, "op.ack"), wait_type(b, "op.applied"))
        latencies.append(max(acked, seen) - start)
    return latencies


async def fanout(a, others, rounds: int, tag: str) -> list[float]:
    """Time until the last of `others` sees A's op."""
    lasts = []
    for i in range(rounds):
        start = time.perf_counter()
        await a.send(
            json.dumps(
                {
                    "type": "op.submit",
                    "client_op_id": f"{tag}-{i}",
                    "base_version": 0,
                    "ops": [{"op": "node.update", "id": "n1", "set": {"y": i}}],
                }
            )
        )
        seen = await asyncio.gather(*(wait_type(ws, "op.applied") for ws in others), wait_type(a, "op.ack"))
        lasts.append(max(seen[:-1]) - start)
    return lasts


async def revoke_times(base_url: str, make_link, broadcast: bool) -> list[float]:
    """Revoke and time the guest's close; without the broadcast only the per-connection check can close it."""
    from django.utils import timezone

    from designer.sharing.models import ShareLink
    from designer.sharing.services import share_link_revoke

    def revoke_silently(link):
        ShareLink.objects.filter(pk=link.pk).update(revoked_at=timezone.now())

    times = []
    for _ in range(REVOKE_ROUNDS):
        link, token = await make_link()
        ws = await open_ws(f"{base_url}/ws/s/{token}/")
        start = time.perf_counter()
        if broadcast:
            await asyncio.to_thread(share_link_revoke, link=link)
        else:
            await asyncio.to_thread(revoke_silently, link)
        try:
            while True:
                await asyncio.wait_for(ws.recv(), 5)
        except Exception:
            pass
        assert ws.close_code == 4403, ws.close_code
        times.append(time.perf_counter() - start)
    return times


def report(label: str, latencies: list[float], goal_p50: float, goal_p99: float) -> None:
    p50, p99 = pct(latencies, 50), pct(latencies, 99)
    print(
        f"{label}: n={len(latencies)} p50 {p50:.2f} ms, p99 {p99:.2f} ms, max {max(latencies) * 1000:.2f} ms "
        f"(goals p50 ≤ {goal_p50:g}, p99 ≤ {goal_p99:g}: {'met' if p50 <= goal_p50 and p99 <= goal_p99 else 'MISSED'})"
    )


def report_fanout(label: str, lasts: list[float]) -> None:
    p50 = pct(lasts, 50)
    print(
        f"{label}: last of {FANOUT_CLIENTS} sees the op: p50 {p50:.2f} ms, p99 {pct(lasts, 99):.2f} ms, "
        f"max {max(lasts) * 1000:.2f} ms over {len(lasts)} ops (goal ≤ 50 ms: {'met' if p50 <= 50 else 'MISSED'})"
    )


async def measure(urls: list[str], make_link, label: str, revoke: bool) -> None:
    _, token_a = await make_link()
    _, token_b = await make_link()
    a = await open_ws(f"{urls[0]}/ws/s/{token_a}/")
    b = await open_ws(f"{urls[-1]}/ws/s/{token_b}/")
    await relay(a, b, WARMUP_OPS, "warm")
    report(f"{label} relay A→B", await relay(a, b, RELAY_OPS, "relay"), 10, 40)
    await b.close()
    others = []
    for i in range(FANOUT_CLIENTS):
        _, token = await make_link("view")
        others.append(await open_ws(f"{urls[i % len(urls)]}/ws/s/{token}/"))
    await asyncio.sleep(0.5)  # let presence chatter settle
    for ws in [a, *others]:
        while True:
            try:
                await asyncio.wait_for(ws.recv(), 0.01)
            except TimeoutError:
                break
    report_fanout(f"{label} fan-out", await fanout(a, others, FANOUT_ROUNDS, "fan"))
    for ws in [a, *others]:
        await ws.close()
    if revoke:
        for broadcast, how in ((True, "revocation"), (False, "revocation with the broadcast lost")):
            times = await revoke_times(urls[0], make_link, broadcast)
            print(
                f"{label} {how} → guest socket closed (4403): median {statistics.median(times) * 1000:.1f} ms, "
                f"max {max(times) * 1000:.1f} ms over {len(times)} links (goal ≤ 1 s)"
            )


def scenario_local() -> None:
    import uvicorn

    _design, make_link = setup_room()
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            "designer.asgi:application",
            host="127.0.0.1",
            port=port,
            log_level="warning",
            lifespan="off",
            ws_max_size=1024 * 1024,
        )
    )
    threading.Thread(target=server.run, daemon=True).start()
    wait_port(port)
    asyncio.run(measure([f"ws://127.0.0.1:{port}"], make_link, "one process (in-memory layer, SQLite)", revoke=True))
    server.should_exit = True


def scenario_redis() -> None:
    _design, make_link = setup_room()
    ports = [free_port(), free_port()]
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "designer.asgi:application",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--ws-max-size",
                "1048576",
                "--log-level",
                "warning",
                "--lifespan",
                "off",
            ],
            cwd=ROOT,
            env=os.environ.copy(),
        )
        for port in ports
    ]
    try:
        for port in ports:
            wait_port(port)
        asyncio.run(
            measure(
                [f"ws://127.0.0.1:{port}" for port in ports],
                make_link,
                "two processes (Redis layer, PostgreSQL)",
                revoke=True,
            )
        )
    finally:
        for worker in workers:
            worker.terminate()
            worker.wait(10)


# --- the orchestrator ------------------------------------------------------------------------


def run_scenario(name: str, env: dict) -> None:
    subprocess.run([sys.executable, __file__, name], cwd=ROOT, env=env, check=True)


def redis_url() -> str | None:
    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    try:
        import redis

        redis.Redis.from_url(url, socket_timeout=1).ping()
        return url
    except Exception:
        return None


def main() -> None:
    base = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    base.update(
        {
            "REALTIME_RATE_PER_SECOND": "100000",
            "REALTIME_RATE_BURST": "100000",
            "DJANGO_DEBUG": "1",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        }
    )
    print(f"bench/realtime.py: {RELAY_OPS} relayed ops, {FANOUT_CLIENTS} clients × {FANOUT_ROUNDS} fan-out ops")
    with tempfile.TemporaryDirectory() as tmp:
        run_scenario("local", {**base, "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3"})
    url = redis_url()
    if url is None:
        print("two processes via Redis: skipped (Redis does not answer on REDIS_URL)")
        return
    db = f"mlsd_bench_{os.getpid()}"
    try:
        subprocess.run([*PG, "-c", f"create database {db}"], check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        print(f"two processes via Redis: skipped (cannot create a PostgreSQL database: {exc})")
        return
    try:
        run_scenario("redis", {**base, "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{db}", "REDIS_URL": url})
    finally:
        subprocess.run([*PG, "-c", f"drop database if exists {db}"], check=False, capture_output=True)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    if len(sys.argv) > 1:
        {"local": scenario_local, "redis": scenario_redis}[sys.argv[1]]()
    else:
        main()
