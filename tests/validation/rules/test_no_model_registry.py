"""no-model-registry: silent on good designs, exact (rule, nodes) on bad ones."""

from tests.validation.builder import add_edge, findings, found, recs

RULE = "no-model-registry"


def test_deploys_through_the_registry_are_silent():
    assert found(recs(), RULE) == []


def test_evaluated_model_copied_straight_to_serving_is_reported():
    doc = add_edge(recs(), "evaluation", "ranker", "deploy")
    [finding] = findings(doc, RULE)
    assert (finding.nodes, finding.severity) == (["ranker"], "warning")
    assert finding.path == ["training", "evaluation", "ranker"]
