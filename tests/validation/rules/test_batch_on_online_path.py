"""batch-on-online-path: silent on good designs, exact (rule, nodes) on bad ones."""

from tests.validation.builder import add_edge, findings, found, recs

RULE = "batch-on-online-path"


def test_offline_components_fed_by_data_edges_are_fine():
    assert found(recs(), RULE) == []


def test_data_lake_called_by_the_app_is_reported_with_its_path():
    doc = add_edge(recs(), "app", "lake", "request")
    [finding] = findings(doc, RULE)
    assert (finding.rule, finding.nodes) == (RULE, ["lake"])
    assert finding.path == ["client", "gateway", "ab", "app", "lake"]
    assert finding.edges == ["e1", "e2", "e3", "app-lake-request"]
    assert finding.message == (
        "Data lake (data lake) is called synchronously on the request path "
        "Mobile app → Gateway → A/B assignment → Recommendation service → Data lake"
    )


def test_training_pipeline_behind_the_ranker_is_reported():
    doc = add_edge(recs(), "ranker", "training", "request")
    assert found(doc, RULE) == [(RULE, ["training"])]
