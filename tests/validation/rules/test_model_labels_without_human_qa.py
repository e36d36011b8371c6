"""model-labels-without-human-qa: silent on good designs, exact (rule, nodes) on bad ones."""

from tests.validation.builder import add_edge, drop_nodes, findings, found, perception

RULE = "model-labels-without-human-qa"


def test_auto_labels_reviewed_by_people_are_silent():
    assert found(perception(), RULE) == []


def test_auto_labels_straight_into_training_are_reported():
    doc = add_edge(drop_nodes(perception(), "review"), "auto", "validation", "data")
    [finding] = findings(doc, RULE)
    assert (finding.nodes, finding.path) == (["auto"], ["auto", "validation", "training"])
    assert finding.message == (
        "Labels from Auto-labeller reach Detector training with no human check: Auto-labeller → Dataset validation → "
        "Detector training"
    )
