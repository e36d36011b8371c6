"""The data step scores the Features tab (issue 16): no features, no credit; two categories, real-time features
served fresh and labels among the signals each earn their item; the feature rules earn theirs only once features
are listed."""

from designer.interview.rubric import rubric
from designer.validation.engine import validate_design

from .helpers import template

FEATURE_ITEMS = (
    "Features in at least two categories",
    "Each real-time feature served fresh",
    "Labels named among the signals",
    "Each feature served as fresh as it needs",
    "Every feature tied to where it is computed or served",
    "Every label signal reaches training",
    "Ranking uses user and item features",
    "Context features where the prompt names time or device",
)


def data_items(document) -> dict:
    result = rubric(document, validate_design(document))
    step = next(s for s in result["steps"] if s["id"] == "data")
    return {i["label"]: (i["score"], i["why"]) for i in step["items"]}, step["score"]


def test_a_reference_without_its_features_earns_nothing_for_them():
    document = template("video-recommendation")
    del document["features"], document["signals"]
    got, score = data_items(document)
    assert {label: got[label][0] for label in FEATURE_ITEMS} == dict.fromkeys(FEATURE_ITEMS, 0.0)
    assert got["Features in at least two categories"][1] == "no features listed (the Features tab)"
    assert got["Labels named among the signals"][1] == "no signal is marked as a label"
    assert got["Every label signal reaches training"][1] == (
        "label-reaches-no-training: nothing to check: no signal marked as a label"
    )
    assert score == 0.5  # 8 of its 16 items


def test_the_reference_features_earn_every_item():
    got, score = data_items(template("video-recommendation"))
    assert got["Features in at least two categories"] == (1.0, "5 features: user, item, context")
    assert got["Each real-time feature served fresh"] == (
        1.0,
        "served fresh: watch history, last 50 videos, video views in the last hour, time of day and device",
    )
    assert got["Labels named among the signals"] == (1.0, "labels: watch time")
    assert score == 1.0


def test_one_category_and_no_label_lose_their_items():
    document = template("video-recommendation")
    document["features"] = [f for f in document["features"] if f["category"] == "user"]
    for signal in document["signals"]:
        signal["is_label"] = False
    got, _ = data_items(document)
    assert got["Features in at least two categories"] == (0.0, "2 features: user")
    assert got["Labels named among the signals"] == (0.0, "no signal is marked as a label")
    assert got["Ranking uses user and item features"][0] == 0.5


def test_a_real_time_feature_served_stale_loses_the_item():
    document = template("video-recommendation")
    document["edges"] = [e for e in document["edges"] if not (e["source"] == "stream" and e["target"] == "online_fs")]
    got, _ = data_items(document)
    assert got["Each real-time feature served fresh"] == (
        0.0,
        "served stale: watch history, last 50 videos, video views in the last hour",
    )
    assert got["Each feature served as fresh as it needs"][0] == 0.0


def test_a_real_time_feature_neither_served_nor_computed_online_loses_the_item():
    document = template("video-recommendation")
    document["features"][4]["computed_by"] = "batch"
    got, _ = data_items(document)
    assert got["Each real-time feature served fresh"] == (
        0.0,
        "neither served by a store nor computed on the request path: time of day and device",
    )
