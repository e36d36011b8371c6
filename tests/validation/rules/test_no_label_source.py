"""no-label-source: silent on good designs, exact (rule, nodes) on bad ones."""

from tests.validation.builder import findings, found, recs, set_props

RULE = "no-label-source"


def test_label_providing_events_upstream_of_training_are_enough():
    assert found(recs(), RULE) == []


def test_supervised_task_without_labels_is_reported():
    doc = set_props(recs(), "events", provides_labels=False)
    [finding] = findings(doc, RULE)
    assert (finding.nodes, finding.severity) == (["training"], "error")
    assert finding.message.startswith("The task is ranking, but no labels reach Ranker training")


def test_generation_task_needs_no_labels():
    doc = set_props(recs(), "events", provides_labels=False)
    doc["problem"]["task"] = "generation"
    doc["problem"]["offline_metrics"] = ["BLEU"]
    assert found(doc, RULE) == []
