"""Rubric coverage: how much of each of the 7 steps a design shows, as a pure function of (document, findings).

Coverage starts at zero: nothing drawn, nothing earned. Every step is a list of items, all
weighing the same:

- a predicate on the problem or the drawing (a latency SLO declared, a training pipeline
  drawn): met = 1, not met = 0;
- a validator rule (one per rule whose `step` names the step, labelled by its `goal`). It earns
  credit only when the design has what the rule checks (its scope, RULE_SCOPES below: no
  monitoring drawn, no credit for "monitoring covers every served model"); then no finding (or
  only info) = 1, its worst finding a warning = 0.5, an error = 0.

A rule item that cannot apply to this design is left out of the step's mean and listed under the
step's `not_applicable` with the reason: a rule for other ML tasks than the declared one (retrieval
before ranking, for a classification task), or a rule about models on the request path when every
model the design draws is served in batch. A blank design therefore scores 0 on every step.

A step's score is the mean of its items, the design's score is the mean of the 7 step scores, and
the weakest step is the lowest (the first one in framework order on a tie; none when all score 1),
so strong serving cannot hide missing monitoring. Scores are rounded to 4 decimals.
docs/interview.md lists every item.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import networkx as nx

from component_catalog.catalog import get_catalog
from designer.format import is_real_time
from designer.validation.registry import all_rules

from .framework import STEPS

SUPERVISED = ("classification", "regression", "ranking", "generation")
RULE_SCORES = {"error": 0.0, "warning": 0.5, "info": 1.0}
ROLLOUTS = ("canary", "shadow", "blue_green", "ab")

ENTRY_ROLES = ("client", "api_gateway")
LLM_ROLES = ("llm_server", "hosted_llm_api")
MODEL_ROLES = ("model_server", "edge_device", *LLM_ROLES)
SERVING_ROLES = (
    "model_server",
    "candidate_retrieval",
    "candidate_generation",
    "embedding_model",
    "edge_device",
    *LLM_ROLES,
)
TRAINING_ROLES = ("training_pipeline", "distributed_training")
MONITOR_ROLES = ("monitoring", "drift_detector")
FEATURE_STORE_ROLES = ("feature_store", "online_feature_store")
FEATURE_STORES = (*FEATURE_STORE_ROLES, "offline_feature_store")
STORAGE_ROLES = (
    "data_lake",
    "data_warehouse",
    "feature_store",
    "offline_feature_store",
    "online_feature_store",
    "database",
)
DATA_ROLES = (
    *STORAGE_ROLES,
    "batch_job",
    "stream_processor",
    "event_stream",
    "data_source",
)


class _Design:
    """What the items read: components and their roles, props, edges, the request path, the problem."""

    def __init__(self, document: dict):
        kinds = get_catalog().kinds
        self.problem = document.get("problem") or {}
        self.task = self.problem.get("task")
        self.nodes = [n for n in document.get("nodes", []) if not kinds[n["kind"]].is_annotation]
        # A custom component plays the catalog role it names.
        self.role_of = {n["id"]: n.get("role") or kinds[n["kind"]].role for n in self.nodes}
        self.labels = {n["id"]: n.get("label") or kinds[n["kind"]].label for n in self.nodes}
        self.edges = [
            e for e in document.get("edges", []) if e["source"] in self.role_of and e["target"] in self.role_of
        ]
        requests: nx.DiGraph = nx.DiGraph()
        requests.add_nodes_from(self.role_of)
        requests.add_edges_from((e["source"], e["target"]) for e in self.edges if e["kind"] == "request")
        # The request path starts at clients and gateways, and at whatever calls others but is
        # called by nobody (a worker consuming a stream calls its model synchronously too).
        roots = [
            n
            for n in requests
            if requests.out_degree(n) and (self.role_of[n] in ENTRY_ROLES or not requests.in_degree(n))
        ]
        self.online = set(roots).union(*(nx.descendants(requests, r) for r in roots))
        self.features = list(document.get("features") or ())
        self.signals = list(document.get("signals") or ())

    def ids_with_roles(self, roles) -> list[str]:
        return [n["id"] for n in self.nodes if self.role_of[n["id"]] in roles]

    def with_roles(self, *roles: str) -> list[str]:
        return [self.labels[i] for i in self.ids_with_roles(roles)]

    def with_prop(self, prop: str, values=(True,)) -> list[str]:
        return [self.labels[n["id"]] for n in self.nodes if (n.get("props") or {}).get(prop) in values]

    def subjects(self, need: str) -> list[str]:
        """Labels of the components a scope requirement names (see NEEDS)."""
        if need == "pii":
            return self.with_prop("pii")
        if need == "any":
            return [self.labels[n["id"]] for n in self.nodes]
        if need == "request_path":
            return [self.labels[n["id"]] for n in self.nodes if n["id"] in self.online]
        if need == "features":
            return [f["name"] for f in self.features]
        if need == "served_features":
            return [f["name"] for f in self.features if f.get("served_by") in self.role_of]
        if need == "labels":
            return [s["name"] for s in self.signals if s.get("is_label")]
        if need == "deployed":
            targets = {e["target"] for e in self.edges if e["kind"] == "deploy"}
            return [self.labels[i] for i in self.ids_with_roles(SERVING_ROLES) if i in targets]
        roles, online_only = NEEDS[need][:2]
        return [self.labels[i] for i in self.ids_with_roles(roles) if not online_only or i in self.online]

    @property
    def batch_only(self) -> bool:
        """Every model is served in batch: none is on the request path and some are fed by data edges
        (a model drawn with no connection is not a batch design, it is unfinished)."""
        models = self.ids_with_roles(SERVING_ROLES)
        fed = {e["target"] for e in self.edges if e["kind"] == "data"}
        return not any(m in self.online for m in models) and any(m in fed for m in models)


#: What a scope can require: (roles, on the request path only, how its absence is named). "pii"
#: (a component marked as holding personal data), "any" (any component), "request_path" (any
#: component on it) and "deployed" (a serving component that receives models by a deploy edge)
#: are read directly.
NEEDS: dict[str, tuple] = {
    "request_path": ((), True, "request path (a client or gateway calling something)"),
    "serving": (SERVING_ROLES, False, "model server or retrieval index"),
    "online_model": (SERVING_ROLES, True, "model server or retrieval index on the request path"),
    "model_server": (("model_server", "edge_device"), False, "model server or edge device"),
    "llm": (LLM_ROLES, True, "LLM on the request path"),
    "training": (TRAINING_ROLES, False, "training pipeline"),
    "monitors": (MONITOR_ROLES, False, "monitoring or drift detector"),
    "stores": ((*FEATURE_STORE_ROLES, "candidate_retrieval"), False, "feature store or retrieval index"),
    "online_features": (FEATURE_STORE_ROLES, True, "feature store on the request path"),
    "data": (DATA_ROLES, False, "data store, stream or data job"),
    "deployed": (SERVING_ROLES, False, "model server or index that receives models by a deploy edge"),
    "pii": ((), False, "component marked pii (holding personal data)"),
    "features": ((), False, "feature listed (the Features tab)"),
    "served_features": ((), False, "feature with a served_by component"),
    "labels": ((), False, "signal marked as a label"),
    "any": ((), False, "component"),
}


@dataclass(frozen=True)
class Scope:
    """What a rule checks: every `needs` entry must be drawn and every `problem` field declared
    for its item to earn credit. `tasks`: the rule applies only to these ML tasks. `online`: the
    rule is about models on the request path, so it does not apply when every model is served in
    batch. `only_with`: (roles, what they are called) the rule is about; it does not apply to a
    design that draws none of them (an on-device rule on a data-centre design)."""

    needs: tuple[str, ...]
    problem: tuple[str, ...] = ()
    tasks: tuple[str, ...] | None = None
    online: bool = False
    only_with: tuple[tuple[str, ...], str] | None = None


#: The scope of each validator rule, by rule id. A rule missing here gets its step's default scope
#: (DEFAULT_SCOPES), so a new rule starts at zero too.
RULE_SCOPES: dict[str, Scope] = {
    "batch-on-online-path": Scope(("request_path",)),
    "request-cycle": Scope(("request_path",)),
    "latency-budget-exceeded": Scope(("request_path",), problem=("latency_slo_ms",)),
    "throughput-bottleneck": Scope(("request_path",), problem=("peak_qps",)),
    "single-point-of-failure": Scope(("online_model",), online=True),
    "no-fallback": Scope(("online_model",), online=True),
    "orphan-component": Scope(("any",)),
    "missing-candidate-generation": Scope(("online_model",), tasks=("ranking",), online=True),
    "stale-features": Scope(("online_features",), problem=("feature_freshness_s",), online=True),
    "online-store-not-materialized": Scope(("stores",), online=True),
    "privacy-controls-missing": Scope(("pii",)),
    "no-label-source": Scope(("training",), tasks=("classification", "regression", "ranking")),
    "no-data-validation": Scope(("training",)),
    "model-without-training": Scope(("model_server",)),
    "training-serving-skew": Scope(("serving", "training")),
    "no-serving-feature-logging": Scope(("serving", "training")),
    "no-offline-evaluation": Scope(("serving", "training")),
    "metric-task-mismatch": Scope((), problem=("task", "offline_metrics"), tasks=SUPERVISED),
    "no-model-registry": Scope(("deployed",)),
    "no-canary-or-shadow": Scope(("deployed",)),
    "missing-monitoring": Scope(("serving",)),
    "no-drift-detection": Scope(("serving",)),
    "no-alerting": Scope(("monitors",)),
    "feedback-loop-without-exploration": Scope(("serving", "training")),
    "encoder-index-mismatch": Scope(("online_model",), online=True),
    "no-rate-limit": Scope(("online_model",), online=True),
    "pii-in-prompt-or-index": Scope(("pii",)),
    "llm-without-guardrails": Scope(("llm",), tasks=("generation",), online=True),
    "generation-latency-exceeded": Scope(("llm",), problem=("latency_slo_ms",), tasks=("generation",), online=True),
    "token-throughput-exceeded": Scope(("llm",), problem=("peak_qps",), tasks=("generation",), online=True),
    "rag-without-retrieval-evaluation": Scope(("llm",), tasks=("generation",), online=True),
    "edge-deploy-ungated": Scope(("deployed",), only_with=(("edge_device",), "an edge device")),
    "no-fleet-telemetry": Scope(("serving",), only_with=(("edge_device",), "an edge device")),
    "model-labels-without-human-qa": Scope(("training",), only_with=(("auto_labeler",), "an auto-labeller")),
    "feature-served-stale": Scope(("served_features",), online=True),
    "feature-without-component": Scope(("features",), only_with=(FEATURE_STORES, "a feature store")),
    "feature-not-logged": Scope(("served_features", "training"), online=True),
    "label-reaches-no-training": Scope(("labels",)),
    "ranking-without-user-item-features": Scope(("features",), tasks=("ranking",)),
    "missing-context-features": Scope(("features",)),
}

#: The scope of a rule that RULE_SCOPES does not list, by its step.
DEFAULT_SCOPES: dict[str, Scope] = {
    "clarify": Scope(("any",)),
    "frame": Scope(("serving",)),
    "data": Scope(("data",)),
    "model": Scope(("training",)),
    "evaluation": Scope(("serving", "training")),
    "serving": Scope(("request_path",)),
    "monitoring": Scope(("monitors",)),
}


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


def _not_applicable(design: _Design, scope: Scope) -> str | None:
    """Why a rule cannot apply to this design, or None when it applies."""
    if scope.tasks is not None and design.task is not None and design.task not in scope.tasks:
        return f"applies to {' and '.join(scope.tasks)} tasks; the task is {design.task}"
    if scope.online and design.batch_only:
        models = design.with_roles(*SERVING_ROLES)
        return f"every model is served in batch ({_names(models)}): none is on the request path"
    if scope.only_with is not None and not design.with_roles(*scope.only_with[0]):
        return f"applies to designs with {scope.only_with[1]}; none is drawn"
    return None


def _rule(design: _Design, by_rule: dict, rule: str, label: str, scope: Scope) -> dict:
    for key in scope.problem:
        if design.problem.get(key) in (None, "", []):
            return _item(label, False, f"{rule}: nothing to check until problem.{key} is set")
    checked: list[str] = []
    for need in scope.needs:
        found = design.subjects(need)
        if not found:
            return _item(label, False, f"{rule}: nothing to check: no {NEEDS[need][2]}")
        checked += [name for name in found if name not in checked]
    found = by_rule.get(rule, [])
    where = f" (checked {_names(checked)})" if checked else ""
    if not found:
        return {"label": label, "met": True, "score": 1.0, "why": f"{rule}: no finding{where}"}
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
    task = design.task
    if task not in SUPERVISED:
        return _item("Components fit the task", False, "declare the ML task first")
    models = design.with_roles(*MODEL_ROLES)
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


def _fallback(design: _Design) -> dict:
    nodes = design.with_roles("fallback")
    edges = [
        f"{design.labels[e['source']]} → {design.labels[e['target']]}"
        for e in design.edges
        if (e.get("props") or {}).get("fallback") is True
    ]
    if nodes or edges:
        return _item(
            "Fallback when the model path fails",
            True,
            f"drawn: {_names(nodes)}" if nodes else f"fallback edges: {_names(edges)}",
        )
    return _item("Fallback when the model path fails", False, "no fallback component or fallback edge")


def _experiment(design: _Design) -> dict:
    # An OTA fleet rollout is staged by definition (shadow mode, a cohort, then the fleet).
    found = design.with_roles("ab_testing", "ota_rollout") + design.with_prop("rollout", ROLLOUTS)
    return _item(
        "Online experiment or staged rollout",
        bool(found),
        f"{_names(found)}" if found else "no A/B assignment, no canary/shadow/blue-green rollout and no OTA rollout",
    )


def _feature_categories(design: _Design) -> dict:
    categories = list(dict.fromkeys(f["category"] for f in design.features))
    label = "Features in at least two categories"
    if not design.features:
        return _item(label, False, "no features listed (the Features tab)")
    return _item(label, len(categories) >= 2, f"{len(design.features)} features: {', '.join(categories)}")


def _fresh_features(design: _Design, by_rule: dict) -> dict:
    """Every real-time feature is served by a component feature-served-stale has nothing to say about, or
    computed on the request path (from the request itself)."""
    label = "Each real-time feature served fresh"
    if not design.features:
        return _item(label, False, "no features listed (the Features tab)")
    fast = [f for f in design.features if is_real_time(f)]
    if not fast:
        return _item(label, True, "no feature needs real-time freshness")
    stale = {i for f in by_rule.get("feature-served-stale", []) for i in f.get("features", [])}
    unserved = [
        f["name"]
        for f in fast
        if f.get("served_by") not in design.role_of and f.get("computed_by") not in design.online
    ]
    late = [f["name"] for f in fast if f["id"] in stale]
    if unserved:
        return _item(label, False, f"neither served by a store nor computed on the request path: {_names(unserved)}")
    if late:
        return _item(label, False, f"served stale: {_names(late)}")
    return _item(label, True, "served fresh: " + _names([f["name"] for f in fast]))


def _labels(design: _Design) -> dict:
    labels = [s["name"] for s in design.signals if s.get("is_label")]
    return _item(
        "Labels named among the signals",
        bool(labels),
        f"labels: {_names(labels)}" if labels else "no signal is marked as a label",
    )


def _drift(design: _Design) -> dict:
    found = design.with_roles("drift_detector") + design.with_prop("drift_detection")
    return _item("Drift detection", bool(found), f"drawn: {_names(found)}" if found else "no drift detector")


#: Predicate items per step id, in order. Each takes the design (and, when it has a second
#: parameter, the findings by rule id). The rule items follow them, one
#: per validator rule whose `step` names the step (see rule_items()).
ITEMS: dict[str, tuple[Callable[..., dict], ...]] = {
    "clarify": (
        lambda d: _declared(d, "statement", "Problem statement"),
        lambda d: _declared(d, "latency_slo_ms", "Latency SLO", " ms"),
        lambda d: _declared(d, "peak_qps", "Peak QPS", " QPS"),
        lambda d: _declared(d, "feature_freshness_s", "Feature freshness", " s"),
    ),
    "frame": (
        lambda d: _item(
            "ML task declared",
            d.task in SUPERVISED,
            f"task: {d.task}" if d.task in SUPERVISED else "problem.task is not one of " + ", ".join(SUPERVISED),
        ),
        lambda d: _task_fit(d),
    ),
    "data": (
        lambda d: _drawn(d, "Storage", STORAGE_ROLES, "data store"),
        lambda d: _drawn(d, "Data processing", ("batch_job", "stream_processor"), "batch or streaming job"),
        lambda d: _feature_categories(d),
        lambda d, by_rule: _fresh_features(d, by_rule),
        lambda d: _labels(d),
    ),
    "model": (lambda d: _drawn(d, "Training pipeline", TRAINING_ROLES, "training pipeline"),),
    "evaluation": (
        lambda d: _declared(d, "online_metrics", "Online metrics declared"),
        lambda d: _drawn(d, "Evaluation gate", ("model_evaluation",), "model evaluation gate"),
        lambda d: _experiment(d),
    ),
    "serving": (
        lambda d: _drawn(d, "Serving component", SERVING_ROLES, "model server or retrieval"),
        lambda d: _fallback(d),
    ),
    "monitoring": (
        lambda d: _drawn(d, "Monitoring", ("monitoring",), "monitoring component"),
        lambda d: _drift(d),
        lambda d: _drawn(d, "Alerting", ("alerting",), "alerting component"),
    ),
}


def _wants_findings(make: Callable) -> bool:
    """Items that read the findings as well as the design take them as a second argument."""
    return make.__code__.co_argcount == 2


def rule_items() -> dict[str, list[tuple[str, str]]]:
    """(rule id, item label) per step id, from the rule modules' `step` and `goal`, in rule id order."""
    table: dict[str, list[tuple[str, str]]] = {step.id: [] for step in STEPS}
    for rule in all_rules():
        table[rule.step].append((rule.id, rule.goal))
    return table


def rule_scope(rule_id: str, step_id: str) -> Scope:
    """What a rule checks: its RULE_SCOPES entry, else its step's default."""
    return RULE_SCOPES.get(rule_id) or DEFAULT_SCOPES[step_id]


def rubric(document: dict, findings: Iterable) -> dict:
    """Coverage of a valid document given its findings (Finding objects or their dicts).

    Returns {"steps": [{id, number, title, score, items: [{label, met, score, why}],
    not_applicable: [{label, why}]}], "mean": float, "weakest": {id, number, title, score} or None
    when every step scores 1}.
    """
    by_rule: dict[str, list[dict]] = {}
    for finding in findings:
        data = finding if isinstance(finding, dict) else finding.as_dict()
        by_rule.setdefault(data["rule"], []).append(data)
    design = _Design(document)
    rules = rule_items()
    steps = []
    for step in STEPS:
        items = [make(design, by_rule) if _wants_findings(make) else make(design) for make in ITEMS[step.id]]
        not_applicable = []
        for rule_id, label in rules[step.id]:
            scope = rule_scope(rule_id, step.id)
            reason = _not_applicable(design, scope)
            if reason:
                not_applicable.append({"label": label, "why": f"{rule_id}: {reason}"})
            else:
                items.append(_rule(design, by_rule, rule_id, label, scope))
        score = round(sum(i["score"] for i in items) / len(items), 4)
        steps.append(
            {
                "id": step.id,
                "number": step.number,
                "title": step.title,
                "score": score,
                "items": items,
                "not_applicable": not_applicable,
            }
        )
    weakest = min(steps, key=lambda s: s["score"])
    return {
        "steps": steps,
        "mean": round(sum(s["score"] for s in steps) / len(steps), 4),
        "weakest": {key: weakest[key] for key in ("id", "number", "title", "score")} if weakest["score"] < 1 else None,
    }
