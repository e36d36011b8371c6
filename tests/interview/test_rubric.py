"""Rubric coverage: exact scores on the templates, on weakened copies and on a blank design."""

import pytest

from designer.document import blank_document
from designer.interview.cases import CASES
from designer.interview.rubric import rubric
from designer.validation.engine import validate_design
from designer.validation.registry import all_rules

from .helpers import template, without


def coverage(document):
    return rubric(document, validate_design(document))


def scores(result):
    return [s["score"] for s in result["steps"]]


@pytest.mark.parametrize("case_id", [c.id for c in CASES])
def test_every_template_covers_every_step(case_id):
    result = coverage(template(case_id))
    assert scores(result) == [1.0] * 7
    assert result["mean"] == 1.0 and result["weakest"] is None


def test_removing_monitoring_and_drift_detection_halves_step_7():
    result = coverage(without(template("video-recommendation"), "monitoring", "drift"))
    assert scores(result) == [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.5]
    assert result["mean"] == 0.9286
    assert result["weakest"] == {
        "id": "monitoring",
        "number": 7,
        "title": "Monitoring and infrastructure",
        "score": 0.5,
    }
    items = {i["label"]: (i["met"], i["score"]) for i in result["steps"][6]["items"]}
    assert items == {
        "Monitoring": (False, 0.0),
        "Drift detection": (False, 0.0),
        "Alerting": (True, 1.0),
        "Every serving component is monitored": (False, 0.0),
        "Drift detector sees serving data": (False, 0.5),
        "Monitors raise alerts": (True, 1.0),
        "Feedback loops explored": (True, 1.0),
    }
    why = next(i["why"] for i in result["steps"][6]["items"] if i["label"] == "Every serving component is monitored")
    assert why.startswith("missing-monitoring (error): ANN index (video embeddings)") and why.endswith("(+2 more)")


def test_removing_only_the_monitoring_component_costs_one_item():
    result = coverage(without(template("video-recommendation"), "monitoring"))
    assert scores(result)[6] == 0.8571


def test_accuracy_alone_does_not_fit_a_ranking_task():
    document = template("video-recommendation")
    document["problem"]["offline_metrics"] = ["accuracy"]
    result = coverage(document)
    assert scores(result) == [1.0, 1.0, 1.0, 1.0, 0.75, 1.0, 1.0]
    assert [i for i in result["steps"][4]["items"] if not i["met"]] == [
        {
            "label": "Offline metric fits the task",
            "met": False,
            "score": 0.0,
            "why": "none of accuracy fits ranking; use e.g. nDCG, mAP, MRR, recall@k (pCTR: log loss, calibration)",
        },
        {
            "label": "Offline metrics measure the task",
            "met": False,
            "score": 0.5,
            "why": "metric-task-mismatch (warning): None of the offline metrics (accuracy) measures a ranking model",
        },
    ]


def test_a_design_without_a_fallback_loses_the_fallback_item_and_half_the_no_fallback_rule():
    result = coverage(without(template("payment-fraud"), "rules_only"))
    assert scores(result) == [1.0, 1.0, 1.0, 1.0, 1.0, 0.875, 1.0]
    serving = {i["label"]: i["score"] for i in result["steps"][5]["items"]}
    assert (serving["Fallback when the model path fails"], serving["Every model dependency has a fallback"]) == (
        0.0,
        0.5,
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
    assert result["steps"][5]["score"] == 0.875


def test_blank_design_scores_only_the_rules_that_have_nothing_to_check():
    result = coverage(blank_document())
    assert scores(result) == [0.0, 0.3333, 0.7143, 0.75, 0.3333, 0.8333, 0.5714]
    assert result["mean"] == 0.5051
    assert result["weakest"]["id"] == "clarify"
    assert result["steps"][0]["items"][1] == {
        "label": "Latency SLO",
        "met": False,
        "score": 0.0,
        "why": "problem.latency_slo_ms is not set",
    }


def test_every_rule_is_one_item_of_the_step_its_module_names():
    result = coverage(blank_document())
    labels = {s["id"]: [i["label"] for i in s["items"]] for s in result["steps"]}
    for rule in all_rules():
        assert labels[rule.step].count(rule.goal) == 1, rule.id
    # Rule items follow the predicates, in rule id order (… request-cycle, single-point-of-failure, throughput-bottleneck).
    assert labels["serving"][-3:] == ["No request cycle", "No single point of failure", "Capacity above peak load"]
