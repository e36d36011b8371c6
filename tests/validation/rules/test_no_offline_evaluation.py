"""no-offline-evaluation: silent on good designs, exact (rule, nodes) on bad ones."""

from tests.validation.builder import add_edge, findings, found, recs

RULE = "no-offline-evaluation"


def test_every_deploy_path_through_evaluation_is_silent():
    assert found(recs(), RULE) == []


def test_deploy_edge_around_evaluation_exposes_every_model_behind_it():
    doc = add_edge(recs(), "training", "registry", "deploy")
    assert found(doc, RULE) == [(RULE, ["ranker"]), (RULE, ["retrieval"])]
    ranker = findings(doc, RULE)[0]
    assert ranker.path == ["training", "registry", "ranker"]
    assert ranker.edges == ["training-registry-deploy", "e21"]
    assert (
        ranker.message == "A model can travel Ranker training → Model registry → Ranker without an offline evaluation"
    )
