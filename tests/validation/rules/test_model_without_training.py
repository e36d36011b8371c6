"""model-without-training: silent on good designs, exact (rule, nodes) on bad ones."""

from tests.validation.builder import chat, drop_edges, findings, found, perception, rag, recs

RULE = "model-without-training"


def test_model_delivered_by_training_is_silent():
    assert found(recs(), RULE) == []


def test_model_server_with_no_deploy_path_is_reported():
    [finding] = findings(drop_edges(recs(), ("registry", "ranker")), RULE)
    assert (finding.nodes, finding.severity) == (["ranker"], "error")
    assert finding.message == "Ranker serves a model, but no deploy path brings it one from a training pipeline"


def test_retrieval_index_needs_no_trained_model():
    assert found(drop_edges(recs(), ("indexer", "retrieval")), RULE) == []


def test_a_hosted_llm_api_needs_no_training():
    assert found(chat(), RULE) == []
    assert found(rag(), RULE) == []


def test_an_on_device_model_needs_a_deploy_path_from_training():
    assert found(perception(), RULE) == []
    assert found(drop_edges(perception(), ("ota", "perception")), RULE) == [(RULE, ["perception"])]
