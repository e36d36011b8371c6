"""stale-features: silent on good designs, exact (rule, nodes) on bad ones."""

from tests.validation.builder import add_edge, add_node, drop_edges, findings, found, recs, set_props

RULE = "stale-features"


def test_streaming_path_is_fresh_enough():
    assert found(recs(), RULE) == []


def test_nightly_batch_as_the_only_path_is_stale():
    doc = drop_edges(recs(), ("stream", "features"))
    [finding] = findings(doc, RULE)
    assert (finding.nodes, finding.path) == (["features"], ["kafka", "lake", "validation", "batch", "features"])
    assert finding.message == (
        "The freshest data reaching Feature store is 90,001 s old (Kafka 1 s + Data lake 3,600 s + "
        "Data validation 0 s + Daily features 86,400 s + Feature store 0 s) but it must be fresher than 60 s "
        "(problem.feature_freshness_s)"
    )


def test_no_freshness_requirement_means_no_check():
    doc = drop_edges(recs(), ("stream", "features"))
    del doc["problem"]["feature_freshness_s"]
    assert found(doc, RULE) == []


def _two_stores(**session_props) -> dict:
    """Daily listing embeddings beside session features fed by a stream (each with its own requirement)."""
    doc = set_props(recs(), "features", **session_props)
    add_node(doc, "embeddings", "online_feature_store", freshness_s=172800)
    add_edge(doc, "batch", "embeddings", "data")
    add_edge(doc, "app", "embeddings", "request")
    return doc


def test_each_store_is_held_to_its_own_freshness():
    assert found(_two_stores(), RULE) == []


def test_a_store_fresher_than_the_problem_default_requires_is_checked_against_its_own_requirement():
    doc = _two_stores(freshness_s=2)
    [finding] = findings(doc, RULE)
    assert (finding.nodes, finding.path) == (["features"], ["kafka", "stream", "features"])
    assert finding.message == (
        "The freshest data reaching Feature store is 6 s old (Kafka 1 s + Streaming features 5 s + Feature store 0 s) "
        "but it must be fresher than 2 s (its freshness_s)"
    )


def test_a_store_older_than_its_own_requirement_is_reported():
    doc = _two_stores()
    set_props(doc, "embeddings", freshness_s=3600)
    assert found(doc, RULE) == [(RULE, ["embeddings"])]


def test_an_index_is_as_fresh_as_the_data_its_indexer_builds_it_from():
    doc = set_props(recs(), "retrieval", freshness_s=3600)
    add_edge(doc, "batch", "indexer", "data")
    [finding] = findings(doc, RULE)
    assert finding.path == ["kafka", "lake", "validation", "batch", "indexer", "retrieval"]


def test_an_orchestrator_starts_jobs_and_is_never_where_data_comes_from():
    for kind in ("control", "data"):  # drawn as a control edge, or the old way as a data edge
        doc = add_edge(drop_edges(recs(), ("stream", "features")), "orchestrator", "batch", kind)
        [finding] = findings(doc, RULE)
        assert finding.path == ["kafka", "lake", "validation", "batch", "features"], kind


def test_a_database_a_nightly_job_fills_is_as_stale_as_the_job():
    # A database is where data can originate, but one a job fills holds a copy: it is not its own source.
    doc = add_node(recs(), "sessions", "cassandra", freshness_s=60)
    add_edge(doc, "batch", "sessions", "data")
    add_edge(doc, "app", "sessions", "request")
    [finding] = findings(doc, RULE)
    assert (finding.nodes, finding.path) == (["sessions"], ["kafka", "lake", "validation", "batch", "sessions"])
    assert finding.message == (
        "The freshest data reaching Sessions is 90,001 s old (Kafka 1 s + Data lake 3,600 s + Data validation 0 s + "
        "Daily features 86,400 s + Sessions 0 s) but it must be fresher than 60 s (its freshness_s)"
    )


def test_a_database_nothing_fills_is_where_its_data_originates():
    doc = add_node(recs(), "profiles", "cassandra", freshness_s=60)
    add_edge(doc, "app", "profiles", "request")
    assert found(doc, RULE) == []
