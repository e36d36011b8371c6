"""stale-features: silent on good designs, exact (rule, nodes) on bad ones."""

from tests.validation.builder import drop_edges, findings, found, recs

RULE = "stale-features"


def test_streaming_path_is_fresh_enough():
    assert found(recs(), RULE) == []


def test_nightly_batch_as_the_only_path_is_stale():
    doc = drop_edges(recs(), ("stream", "features"))
    [finding] = findings(doc, RULE)
    assert (finding.nodes, finding.path) == (["features"], ["kafka", "lake", "validation", "batch", "features"])
    assert finding.message == (
        "The freshest data reaching Feature store is 90,001 s old (Kafka 1 s + Data lake 3,600 s + "
        "Data validation 0 s + Daily features 86,400 s + Feature store 0 s) but features must be fresher than 60 s"
    )


def test_no_freshness_requirement_means_no_check():
    doc = drop_edges(recs(), ("stream", "features"))
    del doc["problem"]["feature_freshness_s"]
    assert found(doc, RULE) == []
