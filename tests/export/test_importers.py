"""Import: format detection, the JSON document, and SVG refused unless it carries our metadata, parsed safely."""

import json

import pytest

from designer.document import InvalidDocument
from designer.export.importers import IMPORT_LIMIT_BYTES, detect_format, import_document


def problems(raw: bytes, fmt=None) -> list[str]:
    with pytest.raises(InvalidDocument) as caught:
        import_document(raw, fmt)
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize(
    "raw, fmt", [(b'\xef\xbb\xbf {"a": 1}', "json"), (b"\n<svg/>", "svg"), (b"flowchart LR\n", "mermaid")]
)
def test_format_is_detected_from_the_first_character(raw, fmt):
    assert detect_format(raw) == fmt


def test_json_document_imports_as_is(video_recs):
    assert import_document(json.dumps(video_recs).encode()) == ("json", video_recs)


def test_invalid_json_document_lists_problems_with_paths(video_recs):
    video_recs["nodes"][1]["kind"] = "kafak"
    assert problems(json.dumps(video_recs).encode()) == ['nodes[1].kind: unknown kind "kafak" (did you mean "kafka"?)']


def test_svg_without_our_metadata_is_refused_with_a_clear_message():
    raw = b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>'
    assert problems(raw) == [
        "$: this SVG has no embedded MLSD Designer document; only SVGs exported by MLSD Designer "
        "can be imported (re-export it, or import its JSON or Mermaid)"
    ]


def test_svg_with_a_dtd_or_entities_is_refused_before_expansion():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>'
    )
    assert problems(bomb) == ["$: the SVG declares a DTD or entities, which are not accepted"]
    external = b'<!DOCTYPE svg SYSTEM "file:///etc/passwd"><svg xmlns="http://www.w3.org/2000/svg"/>'
    assert problems(external) == ["$: the SVG declares a DTD or entities, which are not accepted"]


def test_malformed_svg_names_the_line():
    assert problems(b'<svg xmlns="http://www.w3.org/2000/svg">\n<g>\n</svg>') == [
        "line 3: not well-formed XML (column 3)"
    ]


def test_xml_that_is_not_svg_is_refused():
    assert problems(b"<html><body/></html>") == ["$: not an SVG file (the root element is not <svg>)"]


def test_embedded_document_is_validated_like_any_other():
    raw = (
        b'<svg xmlns="http://www.w3.org/2000/svg"><metadata><mlsd:document xmlns:mlsd="urn:mlsd-designer:document">'
        b'{"format": "mlsd-design/2"}</mlsd:document></metadata></svg>'
    )
    assert problems(raw) == ['format: must be "mlsd-design/1", not "mlsd-design/2"']


def test_oversized_input_is_refused():
    assert problems(b" " * (IMPORT_LIMIT_BYTES + 1)) == [
        f"$: the file is {IMPORT_LIMIT_BYTES + 1} bytes; import reads at most {IMPORT_LIMIT_BYTES} bytes"
    ]


def test_given_format_overrides_detection():
    assert problems(b"{}", "mermaid")[0].startswith("line 1: expected a Mermaid header")
