"""Editor benchmark: opens a generated 1,000-node / 2,000-edge design in headless Chromium and prints load and drag timings.

Starts its own uvicorn on a free port with a temporary, migrated SQLite database. Run: .venv/bin/python bench/editor.py
"""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

NODES, EDGES, COLUMNS = 1000, 2000, 40
PASSWORD = "bench-Long-pass-1234"


def generated_document() -> dict:
    """A grid of real catalog kinds, each wired to its right and lower neighbours (2,000 edges)."""
    from component_catalog.catalog import get_catalog

    catalog = get_catalog()
    kinds = [k.id for k in catalog.kinds.values() if not k.is_annotation]
    edge_kinds = catalog.edge_kind_ids
    nodes = [
        {
            "id": f"n{i}",
            "kind": kinds[i % len(kinds)],
            "label": f"Component {i}",
            "x": (i % COLUMNS) * 240,
            "y": (i // COLUMNS) * 140,
        }
        for i in range(NODES)
    ]
    edges = []
    for i in range(NODES):
        for j in (i + 1, i + COLUMNS, i + COLUMNS + 1):
            if j < NODES and len(edges) < EDGES and not (j == i + 1 and j % COLUMNS == 0):
                edges.append(
                    {
                        "id": f"e{len(edges)}",
                        "source": f"n{i}",
                        "target": f"n{j}",
                        "kind": edge_kinds[len(edges) % len(edge_kinds)],
                    }
                )
    return {
        "format": "mlsd-design/1",
        "title": "Bench: 1,000 components",
        "problem": {},
        "nodes": nodes,
        "edges": edges,
        "settings": {"disabled_rules": [], "severity": {}},
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


RECORD_FRAMES = """() => { window.__frames = []; let last = performance.now();
  const tick = (now) => { window.__frames.push(now - last); last = now; if (window.__recording) requestAnimationFrame(tick); };
  window.__recording = true; requestAnimationFrame(tick); }"""
PAINTED = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now()))))"


def main() -> None:
    workdir = tempfile.mkdtemp(prefix="mlsd-bench-")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir}/bench.sqlite3",
        "DJANGO_SETTINGS_MODULE": "designer.settings",
        "DJANGO_ALLOW_ASYNC_UNSAFE": "true",
    }
    os.environ.update(env)
    if not (ROOT / "static" / "designer" / "manifest.json").exists():
        sys.exit("Build the editor first: make build")
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)

    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from designer import services

    user = get_user_model().objects.create_user(username="bench", password=PASSWORD)
    document = generated_document()
    design = services.design_create(owner=user, document=document, title=document["title"])

    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "designer.asgi:application",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/login/", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            page.goto(f"{base}/login/")
            page.fill("#id_username", "bench")
            page.fill("#id_password", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url(f"{base}/designs/")
            # Saves go over HTTP (POST .../ops/) or the websocket (op.submit frames): count both.
            sends = []
            page.on(
                "request", lambda r: sends.append(r.url) if r.method == "POST" and r.url.endswith("/ops/") else None
            )
            page.on(
                "websocket",
                lambda ws: ws.on("framesent", lambda f: sends.append(f) if '"op.submit"' in str(f) else None),
            )

            loads = []
            for _ in range(5):
                page.goto(f"{base}/designs/{design.pk}/")
                page.wait_for_selector(".react-flow__node", state="visible")
                loads.append(page.evaluate(PAINTED))
            rendered = page.locator(".react-flow__node").count()

            target = page.locator(".react-flow__node").first
            box = target.bounding_box()
            x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
            sends.clear()
            page.evaluate(RECORD_FRAMES)
            page.mouse.move(x, y)
            page.mouse.down()
            for step in range(1, 121):
                page.mouse.move(x + step * 3, y + step * 1.5)
            page.mouse.up()
            moved = target.bounding_box()
            page.evaluate("() => { window.__recording = false; }")
            frames = page.evaluate("window.__frames")[1:]
            page.wait_for_function("() => document.querySelector('.save-state')?.textContent === 'Saved'")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)

    print(
        f"load average (1, 5, 15 min) at the end: {', '.join(f'{v:.2f}' for v in os.getloadavg())} on {os.cpu_count()} CPUs"
    )
    print(
        f"design: {len(document['nodes'])} nodes, {len(document['edges'])} edges ({len(json.dumps(document)) // 1024} KiB)"
    )
    print(
        f"time to interactive (navigation start -> first painted frame with nodes), 5 loads: "
        f"median {statistics.median(loads):.0f} ms (runs: {', '.join(f'{v:.0f}' for v in loads)})"
    )
    print(f"nodes in the DOM after load: {rendered} (visible-only rendering)")
    print(
        f"drag of one node, {len(frames)} frames: median {statistics.median(frames):.1f} ms, p95 {percentile(frames, 0.95):.1f} ms, "
        f"max {max(frames):.1f} ms"
    )
    print(
        f"saves sent for the drag: {len(sends)} (node moved from {box['x']:.0f},{box['y']:.0f} to {moved['x']:.0f},{moved['y']:.0f})"
    )


if __name__ == "__main__":
    main()
