"""training-serving-skew: silent on good designs, exact (rule, nodes) on bad ones."""

from tests.validation.builder import add_edge, add_node, drop_edges, findings, found, recs

RULE = "training-serving-skew"


def test_shared_feature_store_keeps_it_silent():
    assert found(recs(), RULE) == []


def _separate_training_pipeline(log_features: bool) -> dict:
    doc = drop_edges(recs(), ("features", "training"), ("app", "kafka"))
    add_node(doc, "warehouse", "data_warehouse")
    add_edge(doc, "lake", "warehouse", "data")
    add_edge(doc, "warehouse", "training", "data")
    add_edge(doc, "app", "kafka", "telemetry", logs_features=log_features)
    return doc


def test_training_from_a_separate_pipeline_is_skew():
    doc = _separate_training_pipeline(log_features=False)
    assert found(doc, RULE) == [(RULE, ["ranker", "features"]), (RULE, ["retrieval", "features"])]
    assert findings(doc, RULE)[0].message == (
        "Ranker is served features from Feature store, but Ranker training trains it on data that shares "
        "no feature store or transformation with them, and no served features are logged into training"
    )


def test_logging_served_features_into_training_removes_the_skew():
    assert found(_separate_training_pipeline(log_features=True), RULE) == []


def test_trainers_sharing_a_registry_are_all_named():
    doc = _separate_training_pipeline(log_features=False)
    add_node(doc, "tower_training", "training_pipeline")
    add_edge(doc, "warehouse", "tower_training", "data")
    add_edge(doc, "tower_training", "evaluation", "deploy")
    assert findings(doc, RULE)[0].message == (
        "Ranker is served features from Feature store, but Ranker training or Tower Training trains it on data "
        "that shares no feature store or transformation with them, and no served features are logged into training"
    )
