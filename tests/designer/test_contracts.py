"""The contracts are defined once: generated files are fresh, and the published schema agrees with the checker."""

import json
from pathlib import Path

import jsonschema
import pytest

from designer import contracts, limits
from designer.document import check_document, json_schema
from designer.realtime import protocol

CASE_STUDIES = Path(__file__).resolve().parents[2] / "designer" / "interview" / "case_studies"


def test_generated_files_are_fresh():
    """Run `make contracts` after changing designer/format.py, designer/realtime/protocol.py or designer/limits.py."""
    assert [str(path.relative_to(contracts.ROOT)) for path in contracts.stale()] == []


def test_the_limits_table_in_the_docs_is_the_limits_module():
    text = contracts.FORMAT_DOC.read_text(encoding="utf-8")
    assert f"| nodes | {limits.NODES:,} |" in text
    assert f"| operations per batch (`POST /api/designs/{{id}}/ops/`, `op.submit`) | {limits.OPS_PER_BATCH} |" in text


def test_the_typescript_types_name_every_message_both_ways():
    generated = (contracts.FRONTEND / "protocol.ts").read_text(encoding="utf-8")
    for kind in (*protocol.SERVER_TYPES, *protocol.CLIENT_TYPES):
        assert f'type: "{kind}";' in generated, kind


def _documents():
    for path in sorted(CASE_STUDIES.glob("*.json")):
        yield path.stem, json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name, document", list(_documents()))
def test_the_published_schema_accepts_what_the_checker_accepts(name, document):
    assert check_document(document) == []
    jsonschema.validate(document, json_schema())


@pytest.mark.parametrize(
    "change",
    [
        {"titel": "x"},
        {"title": "x" * 201},
        {"nodes": [{"id": "a b", "kind": "cache", "x": 0, "y": 0}]},
        {"nodes": [{"id": "a", "kind": "kafak", "x": 0, "y": 0}]},
        {"nodes": [{"id": "a", "kind": "cache", "x": 2_000_000, "y": 0}]},
        {"nodes": [{"id": "a", "kind": "cache", "x": 0, "y": 0, "props": {"replicas": 0}}]},
        {"nodes": [{"id": "a", "kind": "cache", "x": 0, "y": 0, "props": {"Bad Name": 1}}]},
        {"nodes": [{"id": "a", "kind": "cache", "x": 0, "y": 0, "parent": ["g"]}]},
        {"problem": {"task": "rank"}},
        {"problem": {"peak_qps": -1}},
        {"settings": {"severity": {"x": "fatal"}}},
    ],
)
def test_the_published_schema_refuses_what_the_checker_refuses(change):
    document = {"format": "mlsd-design/1", **change}
    assert check_document(document) != []
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, json_schema())
