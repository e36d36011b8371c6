"""no-canary-or-shadow: silent on good designs, exact (rule, nodes) on bad ones."""

from tests.validation.builder import add_edge, drop_nodes, findings, found, perception, recs, set_props

RULE = "no-canary-or-shadow"


def test_canary_ranker_and_ab_assigned_index_are_silent():
    assert found(recs(), RULE) == []


def test_one_step_rollout_without_ab_assignment_is_reported():
    doc = add_edge(drop_nodes(recs(), "ab"), "gateway", "app", "request")
    set_props(doc, "ranker", rollout="none")
    assert found(doc, RULE) == [(RULE, ["ranker"]), (RULE, ["retrieval"])]
    assert findings(doc, RULE)[0].message == (
        "Ranker switches to each new model in one step (rollout none, no A/B assignment in front of it)"
    )


def test_shadow_rollout_is_enough():
    doc = add_edge(drop_nodes(recs(), "ab"), "gateway", "app", "request")
    set_props(doc, "retrieval", rollout="shadow")
    assert found(doc, RULE) == []


def test_an_on_device_runtime_is_rolled_out_by_its_ota_stage():
    assert found(perception(), RULE) == []
