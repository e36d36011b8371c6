"""Runs the graphviz and rsvg-convert binaries with a timeout and size caps; the only I/O of export."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path
from typing import Any

#: Documented in docs/export.md. Above these the user gets a message instead of a long wait.
EXPORT_LIMITS: dict[str, Any] = {
    "nodes": 1500,
    "edges": 6000,
    "dot_bytes": 2 * 1024 * 1024,
    "timeout_s": {"drawn": 10, "auto": 30, "png": 30, "pdf": 30},
    "png_side_px": 8000,
    #: PNG scales offered (device pixels per canvas pixel), for sharp pictures on slides and retina screens.
    "png_scales": (1, 2, 3, 4),
}


class ExportError(Exception):
    """A refusal the user can act on; `status` is the HTTP status the API answers with."""

    status = 422

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


class ExportTooLarge(ExportError):
    status = 422


class ExportTimeout(ExportError):
    status = 503


class ExportFailed(ExportError):
    """The binary refused the input: reported like any unreadable input, not as a crash."""

    status = 422


def check_size(document: dict) -> None:
    """Refuse a design too large to draw before spending any time on it."""
    nodes, edges = len(document.get("nodes", [])), len(document.get("edges", []))
    if nodes > EXPORT_LIMITS["nodes"]:
        raise ExportTooLarge(f"The design has {nodes} nodes; export draws at most {EXPORT_LIMITS['nodes']}.")
    if edges > EXPORT_LIMITS["edges"]:
        raise ExportTooLarge(f"The design has {edges} connections; export draws at most {EXPORT_LIMITS['edges']}.")


def _run(command: list[str], data: bytes, timeout: float, what: str) -> bytes:
    try:
        done = subprocess.run(command, input=data, capture_output=True, timeout=timeout, check=False)  # noqa: S603 - a fixed argv (dot, rsvg-convert), no shell
    except subprocess.TimeoutExpired:
        raise ExportTimeout(
            f"{what} took longer than {timeout:g} s and was stopped; try the drawn layout or split the design."
        ) from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[:1]
        raise ExportFailed(f"{what} failed: {detail[0] if detail else 'exit status ' + str(done.returncode)}")
    return done.stdout


def run_graphviz(source: str, engine: str, fmt: str, timeout: float, pinned: bool = False) -> bytes:
    """Lay out and render DOT text; `pinned` keeps node positions as given (neato -n2)."""
    data = source.encode("utf-8")
    if len(data) > EXPORT_LIMITS["dot_bytes"]:
        raise ExportTooLarge(
            f"The drawing is {len(data)} bytes of DOT; export handles at most {EXPORT_LIMITS['dot_bytes']}."
        )
    command = [engine, *(["-n2"] if pinned else []), f"-T{fmt}"]
    return _run(command, data, timeout, "Graphviz layout")


def run_rsvg(svg: bytes, zoom: float, timeout: float) -> bytes:
    """Rasterise SVG to PNG with librsvg (the non-browser renderer the SVG is checked against)."""
    return _run(["rsvg-convert", "--format=png", f"--zoom={zoom:g}"], svg, timeout, "PNG rendering")


def run_rsvg_pdf(pages: list[bytes], timeout: float) -> bytes:
    """Render SVG pages, in order, into one PDF with librsvg (one PDF page per SVG)."""
    with tempfile.TemporaryDirectory(prefix="mlsd-pdf-") as tmp:
        names = []
        for i, page in enumerate(pages):
            name = Path(tmp) / f"page-{i:03d}.svg"
            name.write_bytes(page)
            names.append(str(name))
        return _run(["rsvg-convert", "--format=pdf", *names], b"", timeout, "PDF rendering")
