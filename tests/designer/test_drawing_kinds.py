"""What the catalog lacks, drawn anyway: free text, a frame, and a custom component that plays a catalog role."""

import json

import jsonschema
import pytest

from designer.document import check_document, json_schema, validate_document
from designer.export.formats import export
from designer.export.importers import import_document
from designer.validation.engine import validate_design
from tests.interview.helpers import post_json


def sketch() -> dict:
    """A client calling a custom "CDN" (role cache), framed, with a free text caption."""
    return {
        "format": "mlsd-design/1",
        "title": "Edge tier",
        "nodes": [
            {"id": "client", "kind": "client", "x": 0, "y": 100},
            {"id": "cdn", "kind": "custom", "label": "CDN", "role": "cache", "icon": "layers", "x": 260, "y": 100},
            {"id": "caption", "kind": "text", "text": "Served from the edge\nwithin 20 ms", "x": 260, "y": 20},
            {"id": "frame", "kind": "frame", "label": "Edge", "x": 230, "y": 0, "width": 260, "height": 200},
        ],
        "edges": [{"id": "e1", "source": "client", "target": "cdn", "kind": "request"}],
    }


def test_text_frame_and_custom_component_are_valid_and_in_the_schema():
    document = sketch()
    assert check_document(document) == []
    jsonschema.validate(document, json_schema())
    node = json_schema()["$defs"]["DesignNode"]["properties"]
    assert "cache" in node["role"]["enum"] and "group" not in node["role"]["enum"]
    assert "layers" in node["icon"]["enum"]


def test_existing_documents_stay_valid(video_recs):
    assert check_document(video_recs) == []


def test_a_role_outside_the_catalog_or_on_a_catalog_kind_is_refused_with_a_hint():
    document = sketch()
    document["nodes"][1]["role"] = "cach"
    document["nodes"][1]["icon"] = "layer"
    document["nodes"][0]["role"] = "cache"
    assert [str(p) for p in check_document(document)] == [
        'nodes[0].role: only a custom component (kind "custom") has a role of its own; other kinds play their catalog role',
        'nodes[1].role: unknown role "cach" (did you mean "cache"?)',
        'nodes[1].icon: unknown icon "layer" (did you mean "layers"?)',
    ]


@pytest.mark.django_db
def test_the_new_kinds_round_trip_through_the_api_and_every_import(api):
    created = post_json(api, "/api/designs/", {"document": sketch()}).json()
    stored = api.get(f"/api/designs/{created['id']}/").json()["document"]
    assert stored == validate_document(sketch())
    for fmt in ("json", "svg"):
        content = export(stored, fmt).content
        assert import_document(content) == (fmt, stored)
    response = api.generic("POST", "/api/import/", export(stored, "svg").content, content_type="image/svg+xml").json()
    assert response["document"] == stored


def test_exports_draw_the_text_the_frame_and_the_custom_role():
    document = sketch()
    svg = export(document, "svg").content.decode()
    assert "Served from the edge" in svg and "within 20 ms" in svg
    assert ">Edge<" in svg and ">CDN<" in svg and ">Custom: cache<" in svg
    # The legend names the custom category; annotations (text, frame) explain themselves.
    assert ">Custom<" in svg
    mermaid = export(document, "mermaid").content.decode()
    assert 'cdn["CDN"]' in mermaid
    assert 'caption["Served from the edge within 20 ms"]' in mermaid
    assert 'frame["Edge"]' in mermaid
    assert json.loads(export(document, "json").content) == document


def with_model(role_kind: dict) -> dict:
    document = sketch()
    document["nodes"].append(role_kind)
    document["edges"].append({"id": "e2", "source": "cdn", "target": role_kind["id"], "kind": "request"})
    return document


def test_the_reviewer_treats_a_custom_component_by_its_role():
    bespoke = {"id": "bespoke", "kind": "custom", "label": "Bespoke ranker", "role": "model_server", "x": 520, "y": 100}
    findings = validate_design(with_model(bespoke))
    assert [f.nodes for f in findings if f.rule == "model-without-training"] == [["bespoke"]]
    message = next(f.message for f in findings if f.rule == "model-without-training")
    assert message == "Bespoke ranker serves a model, but no deploy path brings it one from a training pipeline"
    # The same custom component as something the rule does not ask about: no finding from it.
    bespoke["role"] = "app_service"
    assert [f for f in validate_design(with_model(bespoke)) if f.rule == "model-without-training"] == []


def test_the_reviewer_ignores_text_and_frames():
    findings = validate_design(sketch())
    assert not any({"caption", "frame"} & set(f.nodes) for f in findings)
