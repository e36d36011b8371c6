"""Replay: exact documents at earlier versions, and finding markers from the real operation log."""

import pytest

from designer.document import blank_document
from designer.interview.replay import document_at, replay, sample_versions, validated_versions_for
from designer.models import Operation

from .helpers import post_json, template, without

pytestmark = pytest.mark.django_db

DRIFT_BACK = [
    {
        "op": "node.add",
        "node": {"id": "drift", "kind": "drift_detector", "label": "Drift detector", "x": 1790, "y": 180},
    },
    *[
        {"op": "edge.add", "edge": {"id": f"back{i}", "source": s, "target": "drift", "kind": "telemetry"}}
        for i, s in enumerate(("user_tower", "ann", "ranker"))
    ],
    {"op": "edge.add", "edge": {"id": "back3", "source": "drift", "target": "alerting", "kind": "telemetry"}},
]


def test_sample_keeps_first_and_last_and_spaces_the_rest_evenly():
    assert sample_versions(list(range(1, 11)), 4) == [1, 5, 9, 10]
    assert sample_versions([1, 2, 3], 4) == [1, 2, 3]
    # Spacings are powers of two, so a grown history keeps the versions sampled before.
    assert sample_versions(list(range(1, 12)), 4) == [1, 5, 9, 11]
    assert sample_versions(list(range(1, 20)), 4) == [1, 9, 17, 19]
    assert {v for v in sample_versions(list(range(1, 20)), 4) if v <= 10} <= set(sample_versions(list(range(1, 11)), 4))


def test_larger_designs_validate_fewer_versions():
    assert [validated_versions_for(n) for n in (0, 32, 166, 400, 2000, 5000)] == [120, 120, 120, 50, 10, 10]


def test_replaying_batches_gives_each_version_in_order():
    first = blank_document("Replayed")
    batches = [
        (1, [{"op": "document.replace", "document": first}]),
        (2, [{"op": "title.set", "title": "Second"}]),
        (3, [{"op": "problem.update", "set": {"task": "ranking"}}]),
    ]
    assert [(v, d["title"], d["problem"]) for v, d in replay(batches)] == [
        (1, "Replayed", {}),
        (2, "Second", {}),
        (3, "Second", {"task": "ranking"}),
    ]
    assert document_at(batches, 2) == {**first, "title": "Second"}
    assert document_at(batches, 4) is None


@pytest.fixture
def edited(api):
    """A design from the video template, then monitoring removed (v2), then a drift detector added back (v3)."""
    design = post_json(api, "/api/designs/from-template/", {"template": "video-recommendation"}).json()
    url = f"/api/designs/{design['id']}/ops/"
    assert (
        post_json(
            api, url, {"ops": [{"op": "node.remove", "id": "monitoring"}, {"op": "node.remove", "id": "drift"}]}
        ).json()["version"]
        == 2
    )
    assert post_json(api, url, {"ops": DRIFT_BACK}).json()["version"] == 3
    return design["id"]


def test_history_version_is_the_exact_earlier_document(api, edited):
    first = api.get(f"/api/designs/{edited}/history/1/").json()
    assert first["document"] == template("video-recommendation")
    assert first["findings"] == [] and first["rubric"]["mean"] == 1.0
    second = api.get(f"/api/designs/{edited}/history/2/").json()
    assert second["document"] == without(template("video-recommendation"), "monitoring", "drift")
    assert [s["score"] for s in second["rubric"]["steps"]][6] == 0.3571
    assert {f["rule"] for f in second["findings"]} == {"missing-monitoring", "no-drift-detection"}
    current = api.get(f"/api/designs/{edited}/").json()["document"]
    assert api.get(f"/api/designs/{edited}/history/3/").json()["document"] == current


def test_history_marks_findings_appearing_and_clearing(api, edited):
    body = api.get(f"/api/designs/{edited}/history/").json()
    at = {op.version: op.created_at for op in Operation.objects.filter(design_id=edited)}
    assert [(v["version"], v["author"], v["ops"]) for v in body["versions"]] == [
        (1, "ada", 1),
        (2, "ada", 2),
        (3, "ada", 5),
    ]
    assert body["validated"] == [1, 2, 3]
    assert [(s["version"], s["findings"], s["rubric_mean"]) for s in body["states"]] == [
        (1, {"error": 0, "warning": 0, "info": 0}, 1.0),
        (2, {"error": 3, "warning": 3, "info": 0}, 0.9082),
        (3, {"error": 0, "warning": 0, "info": 0}, 0.9796),
    ]
    assert [(m["version"], m["rule"], m["change"], m["severity"], m["label"]) for m in body["markers"]] == [
        (2, "missing-monitoring", "appeared", "error", f"missing-monitoring appeared at {at[2]:%H:%M}"),
        (2, "no-drift-detection", "appeared", "warning", f"no-drift-detection appeared at {at[2]:%H:%M}"),
        (3, "missing-monitoring", "cleared", "error", f"missing-monitoring cleared at {at[3]:%H:%M}"),
        (3, "no-drift-detection", "cleared", "warning", f"no-drift-detection cleared at {at[3]:%H:%M}"),
    ]


def test_unknown_version_is_a_clear_404(api, edited):
    response = api.get(f"/api/designs/{edited}/history/9/")
    assert response.status_code == 404
    assert response.json() == {"detail": "version 9 is not in this design's history (1–3)"}


def test_history_of_someone_elses_design_is_not_found(client, other_user, edited):
    client.force_login(other_user)
    assert client.get(f"/api/designs/{edited}/history/").status_code == 404
    assert client.get(f"/api/designs/{edited}/history/1/").status_code == 404
