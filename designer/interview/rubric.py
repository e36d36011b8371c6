"""Rubric coverage: how much of each of the 7 steps a design shows, as a pure function of (document, findings).

Every step is a list of items. An item is either a predicate on the problem metadata or the
drawing (met = 1, not met = 0) or a validator rule outcome (no finding or only info = 1, worst
finding a warning = 0.5, an error = 0). All items weigh the same: a step's score is the mean of its
items, the design's score is the mean of the 7 step scores, and the weakest step is the lowest
(the first one in framework order on a tie; none when all score 1), so strong serving cannot hide missing monitoring.
Scores are rounded to 4 decimals. docs/interview.md lists every item.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from component_catalog.catalog import get_catalog
from designer.validation.registry import all_rules
from designer.validation.rules.metric_task_mismatch import fits as metric_fits

from .framework import STEPS

SUPERVISED = ("classification", "regression", "ranking", "generation")
RULE_SCORES = {"error": 0.0, "warning": 0.5, "info": 1.0}

#: Which metrics fit a task is the metric-task-mismatch rule's knowledge (metric_fits), used here too.
METRIC_EXAMPLES = {
    "classification": "precision/recall, PR-AUC, ROC-AUC, log loss",
    "regression": "RMSE, MAE, MAPE",
    "ranking": "nDCG, mAP, MRR, recall@k (pCTR: log loss, calibration)",
    "generation": "BLEU, ROUGE, FID, perplexity",
}
ROLLOUTS = ("canary", "shadow", "blue_green", "ab")


class _Design:
    """What the predicates read: roles drawn, props, fallback edges, the problem."""

    def __init__(self, document: dict):
        kinds = get_catalog().kinds
        self.problem = document.get("problem") or {}
        self.nodes = [n for n in document.get("nodes", []) if not kinds[n["kind"]].is_annotation]
        self.role_of = {n["id"]: kinds[n["kind"]].role for n in self.nodes}
        self.labels = {n["id"]: n.get("label") or kinds[n["kind"]].label for n in self.nodes}
        self.edges = document.get("edges", [])

    def with_roles(self, *roles: str) -> list[str]:
        return [self.labels[n["id"]] for n in self.nodes if self.role_of[n["id"]] in roles]

    def with_prop(self, prop: str, values=(True,)) -> list[str]:
        return [self.labels[n["id"]] for n in self.nodes if (n.get("props") or {}).get(prop) in values]


def _names(labels: list[str]) -> str:
    shown = ", ".join(labels[:3])
    return shown + (f" and {len(labels) - 3} more" if len(labels) > 3 else "")


def _item(label: str, met: bool, why: str) -> dict:
    return {"label": label, "met": met, "score": 1.0 if met else 0.0, "why": why}


def _drawn(design: _Design, label: str, roles: tuple, what: str) -> dict:
    found = design.with_roles(*roles)
    return _item(label, bool(found), f"drawn: {_names(found)}" if found else f"no {what} on the canvas")


def _declared(design: _Design, key: str, label: str, unit: str = "") -> dict:
    value = design.problem.get(key)
    if value in (None, "", []):
        return _item(label, False, f"problem.{key} is not set")
    if isinstance(value, list):
        return _item(label, True, ", ".join(value))
    if isinstance(value, str):
        return _item(label, True, "declared")
    return _item(label, True, f"{value:g}{unit}")


def _rule(by_rule: dict, rule: str, label: str) -> dict:
    found = by_rule.get(rule, [])
    if not found:
        return {"label": label, "met": True, "score": 1.0, "why": f"{rule}: no finding"}
    worst = min(found, key=lambda f: RULE_SCORES.get(f["severity"], 0.0))
    score = RULE_SCORES.get(worst["severity"], 0.0)
    more = f" (+{len(found) - 1} more)" if len(found) > 1 else ""
    return {
        "label": label,
        "met": score == 1.0,
        "score": score,
        "why": f"{rule} ({worst['severity']}): {worst['message']}{more}",
    }


def _task_fit(design: _Design) -> dict:
    task = design.problem.get("task")
    if task not in SUPERVISED:
        return _item("Components fit the task", False, "declare the ML task first")
    models = design.with_roles("model_server")
    if task == "ranking":
        retrieval = design.with_roles("candidate_retrieval", "candidate_generation")
        ok = bool(retrieval and models)
        why = (
            f"retrieval {_names(retrieval)} then ranking by {_names(models)}"
            if ok
            else "ranking needs a candidate retrieval stage and a ranking model server"
        )
        return _item("Components fit the task", ok, why)
    return _item(
        "Components fit the task",
        bool(models),
        f"{task} served by {_names(models)}" if models else f"{task} needs a model server",
    )


def _metric_fit(design: _Design) -> dict:
    task = design.problem.get("task")
    metrics = design.problem.get("offline_metrics") or []
    if not metrics:
        return _item("Offline metric fits the task", False, "problem.offline_metrics is empty")
    if task not in METRIC_EXAMPLES:
        return _item(
            "Offline metric fits the task",
            task == "other",
            'any metric fits task "other"' if task == "other" else "declare the ML task first",
        )
    fitting = [m for m in metrics if metric_fits(task, m)]
    if fitting:
        return _item(
            "Offline metric fits the task", True, f"{_names(fitting)} fit{'s' if len(fitting) == 1 else ''} {task}"
        )
    return _item(
        "Offline metric fits the task",
        False,
        f"none of {_names(metrics)} fits {task}; use e.g. {METRIC_EXAMPLES[task]}",
    )


def _fallback(design: _Design) -> dict:
    nodes = design.with_roles("fallback")
    edges = [e["id"] for e in design.edges if (e.get("props") or {}).get("fallback") is True]
    if nodes or edges:
        return _item(
            "Fallback when the model path fails",
            True,
            f"drawn: {_names(nodes)}" if nodes else f"fallback edges: {_names(edges)}",
        )
    return _item("Fallback when the model path fails", False, "no fallback component or fallback edge")


def _experiment(design: _Design) -> dict:
    found = design.with_roles("ab_testing") + design.with_prop("rollout", ROLLOUTS)
    return _item(
        "Online experiment or staged rollout",
        bool(found),
        f"{_names(found)}" if found else "no A/B assignment and no canary/shadow/blue-green rollout",
    )


def _drift(design: _Design) -> dict:
    found = design.with_roles("drift_detector") + design.with_prop("drift_detection")
    return _item("Drift detection", bool(found), f"drawn: {_names(found)}" if found else "no drift detector")


#: Predicate items per step id, in order. Each takes (design, findings by rule id). The rule items
#: follow them, one per validator rule whose `step` names the step (see rule_items()).
ITEMS: dict[str, tuple[Callable[[_Design, dict], dict], ...]] = {
    "clarify": (
        lambda d, r: _declared(d, "statement", "Problem statement"),
        lambda d, r: _declared(d, "latency_slo_ms", "Latency SLO", " ms"),
        lambda d, r: _declared(d, "peak_qps", "Peak QPS", " QPS"),
        lambda d, r: _declared(d, "feature_freshness_s", "Feature freshness", " s"),
    ),
    "frame": (
        lambda d, r: _item(
            "ML task declared",
            d.problem.get("task") in SUPERVISED,
            f"task: {d.problem['task']}"
            if d.problem.get("task") in SUPERVISED
            else "problem.task is not one of " + ", ".join(SUPERVISED),
        ),
        lambda d, r: _task_fit(d),
    ),
    "data": (
        lambda d, r: _drawn(
            d,
            "Storage",
            (
                "data_lake",
                "data_warehouse",
                "feature_store",
                "offline_feature_store",
                "online_feature_store",
                "database",
            ),
            "data store",
        ),
        lambda d, r: _drawn(d, "Data processing", ("batch_job", "stream_processor"), "batch or streaming job"),
    ),
    "model": (
        lambda d, r: _drawn(d, "Training pipeline", ("training_pipeline", "distributed_training"), "training pipeline"),
    ),
    "evaluation": (
        lambda d, r: _metric_fit(d),
        lambda d, r: _declared(d, "online_metrics", "Online metrics declared"),
        lambda d, r: _drawn(d, "Evaluation gate", ("model_evaluation",), "model evaluation gate"),
        lambda d, r: _experiment(d),
    ),
    "serving": (
        lambda d, r: _drawn(
            d,
            "Serving component",
            ("model_server", "candidate_retrieval", "candidate_generation"),
            "model server or retrieval",
        ),
        lambda d, r: _fallback(d),
    ),
    "monitoring": (
        lambda d, r: _drawn(d, "Monitoring", ("monitoring",), "monitoring component"),
        lambda d, r: _drift(d),
        lambda d, r: _drawn(d, "Alerting", ("alerting",), "alerting component"),
    ),
}


def rule_items() -> dict[str, list[tuple[str, str]]]:
    """(rule id, item label) per step id, from the rule modules' `step` and `goal`, in rule id order."""
    table: dict[str, list[tuple[str, str]]] = {step.id: [] for step in STEPS}
    for rule in all_rules():
        table[rule.step].append((rule.id, rule.goal))
    return table


def rubric(document: dict, findings: Iterable) -> dict:
    """Coverage of a valid document given its findings (Finding objects or their dicts).

    Returns {"steps": [{id, number, title, score, items: [{label, met, score, why}]}],
    "mean": float, "weakest": {id, number, title, score} or None when every step scores 1}.
    """
    by_rule: dict[str, list[dict]] = {}
    for finding in findings:
        data = finding if isinstance(finding, dict) else finding.as_dict()
        by_rule.setdefault(data["rule"], []).append(data)
    design = _Design(document)
    rules = rule_items()
    steps = []
    for step in STEPS:
        items = [make(design, by_rule) for make in ITEMS[step.id]]
        items += [_rule(by_rule, rule_id, label) for rule_id, label in rules[step.id]]
        score = round(sum(i["score"] for i in items) / len(items), 4)
        steps.append({"id": step.id, "number": step.number, "title": step.title, "score": score, "items": items})
    weakest = min(steps, key=lambda s: s["score"])
    return {
        "steps": steps,
        "mean": round(sum(s["score"] for s in steps) / len(steps), 4),
        "weakest": {key: weakest[key] for key in ("id", "number", "title", "score")} if weakest["score"] < 1 else None,
    }
