"""The history's cost is bounded by the versions' own sizes, and each version is validated once (issue 14.6, 12.6)."""

import json

import pytest

from designer.interview import selectors
from designer.models import Design, Operation
from designer.services import design_apply_ops, design_create

pytestmark = pytest.mark.django_db


def large_document(nodes: int) -> dict:
    return {
        "format": "mlsd-design/1",
        "title": "Once large",
        "nodes": [{"id": f"n{i}", "kind": "app_service", "x": i * 10, "y": 0} for i in range(nodes)],
    }


@pytest.fixture
def once_large(api, user):
    """150 versions: 2,000 nodes for 149 of them (small edits), then replaced by a 3-node design."""
    design = design_create(owner=user, document=large_document(2000))
    # The log as 148 small edits would have written it (applying them one by one is slow to set up).
    Operation.objects.bulk_create(
        Operation(design=design, version=v, ops=[{"op": "node.update", "id": f"n{v}", "set": {"label": f"edit {v}"}}])
        for v in range(2, 150)
    )
    Design.objects.filter(pk=design.pk).update(version=149)
    small = {"op": "document.replace", "document": large_document(3)}
    assert design_apply_ops(design_id=design.pk, ops=[small]).version == 150
    return design.pk


def test_a_once_large_design_validates_few_versions(api, once_large):
    """Issue 14.6: the timeline was sized from the current (small) document, so 150 versions of a
    once-large design validated 120 large versions (12 s)."""
    body = api.get(f"/api/designs/{once_large}/history/").json()
    assert (body["version"], len(body["versions"]), body["limit"]) == (150, 150, 10)
    assert body["validated"] == [1, 33, 65, 97, 129, 150]
    assert [s["version"] for s in body["states"]] == body["validated"]


def test_each_version_is_validated_once_then_its_summary_is_reused(api, once_large, monkeypatch):
    """Issue 12.6: the timeline re-validated every sampled version on every request."""
    validated = []
    real = selectors.design_findings
    monkeypatch.setattr(selectors, "design_findings", lambda doc: validated.append(len(doc["nodes"])) or real(doc))
    first = api.get(f"/api/designs/{once_large}/history/").json()
    assert validated == [2000] * 5 + [3]
    validated.clear()
    assert api.get(f"/api/designs/{once_large}/history/").json() == first
    assert validated == []
    body = {"ops": [{"op": "title.set", "title": "Later"}]}
    api.post(f"/api/designs/{once_large}/ops/", data=json.dumps(body), content_type="application/json")
    later = api.get(f"/api/designs/{once_large}/history/").json()
    assert later["validated"][-1] == 151 and validated == [3]  # only the new version is validated


def test_a_log_too_large_to_replay_is_refused_with_why(api, once_large, settings):
    settings.HISTORY_REPLAY_BYTES = 50_000
    response = api.get(f"/api/designs/{once_large}/history/")
    assert response.status_code == 422
    assert response.json()["detail"].startswith("This design's history is too large to replay here (")
    assert response.json()["detail"].endswith(" of operations; the limit is 48.8 KiB).")
    # One version replays from the latest document.replace at or before it: v150 is one small batch.
    assert api.get(f"/api/designs/{once_large}/history/150/").json()["document"]["title"] == "Once large"
