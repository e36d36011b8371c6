"""HTTP isolation benchmark: does heavy work (a 5,000-node validation) slow other users' cheap requests?

Starts its own uvicorn (as `make run` does) on a free port with a temporary, migrated SQLite database,
then measures, side by side in one run, the round trip of a cheap request (GET /api/rules/) alone
and while 1 and 4 clients keep posting a 5,000-node design to /api/validate/; it prints medians,
p90s, the ratios, and how many heavy requests were served or refused (429).
Run: .venv/bin/python bench/http_isolation.py
"""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "designer.settings")

import django  # noqa: E402

django.setup()
from validator import generate  # noqa: E402

CHEAP_SAMPLES = 60
HEAVY_NODES = 5000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(url: str, body: bytes | None = None) -> tuple[int, float]:
    start = time.perf_counter()
    req = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"} if body else {})
    try:
        with urllib.request.urlopen(req, timeout=600) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as exc:
        exc.read()
        status = exc.code
    return status, (time.perf_counter() - start) * 1000


def cheap_round_trips(base: str) -> list[float]:
    times = []
    for _ in range(CHEAP_SAMPLES):
        status, ms = request(f"{base}/api/rules/")
        assert status == 200, status
        times.append(ms)
        time.sleep(0.02)
    return times


def under_load(base: str, heavy_clients: int, body: bytes) -> tuple[list[float], dict[int, int]]:
    """Cheap round trips while `heavy_clients` threads keep posting the heavy body."""
    stop = threading.Event()
    statuses: dict[int, int] = {}
    lock = threading.Lock()

    def heavy():
        while not stop.is_set():
            status, _ = request(f"{base}/api/validate/", body)
            with lock:
                statuses[status] = statuses.get(status, 0) + 1
            if status == 429:
                time.sleep(0.2)

    threads = [threading.Thread(target=heavy, daemon=True) for _ in range(heavy_clients)]
    for t in threads:
        t.start()
    time.sleep(1.0)  # the heavy requests are under way
    times = cheap_round_trips(base)
    stop.set()
    for t in threads:
        t.join(timeout=600)
    return times, statuses


def p90(values: list[float]) -> float:
    return sorted(values)[int(len(values) * 0.9)]


def main() -> None:
    body = json.dumps(generate(HEAVY_NODES)).encode()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp}/db.sqlite3", "DJANGO_DEBUG": "1"}
        env.pop("REDIS_URL", None)
        subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
        subprocess.run([sys.executable, "manage.py", "createcachetable"], cwd=ROOT, env=env, check=True)
        port = free_port()
        server = subprocess.Popen(
            [str(Path(sys.executable).with_name("uvicorn")), "designer.asgi:application", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    request(f"{base}/api/rules/")
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
            status, heavy_ms = request(f"{base}/api/validate/", body)
            print(f"one {HEAVY_NODES}-node validation alone: {heavy_ms:.0f} ms (HTTP {status})")
            alone = cheap_round_trips(base)
            rows = [("alone", alone, {})]
            for clients in (1, 4):
                times, statuses = under_load(base, clients, body)
                rows.append((f"with {clients} heavy client(s)", times, statuses))
            base_p50 = statistics.median(alone)
            print(f"GET /api/rules/ round trip, {CHEAP_SAMPLES} samples each:")
            for label, times, statuses in rows:
                p50 = statistics.median(times)
                served = ", ".join(f"{n}× HTTP {s}" for s, n in sorted(statuses.items())) or "-"
                print(
                    f"  {label:<24} p50 {p50:7.1f} ms  p90 {p90(times):7.1f} ms  "
                    f"ratio {p50 / base_p50:5.1f}×  heavy answers: {served}"
                )
        finally:
            server.terminate()
            server.wait(timeout=20)


if __name__ == "__main__":
    main()
