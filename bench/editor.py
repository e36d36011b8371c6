"""Editor benchmark: the editor against a bare React Flow page (and Excalidraw 0.18) drawing the same graph.

For each size (components; twice as many connections) it opens the editor on a generated design, a bare React Flow
page with default nodes (bench/web/src/flow.jsx: same graph, same canvas box, same first viewport, same zoom range)
and, when built, Excalidraw 0.18 (one rectangle with bound text per component, one bound arrow per connection). Runs
are interleaved (run 1 of every size and page, then run 2, with the page order rotated) and the tables print medians
and the editor / React Flow ratio side by side.

Every time is taken inside the page by bench/hook.js (installed with add_init_script before the page's own scripts,
no change to the editor): a MutationObserver sees the first shown node and the time is read right after that frame
is rendered (requestAnimationFrame, then a posted message), on the page's clock (0 = navigation start).

What it prints, per size and page (medians):
- first painted frame: navigation start to the end of the first frame that shows nodes and edges;
- JS heap after GC: CDP HeapProfiler.collectGarbage, then Runtime.getHeapUsage;
- select a component: from the click (pointerdown) on a component to the end of the frame that shows it selected
  (for the editor: selected and its label in the Inspector); and the longest frame in the second after the click;
- drag of one node (60 moves, cut at 3 s on slow pages): frame intervals from just before the press to the
  release, p50 / p95 / max, so the drag start (selection, Inspector) is included; for the editor the saves sent;
- pan: a 2 s middle-button drag of the canvas: frames painted and the p95 frame interval;
- fit view: the F key (Shift+1 on Excalidraw) to the end of the last frame that moved the viewport;
- load diagnosis: DOM elements per node and per edge, layout objects and DOM nodes after the first frame, and the
  renderer's script / style / layout time to the first frame (CDP Performance.getMetrics).

Starts its own uvicorn (port 8108 unless --port) with a temporary migrated SQLite database, and a static server
for the reference pages (port 8118 unless --static-port). Builds bench/web/ (npm ci + vite build) when its
build is missing or older than its sources. Run: .venv/bin/python bench/editor.py [--sizes 200,1000,5000]
[--runs 5] [--pages editor,flow,excalidraw] [--editor-build NAME=DIR]. Every wait is bounded (drags at 3 s, waits
for a page at 120 s); the full run's length grows with the machine's load (the script prints it): `--sizes 1000
--runs 1` is a quick check. How it measures, and where the editor's time goes: bench/README.md.
"""

from __future__ import annotations

import argparse
import http.server
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WEB = ROOT / "bench" / "web"
DIST = WEB / "dist"
HOOK = (ROOT / "bench" / "hook.js").read_text(encoding="utf-8")
sys.path.insert(0, str(ROOT))
from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

PASSWORD = "bench-Long-pass-1234"
CARD = (180, 64)  # the editor's default card size (DEFAULT_NODE_WIDTH/HEIGHT); Excalidraw's rectangles use it too
VIEWPORT = {"width": 1440, "height": 900}
PAGES = ("editor", "flow", "excalidraw", "flow-visible")
DEFAULT_PAGES = "editor,flow,excalidraw"
TITLES = {"editor": "editor", "flow": "React Flow", "excalidraw": "Excalidraw", "flow-visible": "RF visible"}


# ---------------------------------------------------------------------------------------------------- the graph
def columns(size: int) -> int:
    """A grid about as tall as it is wide (cards 240 x 140 px apart), so fit view shows all of it."""
    return max(4, round(math.sqrt(size * 140 / 240)))


def generated_document(size: int) -> dict:
    """A square grid of real catalog kinds, each wired to its right, lower and lower-right neighbours until there
    are twice as many connections as components."""
    from component_catalog.catalog import get_catalog

    catalog = get_catalog()
    kinds = [k.id for k in catalog.kinds.values() if not k.is_annotation]
    edge_kinds = catalog.edge_kind_ids
    cols = columns(size)
    nodes = [
        {
            "id": f"n{i}",
            "kind": kinds[i % len(kinds)],
            "label": f"Component {i}",
            "x": (i % cols) * 240,
            "y": (i // cols) * 140,
        }
        for i in range(size)
    ]
    edges = []
    for i in range(size):
        for j in (i + 1, i + cols, i + cols + 1):
            if j < size and len(edges) < 2 * size and not (j % cols == 0 and j != i + cols):
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
        "title": f"Bench: {size:,} components",
        "problem": {},
        "nodes": nodes,
        "edges": edges,
        "settings": {"disabled_rules": [], "severity": {}},
    }


def page_graph(document: dict) -> bytes:
    """The same graph for the reference pages: positions, the card size and labels; connections without kinds."""
    width, height = CARD
    nodes = [
        {"id": n["id"], "x": n["x"], "y": n["y"], "width": width, "height": height, "label": n["label"]}
        for n in document["nodes"]
    ]
    edges = [{"id": e["id"], "source": e["source"], "target": e["target"]} for e in document["edges"]]
    return json.dumps({"nodes": nodes, "edges": edges}).encode()


# -------------------------------------------------------------------------------------------- building and serving
def newer_than(target: Path, sources: list[Path]) -> bool:
    if not target.exists():
        return True
    built = target.stat().st_mtime
    for source in sources:
        files = source.rglob("*") if source.is_dir() else [source]
        if any(f.is_file() and f.stat().st_mtime > built for f in files):
            return True
    return False


def build_pages() -> None:
    """npm ci and vite build for bench/web/ when needed (the same pinned React Flow, React and Vite as the editor)."""
    npm = shutil.which("npm") or str(ROOT / ".venv" / "bin" / "npm")
    if newer_than(WEB / "node_modules" / ".package-lock.json", [WEB / "package-lock.json", WEB / "package.json"]):
        subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=WEB, check=True)
    sources = [
        WEB / "src",
        WEB / "flow.html",
        WEB / "excalidraw.html",
        WEB / "vite.config.js",
        WEB / "package-lock.json",
    ]
    if newer_than(DIST / "flow.html", sources):
        subprocess.run([npm, "run", "--silent", "build"], cwd=WEB, check=True, stdout=subprocess.DEVNULL)


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    """bench/web/dist plus /graph/<n>.json (the bench graph) and /scene/<n>.json (the Excalidraw scene the page
    converted once and posted back)."""

    graphs: dict[str, bytes] = {}
    scenes: dict[str, bytes] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=str(DIST), **kwargs)

    def log_message(self, *args):  # quiet
        pass

    def _json(self, body: bytes | None) -> None:
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        match = re.fullmatch(r"/(graph|scene)/(\d+)\.json", self.path)
        if match:
            self._json((self.graphs if match[1] == "graph" else self.scenes).get(match[2]))
        else:
            super().do_GET()

    def do_POST(self):
        match = re.fullmatch(r"/scene/(\d+)\.json", self.path)
        if not match:
            self.send_error(404)
            return
        self.scenes[match[1]] = self.rfile.read(int(self.headers["Content-Length"]))
        self._json(b"{}")


def wait_for_http(url: str) -> None:
    for _ in range(200):
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            time.sleep(0.1)
    sys.exit(f"{url} did not answer")


# ---------------------------------------------------------------------------------------------------- measuring
def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")


def parse_viewport(transform: str) -> dict:
    """React Flow's 'translate(Xpx, Ypx) scale(Z)'."""
    x, y, zoom = (float(v) for v in re.findall(r"-?[\d.]+(?:e-?\d+)?", transform)[:3])
    return {"x": x, "y": y, "zoom": zoom}


def metrics(cdp) -> dict:
    return {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}


class Builds:
    """Other builds of the editor measured beside the current one (static/designer/). Vite names assets by their
    content, so every build's assets can sit in static/designer/assets/ together; switching builds is writing that
    build's manifest.json, which the page's vite_entry tag re-reads when its mtime changes. The current manifest
    is put back at the end (the copied assets stay: build output, never committed)."""

    def __init__(self):
        self.static = ROOT / "static" / "designer"
        self.manifests: dict[str, bytes] = {}
        self.current = "editor"
        self.built = 0

    def add(self, name: str, directory: Path) -> None:
        if not self.manifests:
            self.manifests["editor"] = (self.static / "manifest.json").read_bytes()
            self.built = (self.static / "manifest.json").stat().st_mtime_ns
        self.manifests[f"editor:{name}"] = (directory / "manifest.json").read_bytes()
        shutil.copytree(directory / "assets", self.static / "assets", dirs_exist_ok=True)

    def use(self, kind: str) -> None:
        if kind.startswith("editor") and self.manifests and kind != self.current:
            (self.static / "manifest.json").write_bytes(self.manifests[kind])
            self.current = kind

    def restore(self) -> None:
        self.use("editor")
        if self.manifests:  # with its own time too: `make build` compares the sources with the manifest's mtime
            os.utime(self.static / "manifest.json", ns=(self.built, self.built))


builds = Builds()


class Target:
    """One page kind at one size: its address, how to find component n<i> on screen, how a selection shows."""

    def __init__(self, kind: str, size: int, url: str, box: dict, viewport: dict):
        self.kind, self.size, self.url, self.box, self.viewport = kind, size, url, box, viewport
        self.family = kind.split(":")[0]  # editor:<build> is the editor from another build

    def node_center(self, page, index: int) -> tuple[float, float]:
        if self.kind == "excalidraw":
            x, y = (index % columns(self.size)) * 240, (index // columns(self.size)) * 140
            zoom = self.viewport["zoom"]
            return (
                self.box["x"] + self.viewport["x"] + (x + CARD[0] / 2) * zoom,
                self.box["y"] + self.viewport["y"] + (y + CARD[1] / 2) * zoom,
            )
        box = page.locator(f'.react-flow__node[data-id="n{index}"]').bounding_box()
        return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2

    def selected_check(self, index: int) -> str:
        if self.kind == "excalidraw":
            return "window.__benchSelected === true"
        check = f"!!document.querySelector('.react-flow__node[data-id=\"n{index}\"].selected')"
        if self.family == "editor":  # the Inspector shows the component too (its label in a field)
            check += f" && [...document.querySelectorAll('input')].some((i) => i.value === 'Component {index}')"
        return check

    fit_key = property(lambda self: "Shift+Digit1" if self.kind == "excalidraw" else "f")


def measure(context, target: Target) -> dict:
    """One load of one page and every measurement on it; the page is closed afterwards."""
    page = context.new_page()
    page.set_default_timeout(120_000)
    sends: list[str] = []
    if target.family == "editor":
        builds.use(target.kind)
        # Saves go over HTTP (POST .../ops/) or the websocket (op.submit frames): count both.
        page.on("request", lambda r: sends.append(r.url) if r.method == "POST" and r.url.endswith("/ops/") else None)
        page.on(
            "websocket", lambda ws: ws.on("framesent", lambda f: sends.append(f) if '"op.submit"' in str(f) else None)
        )
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    before = metrics(cdp)
    out: dict = {}
    try:
        page.goto(target.url)
        page.wait_for_function("() => window.__bench && window.__bench.firstFrame !== null", polling=50)
        first = page.evaluate("() => ({...window.__bench})")
        after = metrics(cdp)
        out["first_frame"] = first["firstFrame"]
        out["first_frame_render"] = first["firstFrame"] - first["shownAt"]
        for name, key in (("ScriptDuration", "script"), ("RecalcStyleDuration", "style"), ("LayoutDuration", "layout")):
            out[key] = (after[name] - before[name]) * 1000
        out["layout_objects"] = after["LayoutObjects"]
        out["dom_nodes"] = after["Nodes"]
        counts = page.evaluate("() => window.__bench.domCounts()")
        out["rendered_nodes"] = counts["nodes"]["count"]
        out["per_node"] = counts["nodes"]["perItem"]
        out["per_edge"] = counts["edges"]["perItem"]
        out["elements"] = counts["elements"]
        page.wait_for_timeout(500)  # let the load's follow-up work (fit view at small sizes, validation) finish
        cdp.send("HeapProfiler.collectGarbage")
        out["heap"] = cdp.send("Runtime.getHeapUsage")["usedSize"] / 2**20

        # Select a component (n1): click to the frame that shows it selected; longest frame in the next second.
        page.evaluate("([check]) => window.__bench.armInput('pointerdown', check, 10000)", [target.selected_check(1)])
        page.mouse.click(*target.node_center(page, 1))
        page.wait_for_function(
            "() => { const r = window.__bench.input; return (r.ms !== null || r.timedOut) && r.longestFrame !== null; }",
            polling=50,
        )
        selected = page.evaluate("() => window.__bench.input")
        out["select"] = None if selected["timedOut"] else selected["ms"]
        out["select_longest_frame"] = selected["longestFrame"]
        page.keyboard.press("Escape")
        page.wait_for_timeout(300)

        # Drag component n0 by up to 240 x 120 px in 60 moves; frames from just before the press to the release.
        x, y = target.node_center(page, 0)
        page.mouse.move(x, y)
        page.evaluate("() => window.__bench.startFrames()")
        page.wait_for_timeout(50)
        sends.clear()
        page.mouse.down()
        start = time.perf_counter()
        for step in range(1, 61):  # each move waits for the page to take it: at most 3 s on very slow pages
            page.mouse.move(x + step * 4, y + step * 2)
            if time.perf_counter() - start > 3:
                break
        page.mouse.up()
        page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
        frames = page.evaluate("() => window.__bench.stopFrames()")
        out["drag_p50"], out["drag_p95"], out["drag_max"] = (
            percentile(frames, 0.5),
            percentile(frames, 0.95),
            max(frames),
        )
        if target.family == "editor":  # the first save, then a little longer for any further ones
            deadline = time.perf_counter() + 5
            while not sends and time.perf_counter() < deadline:
                page.wait_for_timeout(100)
            page.wait_for_timeout(500)
            out["saves"] = len(sends)
        page.keyboard.press("Escape")

        # Pan: middle-button drag from the canvas centre, 2 s by the wall clock, 600 x 300 px.
        cx, cy = target.box["x"] + target.box["width"] / 2, target.box["y"] + target.box["height"] / 2
        page.mouse.move(cx, cy)
        page.evaluate("() => window.__bench.startFrames()")
        page.mouse.down(button="middle")
        start = time.perf_counter()
        while (elapsed := time.perf_counter() - start) < 2.0:
            page.mouse.move(cx - 300 * elapsed, cy - 150 * elapsed)
        page.mouse.up(button="middle")
        frames = page.evaluate("() => window.__bench.stopFrames()")
        out["pan_frames"], out["pan_p95"] = len(frames), percentile(frames, 0.95)

        # Fit view: the key to the end of the last frame that moved the viewport.
        page.evaluate("() => window.__bench.armSettle()")
        page.keyboard.press(target.fit_key)
        page.wait_for_function("() => window.__bench.settle.ms !== null", polling=100)
        fit = page.evaluate("() => window.__bench.settle.ms")
        out["fit"] = None if fit < 0 else fit
    finally:
        cdp.detach()
        page.close()
    return out


def calibrate(context, url: str) -> tuple[dict, dict]:
    """Loads a page once, untimed (warms the caches as for every page); for the editor also returns its canvas box
    and its first viewport once settled (after fit view on small designs)."""
    page = context.new_page()
    page.set_default_timeout(120_000)
    page.goto(url)
    page.wait_for_function("() => window.__bench && window.__bench.firstFrame !== null", polling=100)
    page.wait_for_timeout(1000)
    box = page.evaluate(
        "() => { const r = document.querySelector('.react-flow')?.getBoundingClientRect();"
        " return r ? {x: r.x, y: r.y, width: r.width, height: r.height} : null; }"
    )
    transform = page.evaluate("() => document.querySelector('.react-flow__viewport')?.style.transform")
    page.close()
    return box, parse_viewport(transform) if transform else {}


# ---------------------------------------------------------------------------------------------------- printing
ROWS = [
    # key, label, format, ratio wanted
    ("first_frame", "first painted frame, ms", "{:,.0f}", True),
    ("heap", "JS heap after GC, MiB", "{:,.1f}", True),
    ("select", "select a component: click to painted, ms", "{:,.0f}", True),
    ("select_longest_frame", "  longest frame in the second after, ms", "{:,.0f}", True),
    ("drag_p50", "drag: frame p50, ms", "{:,.1f}", True),
    ("drag_p95", "drag: frame p95, ms", "{:,.1f}", True),
    ("drag_max", "drag: frame max (incl. start), ms", "{:,.0f}", True),
    ("saves", "  saves sent for the drag", "{:,.0f}", False),
    ("pan_frames", "pan 2 s: frames painted", "{:,.0f}", True),
    ("pan_p95", "pan 2 s: frame p95, ms", "{:,.0f}", True),
    ("fit", "fit view (animated 250 ms), ms", "{:,.0f}", True),
]
DIAGNOSIS = [
    ("rendered_nodes", "nodes in the DOM at the first frame", "{:,.0f}"),
    ("per_node", "DOM elements per node", "{:,.1f}"),
    ("per_edge", "DOM elements per edge", "{:,.1f}"),
    ("elements", "DOM elements in the page", "{:,.0f}"),
    ("dom_nodes", "DOM nodes (CDP, incl. text)", "{:,.0f}"),
    ("layout_objects", "layout objects", "{:,.0f}"),
    ("script", "script to first frame, ms", "{:,.0f}"),
    ("style", "style recalc to first frame, ms", "{:,.0f}"),
    ("layout", "layout to first frame, ms", "{:,.0f}"),
    ("first_frame_render", "first frame: shown node to frame end, ms", "{:,.0f}"),
]


def median_of(results: list[dict], key: str) -> float | None:
    values = [r[key] for r in results if r.get(key) is not None]
    return statistics.median(values) if values else None


def title(kind: str) -> str:
    return TITLES.get(kind) or f"ed {kind.split(':', 1)[1]}"[:12]


def table(heading: str, rows, pages: list[str], results: dict, ratio: bool) -> list[str]:
    """Medians per page; with ratio, each editor build's median over bare React Flow's."""
    editors = [p for p in pages if p.startswith("editor")] if ratio and "flow" in pages else []
    headers = [title(p) for p in pages] + [f"{'editor' if e == 'editor' else title(e)}/RF" for e in editors]
    lines = [heading, f"  {'':44}" + "".join(f"{h:>13}" for h in headers)]
    for key, label, fmt, *wanted in rows:
        cells = []
        values = {p: median_of(results[p], key) for p in pages}
        if all(v is None for v in values.values()):
            continue
        for p in pages:
            cells.append("—" if values[p] is None else fmt.format(values[p]))
        for e in editors:
            v, f = values.get(e), values.get("flow")
            cells.append(f"{v / f:.2f}×" if wanted and wanted[0] and v is not None and f else "")
        lines.append(f"  {label:44}" + "".join(f"{c:>13}" for c in cells))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="200,1000,5000", help="components per design, comma-separated")
    parser.add_argument("--runs", type=int, default=5, help="interleaved runs per size and page")
    parser.add_argument(
        "--pages",
        default=DEFAULT_PAGES,
        help="editor, flow (bare React Flow), excalidraw, flow-visible (bare React Flow with onlyRenderVisibleElements)",
    )
    parser.add_argument("--port", type=int, default=8108, help="the editor's server")
    parser.add_argument("--static-port", type=int, default=8118, help="the reference pages' server")
    parser.add_argument("--json", type=Path, help="also write every run's figures to this file")
    parser.add_argument(
        "--editor-build",
        action="append",
        default=[],
        metavar="NAME=DIR",
        help="also measure another build of the editor (vite build --outDir DIR), as the column editor:NAME, "
        "interleaved with the others; repeatable",
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    pages = [p for p in PAGES if p in args.pages.split(",")]
    for spec in args.editor_build:
        name, _, directory = spec.partition("=")
        builds.add(name, Path(directory))
        pages.insert(pages.index("editor") + 1 if "editor" in pages else 0, f"editor:{name}")
    began = time.perf_counter()
    load_start = os.getloadavg()

    if not (ROOT / "static" / "designer" / "manifest.json").exists():
        sys.exit("Build the editor first: make build")
    notes = []
    if set(pages) - {"editor"}:
        build_pages()
    if "excalidraw" in pages and not (DIST / "excalidraw.html").exists():
        pages.remove("excalidraw")
        notes.append("Excalidraw skipped: bench/web did not build it.")

    workdir = tempfile.mkdtemp(prefix="mlsd-bench-")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir}/bench.sqlite3",
        "DJANGO_SETTINGS_MODULE": "designer.settings",
        "DJANGO_ALLOW_ASYNC_UNSAFE": "true",
    }
    os.environ.update(env)
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
    # The throttles keep their counts in the cache, a database table without Redis.
    subprocess.run([sys.executable, "manage.py", "createcachetable"], cwd=ROOT, env=env, check=True)

    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from designer import services

    user = get_user_model().objects.create_user(username="bench", password=PASSWORD)
    designs = {}
    for size in sizes:
        document = generated_document(size)
        designs[size] = services.design_create(owner=user, document=document, title=document["title"]).pk
        PagesHandler.graphs[str(size)] = page_graph(document)

    static = http.server.ThreadingHTTPServer(("127.0.0.1", args.static_port), PagesHandler)
    threading.Thread(target=static.serve_forever, daemon=True).start()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "designer.asgi:application",
            "--host",
            "127.0.0.1",
            "--port",
            str(args.port),
            "--log-level",
            "warning",
            "--ws-max-size",
            "1048576",
        ],
        cwd=ROOT,
        env=env,
    )
    base, pages_base = f"http://127.0.0.1:{args.port}", f"http://127.0.0.1:{args.static_port}"
    results = {size: {p: [] for p in pages} for size in sizes}
    try:
        wait_for_http(f"{base}/login/")
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            login = browser.new_context(viewport=VIEWPORT)
            page = login.new_page()
            page.goto(f"{base}/login/")
            page.fill("#id_username", "bench")
            page.fill("#id_password", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url(f"{base}/designs/")
            state = login.storage_state()
            login.close()

            def context():
                ctx = browser.new_context(viewport=VIEWPORT, storage_state=state)
                ctx.add_init_script(HOOK)
                return ctx

            targets = {}
            for size in sizes:
                ctx = context()
                editor_url = f"{base}/designs/{designs[size]}/"
                builds.use("editor")
                box, viewport = calibrate(ctx, editor_url)
                query = (
                    f"n={size}&l={box['x']:.0f}&t={box['y']:.0f}&w={box['width']:.0f}&h={box['height']:.0f}"
                    f"&x={viewport['x']:.2f}&y={viewport['y']:.2f}&zoom={viewport['zoom']:.4f}"
                )
                urls = {
                    "editor": editor_url,
                    "flow": f"{pages_base}/flow.html?{query}",
                    "excalidraw": f"{pages_base}/excalidraw.html?{query}",
                    "flow-visible": f"{pages_base}/flow.html?{query}&visible",
                }
                if "excalidraw" in pages:
                    prep = ctx.new_page()
                    prep.set_default_timeout(300_000)
                    prep.goto(f"{urls['excalidraw']}&prepare=1")
                    prep.wait_for_function("() => window.__benchPrepared !== undefined", polling=200)
                    prep.close()
                for kind in pages:
                    targets[size, kind] = Target(kind, size, urls.get(kind, editor_url), box, viewport)
                    if kind != "editor":  # one untimed load each, as the editor's calibration load
                        builds.use(kind)
                        calibrate(ctx, targets[size, kind].url)
                ctx.close()

            for run in range(args.runs):
                for size in sizes:
                    order = pages[run % len(pages) :] + pages[: run % len(pages)]
                    for kind in order:
                        ctx = context()
                        try:
                            results[size][kind].append(measure(ctx, targets[size, kind]))
                        except Exception as error:  # a failed run is reported, the others still count
                            notes.append(f"{kind} at {size}, run {run + 1}: {type(error).__name__}: {error}")
                        finally:
                            ctx.close()
                print(f"  run {run + 1}/{args.runs} done ({time.perf_counter() - began:.0f} s)", file=sys.stderr)
                if args.json:  # after every run, so a run cut short keeps what it measured
                    args.json.write_text(json.dumps({str(k): v for k, v in results.items()}, indent=1), "utf-8")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
        static.shutdown()
        builds.restore()

    load_end = os.getloadavg()
    print(
        f"bench/editor.py: {args.runs} interleaved runs per size and page, medians; headless Chromium "
        f"{VIEWPORT['width']}×{VIEWPORT['height']}; {time.perf_counter() - began:.0f} s"
    )
    print(
        f"load average (1, 5, 15 min): start {', '.join(f'{v:.2f}' for v in load_start)}; "
        f"end {', '.join(f'{v:.2f}' for v in load_end)}; {os.cpu_count()} CPUs"
    )
    for size in sizes:
        box = targets[size, "editor"].box if (size, "editor") in targets else None
        vp = targets[size, pages[0]].viewport
        print()
        print(
            f"{size:,} components, {2 * size:,} connections; canvas box {box['width']:.0f}×{box['height']:.0f} px, "
            f"first viewport zoom {vp['zoom']:.2f}"
            if box
            else f"{size:,} components"
        )
        for line in table("", ROWS, pages, results[size], ratio=True)[1:]:
            print(line)
        for line in table("  where the load goes:", DIAGNOSIS, pages, results[size], ratio=False):
            print(line)
    for note in notes:
        print(f"note: {note}")


if __name__ == "__main__":
    main()
