"""Hostile documents and ops (issue 14) get a 4xx naming the path, on SQLite and PostgreSQL alike, and store nothing."""

import json

import pytest

from designer.models import Design, Operation
from designer.services import design_create

pytestmark = pytest.mark.django_db

NUL = "contains a NUL character (\\u0000), which cannot be stored"
SURROGATE = "contains a lone surrogate (\\ud800–\\udfff), which is not valid Unicode text"


def post(api, url, body, method="post"):
    text = body if isinstance(body, str) else json.dumps(body)
    return getattr(api, method)(url, data=text, content_type="application/json")


@pytest.fixture
def design(user, video_recs):
    return design_create(owner=user, document=video_recs)


def with_(doc, where, value):
    """`doc` with `value` put at a path like ("nodes", 1, "label")."""
    doc = json.loads(json.dumps(doc))
    target = doc
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = value
    return doc


BAD_TEXT = [
    (("title",), "Recs\x00", "title", NUL),
    (("nodes", 1, "label"), "App\x00", "nodes[1].label", NUL),
    (
        ("problem", "statement"),
        "a\ufffeb",
        "problem.statement",
        "contains the Unicode non-character U+FFFE, which is not text",
    ),
    (
        ("nodes", 2, "props", "note"),
        "\ufdd0",
        "nodes[2].props.note",
        "contains the Unicode non-character U+FDD0, which is not text",
    ),
    (
        ("nodes", 0, "text"),
        "x\U0010ffff",
        "nodes[0].text",
        "contains the Unicode non-character U+10FFFF, which is not text",
    ),
    (("problem", "offline_metrics"), ["ok", "n\x00"], "problem.offline_metrics[1]", NUL),
    (("settings", "severity"), {"a\x00": "error"}, "settings.severity", "has a key that " + NUL),
]


@pytest.mark.parametrize("where, value, path, message", BAD_TEXT)
def test_text_that_cannot_be_stored_is_refused_with_its_path_everywhere(
    api, design, video_recs, where, value, path, message
):
    bad = with_(video_recs, where, value)
    expected = [{"path": path, "message": message}]
    for url, body, method in (
        ("/api/validate/", bad, "post"),
        ("/api/designs/", {"document": bad}, "post"),
        (f"/api/designs/{design.pk}/", {"document": bad}, "put"),
    ):
        response = post(api, url, body, method)
        assert response.status_code == 400, (url, response.content)
        assert response.json()["problems"] == expected, url
    response = post(api, f"/api/designs/{design.pk}/ops/", {"ops": [{"op": "document.replace", "document": bad}]})
    assert response.status_code == 400
    assert response.json()["problems"] == [{"path": f"ops[0].document.{path}", "message": message}]
    assert Design.objects.count() == 1
    design.refresh_from_db()
    assert design.version == 1 and design.document == video_recs


def test_a_lone_surrogate_in_an_op_is_refused_with_its_path(api, design, video_recs):
    body = '{"ops": [{"op": "node.update", "id": "app", "set": {"label": "A\\ud800"}}]}'
    response = api.post(f"/api/designs/{design.pk}/ops/", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["problems"] == [{"path": "ops[0].set.label", "message": SURROGATE}]
    body = '{"ops": [{"op": "title.set", "title": "T\\u0000"}]}'
    response = api.post(f"/api/designs/{design.pk}/ops/", data=body, content_type="application/json")
    assert response.json()["problems"] == [{"path": "ops[0].title", "message": NUL}]
    design.refresh_from_db()
    assert design.version == 1 and design.document == video_recs


@pytest.mark.parametrize(
    "literal, message",
    [
        ("NaN", "must be a finite number, not NaN"),
        ("Infinity", "must be a finite number, not Infinity"),
        ("-Infinity", "must be a finite number, not Infinity"),
        ("1e309", "must be a finite number, not Infinity"),
        ("1" + "0" * 400, "is too large: a number must be within ±1.8e308"),
    ],
)
def test_numbers_that_are_not_finite_doubles_are_refused_with_a_path(api, design, literal, message):
    document = '{"format": "mlsd-design/1", "nodes": [{"id": "a", "kind": "cache", "x": 0, "y": 0, "props": {"latency_ms": %s}}]}'
    response = api.post("/api/validate/", data=document % literal, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["problems"] == [{"path": "nodes[0].props.latency_ms", "message": message}]
    response = api.post(
        "/api/designs/", data='{"document": %s}' % (document % literal), content_type="application/json"
    )
    assert response.status_code == 400 and Design.objects.count() == 1
    ops = '{"ops": [{"op": "node.update", "id": "app", "set": {"x": LITERAL}}]}'.replace("LITERAL", literal)
    response = api.post(f"/api/designs/{design.pk}/ops/", data=ops, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["problems"] == [{"path": "ops[0].set.x", "message": message}]
    assert Operation.objects.filter(design=design).count() == 1


@pytest.mark.parametrize("parent", [["online"], {"id": "online"}, 7, True])
def test_a_parent_that_is_not_a_string_is_a_400_at_every_entry_point(api, design, video_recs, parent):
    bad = with_(video_recs, ("nodes", 1, "parent"), parent)
    expected = [{"path": "nodes[1].parent", "message": f"must be the id of a group or null, not {_type(parent)}"}]
    for url in (
        "/api/validate/",
        "/api/rubric/",
        "/api/layout/",
        "/api/export/?format=svg",
        "/api/export/?format=mermaid",
    ):
        response = post(api, url, bad)
        assert response.status_code == 400, (url, response.content)
        assert response.json()["problems"] == expected, url
    response = post(api, "/api/import/?format=json", bad)
    assert response.status_code == 400 and response.json()["problems"] == expected
    response = post(api, "/api/designs/", {"document": bad})
    assert response.status_code == 400 and response.json()["problems"] == expected
    response = post(api, f"/api/designs/{design.pk}/", {"document": bad}, "put")
    assert response.status_code == 400 and response.json()["problems"] == expected
    response = post(
        api, f"/api/designs/{design.pk}/ops/", {"ops": [{"op": "node.update", "id": "app", "set": {"parent": parent}}]}
    )
    assert response.status_code == 400
    assert response.json()["problems"] == [{"path": "ops[0].set.parent", "message": expected[0]["message"]}]
    design.refresh_from_db()
    assert design.version == 1 and design.document == video_recs


def _type(value):
    return {list: "a list", dict: "an object", int: "a number", bool: "a boolean"}[type(value)]


def test_ops_with_keys_they_do_not_define_are_refused_and_not_logged(api, design, video_recs):
    junk = "x" * 100_000
    batches = [
        ([{"op": "node.update", "id": "app", "set": {"x": 1}, "junk": junk}], "ops[0].junk", 'unknown field "junk"'),
        ([{"op": "node.remove", "id": "app", "why": 1}], "ops[0].why", 'unknown field "why"'),
        ([{"op": "title.set", "title": "T", "extra": {}}], "ops[0].extra", 'unknown field "extra"'),
        (
            [{"op": "problem.update", "set": {"statment": "x"}}],
            "ops[0].set.statment",
            "cannot be changed; changeable fields are statement, task, latency_slo_ms, peak_qps, "
            "feature_freshness_s, model_freshness_s, corpus_size, offline_metrics, online_metrics",
        ),
        (
            [{"op": "node.add", "node": {"id": "n9", "kind": "cache", "x": 0, "y": 0, "junk": junk}}],
            "nodes[3].junk",
            'unknown field "junk"',
        ),
    ]
    for ops, path, message in batches:
        response = post(api, f"/api/designs/{design.pk}/ops/", {"ops": ops})
        assert response.status_code == 400, ops
        assert response.json()["problems"] == [{"path": path, "message": message}]
    assert Operation.objects.filter(design=design).count() == 1
    design.refresh_from_db()
    assert design.document == video_recs


def test_suggestions_and_the_problem_list_are_bounded(api):
    """Issue 14.1: 5,000 nodes and 20,000 edges to unknown ids took 527 s of "did you mean"."""
    nodes = [{"id": f"node{i}", "kind": "cache", "x": 0, "y": 0} for i in range(5000)]
    edges = [{"id": f"e{i}", "source": f"nod{i}", "target": "node1", "kind": "data"} for i in range(20000)]
    response = post(api, "/api/validate/", {"format": "mlsd-design/1", "nodes": nodes, "edges": edges})
    assert response.status_code == 400
    problems = response.json()["problems"]
    assert len(problems) == 101
    assert problems[0] == {"path": "edges[0].source", "message": 'no node "nod0" (did you mean "node0"?)'}
    assert problems[-1] == {"path": "$", "message": "and 19900 more problems (the first 100 are listed)"}
    assert sum("did you mean" in p["message"] for p in problems) == 10
    assert problems[10] == {"path": "edges[10].source", "message": 'no node "nod10"'}
