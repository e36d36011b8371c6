"""Features and signals in the document: checked with paths, changed by ops, and kept exactly through the
API, the SVG's embedded copy and the interview replay."""

import copy
import json

import pytest

from designer.document import check_document, json_schema
from designer.export.importers import import_document
from designer.export.svg import export_svg
from designer.interview.replay import document_at
from designer.models import Design
from designer.ops import OpError, apply_ops

pytestmark = pytest.mark.django_db

STORE = {"id": "store", "kind": "online_feature_store", "label": "Online store", "x": 700, "y": 80}
STREAM = {"id": "stream", "kind": "flink", "label": "Session stream", "x": 700, "y": 300}
FEATURES = [
    {"id": "f-emb", "name": "user embedding", "category": "user", "type": "embedding", "freshness": "daily"},
    {
        "id": "f-clicks",
        "name": "clicks in session",
        "category": "context",
        "type": "sequence",
        "freshness": "real-time",
        "computed_by": "stream",
        "served_by": "store",
    },
    {"id": "f-pop", "name": "video popularity", "category": "item", "type": "numeric", "freshness": 900},
]
SIGNALS = [
    {"id": "s-watch", "name": "watch time", "kind": "implicit", "is_label": True, "source": "stream"},
    {"id": "s-like", "name": "like", "kind": "explicit", "is_label": False},
]


@pytest.fixture
def featured(video_recs):
    doc = copy.deepcopy(video_recs)
    doc["nodes"] += [STORE, STREAM]
    doc["features"] = copy.deepcopy(FEATURES)
    doc["signals"] = copy.deepcopy(SIGNALS)
    return doc


def post_json(client, url, body):
    return client.post(url, data=json.dumps(body), content_type="application/json")


def test_documents_without_features_stay_valid(video_recs):
    assert "features" not in video_recs
    assert check_document(video_recs) == []


def test_features_and_signals_are_valid(featured):
    assert check_document(featured) == []


def test_bad_features_and_signals_are_named_by_path(featured):
    featured["features"][0].update(category="usr", freshness="weekly")
    featured["features"][1]["served_by"] = "stor"
    featured["features"][2].update(id="f-emb", freshness=-5, type="number")
    del featured["signals"][0]["is_label"]
    featured["signals"][1].update(kind="implied", source="online")
    assert [str(p) for p in check_document(featured)] == [
        'features[0].category: must be one of user, item, context, cross, other, not "usr"',
        "features[0].freshness: must be one of static, daily, hourly, real-time, or a positive number of seconds, "
        'not "weekly"',
        'features[1].served_by: no node "stor" (did you mean "store"?)',
        'features[2].id: duplicate id "f-emb" (also used by another feature)',
        'features[2].type: must be one of numeric, categorical, embedding, text, image, sequence, not "number"',
        "features[2].freshness: must be one of static, daily, hourly, real-time, or a positive number of seconds, "
        "not -5",
        'signals[0]: missing "is_label"',
        'signals[1].kind: must be one of implicit, explicit, not "implied"',
        'signals[1].source: "online" is a group; a signal names a component, not a note or group',
    ]


def test_the_published_schema_describes_features_and_signals(client):
    schema = json_schema()
    assert set(schema["properties"]) >= {"features", "signals"}
    feature = schema["$defs"]["Feature"]
    assert feature["required"] == ["id", "name", "category", "type", "freshness"]
    assert feature["properties"]["freshness"]["description"] == (
        "static, daily, hourly, real-time, or a number of seconds"
    )
    assert client.get("/schemas/mlsd-design-1.json").json()["$defs"]["Signal"]["required"] == [
        "id",
        "name",
        "kind",
        "is_label",
    ]


EDITS = [
    {
        "op": "feature.add",
        "index": 0,
        "feature": {
            "id": "f-hour",
            "name": "hour of day",
            "category": "context",
            "type": "categorical",
            "freshness": "real-time",
        },
    },
    {"op": "feature.update", "id": "f-pop", "set": {"freshness": "hourly", "served_by": "store"}},
    {"op": "feature.move", "id": "f-emb", "index": 3},
    {"op": "signal.add", "signal": {"id": "s-skip", "name": "skip", "kind": "implicit", "is_label": True}},
    {"op": "signal.remove", "id": "s-like"},
]
EDITED_FEATURES = ["f-hour", "f-clicks", "f-pop", "f-emb"]


def test_ops_add_update_move_and_remove(featured):
    result, applied = apply_ops(featured, EDITS)
    assert applied == [True] * 5
    assert [f["id"] for f in result["features"]] == EDITED_FEATURES
    assert result["features"][2] == {**FEATURES[2], "freshness": "hourly", "served_by": "store"}
    assert [s["id"] for s in result["signals"]] == ["s-watch", "s-skip"]


def test_removing_a_node_clears_the_features_and_signals_naming_it(featured):
    result, _ = apply_ops(featured, [{"op": "node.remove", "id": "stream"}])
    assert result["features"][1] == {k: v for k, v in FEATURES[1].items() if k != "computed_by"}
    assert result["signals"][0] == {k: v for k, v in SIGNALS[0].items() if k != "source"}


def test_ops_on_features_are_refused_with_paths_and_change_nothing(featured):
    before = copy.deepcopy(featured)
    for ops, message in [
        ([{"op": "feature.add", "feature": dict(FEATURES[0])}], 'ops[0].feature.id: id "f-emb" is already in use'),
        (
            [{"op": "feature.update", "id": "f-emb", "set": {"served_by": "nowhere"}}],
            'features[0].served_by: no node "nowhere"',
        ),
        (
            [{"op": "feature.update", "id": "f-emb", "set": {"id": "x"}}],
            "ops[0].set.id: cannot be changed; changeable fields are name, category, type, freshness, computed_by, served_by",
        ),
        (
            [{"op": "feature.move", "id": "f-emb", "index": -1}],
            "ops[0].index: must be a position in the list (a whole number from 0)",
        ),
        (
            [{"op": "signal.update", "id": "s-like", "set": {"is_label": "yes"}}],
            "ops[0].set.is_label: must be true or false, not a string",
        ),
    ]:
        with pytest.raises(OpError) as refused:
            apply_ops(featured, ops)
        assert str(refused.value) == message
    assert featured == before


def test_features_round_trip_through_the_api_and_its_ops(api, featured):
    created = post_json(api, "/api/designs/", {"document": featured})
    assert created.status_code == 201
    design_id = created.json()["id"]
    assert api.get(f"/api/designs/{design_id}/").json()["document"] == featured
    answer = post_json(api, f"/api/designs/{design_id}/ops/", {"client_op_id": "f-1", "ops": EDITS})
    assert answer.json() == {"version": 2, "applied": [True] * 5, "duplicate": False}
    stored = api.get(f"/api/designs/{design_id}/").json()["document"]
    assert [f["id"] for f in stored["features"]] == EDITED_FEATURES
    assert stored == Design.objects.get(pk=design_id).document
    refused = post_json(
        api,
        f"/api/designs/{design_id}/ops/",
        {"ops": [{"op": "signal.update", "id": "s-skip", "set": {"source": "xq9"}}]},
    )
    assert refused.status_code == 400
    assert refused.json()["problems"] == [{"path": "signals[1].source", "message": 'no node "xq9"'}]


def test_features_survive_the_svg_embed(featured):
    assert import_document(export_svg(featured).encode()) == ("svg", featured)


def test_replay_gives_the_features_at_each_version(featured):
    batches = [
        (1, [{"op": "document.replace", "document": featured}]),
        (2, EDITS[:2]),
        (3, [{"op": "feature.remove", "id": "f-hour"}, {"op": "node.remove", "id": "store"}]),
    ]
    assert [f["id"] for f in document_at(batches, 1)["features"]] == ["f-emb", "f-clicks", "f-pop"]
    assert [f["id"] for f in document_at(batches, 2)["features"]] == ["f-hour", "f-emb", "f-clicks", "f-pop"]
    last = document_at(batches, 3)["features"]
    assert [(f["id"], f.get("served_by")) for f in last] == [("f-emb", None), ("f-clicks", None), ("f-pop", None)]


def test_the_catalog_suggests_features_per_task(client):
    suggestions = client.get("/api/catalog/").json()["feature_suggestions"]
    assert sorted(suggestions) == ["classification", "generation", "other", "ranking", "regression"]
    assert [f["name"] for f in suggestions["ranking"]][:3] == [
        "user embedding",
        "user's recent interactions",
        "item embedding",
    ]
    assert {f["category"] for f in suggestions["ranking"]} == {"user", "item", "cross", "context"}


def test_a_bad_suggestion_in_the_catalog_is_a_startup_problem():
    from component_catalog.catalog import CATALOG_PATH, problems

    raw = json.loads(CATALOG_PATH.read_text(encoding="utf-8"))
    assert problems(raw) == []
    raw["feature_suggestions"]["ranking"][0].update(category="users", freshness=5)
    raw["feature_suggestions"]["rank"] = []
    assert problems(raw) == [
        "feature_suggestions.ranking[0]: unknown category 'users'",
        "feature_suggestions.ranking[0]: freshness must be one of static, daily, hourly, real-time",
        "feature_suggestions.rank: unknown task",
    ]


def test_the_validate_api_names_the_feature_a_finding_is_about(client, featured):
    featured["edges"].append({"id": "e-batch", "source": "store", "target": "ranker", "kind": "data"})
    featured["features"][2]["served_by"] = "ranker"
    featured["nodes"].append({"id": "nightly", "kind": "spark_batch_job", "label": "Nightly", "x": 0, "y": 400})
    featured["edges"].append({"id": "e-night", "source": "nightly", "target": "store", "kind": "data"})
    featured["features"][1].pop("computed_by")
    featured["signals"][0].pop("source")
    featured["nodes"].remove(STREAM)
    response = client.post("/api/validate/", data=json.dumps(featured), content_type="application/json")
    stale = [f for f in response.json()["findings"] if f["rule"] == "feature-served-stale"]
    assert [(f["nodes"], f["features"], f["path"]) for f in stale] == [
        (["ranker"], ["f-pop"], ["nightly", "store", "ranker"]),
        (["store"], ["f-clicks"], ["nightly", "store"]),
    ]
    assert "signals" not in stale[0]
