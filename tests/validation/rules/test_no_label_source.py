"""no-label-source: silent on good designs, exact (rule, nodes) on bad ones."""

from tests.validation.builder import add_edge, add_node, findings, found, recs, set_props

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


def test_labels_that_reach_the_pipeline_reach_the_parameter_servers_it_calls():
    doc = add_node(recs(), "params", "parameter_server")
    add_edge(doc, "training", "params", "request")
    add_edge(doc, "params", "evaluation", "deploy")
    assert found(doc, RULE) == []


def test_a_trainer_no_label_reaches_and_no_labelled_trainer_calls_is_reported():
    doc = add_node(recs(), "params", "parameter_server")
    add_edge(doc, "params", "evaluation", "deploy")
    assert found(doc, RULE) == [(RULE, ["params"])]
