"""Text reports as PDF: blocks (headings, paragraphs, list items, tables) set on A4 SVG pages, then
rendered by librsvg (render.run_rsvg_pdf), the same renderer as the PNG export. No fonts are
embedded by us: librsvg uses the system's sans-serif."""

from __future__ import annotations

import textwrap
from xml.sax.saxutils import escape

from .render import EXPORT_LIMITS, run_rsvg_pdf

#: A4 in points, with 40 pt margins.
PAGE_W, PAGE_H, MARGIN = 595, 842, 40
#: Font size and line height (pt) of each block kind.
STYLES = {"h1": (18, 26), "h2": (13, 22), "h3": (11, 18), "p": (9.5, 13), "li": (9.5, 13), "table": (9, 13)}
#: Average glyph width of the sans-serif at 1 pt (a safe over-estimate, so lines never overflow).
GLYPH_EM = 0.55
MAX_PAGES = 60


def _wrap(text: str, size: float, width: float) -> list[str]:
    return textwrap.wrap(text, max(10, int(width / (size * GLYPH_EM)))) or [""]


class _Pages:
    def __init__(self):
        self.pages: list[list[str]] = [[]]
        self.y: float = MARGIN

    def need(self, height: float) -> None:
        if self.y + height > PAGE_H - MARGIN:
            self.pages.append([])
            self.y = MARGIN

    def text(self, x: float, line: str, size: float, *, bold: bool = False, colour: str = "#1d2433") -> None:
        weight = ' font-weight="bold"' if bold else ""
        self.pages[-1].append(
            f'<text x="{x:g}" y="{self.y:g}" font-size="{size:g}"{weight} fill="{colour}">{escape(line)}</text>'
        )

    def svg(self) -> list[bytes]:
        out = []
        for n, body in enumerate(self.pages, 1):
            footer = f'<text x="{PAGE_W - MARGIN}" y="{PAGE_H - 20}" font-size="8" text-anchor="end" fill="#667">{n} / {len(self.pages)}</text>'
            out.append(
                (
                    f'<svg xmlns="http://www.w3.org/2000/svg" width="{PAGE_W}pt" height="{PAGE_H}pt" '
                    f'viewBox="0 0 {PAGE_W} {PAGE_H}" font-family="DejaVu Sans, sans-serif">'
                    f'<rect width="100%" height="100%" fill="#fff"/>{"".join(body)}{footer}</svg>'
                ).encode()
            )
        return out


def _table(pages: _Pages, header, rows, size: float, lead: float) -> None:
    width = PAGE_W - 2 * MARGIN
    # The first column takes what the others leave (they hold short figures).
    rest = [max(len(str(h)), *(len(str(r[i])) for r in rows)) for i, h in enumerate(header)][1:]
    rest_w = [min(90, (n + 3) * size * GLYPH_EM) for n in rest]
    widths = [width - sum(rest_w), *rest_w]
    for i, row in enumerate([header, *rows]):
        cells = [_wrap(str(c), size, w - 6) for c, w in zip(row, widths)]
        height = lead * max(len(c) for c in cells)
        pages.need(height)
        x: float = MARGIN
        top = pages.y
        for lines, w in zip(cells, widths):
            pages.y = top + lead - 3
            for line in lines:
                pages.text(x, line, size, bold=i == 0)
                pages.y += lead
            x += w
        pages.y = top + height
        pages.pages[-1].append(
            f'<line x1="{MARGIN}" x2="{PAGE_W - MARGIN}" y1="{pages.y + 0.5:g}" y2="{pages.y + 0.5:g}" '
            'stroke="#ccd" stroke-width="0.5"/>'
        )


def blocks_pdf(blocks: list[tuple]) -> bytes:
    """The blocks of a report (see interview.report.practice_blocks) as a PDF document."""
    pages = _Pages()
    width = PAGE_W - 2 * MARGIN
    for block in blocks:
        kind = block[0]
        size, lead = STYLES[kind]
        if kind == "table":
            pages.y += 4
            _table(pages, block[1], block[2], size, lead)
            pages.y += 8
            continue
        indent = 12 if kind == "li" else 0
        lines = _wrap(block[1], size, width - indent)
        if kind.startswith("h"):
            pages.y += lead * 0.4
            # A heading never ends a page: keep it with two lines of what follows.
            pages.need(lead + 2 * STYLES["p"][1])
        for i, line in enumerate(lines):
            pages.need(lead)
            pages.y += lead
            if kind == "li" and i == 0:
                pages.text(MARGIN + 2, "•", size)
            pages.text(MARGIN + indent, line, size, bold=kind.startswith("h"))
        pages.y += 4 if kind in ("p", "h1") else 1
        if len(pages.pages) > MAX_PAGES:
            break
    return run_rsvg_pdf(pages.svg()[:MAX_PAGES], EXPORT_LIMITS["timeout_s"]["pdf"])
