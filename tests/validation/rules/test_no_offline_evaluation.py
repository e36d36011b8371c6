"""no-offline-evaluation: silent on good designs, exact (rule, nodes) on bad ones."""

from tests.validation.builder import add_edge, drop_nodes, findings, found, perception, recs

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


def test_a_simulation_gate_is_the_evaluation_of_an_on_device_model():
    assert found(perception(), RULE) == []
    [finding] = findings(add_edge(drop_nodes(perception(), "sim"), "workers", "registry", "deploy"), RULE)
    assert (finding.nodes, finding.path) == (["perception"], ["workers", "registry", "compiler", "ota", "perception"])
    assert finding.message == (
        "A model can travel GPU training cluster → Model registry → Quantise + compile (TensorRT) → OTA staged rollout "
        "→ Perception computer without an offline evaluation"
    )
