"""Designs from foreign text: the JSON document, an SVG we exported (its <metadata>), or Mermaid."""

from __future__ import annotations

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

from designer.document import LIMITS, InvalidDocument, Problem, loads, validate_document

from .mermaid import import_mermaid
from .svg import DOC_NS, SVG_NS

IMPORT_FORMATS = ("json", "svg", "mermaid")
#: An exported SVG holds the document (≤ 5 MiB) plus the drawing.
IMPORT_LIMIT_BYTES = 2 * LIMITS["document_bytes"]


#: Files people drop by mistake, by their first bytes: named in the refusal instead of read as Mermaid.
_NOT_DESIGNS = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
)


def _not_a_design(raw: bytes) -> str | None:
    return next((what for magic, what in _NOT_DESIGNS if raw.startswith(magic)), None)


def detect_format(raw: bytes) -> str:
    """json for '{', svg for '<', else mermaid (after a byte-order mark and whitespace)."""
    head = raw.lstrip(b"\xef\xbb\xbf").lstrip()[:1]
    return {b"{": "json", b"<": "svg"}.get(head, "mermaid")


def _text(raw: bytes, what: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidDocument([Problem("$", f"{what} is not UTF-8 text (byte {exc.start})")]) from None


def import_svg(raw: bytes) -> dict:
    """The document embedded by our SVG export; DTDs, entities and external references are refused."""
    try:
        root = fromstring(raw, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise InvalidDocument([Problem("$", "the SVG declares a DTD or entities, which are not accepted")]) from None
    except ParseError as exc:
        line, column = exc.position
        raise InvalidDocument([Problem(f"line {line}", f"not well-formed XML (column {column + 1})")]) from None
    if root.tag != f"{{{SVG_NS}}}svg":
        raise InvalidDocument([Problem("$", "not an SVG file (the root element is not <svg>)")])
    embedded = root.find(f"{{{SVG_NS}}}metadata/{{{DOC_NS}}}document")
    if embedded is None or not (embedded.text or "").strip():
        raise InvalidDocument(
            [
                Problem(
                    "$",
                    "this SVG has no embedded MLSD Designer document; only SVGs exported by "
                    "MLSD Designer can be imported (re-export it, or import its JSON or Mermaid)",
                )
            ]
        )
    return validate_document(loads(embedded.text or ""))


def import_document(raw: bytes, fmt: str | None = None) -> tuple[str, dict]:
    """(format, valid document) from raw bytes; the format is detected unless given."""
    if len(raw) > IMPORT_LIMIT_BYTES:
        raise InvalidDocument(
            [Problem("$", f"the file is {len(raw)} bytes; import reads at most {IMPORT_LIMIT_BYTES} bytes")]
        )
    what = _not_a_design(raw)
    if what is not None:
        raise InvalidDocument(
            [
                Problem(
                    "$",
                    f"this is {what}, not a design: import reads a JSON document, an SVG exported by MLSD Designer or Mermaid text",
                )
            ]
        )
    fmt = fmt or detect_format(raw)
    if fmt == "json":
        return fmt, validate_document(loads(raw))
    if fmt == "svg":
        return fmt, import_svg(raw)
    return fmt, import_mermaid(_text(raw, "the Mermaid text"))
