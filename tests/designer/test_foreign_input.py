"""Foreign input never causes a 500: every malformed body gets a 4xx with a message, and nothing is lost."""

import json

import pytest

from designer.models import Design
from designer.services import design_create

pytestmark = pytest.mark.django_db

GARBAGE = [
    None,
    0,
    -1,
    1.5,
    True,
    "text",
    [],
    [1, 2],
    {},
    {"a": {"b": [None]}},
    {"format": "mlsd-design/1", "nodes": "x"},
    {"format": "mlsd-design/1", "nodes": [1, "a", None]},
    {"format": "mlsd-design/1", "nodes": [{"id": ["x"], "kind": {}, "x": "1", "y": None}]},
    {"format": "mlsd-design/1", "edges": [{"id": 1, "source": ["a"], "target": {}, "kind": 3}]},
    {"format": "mlsd-design/1", "settings": {"severity": {"x": "fatal"}, "disabled_rules": [1]}},
    {"format": "mlsd-design/1", "problem": {"task": ["ranking"], "offline_metrics": "ndcg", "peak_qps": "1e9"}},
    {"format": "mlsd-design/1", "nodes": [{"id": "a", "kind": "cache", "x": 1e309, "y": 0}]},
]

BAD_OPS = [
    "x",
    [1],
    [None],
    [{"op": None}],
    [{"op": "node.update", "id": ["x"]}],
    [{"op": "node.add", "node": []}],
    [{"op": "node.add", "node": {"id": {"a": 1}}}],
    [{"op": "node.update", "id": "app", "set": "label"}],
    [{"op": "node.update", "id": "app", "set": {"id": "new"}}],
    [{"op": "node.update", "id": "app", "props": []}],
    [{"op": "node.update", "id": "app", "unset": [1]}],
    [{"op": "title.set", "title": 5}],
    [{"op": "settings.update", "set": {"severity": []}}],
    [{"op": "document.replace", "document": "x"}],
    [{"op": "edge.add", "edge": {"id": "e9", "source": "app", "target": "online", "kind": "request"}}],
    [{"op": "problem.update", "set": {"task": "magic"}}],
]


@pytest.fixture
def design(user, video_recs):
    return design_create(owner=user, document=video_recs)


@pytest.mark.parametrize("body", GARBAGE)
def test_create_and_validate_refuse_garbage_with_4xx(api, body):
    for url in ("/api/designs/", "/api/validate/"):
        wrapped = {"document": body} if url == "/api/designs/" else body
        response = api.post(url, data=json.dumps(wrapped), content_type="application/json")
        assert 400 <= response.status_code < 500, (url, body, response.content)
        assert response.json()
    assert Design.objects.count() == 0


@pytest.mark.parametrize("ops", BAD_OPS)
def test_bad_ops_are_refused_and_lose_nothing(api, design, video_recs, ops):
    response = api.post(
        f"/api/designs/{design.pk}/ops/", data=json.dumps({"ops": ops}), content_type="application/json"
    )
    assert response.status_code == 400, response.content
    design.refresh_from_db()
    assert design.version == 1 and design.document == video_recs


@pytest.mark.parametrize("body", ['{"document": {}, "version": "two"}', '{"version": 1}', "[]", "null", '"x"'])
def test_put_garbage(api, design, video_recs, body):
    response = api.put(f"/api/designs/{design.pk}/", data=body, content_type="application/json")
    assert response.status_code == 400
    design.refresh_from_db()
    assert design.document == video_recs


def test_non_json_content_type_is_415(api):
    response = api.post("/api/validate/", data="<xml/>", content_type="application/xml")
    assert response.status_code == 415


def test_oversized_body_is_413(api):
    body = json.dumps({"document": {"format": "mlsd-design/1", "title": "x" * (7 * 1024 * 1024)}})
    response = api.post("/api/designs/", data=body, content_type="application/json")
    assert response.status_code == 413
    assert (
        response.json()["detail"]
        == "Request body is larger than 6291456 bytes; a design document may be at most 5 MiB."
    )


def test_ops_since_must_be_a_number(api, design):
    response = api.get(f"/api/designs/{design.pk}/ops/?since=abc")
    assert response.status_code == 400 and response.json() == {"detail": "since must be a whole number"}


def test_lone_surrogate_in_json_is_400_not_500(api):
    body = '{"document": {"format": "mlsd-design/1", "title": "\\ud800"}}'
    response = api.post("/api/designs/", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["problems"] == [
        {"path": "title", "message": "contains a lone surrogate (\\ud800–\\udfff), which is not valid Unicode text"}
    ]
    response = api.post(
        "/api/validate/", data='{"format": "mlsd-design/1", "title": "\\udfff"}', content_type="application/json"
    )
    assert response.status_code == 400


def test_what_the_api_fuzzer_found_is_answered_4xx(api):
    """Found by the schemathesis run (tests/fuzz/): each answered 500."""
    not_an_object = api.post("/api/designs/", data='{"title": "T", "document": false}', content_type="application/json")
    assert (not_an_object.status_code, not_an_object.json()["problems"]) == (
        400,
        [{"path": "$", "message": "a design document is a JSON object, not a boolean"}],
    )
    empty = api.post("/api/import/?format=json", data=b"", content_type="text/plain")
    assert empty.status_code == 400 and empty.json()["problems"][0]["path"] == "$"
    broken = api.post("/api/validate/", data=b"x", content_type="multipart/form-data")
    assert broken.status_code == 400 and broken.json()["detail"].startswith("The multipart body cannot be read")
    assert Design.objects.count() == 0
