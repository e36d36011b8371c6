"""Every bank problem's reference design: valid, free of findings, full rubric, overlap-free and readable at fit view."""

import itertools
import re
from pathlib import Path

import pytest
from django.conf import settings

from component_catalog.catalog import get_catalog
from designer.document import check_document
from designer.interview.bank import bank
from designer.interview.rubric import rubric
from designer.validation.engine import validate_design

PROBLEMS = {problem.id: problem for problem in bank()}

TYPES_TS = Path(settings.BASE_DIR) / "designer" / "frontend" / "src" / "types.ts"
#: The editor's default card size (types.ts), which every reference component uses.
CARD = tuple(
    int(re.search(rf"export const DEFAULT_NODE_{side} = (\d+);", TYPES_TS.read_text(encoding="utf-8")).group(1))
    for side in ("WIDTH", "HEIGHT")
)
#: The canvas pane of the editor in a 1440×900 window (palette and sidebar open), measured in
#: Chromium; fit view pads it by 0.2 (Canvas.tsx), as React Flow's getViewportForBounds does.
PANE = (864, 850)
FIT_PADDING = 0.2
#: At this zoom a card's 13 px label is drawn at 9 px: the smallest that still reads comfortably.
MIN_FIT_ZOOM = 0.7
#: Characters of a component label that fit on its card's label line (13 px semibold, beside the icon).
LABEL_CHARS = 14


def box(node):
    return (node["x"], node["y"], node["x"] + node.get("width", CARD[0]), node["y"] + node.get("height", CARD[1]))


def overlap(a, b):
    return not (a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1])


def fit_zoom(nodes):
    boxes = [box(n) for n in nodes]
    width = max(b[2] for b in boxes) - min(b[0] for b in boxes)
    height = max(b[3] for b in boxes) - min(b[1] for b in boxes)

    def usable(side):
        return side - 2 * int((side - side / (1 + FIT_PADDING)) / 2)

    return min(usable(PANE[0]) / width, usable(PANE[1]) / height)


@pytest.fixture(params=sorted(PROBLEMS))
def problem(request):
    return PROBLEMS[request.param]


def test_reference_is_a_valid_document_with_a_complete_problem(problem):
    document = problem.reference
    assert check_document(document) == []
    declared = {key for key, value in document["problem"].items() if value}
    assert declared >= {"statement", "task", "latency_slo_ms", "peak_qps", "feature_freshness_s", "offline_metrics"}


def test_reference_has_no_finding_at_all(problem):
    assert [(f.severity, f.rule, f.nodes) for f in validate_design(problem.reference)] == []


def test_reference_scores_one_on_every_rubric_step(problem):
    result = rubric(problem.reference, validate_design(problem.reference))
    assert [(s["id"], s["score"]) for s in result["steps"]] == [(s["id"], 1.0) for s in result["steps"]]


def test_reference_components_sit_in_groups_and_nothing_overlaps(problem):
    nodes = problem.reference["nodes"]
    kinds = get_catalog().kinds
    by_id = {n["id"]: n for n in nodes}
    groups = [n for n in nodes if n["kind"] == "group"]
    cards = [n for n in nodes if n["kind"] != "group"]
    assert len(groups) >= 3
    for node in cards:
        if kinds[node["kind"]].is_annotation:
            continue
        assert node.get("width", CARD[0]) == CARD[0] and node.get("height", CARD[1]) == CARD[1]
        group = by_id.get(node.get("parent"))
        assert group is not None, f"{node['id']} is outside every group"
        inner, outer = box(node), box(group)
        assert outer[0] <= inner[0] and outer[1] <= inner[1] and inner[2] <= outer[2] and inner[3] <= outer[3], (
            f"{node['id']} sticks out of {group['id']}"
        )
    for a, b in itertools.combinations(cards, 2):
        assert not overlap(box(a), box(b)), f"{a['id']} overlaps {b['id']}"
    for a, b in itertools.combinations(groups, 2):
        assert not overlap(box(a), box(b)), f"group {a['id']} overlaps group {b['id']}"
    for note, group in itertools.product([n for n in cards if n["kind"] == "note"], groups):
        if note.get("parent") != group["id"]:
            assert not overlap(box(note), box(group)), f"{note['id']} overlaps group {group['id']}"


def test_reference_is_readable_at_fit_view(problem):
    assert fit_zoom(problem.reference["nodes"]) >= MIN_FIT_ZOOM


def test_reference_labels_fit_their_cards(problem):
    kinds = get_catalog().kinds
    long = [
        n.get("label", "")
        for n in problem.reference["nodes"]
        if not kinds[n["kind"]].is_annotation and len(n.get("label", "")) > LABEL_CHARS
    ]
    assert long == []


def test_reference_carries_at_least_one_note(problem):
    notes = [n for n in problem.reference["nodes"] if n["kind"] == "note"]
    assert notes and all(n["text"] for n in notes)


def test_fit_zoom_follows_react_flow():
    # A 1,000 × 500 design in the 864 × 850 pane: 864 - 2·72 = 720 usable pixels across.
    assert fit_zoom([{"x": 0, "y": 0, "width": 1000, "height": 500}]) == 0.72
