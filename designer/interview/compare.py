"""Compare a candidate's design with a problem's reference: matched components, what differs, coverage per step.

A pure function of (candidate document, reference document, the problem fields the facts set).
Components (not notes or groups) are matched one to one by an optimal assignment: networkx's
max_weight_matching over a bipartite graph whose edges are compatible pairs (each reference
component's CHOICES best), weighted by explicit scores. A pair is compatible when both have the same catalog role, or related roles
(ROLE_FAMILIES: a batch job where the reference streams). Its score:

    0.5 × role (1 same role, 0.6 related) + 0.3 × neighbourhood + 0.2 × label

where the neighbourhood is the share of the reference component's connections (direction, edge
kind, role at the other end) that the candidate's component also has, and the label score is
the overlap of their words (shorter label's words found in the other). Weights are integers
(score × 1000) and the graph is built in document order, so the matching is deterministic.

Then, over the matched pairs, it reports what the reference has that the candidate lacks
(components, connections, a store or job shared by training and serving), what differs
(connections of another kind or direction, a related but different role), what the candidate
added, and problem facts set differently. Every item belongs to one of the 7 steps, and each
step gets a coverage: the share of the reference's components, connections, shared stores and
facts of that step the candidate has (half for a connection of another kind or direction, or a
component of a related role). Ids are stable (the reference's and the candidate's own ids), so
a UI can colour a matched pair alike on both diagrams. docs/interview.md describes the output.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import networkx as nx

from component_catalog.catalog import get_catalog
from designer.format import FEATURE_CATEGORIES, freshness_s, is_real_time

from .framework import STEPS

#: Roles that can stand in for one another, with a name for the family.
ROLE_FAMILIES = {
    "feature store": ("feature_store", "online_feature_store"),
    "offline storage": ("offline_feature_store", "data_warehouse", "data_lake"),
    "data job": ("batch_job", "stream_processor"),
    "event source": ("event_stream", "data_source"),
    "trainer": ("training_pipeline", "distributed_training"),
    "model serving": ("model_server", "edge_device"),
    "LLM": ("llm_server", "hosted_llm_api"),
}
FAMILY_OF = {role: name for name, roles in ROLE_FAMILIES.items() for role in roles}

ROLE_WEIGHT, NEIGHBOUR_WEIGHT, LABEL_WEIGHT = 0.5, 0.3, 0.2
RELATED_ROLE = 0.6
#: Candidates each reference component brings into the matching (its best-scoring ones).
CHOICES = 8

#: The step a component belongs to, by catalog category, then by role where the role says more.
CATEGORY_STEPS = {
    "entry": "serving",
    "online": "serving",
    "serving": "serving",
    "features": "data",
    "data": "data",
    "training": "model",
    "observability": "monitoring",
}
ROLE_STEPS = {
    "model_evaluation": "evaluation",
    "ab_testing": "evaluation",
    "llm_judge": "evaluation",
    "model_registry": "serving",
    "orchestrator": "model",
    "document_ingestion": "data",
    "auto_labeler": "data",
    "active_learning_selector": "data",
}

TRAINING_ROLES = frozenset({"training_pipeline", "distributed_training"})
#: Stores and jobs that, when both training and serving read what they produce, compute features once.
SHARED_ROLES = frozenset(
    {"feature_store", "online_feature_store", "offline_feature_store", "batch_job", "stream_processor"}
)
SERVED_ROLES = frozenset({"feature_store", "online_feature_store", "candidate_retrieval"})

#: Problem fields compared besides the ones facts set, and the step of each field.
FIELD_STEPS = {
    "statement": "clarify",
    "latency_slo_ms": "clarify",
    "peak_qps": "clarify",
    "feature_freshness_s": "clarify",
    "model_freshness_s": "clarify",
    "corpus_size": "clarify",
    "tokens_per_request": "clarify",
    "task": "frame",
    "offline_metrics": "evaluation",
    "online_metrics": "evaluation",
}
FIELD_NAMES = {
    "latency_slo_ms": ("latency SLO", " ms"),
    "peak_qps": ("peak QPS", " QPS"),
    "feature_freshness_s": ("feature freshness", " s"),
    "model_freshness_s": ("model freshness", " s"),
    "corpus_size": ("corpus size", " items"),
    "tokens_per_request": ("tokens per request", " tokens"),
    "task": ("ML task", ""),
    "offline_metrics": ("offline metrics", ""),
    "online_metrics": ("online metrics", ""),
}

#: Item kinds, in the order they are listed within a step.
KINDS = (
    "fact",
    "missing_component",
    "different_role",
    "not_shared",
    "missing_connection",
    "connection_kind",
    "connection_direction",
    "extra_component",
    "extra_connection",
    "missing_feature_category",
    "feature_freshness",
)
#: A candidate's feature stands for a reference feature of its category when their names share this much.
FEATURE_NAME_MATCH = 0.5

_STOP_WORDS = frozenset({"a", "an", "the", "of", "and", "for", "to", "in", "on", "by", "with", "per", "&"})


def _stem(word: str) -> str:
    """A crude stem, enough for labels: trainer, training, trains → train."""
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    for suffix in ("ing", "er"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _words(label: str) -> frozenset:
    return frozenset(_stem(w) for w in re.findall(r"[a-z0-9]+", label.lower()) if w not in _STOP_WORDS)


def _a(role: str) -> str:
    """A catalog role in words with its article: "an online feature store", "a batch job"."""
    words = role.replace("_", " ")
    return f"{'an' if words[0] in 'aeiou' else 'a'} {words}"


def _overlap(wa: frozenset, wb: frozenset) -> float:
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


def label_score(a: str, b: str) -> float:
    """Share of the shorter label's words found in the other (1 for equal labels, 0 for none shared)."""
    return _overlap(_words(a), _words(b))


def _edge_kind(edge: dict) -> str:
    props = edge.get("props") or {}
    if edge["kind"] == "request" and props.get("fallback"):
        return "fallback request"
    if edge["kind"] == "telemetry" and props.get("logs_features"):
        return "telemetry with served features"
    return edge["kind"]


def _num(value) -> str:
    if isinstance(value, list):
        return ", ".join(value) if value else "none"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else str(value)


@dataclass
class _Side:
    """One design as the comparison reads it: components, their roles and labels, and connections."""

    document: dict
    nodes: dict = field(init=False)
    edges: list = field(init=False)

    def __post_init__(self):
        kinds = get_catalog().kinds
        # Where a custom component sits: with the first kind of the role it plays.
        role_category: dict[str, str] = {}
        for catalog_kind in kinds.values():
            role_category.setdefault(catalog_kind.role, catalog_kind.category)
        self.nodes = {}
        for node in self.document.get("nodes", []):
            kind = kinds[node["kind"]]
            if not kind.is_annotation:
                label = node.get("label") or kind.label
                self.nodes[node["id"]] = {
                    # A custom component plays the role it names, and sits where that role's kinds do.
                    "role": node.get("role") or kind.role,
                    "category": role_category.get(node.get("role"), kind.category),
                    "label": label,
                    "words": _words(label),
                }
        self.edges = [
            {**e, "compare_kind": _edge_kind(e)}
            for e in self.document.get("edges", [])
            if e["source"] in self.nodes and e["target"] in self.nodes
        ]
        self.incident: dict[str, list] = {n: [] for n in self.nodes}
        self.neighbourhoods: dict[str, Counter] = {n: Counter() for n in self.nodes}
        for e in self.edges:
            u, v, kind = e["source"], e["target"], e["compare_kind"]
            self.incident[u].append(e)
            self.neighbourhoods[u]["out", kind, self.nodes[v]["role"]] += 1
            if v != u:
                self.incident[v].append(e)
            self.neighbourhoods[v]["in", kind, self.nodes[u]["role"]] += 1

    @cached_property
    def order(self) -> dict:
        return {n: i for i, n in enumerate(self.nodes)}

    def role(self, node: str) -> str:
        return self.nodes[node]["role"]

    def label(self, node: str) -> str:
        return self.nodes[node]["label"]

    def step(self, node: str) -> str:
        info = self.nodes[node]
        return ROLE_STEPS.get(info["role"]) or CATEGORY_STEPS.get(info["category"], "serving")

    def edge_step(self, edge: dict) -> str:
        kind, roles = edge["compare_kind"], {self.role(edge["source"]), self.role(edge["target"])}
        if kind == "deploy":
            return "evaluation" if "model_evaluation" in roles else "serving"
        if kind == "telemetry with served features":
            return "model"
        if kind == "telemetry":
            return "monitoring"
        if kind == "data":
            return "model" if roles & TRAINING_ROLES else "data"
        return "serving"

    @cached_property
    def data_view(self) -> nx.DiGraph:
        view: nx.DiGraph = nx.DiGraph()
        view.add_nodes_from(self.nodes)
        view.add_edges_from((e["source"], e["target"]) for e in self.edges if e["kind"] == "data")
        return view

    @cached_property
    def served(self) -> set:
        """Stores and indexes read on the request path (a request edge into them)."""
        return {e["target"] for e in self.edges if e["kind"] == "request" and self.role(e["target"]) in SERVED_ROLES}

    def sharing(self, node: str, also_served=frozenset()) -> tuple[list, list] | None:
        """(trainers, served stores) a shared store or job feeds, or None when it does not feed both.

        `also_served` counts as read by serving too: on the candidate's side, the counterparts of
        what the reference serves, so a connection of another kind is reported once, as itself,
        rather than again as a store no longer shared."""
        if self.role(node) not in SHARED_ROLES:
            return None
        reached = nx.descendants(self.data_view, node) | {node}
        trainers = [n for n in self.nodes if n in reached and self.role(n) in TRAINING_ROLES]
        served = [n for n in self.nodes if n in reached and (n in self.served or n in also_served)]
        return (trainers, served) if trainers and served else None

    def describe(self, node: str, other=None) -> str:
        """How `node` is connected, in words: "watching Ranker; fed by Offline store"."""
        phrases: dict[str, list[str]] = {}
        watcher = self.role(node) in ("monitoring", "drift_detector", "alerting")
        for e in self.incident[node]:
            if e["source"] == e["target"]:
                continue
            outgoing = e["source"] == node
            peer = e["target"] if outgoing else e["source"]
            kind = e["kind"]
            if kind == "telemetry":
                verb = "reporting to" if outgoing else ("watching" if watcher else "receiving telemetry from")
            elif kind == "request":
                verb = "calling" if outgoing else "called by"
            elif kind == "data":
                verb = "feeding" if outgoing else "fed by"
            else:
                verb = "deploying to" if outgoing else "deployed from"
            name = self.label(peer)
            theirs = other(peer) if other is not None else None
            if theirs is not None and theirs != name:
                name += f" (your {theirs})"
            names = phrases.setdefault(verb, [])
            if name not in names:
                names.append(name)
        return "; ".join(f"{verb} {', '.join(names)}" for verb, names in phrases.items())


def _pair_score(ref: _Side, r: str, cand: _Side, c: str) -> tuple[float, float, float, tuple] | None:
    """(score, role part, label score, (neighbours that agree, of)) or None when the roles are unrelated."""
    rr, cr = ref.role(r), cand.role(c)
    if rr == cr:
        role = 1.0
    elif FAMILY_OF.get(rr) and FAMILY_OF.get(rr) == FAMILY_OF.get(cr):
        role = RELATED_ROLE
    else:
        return None
    labels = _overlap(ref.nodes[r]["words"], cand.nodes[c]["words"])
    mine, theirs = ref.neighbourhoods[r], cand.neighbourhoods[c]
    total = sum(mine.values())
    agree = sum((mine & theirs).values())
    if total:
        neighbours = agree / total
    else:
        neighbours = 1.0 if not theirs else 0.5
    score = ROLE_WEIGHT * role + NEIGHBOUR_WEIGHT * neighbours + LABEL_WEIGHT * labels
    return score, role, labels, (agree, total)


def _match(ref: _Side, cand: _Side) -> dict:
    """Reference node → (candidate node, score details), by maximum-weight bipartite matching.

    Each reference component brings its CHOICES best-scoring candidates (ties: document order)
    into the matching, which keeps the graph small for a candidate of thousands of components
    while any sensible assignment stays available."""
    by_role: dict[str, list] = {}
    for c, info in cand.nodes.items():
        by_role.setdefault(info["role"], []).append(c)
    graph: nx.Graph = nx.Graph()
    details = {}
    for r in ref.nodes:
        role = ref.role(r)
        family = ROLE_FAMILIES.get(FAMILY_OF.get(role, ""), (role,))
        scored = []
        for other in dict.fromkeys((role, *family)):
            for c in by_role.get(other, ()):
                found = _pair_score(ref, r, cand, c)
                if found is not None:
                    scored.append((-round(found[0] * 1000), cand.order[c], c, found))
        scored.sort()
        for weight, _, c, found in scored[:CHOICES]:
            details[r, c] = found
            graph.add_edge(("r", r), ("c", c), weight=-weight)
    pairs = {}
    for a, b in nx.max_weight_matching(graph):
        (_, r), (_, c) = (a, b) if a[0] == "r" else (b, a)
        pairs[r] = (c, details[r, c])
    return {r: pairs[r] for r in ref.nodes if r in pairs}


def _why(ref: _Side, r: str, cand: _Side, c: str, role_part: float, labels: float, neighbours: tuple) -> str:
    if role_part == 1.0:
        role = f"role {ref.role(r)}"
    else:
        role = f"related roles ({FAMILY_OF[ref.role(r)]}: yours {cand.role(c)}, the reference's {ref.role(r)})"
    mine, theirs = ref.label(r), cand.label(c)
    if mine == theirs:
        label = f"label '{mine}'"
    elif labels >= 0.5:
        label = f"a similar label ('{theirs}' for '{mine}')"
    else:
        label = f"a different label ('{theirs}' for '{mine}')"
    agree, total = neighbours
    near = f"{agree} of {total} neighbours agree" if total else "neither has neighbours"
    return f"matched by {role} and {label}, {near}"


def _item(kind: str, item_id: str, step: str, message: str, ref_nodes=(), ref_edges=(), cand_nodes=(), cand_edges=()):
    return {
        "id": f"{kind}:{item_id}",
        "kind": kind,
        "step": step,
        "message": message,
        "reference": {"nodes": list(ref_nodes), "edges": list(ref_edges)},
        "candidate": {"nodes": list(cand_nodes), "edges": list(cand_edges)},
    }


def compare_documents(candidate: dict, reference: dict, fields=()) -> dict:
    """The comparison of two valid documents; `fields` are the problem fields to compare (the task
    is always compared). See the module docstring and docs/interview.md for the output."""
    ref, cand = _Side(reference), _Side(candidate)
    matched = _match(ref, cand)
    to_cand = {r: c for r, (c, _) in matched.items()}
    to_ref = {c: r for r, c in to_cand.items()}
    items: list[dict] = []
    # Per step: [covered, total] over the reference's components, connections, shared stores, facts.
    tally = {step.id: [0.0, 0] for step in STEPS}

    def count(step: str, covered: float) -> None:
        tally[step][0] += covered
        tally[step][1] += 1

    def your(node: str):
        c = to_cand.get(node)
        return cand.label(c) if c else None

    pairs = []
    for r, (c, (score, role_part, labels, neighbours)) in matched.items():
        pairs.append(
            {
                "id": f"pair:{r}",
                "reference": r,
                "candidate": c,
                "reference_label": ref.label(r),
                "candidate_label": cand.label(c),
                "role": ref.role(r),
                "candidate_role": cand.role(c),
                "step": ref.step(r),
                "score": round(score, 4),
                "label_score": round(labels, 4),
                "neighbours": {"agree": neighbours[0], "of": neighbours[1]},
                "why": _why(ref, r, cand, c, role_part, labels, neighbours),
            }
        )

    for r in ref.nodes:
        step = ref.step(r)
        c = to_cand.get(r)
        if c is None:
            count(step, 0.0)
            context = ref.describe(r, your)
            items.append(
                _item(
                    "missing_component",
                    r,
                    step,
                    f"The reference has {ref.label(r)} ({ref.role(r).replace('_', ' ')})"
                    + (f", {context}" if context else "")
                    + "; your design has nothing in its place.",
                    ref_nodes=[r],
                )
            )
        elif cand.role(c) != ref.role(r):
            count(step, 0.5)
            items.append(
                _item(
                    "different_role",
                    r,
                    step,
                    f"Your {cand.label(c)} is {_a(cand.role(c))} where the reference's "
                    f"{ref.label(r)} is {_a(ref.role(r))}.",
                    ref_nodes=[r],
                    cand_nodes=[c],
                )
            )
        else:
            count(step, 1.0)

    # Stores and jobs the reference shares between training and serving.
    absorbed: dict[str, str] = {}
    served_there = frozenset(to_cand[s] for s in ref.served if s in to_cand)
    for r in ref.nodes:
        shared = ref.sharing(r)
        if shared is None:
            continue
        c = to_cand.get(r)
        kept = c is not None and cand.sharing(c, served_there) is not None
        count("model", 1.0 if kept else 0.0)
        if c is None or kept:
            continue
        trainers, served = shared
        # The reference's data paths from the store to its trainers and to what serving reads.
        reach_from = nx.descendants(ref.data_view, r) | {r}
        ends = set(trainers) | set(served)
        on_path = {n for n in reach_from if n in ends or not ends.isdisjoint(nx.descendants(ref.data_view, n))}
        path_edges = [
            e["id"] for e in ref.edges if e["kind"] == "data" and e["source"] in on_path and e["target"] in on_path
        ]
        item_id = f"not_shared:{r}"
        for edge_id in path_edges:
            absorbed[edge_id] = item_id
        reach_c = nx.descendants(cand.data_view, c)
        feeds_training = any(cand.role(n) in TRAINING_ROLES for n in reach_c)
        feeds_serving = not (reach_c | {c}).isdisjoint(cand.served | served_there)
        only = "training" if feeds_training else ("serving" if feeds_serving else "neither of them")
        items.append(
            _item(
                "not_shared",
                r,
                "model",
                f"The reference's {ref.label(r)} feeds both training ({', '.join(ref.label(t) for t in trainers)}) "
                f"and serving ({', '.join(ref.label(s) for s in served)}), so features are computed once; "
                f"your {cand.label(c)} feeds only {only}.",
                ref_nodes=[r],
                ref_edges=[],
                cand_nodes=[c],
            )
        )

    # Connections between matched components.
    by_pair: dict[tuple, list] = {}
    for e in cand.edges:
        by_pair.setdefault((e["source"], e["target"]), []).append(e)
    used: set = set()
    held_back: dict[str, list] = {}
    for e in ref.edges:
        step = ref.edge_step(e)
        u, v = to_cand.get(e["source"]), to_cand.get(e["target"])
        if u is None or v is None:
            count(step, 0.0)
            continue
        ahead = [x for x in by_pair.get((u, v), []) if x["id"] not in used]
        back = [x for x in by_pair.get((v, u), []) if x["id"] not in used]
        same = next((x for x in ahead if x["compare_kind"] == e["compare_kind"]), None)
        route = f"{ref.label(e['source'])} → {ref.label(e['target'])}"
        yours = f"{cand.label(u)} → {cand.label(v)}"
        if same is not None:
            used.add(same["id"])
            count(step, 1.0)
            continue
        if ahead:
            other = ahead[0]
            used.add(other["id"])
            count(step, 0.5)
            item = _item(
                "connection_kind",
                e["id"],
                step,
                f"{yours} is {_a(other['compare_kind'])} edge; the reference's {route} is "
                f"{_a(e['compare_kind'])} edge.",
                ref_edges=[e["id"]],
                cand_edges=[other["id"]],
            )
        elif back:
            other = next((x for x in back if x["compare_kind"] == e["compare_kind"]), back[0])
            used.add(other["id"])
            count(step, 0.5)
            item = _item(
                "connection_direction",
                e["id"],
                step,
                f"Your {other['compare_kind']} edge runs {cand.label(v)} → {cand.label(u)}; the reference's "
                f"runs {route}.",
                ref_edges=[e["id"]],
                cand_edges=[other["id"]],
            )
        else:
            count(step, 0.0)
            item = _item(
                "missing_connection",
                e["id"],
                step,
                f"The reference connects {route} ({e['compare_kind']}); yours has no connection between "
                f"{cand.label(u)} and {cand.label(v)}.",
                ref_edges=[e["id"]],
            )
        if e["id"] in absorbed:
            held_back.setdefault(absorbed[e["id"]], []).append(item)
        else:
            items.append(item)
    for shared_item in items:
        for item in held_back.get(shared_item["id"], []):
            shared_item["reference"]["edges"] += item["reference"]["edges"]
            shared_item["candidate"]["edges"] += item["candidate"]["edges"]

    # What the candidate drew that the reference does not need.
    for c in cand.nodes:
        if c in to_ref:
            continue
        context = cand.describe(c)
        items.append(
            _item(
                "extra_component",
                f"c:{c}",
                cand.step(c),
                f"Your {cand.label(c)} ({cand.role(c).replace('_', ' ')})"
                + (f", {context}," if context else "")
                + " has no counterpart in the reference.",
                cand_nodes=[c],
            )
        )
    for e in cand.edges:
        if e["id"] in used or e["source"] not in to_ref or e["target"] not in to_ref:
            continue
        items.append(
            _item(
                "extra_connection",
                f"c:{e['id']}",
                cand.edge_step(e),
                f"Your {e['compare_kind']} edge {cand.label(e['source'])} → {cand.label(e['target'])} is not in "
                f"the reference.",
                cand_edges=[e["id"]],
            )
        )

    items += _feature_items(reference, candidate)

    # Problem facts.
    ref_problem, cand_problem = reference.get("problem") or {}, candidate.get("problem") or {}
    for key in dict.fromkeys([*fields, "task"]):
        expected, got = ref_problem.get(key), cand_problem.get(key)
        if expected in (None, "", []):
            continue
        step = FIELD_STEPS.get(key, "clarify")
        name, unit = FIELD_NAMES.get(key, (key, ""))
        if got == expected:
            count(step, 1.0)
            continue
        count(step, 0.0)
        if got in (None, "", []):
            message = f"problem.{key} is not set; the reference's {name} is {_num(expected)}{unit}."
        else:
            message = f"Your {name} is {_num(got)}{unit}; the reference's is {_num(expected)}{unit}."
        items.append(_item("fact", key, step, message))

    order = {step.id: step.number for step in STEPS}
    kind_order = {k: i for i, k in enumerate(KINDS)}
    items.sort(key=lambda i: (order[i["step"]], kind_order[i["kind"]]))
    steps: list[dict[str, Any]] = []
    for framework_step in STEPS:
        covered, total = tally[framework_step.id]
        steps.append(
            {
                "id": framework_step.id,
                "number": framework_step.number,
                "title": framework_step.title,
                "coverage": round(covered / total, 4) if total else None,
                "covered": covered,
                "total": total,
                "items": [i["id"] for i in items if i["step"] == framework_step.id],
            }
        )
    scored = [s["coverage"] for s in steps if s["coverage"] is not None]
    return {
        "coverage": round(sum(scored) / len(scored), 4) if scored else 1.0,
        "steps": steps,
        "pairs": pairs,
        "items": items,
    }


def _fresh(feature: dict) -> str:
    value = feature["freshness"]
    return value if isinstance(value, str) else f"{_num(value)} s"


def _feature_items(reference: dict, candidate: dict) -> list[dict]:
    """The data step's feature items: categories of the reference's features the candidate lists none
    of, and features the candidate needs staler than the reference (by name within a category, else a
    real-time reference feature with nothing of its category as fresh). Listed, not counted in coverage."""
    ref_features, cand_features = reference.get("features") or [], candidate.get("features") or []
    by_category: dict[str, list[dict]] = {}
    for f in cand_features:
        by_category.setdefault(f["category"], []).append(f)
    items = []
    present = {f["category"] for f in ref_features}
    for category in (c for c in FEATURE_CATEGORIES if c in present and c not in by_category):
        names = [f["name"] for f in ref_features if f["category"] == category]
        items.append(
            _item(
                "missing_feature_category",
                category,
                "data",
                f"You list no {category} features; the reference has {len(names)}: {', '.join(names[:3])}"
                + (" …" if len(names) > 3 else "")
                + ".",
            )
        )
    reported: set[str] = set()
    for f in ref_features:
        bound, mine = freshness_s(f["freshness"]), by_category.get(f["category"], [])
        if bound is None or not mine:
            continue
        best = max(mine, key=lambda c: label_score(f["name"], c["name"]))
        theirs = [f["served_by"]] if f.get("served_by") else []
        if label_score(f["name"], best["name"]) >= FEATURE_NAME_MATCH:
            got = freshness_s(best["freshness"])
            if got is None or got > bound:
                items.append(
                    _item(
                        "feature_freshness",
                        f["id"],
                        "data",
                        f"Your {best['name']} is {_fresh(best)}; the reference's {f['name']} is {_fresh(f)}.",
                        ref_nodes=theirs,
                        cand_nodes=[best["served_by"]] if best.get("served_by") else [],
                    )
                )
        elif (
            is_real_time(f)
            and f["category"] not in reported
            and not any((b := freshness_s(c["freshness"])) is not None and b <= bound for c in mine)
        ):
            reported.add(f["category"])
            items.append(
                _item(
                    "feature_freshness",
                    f["id"],
                    "data",
                    f"The reference needs {f['name']} {_fresh(f)}; none of your {f['category']} features is that fresh.",
                    ref_nodes=theirs,
                )
            )
    return items


def compare(candidate: dict, problem) -> dict:
    """The comparison of a valid candidate document with a bank problem's reference (bank.BankProblem)."""
    fields = [f.field for f in problem.spec.facts if f.field]
    result = compare_documents(candidate, problem.reference, fields)
    return {"problem": {"id": problem.id, "title": problem.title}, **result}
