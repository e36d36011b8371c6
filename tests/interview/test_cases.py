"""The six case-study templates: valid documents, readable layouts, and clean under the validator's rules."""

import pytest

from component_catalog.catalog import get_catalog
from designer.document import check_document
from designer.interview.cases import CASES, case_list
from designer.validation.engine import validate_design

CASE_IDS = [case.id for case in CASES]


def test_gallery_lists_the_six_case_studies_in_order():
    assert [(c["id"], c["title"], c["task"]) for c in case_list()] == [
        ("video-recommendation", "Video recommendation (two-stage)", "ranking"),
        ("ad-click-prediction", "Ad click prediction", "ranking"),
        ("payment-fraud", "Real-time payment fraud detection", "classification"),
        ("harmful-content", "Harmful content detection", "classification"),
        ("search-autocomplete", "Search autocomplete", "ranking"),
        ("street-view-blurring", "Street View blurring", "classification"),
    ]


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_template_is_a_valid_document_with_complete_problem(case_id):
    document = next(c for c in CASES if c.id == case_id).document
    assert check_document(document) == []
    problem = document["problem"]
    for key in (
        "statement",
        "task",
        "latency_slo_ms",
        "peak_qps",
        "feature_freshness_s",
        "model_freshness_s",
        "offline_metrics",
        "online_metrics",
    ):
        assert problem.get(key), f"{case_id}: problem.{key} is missing"


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_template_raises_no_error_finding(case_id):
    document = next(c for c in CASES if c.id == case_id).document
    errors = [(f.rule, f.nodes) for f in validate_design(document) if f.severity == "error"]
    assert errors == []


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_template_layout_groups_contain_children_and_boxes_do_not_overlap(case_id):
    document = next(c for c in CASES if c.id == case_id).document
    kinds = get_catalog().kinds
    by_id = {n["id"]: n for n in document["nodes"]}
    groups = [n for n in document["nodes"] if n["kind"] == "group"]
    assert {g["label"] for g in groups} >= {"Online serving", "Data", "Offline training"}
    boxes = []
    for node in document["nodes"]:
        if node["kind"] == "group":
            continue
        box = (node["x"], node["y"], node["x"] + node.get("width", 180), node["y"] + node.get("height", 64))
        if node.get("parent"):
            group = by_id[node["parent"]]
            assert group["x"] <= box[0] and box[2] <= group["x"] + group["width"], (
                f"{node['id']} sticks out of its group"
            )
            assert group["y"] <= box[1] and box[3] <= group["y"] + group["height"], (
                f"{node['id']} sticks out of its group"
            )
        else:
            assert kinds[node["kind"]].is_annotation, f"{node['id']} is a component outside every group"
        boxes.append((node["id"], box))
    group_boxes = [(g["id"], (g["x"], g["y"], g["x"] + g["width"], g["y"] + g["height"])) for g in groups]
    for items in (boxes, group_boxes):
        for i, (a, (ax0, ay0, ax1, ay1)) in enumerate(items):
            for b, (bx0, by0, bx1, by1) in items[i + 1 :]:
                assert ax1 <= bx0 or bx1 <= ax0 or ay1 <= by0 or by1 <= ay0, f"{a} overlaps {b}"
    notes = [n for n in document["nodes"] if n["kind"] == "note"]
    assert len(notes) >= 2 and all(n["text"] for n in notes)


def test_street_view_note_describes_the_on_vehicle_variant():
    document = next(c for c in CASES if c.id == "street-view-blurring").document
    assert any("On-vehicle variant" in n.get("text", "") for n in document["nodes"])
    assert document["problem"]["task"] == "classification"
