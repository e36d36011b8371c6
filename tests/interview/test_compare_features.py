"""Comparison with the reference's features (issue 16): missing categories and freshness mismatches, named
exactly in the data step; a reference matches itself."""

import copy
import json
import shutil
from io import StringIO

import pytest
from django.core.management import call_command

from designer.interview.bank import BANK_DIR, REFERENCE_DIR, bank, load_bank, problem_get
from designer.interview.compare import compare

VIDEO = problem_get("video-recommendation")


def video():
    return copy.deepcopy(VIDEO.reference)


def feature_items(result):
    return [
        (i["id"], i["step"], i["message"], i["reference"]["nodes"], i["candidate"]["nodes"])
        for i in result["items"]
        if i["kind"] in ("missing_feature_category", "feature_freshness")
    ]


@pytest.mark.parametrize("problem", bank(), ids=lambda p: p.id)
def test_every_reference_lists_features_and_matches_its_own(problem):
    assert len({f["category"] for f in problem.reference["features"]}) >= 2
    assert any(s["is_label"] for s in problem.reference["signals"])
    assert feature_items(compare(copy.deepcopy(problem.reference), problem)) == []


def test_missing_categories_are_named_with_the_references_features():
    design = video()
    design["features"] = [f for f in design["features"] if f["category"] not in ("user", "context")]
    assert feature_items(compare(design, VIDEO)) == [
        (
            "missing_feature_category:user",
            "data",
            "You list no user features; the reference has 2: user embedding, watch history, last 50 videos.",
            [],
            [],
        ),
        (
            "missing_feature_category:context",
            "data",
            "You list no context features; the reference has 1: time of day and device.",
            [],
            [],
        ),
    ]


def test_a_feature_needed_staler_than_the_reference_is_a_freshness_mismatch():
    design = video()
    pop = next(f for f in design["features"] if f["id"] == "f-video-pop")
    pop.update(name="video views per hour", freshness="daily")
    assert feature_items(compare(design, VIDEO)) == [
        (
            "feature_freshness:f-video-pop",
            "data",
            "Your video views per hour is daily; the reference's video views in the last hour is real-time.",
            ["online_fs"],
            ["online_fs"],
        )
    ]


def test_a_real_time_reference_feature_with_nothing_as_fresh_in_its_category():
    design = video()
    design["features"] = [
        {"id": "u1", "name": "age and country", "category": "user", "type": "categorical", "freshness": "static"},
        *[f for f in design["features"] if f["category"] != "user"],
    ]
    assert feature_items(compare(design, VIDEO)) == [
        (
            "feature_freshness:f-history",
            "data",
            "The reference needs watch history, last 50 videos real-time; none of your user features is that fresh.",
            ["online_fs"],
            [],
        )
    ]


def test_a_blank_design_misses_every_category_and_nothing_else():
    blank = {"format": "mlsd-design/1", "nodes": [], "edges": []}
    assert [i[0] for i in feature_items(compare(blank, VIDEO))] == [
        "missing_feature_category:user",
        "missing_feature_category:item",
        "missing_feature_category:context",
    ]


def test_a_bank_reference_without_its_features_is_refused(tmp_path):
    problems, references = tmp_path / "problems", tmp_path / "case_studies"
    problems.mkdir()
    references.mkdir()
    shutil.copy(BANK_DIR / "video_recommendation.json", problems)
    reference = json.loads((REFERENCE_DIR / "video_recommendation.json").read_text(encoding="utf-8"))
    reference["features"] = [f for f in reference["features"] if f["category"] == "user"]
    reference["signals"] = [{**s, "is_label": False} for s in reference["signals"]]
    (references / "video_recommendation.json").write_text(json.dumps(reference), encoding="utf-8")
    assert load_bank(problems, references)[1] == [
        "video_recommendation.json: video_recommendation.json: the reference must list features in at least two "
        "categories (features)",
        "video_recommendation.json: video_recommendation.json: the reference must name the signal it learns from as "
        "a label (signals)",
    ]


def test_the_compare_command_names_the_feature_items(tmp_path):
    design = video()
    design["features"] = [f for f in design["features"] if f["category"] != "context"]
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(design), encoding="utf-8")
    out = StringIO()
    call_command("compare_design", str(path), "--problem", "video-recommendation", stdout=out)
    assert (
        "   - missing features: You list no context features; the reference has 1: time of day and device.\n"
        in out.getvalue()
    )
