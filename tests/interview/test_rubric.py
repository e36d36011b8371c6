"""Rubric coverage starts at zero: exact scores on a blank design, on weakened references, and rule items that earn credit only when what they check is drawn."""

import pytest

from designer.document import blank_document
from designer.interview.cases import CASES
from designer.interview.rubric import DEFAULT_SCOPES, RULE_SCOPES, rubric, rule_scope
from designer.validation.engine import validate_design
from designer.validation.registry import all_rules

from .helpers import template, without


def coverage(document):
    return rubric(document, validate_design(document))


def scores(result):
    return [s["score"] for s in result["steps"]]


def items(result, step_id):
    step = next(s for s in result["steps"] if s["id"] == step_id)
    return {i["label"]: (i["met"], i["score"]) for i in step["items"]}


def why(result, step_id, label):
    step = next(s for s in result["steps"] if s["id"] == step_id)
    return next(i["why"] for i in step["items"] if i["label"] == label)


def component(node_id, kind, label, x=0, **props):
    node = {"id": node_id, "kind": kind, "label": label, "x": x, "y": 0}
    return {**node, "props": props} if props else node


@pytest.mark.parametrize("case_id", [c.id for c in CASES])
def test_every_reference_covers_every_step(case_id):
    result = coverage(template(case_id))
    assert scores(result) == [1.0] * 7
    assert result["mean"] == 1.0 and result["weakest"] is None


def test_a_blank_design_scores_zero_on_every_step_and_says_why():
    result = coverage(blank_document())
    assert scores(result) == [0.0] * 7
    assert result["mean"] == 0.0
    assert result["weakest"] == {"id": "clarify", "number": 1, "title": "Clarify requirements", "score": 0.0}
    assert all(not i["met"] for s in result["steps"] for i in s["items"])
    assert why(result, "clarify", "Latency SLO") == "problem.latency_slo_ms is not set"
    assert why(result, "monitoring", "Every serving component is monitored") == (
        "missing-monitoring: nothing to check: no model server or retrieval index"
    )
    assert why(result, "serving", "Latency within the SLO") == (
        "latency-budget-exceeded: nothing to check until problem.latency_slo_ms is set"
    )
    assert why(result, "data", "Personal data filtered or access-controlled") == (
        "privacy-controls-missing: nothing to check: no component marked pii (holding personal data)"
    )


def test_monitoring_with_nothing_to_monitor_earns_no_credit_for_covering_every_model():
    document = blank_document()
    document["nodes"] = [component("mon", "prometheus", "Metrics")]
    result = coverage(document)
    assert items(result, "monitoring") == {
        "Monitoring": (True, 1.0),
        "Drift detection": (False, 0.0),
        "Alerting": (False, 0.0),
        "Feedback loops explored": (False, 0.0),
        "Every serving component is monitored": (False, 0.0),
        "Monitors raise alerts": (False, 0.5),
        "Drift detector sees serving data": (False, 0.0),
    }
    assert why(result, "monitoring", "Monitors raise alerts") == (
        "no-alerting (warning): Metrics raises no alerts: nothing connects it to an alerting component"
    )


def test_a_model_drawn_alone_is_checked_not_excused():
    document = blank_document()
    document["problem"] = {"task": "classification"}
    document["nodes"] = [component("m", "model_server", "Scorer")]
    result = coverage(document)
    serving = items(result, "serving")
    assert serving["No single point of failure"] == (False, 0.0)
    assert serving["New models reach traffic gradually"] == (False, 0.0)
    assert why(result, "serving", "New models reach traffic gradually") == (
        "no-canary-or-shadow: nothing to check: no model server or index that receives models by a deploy edge"
    )
    assert why(result, "monitoring", "Every serving component is monitored") == (
        "missing-monitoring (error): Scorer (model server) sends no telemetry or data that reaches a monitoring "
        "or drift-detection component"
    )


def test_removing_monitoring_and_drift_detection_leaves_step_7_at_its_alerting_and_loop_items():
    result = coverage(without(template("video-recommendation"), "monitoring", "drift"))
    assert scores(result) == [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.3571]
    assert result["mean"] == 0.9082
    assert result["weakest"] == {
        "id": "monitoring",
        "number": 7,
        "title": "Monitoring and infrastructure",
        "score": 0.3571,
    }
    assert items(result, "monitoring") == {
        "Monitoring": (False, 0.0),
        "Drift detection": (False, 0.0),
        "Alerting": (True, 1.0),
        "Feedback loops explored": (True, 1.0),
        "Every serving component is monitored": (False, 0.0),
        "Monitors raise alerts": (False, 0.0),
        "Drift detector sees serving data": (False, 0.5),
    }
    monitored = why(result, "monitoring", "Every serving component is monitored")
    assert monitored.startswith("missing-monitoring (error): ANN index (candidate retrieval) sends no telemetry")
    assert monitored.endswith("(+2 more)")
    assert why(result, "monitoring", "Monitors raise alerts") == (
        "no-alerting: nothing to check: no monitoring or drift detector"
    )


def test_removing_only_the_monitoring_component_costs_one_item():
    result = coverage(without(template("video-recommendation"), "monitoring"))
    assert scores(result)[6] == 0.8571
    assert why(result, "monitoring", "Every serving component is monitored") == (
        "missing-monitoring: no finding (checked User tower, ANN index, Ranker)"
    )


def test_accuracy_alone_does_not_measure_a_ranking_task():
    document = template("video-recommendation")
    document["problem"]["offline_metrics"] = ["accuracy"]
    result = coverage(document)
    assert scores(result) == [1.0, 1.0, 1.0, 1.0, 0.9, 1.0, 1.0]
    step = result["steps"][4]
    assert next(i for i in step["items"] if i["label"] == "Offline metrics measure the task") == {
        "label": "Offline metrics measure the task",
        "met": False,
        "score": 0.5,
        "why": "metric-task-mismatch (warning): None of the offline metrics (accuracy) measures a ranking model",
    }


def test_a_design_without_a_fallback_loses_the_fallback_item_and_half_the_no_fallback_rule():
    result = coverage(without(template("payment-fraud"), "rules_only"))
    assert scores(result) == [1.0, 1.0, 1.0, 1.0, 1.0, 0.8846, 1.0]
    serving = items(result, "serving")
    assert (serving["Fallback when the model path fails"], serving["Every model dependency has a fallback"]) == (
        (False, 0.0),
        (False, 0.5),
    )


def test_a_warning_counts_half_and_an_error_nothing():
    findings = [
        {"rule": "latency-budget-exceeded", "severity": "warning", "message": "p99 at 90 %", "fix": ""},
        {"rule": "throughput-bottleneck", "severity": "error", "message": "Ranker over capacity", "fix": ""},
        {"rule": "throughput-bottleneck", "severity": "warning", "message": "Gateway at 75 %", "fix": ""},
    ]
    result = rubric(template("video-recommendation"), findings)
    serving = {i["label"]: i for i in result["steps"][5]["items"]}
    assert serving["Latency within the SLO"]["score"] == 0.5
    assert serving["Capacity above peak load"] == {
        "label": "Capacity above peak load",
        "met": False,
        "score": 0.0,
        "why": "throughput-bottleneck (error): Ranker over capacity (+1 more)",
    }
    assert result["steps"][5]["score"] == 0.8846


def test_a_ranking_only_rule_does_not_apply_to_a_classification_task():
    result = coverage(template("payment-fraud"))
    frame = result["steps"][1]
    assert [i["label"] for i in frame["items"]] == ["ML task declared", "Components fit the task"]
    assert frame["not_applicable"] == [
        {
            "label": "Retrieval before ranking a large corpus",
            "why": "missing-candidate-generation: applies to ranking tasks; the task is classification",
        }
    ]


def test_rules_about_online_models_do_not_apply_when_every_model_is_served_in_batch():
    result = coverage(template("street-view-blurring"))
    not_applicable = {
        s["id"]: [(i["label"], i["why"].split(":")[0]) for i in s["not_applicable"]] for s in result["steps"]
    }
    assert not_applicable == {
        "clarify": [],
        "frame": [("Retrieval before ranking a large corpus", "missing-candidate-generation")],
        "data": [
            ("Each feature served as fresh as it needs", "feature-served-stale"),
            ("Every feature tied to where it is computed or served", "feature-without-component"),
            ("Model-made labels checked by people", "model-labels-without-human-qa"),
            ("Online stores are filled", "online-store-not-materialized"),
            ("Ranking uses user and item features", "ranking-without-user-item-features"),
            ("Features fresh enough", "stale-features"),
        ],
        "model": [("Features used online are logged for training", "feature-not-logged")],
        "evaluation": [("Retrieval evaluated separately from generation", "rag-without-retrieval-evaluation")],
        "serving": [
            ("Device models compiled and rolled out in stages", "edge-deploy-ungated"),
            ("Query encoder and index share a model version", "encoder-index-mismatch"),
            ("Generation time within the SLO", "generation-latency-exceeded"),
            ("LLM prompts and answers are checked", "llm-without-guardrails"),
            ("Every model dependency has a fallback", "no-fallback"),
            ("Expensive models behind a rate limit", "no-rate-limit"),
            ("No single point of failure", "single-point-of-failure"),
            ("Token throughput above peak demand", "token-throughput-exceeded"),
        ],
        "monitoring": [("Devices send fleet telemetry back", "no-fleet-telemetry")],
    }
    assert result["steps"][5]["not_applicable"][6]["why"] == (
        "single-point-of-failure: every model is served in batch (Detector (GPU)): none is on the request path"
    )


def test_an_on_device_rule_does_not_apply_to_a_design_without_a_device():
    why = {
        i["label"]: i["why"] for s in coverage(template("video-recommendation"))["steps"] for i in s["not_applicable"]
    }
    assert why["Devices send fleet telemetry back"] == (
        "no-fleet-telemetry: applies to designs with an edge device; none is drawn"
    )


def test_every_scope_names_a_rule_and_a_new_rule_gets_its_steps_default():
    assert set(RULE_SCOPES) <= {rule.id for rule in all_rules()}
    assert rule_scope("a-rule-not-written-yet", "monitoring") == DEFAULT_SCOPES["monitoring"]
    assert rule_scope("no-alerting", "monitoring") == RULE_SCOPES["no-alerting"]


def test_a_custom_component_earns_the_credit_of_the_role_it_plays():
    document = template("video-recommendation")
    drift = next(n for n in document["nodes"] if n["id"] == "drift")
    drift.update(kind="custom", role="drift_detector", label="Home-made drift check")
    drift.pop("props", None)
    result = coverage(document)
    assert items(result, "monitoring")["Drift detection"] == (True, 1.0)
    assert why(result, "monitoring", "Drift detection") == "drawn: Home-made drift check"
    assert scores(result) == [1.0] * 7
