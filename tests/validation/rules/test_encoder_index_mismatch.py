"""encoder-index-mismatch: silent on good designs, exact (rule, nodes) on bad ones."""

from tests.validation.builder import add_edge, add_node, findings, found, recs

RULE = "encoder-index-mismatch"


def _with_query_encoder(own_trainer: bool) -> dict:
    """App encodes the query with an embedding model, then queries the ANN index built by the indexer."""
    doc = add_node(recs(), "encoder", "embedding_model")
    add_edge(doc, "app", "encoder", "request")
    add_edge(doc, "encoder", "monitoring", "telemetry")
    if own_trainer:
        # A second trainer releases the query tower on its own; the index keeps the first trainer's items.
        for node_id, kind in (("tower_training", "training_pipeline"), ("tower_eval", "model_evaluation")):
            add_node(doc, node_id, kind)
        add_edge(doc, "features", "tower_training", "data")
        add_edge(doc, "tower_training", "tower_eval", "deploy")
        add_edge(doc, "tower_eval", "encoder", "deploy")
    else:
        add_edge(doc, "registry", "encoder", "deploy")
    return doc


def test_encoder_and_index_from_the_same_trainer_are_silent():
    assert found(_with_query_encoder(own_trainer=False), RULE) == []


def test_off_the_shelf_encoder_is_not_checked():
    doc = add_node(recs(), "encoder", "embedding_model")
    add_edge(doc, "app", "encoder", "request")
    assert found(doc, RULE) == []


def test_encoder_and_index_fed_by_different_trainers_are_reported():
    doc = _with_query_encoder(own_trainer=True)
    [finding] = findings(doc, RULE)
    assert finding.nodes == ["encoder", "retrieval"]
    assert finding.message == (
        "Encoder encodes queries with a model from Tower Training, but ANN retrieval holds embeddings from "
        "Ranker training: query and item vectors come from different models"
    )
