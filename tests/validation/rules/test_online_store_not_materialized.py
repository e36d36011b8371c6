"""online-store-not-materialized: silent on good designs, exact (rule, nodes) on bad ones."""

from tests.validation.builder import drop_edges, findings, found, recs

RULE = "online-store-not-materialized"


def test_stores_and_indexes_with_inbound_pipelines_are_silent():
    assert found(recs(), RULE) == []


def test_feature_store_nothing_writes_to():
    doc = drop_edges(recs(), ("stream", "features"), ("batch", "features"))
    [finding] = findings(doc, RULE)
    assert (finding.nodes, finding.message) == (
        ["features"],
        "Nothing loads features into Feature store: it has no inbound data or deploy edge",
    )


def test_index_nothing_builds():
    doc = drop_edges(recs(), ("indexer", "retrieval"))
    assert found(doc, RULE) == [(RULE, ["retrieval"])]
