"""no-data-validation: silent on good designs, exact (rule, nodes) on bad ones."""

from tests.validation.builder import design, findings, found, recs, set_props

RULE = "no-data-validation"


def test_every_raw_path_validated_is_silent():
    assert found(recs(), RULE) == []


def test_unvalidated_stream_into_training_is_reported():
    doc = set_props(recs(), "stream", validates_schema=False)
    [finding] = findings(doc, RULE)
    assert (finding.nodes, finding.path) == (["training"], ["kafka", "stream", "features", "training"])
    assert (
        finding.message
        == "Data reaches Ranker training unvalidated: Kafka → Streaming features → Feature store → Ranker training"
    )


def test_each_trainer_fed_raw_data_is_reported():
    doc = design(
        [("events", "event_logs"), ("train", "training_pipeline"), ("dist", "ray_train")],
        [("events", "train", "data"), ("events", "dist", "data")],
    )
    assert found(doc, RULE) == [(RULE, ["dist"]), (RULE, ["train"])]
