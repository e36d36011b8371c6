"""The feature and signal rules (issue 16): silent on a well-featured design, exact (rule, nodes, features,
signals) and messages on bad ones."""

import pytest

from designer.validation.engine import validate_design
from tests.validation.builder import (
    add_edge,
    add_node,
    design,
    drop_edges,
    feature,
    feature_findings,
    featured_recs,
    findings,
    recs,
)

RULES = (
    "feature-served-stale",
    "feature-without-component",
    "feature-not-logged",
    "label-reaches-no-training",
    "ranking-without-user-item-features",
    "missing-context-features",
)


def test_a_well_featured_design_raises_nothing():
    assert [(f.rule, f.nodes, f.message) for f in validate_design(featured_recs())] == []


@pytest.mark.parametrize("rule", RULES)
def test_designs_without_features_are_not_reviewed_by_the_feature_rules(rule):
    assert findings(recs(), rule) == []


# -- feature-served-stale ----------------------------------------------------------------------


def test_real_time_feature_served_only_from_a_daily_batch_store_is_stale():
    doc = drop_edges(featured_recs(), ("stream", "features"))
    assert feature_findings(doc, "feature-served-stale") == [
        ("feature-served-stale", ["features"], ["f-clicks"], []),
        ("feature-served-stale", ["features"], ["f-pop"], []),
    ]
    clicks = findings(doc, "feature-served-stale")[0]
    assert clicks.message == (
        "clicks in session must be at most 60 s old (real-time) but the freshest data reaching Feature store, "
        "which serves it, is 90,001 s old (Kafka 1 s + Data lake 3,600 s + Data validation 0 s + Daily features "
        "86,400 s + Feature store 0 s)"
    )
    assert clicks.path == ["kafka", "lake", "validation", "batch", "features"]
    assert clicks.edges == ["e13", "e14", "e15", "e16"]


def test_a_daily_feature_from_the_nightly_job_and_a_number_of_seconds_are_held_to_their_own_bounds():
    doc = featured_recs()
    doc["features"][0]["freshness"] = 3
    [stale] = findings(doc, "feature-served-stale")
    assert (stale.features, stale.message) == (
        ["f-user"],
        "user embedding must be at most 3 s old but the freshest data reaching Feature store, which serves it, "
        "is 6 s old (Kafka 1 s + Streaming features 5 s + Feature store 0 s)",
    )
    doc["features"][0]["freshness"] = "static"
    assert findings(doc, "feature-served-stale") == []


def test_a_feature_served_by_what_computes_it_from_the_request_is_not_checked():
    doc = featured_recs()
    doc["features"][2]["served_by"] = "app"
    assert findings(doc, "feature-served-stale") == []


# -- feature-without-component -----------------------------------------------------------------


def test_a_feature_tied_to_nothing_beside_a_feature_store_is_reported():
    doc = featured_recs()
    doc["features"].append(feature("f-age", "video age", "item", "daily"))
    assert feature_findings(doc, "feature-without-component") == [
        ("feature-without-component", ["features"], ["f-age"], [])
    ]
    assert findings(doc, "feature-without-component")[0].message == (
        "video age names no component that computes or serves it, though the design has Feature store"
    )


def test_without_a_feature_store_untied_features_are_fine():
    doc = design([("client", "client"), ("app", "app_service")], [("client", "app", "request")], task="ranking")
    doc["features"] = [feature("f-hour", "hour of day", "context", "real-time")]
    assert findings(doc, "feature-without-component") == []


# -- feature-not-logged ------------------------------------------------------------------------


def test_features_used_online_but_never_logged_are_a_skew_risk():
    doc = drop_edges(featured_recs(), ("app", "kafka"))
    assert feature_findings(doc, "feature-not-logged") == [
        ("feature-not-logged", ["features"], ["f-clicks"], []),
        ("feature-not-logged", ["features"], ["f-pop"], []),
        ("feature-not-logged", ["features"], ["f-user"], []),
    ]
    assert findings(doc, "feature-not-logged")[0].message == (
        "clicks in session is used online by Feature store but never logged for training: training will "
        "recompute it another way (training-serving skew)"
    )


def test_a_feature_only_computed_offline_needs_no_serving_log():
    doc = drop_edges(featured_recs(), ("app", "kafka"))
    doc["features"] = [feature("f-user", "user embedding", "user", "daily", computed_by="batch")]
    assert findings(doc, "feature-not-logged") == []


# -- label-reaches-no-training -----------------------------------------------------------------


def test_a_label_collected_where_nothing_flows_into_training_is_reported():
    doc = add_node(featured_recs(), "surveys", "event_logs")
    add_edge(doc, "surveys", "monitoring", "telemetry")
    doc["signals"].append(
        {"id": "s-survey", "name": "survey score", "kind": "explicit", "is_label": True, "source": "surveys"}
    )
    assert feature_findings(doc, "label-reaches-no-training") == [
        ("label-reaches-no-training", ["surveys"], [], ["s-survey"])
    ]
    assert findings(doc, "label-reaches-no-training")[0].message == (
        "survey score is a label collected at Surveys, which has no path into training"
    )


def test_labels_in_a_design_that_trains_nothing_are_reported():
    doc = design([("client", "client"), ("app", "app_service")], [("client", "app", "request")])
    doc["signals"] = [{"id": "s-click", "name": "click", "kind": "implicit", "is_label": True}]
    assert feature_findings(doc, "label-reaches-no-training") == [("label-reaches-no-training", [], [], ["s-click"])]
    doc["signals"][0]["is_label"] = False
    assert findings(doc, "label-reaches-no-training") == []


# -- ranking-without-user-item-features --------------------------------------------------------


def test_ranking_without_user_or_item_features_is_reported():
    doc = featured_recs()
    doc["features"] = [f for f in doc["features"] if f["category"] == "context"]
    assert feature_findings(doc, "ranking-without-user-item-features") == [
        ("ranking-without-user-item-features", [], [], [])
    ]
    assert findings(doc, "ranking-without-user-item-features")[0].message == (
        "The ranking task lists 1 features but no user feature and no item feature"
    )
    doc["features"].append(feature("f-user", "user embedding", "user", served_by="features"))
    assert [f.message for f in findings(doc, "ranking-without-user-item-features")] == [
        "The ranking task lists 2 features but no item feature"
    ]
    doc["problem"]["task"] = "classification"
    assert findings(doc, "ranking-without-user-item-features") == []


# -- missing-context-features ------------------------------------------------------------------


def test_a_prompt_naming_time_or_device_wants_a_context_feature():
    doc = featured_recs()
    doc["features"] = [f for f in doc["features"] if f["category"] != "context"]
    assert findings(doc, "missing-context-features") == []  # the prompt names neither
    doc["problem"]["statement"] = "Recommend videos on mobile and TV, by time of day and on weekends"
    [finding] = findings(doc, "missing-context-features")
    assert (finding.rule, finding.nodes) == ("missing-context-features", [])
    assert finding.message == 'The problem names "mobile", "tv", "time of day" but no context feature is listed'


def test_real_time_and_watch_time_are_not_a_time_of_day():
    doc = featured_recs()
    doc["features"] = [f for f in doc["features"] if f["category"] != "context"]
    doc["problem"]["statement"] = "Real-time recommendations that maximise watch time"
    assert findings(doc, "missing-context-features") == []
