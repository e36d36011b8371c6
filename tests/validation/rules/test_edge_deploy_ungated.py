"""edge-deploy-ungated: silent on good designs, exact (rule, nodes) on bad ones."""

from tests.validation.builder import add_edge, drop_nodes, findings, found, perception

RULE = "edge-deploy-ungated"


def test_compiled_and_staged_release_is_silent():
    assert found(perception(), RULE) == []


def test_release_without_a_compile_step_is_reported():
    doc = add_edge(drop_nodes(perception(), "compiler"), "registry", "ota", "deploy")
    [finding] = findings(doc, RULE)
    assert (finding.nodes, finding.path) == (["perception"], ["workers", "sim", "registry", "ota", "perception"])
    assert finding.message == (
        "Models reach Perception computer without a compile step for its accelerator: GPU training cluster → "
        "Simulation gate → Model registry → OTA staged rollout → Perception computer"
    )


def test_both_gaps_of_one_device_are_one_finding():
    doc = add_edge(drop_nodes(perception(), "compiler", "ota"), "registry", "perception", "deploy")
    [finding] = findings(doc, RULE)
    assert finding.message.startswith(
        "Models reach Perception computer without a compile step for its accelerator and without a staged fleet rollout"
    )
    assert finding.fix == (
        "Deploy to Perception computer through a model compiler (quantise and compile for it, then re-check "
        "accuracy) and an OTA rollout that ships to a shadow cohort first and halts on regressions."
    )
