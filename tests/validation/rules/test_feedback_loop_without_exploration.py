"""feedback-loop-without-exploration: silent on good designs, exact (rule, nodes) on bad ones."""

from tests.validation.builder import add_edge, design, drop_nodes, findings, found, perception, recs, set_props

RULE = "feedback-loop-without-exploration"


def _without_ab_assignment() -> dict:
    doc = drop_nodes(recs(), "ab")
    return add_edge(doc, "gateway", "app", "request")


def test_loop_with_ab_assignment_and_exploration_is_silent():
    assert found(recs(), RULE) == []


def test_exploration_slots_alone_break_the_loop():
    assert found(_without_ab_assignment(), RULE) == []


def test_loop_without_exploration_is_reported_for_each_model_on_it():
    doc = set_props(_without_ab_assignment(), "reranker", exploration=False)
    assert found(doc, RULE) == [(RULE, ["ranker"]), (RULE, ["retrieval"])]
    ranker = findings(doc, RULE)[0]
    assert ranker.path[:3] == ["ranker", "app", "kafka"]
    assert ranker.path[-1] == "training"


def test_model_whose_outputs_never_reach_training_has_no_loop():
    doc = set_props(_without_ab_assignment(), "reranker", exploration=False)
    doc["edges"] = [
        e for e in doc["edges"] if (e["source"], e["target"]) not in {("app", "kafka"), ("client", "kafka")}
    ]
    assert found(doc, RULE) == []


def test_only_the_first_loops_carry_a_witness_path():
    models = [f"m{i:02}" for i in range(30)]
    doc = design(
        [
            ("client", "client"),
            ("app", "app_service"),
            ("kafka", "kafka", {"provides_labels": True}),
            ("training", "training_pipeline"),
            *((m, "model_server") for m in models),
        ],
        [
            ("client", "app", "request"),
            ("app", "kafka", "telemetry"),
            ("kafka", "training", "data"),
            *((("app", m, "request")) for m in models),
            *((("training", m, "deploy")) for m in models),
        ],
    )
    assert [(f.nodes, f.path) for f in findings(doc, RULE)] == [
        ([m], ["m" + m[1:], "app", "kafka", "training"] if i < 25 else None) for i, m in enumerate(models)
    ]


def test_an_active_learning_selector_is_the_data_engines_exploration():
    assert found(perception(), RULE) == []
    doc = set_props(perception(), "selector", exploration=False)
    assert found(doc, RULE) == [(RULE, ["perception"])]
