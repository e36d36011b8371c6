"""Validator timings: full validation vs one bare networkx traversal, on generated designs of growing size.

Two kinds of generated design, ~2.5 edges per node each:
- "random wiring": a realistic role mix wired at random along each edge kind's direction (callers
  to callees, sources to training, training to serving). Almost every serving component breaks
  several rules, so it is also a stress test of building findings (~1.25 per node).
- "joined case studies": copies of the six case-study templates (each raises no finding alone),
  joined by data, telemetry and deploy edges copied from their own wiring between random copies.

Run: .venv/bin/python bench/validator.py   (prints medians, their ratio and growth between sizes)
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "designer.settings")

import django

django.setup()

import networkx as nx  # noqa: E402

from component_catalog.catalog import get_catalog  # noqa: E402
from designer.document import validate_document  # noqa: E402
from designer.interview.cases import CASES  # noqa: E402
from designer.validation.engine import validate_design  # noqa: E402
from designer.validation.graph import DesignGraph  # noqa: E402

SIZES = (100, 1000, 2000, 5000)
EDGES_PER_NODE = 2.5
# (kind, share of nodes, tier): request edges only go to a higher tier, like callers to callees.
# Data and deploy edges follow their own order below (sources → streams → jobs → stores →
# training; training → evaluation → registry → serving), so models and features flow the way a
# real pipeline sends them.
MIX = [
    ("client", 2, 0),
    ("api_gateway", 2, 1),
    ("ab_testing", 2, 2),
    ("app_service", 10, 3),
    ("cache", 5, 4),
    ("fallback", 2, 4),
    ("reranker", 3, 4),
    ("model_server", 10, 4),
    ("ann_index", 5, 4),
    ("feature_store", 5, 5),
    ("online_feature_store", 3, 5),
    ("database", 3, 5),
    ("event_logs", 4, 6),
    ("kafka", 4, 6),
    ("flink", 4, 7),
    ("spark_batch_job", 5, 7),
    ("s3", 3, 7),
    ("data_validation", 3, 8),
    ("labeling", 1, 8),
    ("training_pipeline", 4, 9),
    ("model_evaluation", 3, 10),
    ("mlflow", 2, 11),
    ("embedding_indexer", 1, 12),
    ("monitoring", 3, 13),
    ("drift_detector", 2, 13),
    ("alerting", 1, 14),
    ("airflow", 1, 14),
]
ONLINE = {
    "client",
    "api_gateway",
    "ab_testing",
    "app_service",
    "cache",
    "fallback",
    "reranker",
    "model_server",
    "ann_index",
    "feature_store",
    "online_feature_store",
    "database",
}
SERVING = {"model_server", "ann_index"}
DATA = {
    "event_logs",
    "kafka",
    "flink",
    "spark_batch_job",
    "s3",
    "data_validation",
    "labeling",
    "feature_store",
    "online_feature_store",
    "training_pipeline",
}
RELEASE = {"training_pipeline", "model_evaluation", "mlflow", "embedding_indexer", "model_server", "ann_index"}
OBSERVERS = {"monitoring", "drift_detector", "alerting", "airflow"}
FLOW_TIERS = {
    "data": {
        "event_logs": 0,
        "kafka": 1,
        "flink": 2,
        "spark_batch_job": 2,
        "s3": 2,
        "data_validation": 3,
        "labeling": 3,
        "feature_store": 4,
        "online_feature_store": 4,
        "training_pipeline": 5,
    },
    "deploy": {
        "training_pipeline": 0,
        "model_evaluation": 1,
        "mlflow": 2,
        "embedding_indexer": 2,
        "model_server": 3,
        "ann_index": 3,
    },
}


def generate(size: int, seed: int = 1) -> dict:
    """A design with a realistic role mix and ~2.5 edges per node, mostly flowing 'forward'."""
    rng = random.Random(seed)
    weights = [share for _, share, _ in MIX]
    nodes, tier, kind_of = [], {}, {}
    for i in range(size):
        kind, _, t = rng.choices(MIX, weights=weights)[0]
        node_id = f"n{i}"
        nodes.append(
            {
                "id": node_id,
                "kind": kind,
                "label": f"{kind} {i}",
                "x": i % 100 * 10,
                "y": i // 100 * 10,
                "props": {"replicas": rng.choice((1, 2, 3, 4))},
            }
        )
        tier[node_id], kind_of[node_id] = t, kind
    pools = {
        "request": [n["id"] for n in nodes if n["kind"] in ONLINE],
        "data": [n["id"] for n in nodes if n["kind"] in DATA],
        "deploy": [n["id"] for n in nodes if n["kind"] in RELEASE],
        "telemetry_from": [n["id"] for n in nodes if n["kind"] in SERVING | {"app_service"}],
        "telemetry_to": [n["id"] for n in nodes if n["kind"] in OBSERVERS | {"kafka"}],
    }
    edges = []
    target = int(size * EDGES_PER_NODE)
    while len(edges) < target:
        kind = rng.choices(("request", "data", "telemetry", "deploy"), weights=(45, 30, 15, 10))[0]
        if kind == "telemetry":
            source, dest = rng.choice(pools["telemetry_from"]), rng.choice(pools["telemetry_to"])
        else:
            source, dest = rng.choice(pools[kind]), rng.choice(pools[kind])
            rank = FLOW_TIERS.get(kind)
            if rank is None:
                if tier[source] > tier[dest]:
                    source, dest = dest, source
            elif rank[kind_of[source]] > rank[kind_of[dest]]:
                source, dest = dest, source
            if source == dest or (kind == "request" and tier[source] == tier[dest] and rng.random() < 0.8):
                continue
        props = {"fallback": True} if kind == "request" and rng.random() < 0.05 else {}
        edges.append({"id": f"e{len(edges)}", "source": source, "target": dest, "kind": kind, "props": props})
    return validate_document(
        {
            "format": "mlsd-design/1",
            "title": f"generated {size}",
            "problem": {
                "task": "ranking",
                "latency_slo_ms": 200,
                "peak_qps": 20000,
                "feature_freshness_s": 60,
                "offline_metrics": ["nDCG@10"],
            },
            "nodes": nodes,
            "edges": edges,
        }
    )


def joined_case_studies(size: int, seed: int = 1) -> dict:
    """Copies of the case-study designs joined into one of `size` components (groups and notes left out)."""
    rng = random.Random(seed)
    annotations = {kind_id for kind_id, kind in get_catalog().kinds.items() if kind.is_annotation}
    templates = [case.document for case in CASES]
    nodes, edges, copies = [], [], 0
    while len(nodes) < size:
        template = templates[copies % len(templates)]
        prefix = f"c{copies}-"
        for node in template["nodes"]:
            if node["kind"] not in annotations:
                nodes.append({**{k: v for k, v in node.items() if k != "parent"}, "id": prefix + node["id"]})
        edges.extend(
            {**edge, "id": prefix + edge["id"], "source": prefix + edge["source"], "target": prefix + edge["target"]}
            for edge in template["edges"]
        )
        copies += 1
    nodes = nodes[:size]
    present = {node["id"] for node in nodes}
    edges = [edge for edge in edges if edge["source"] in present and edge["target"] in present]
    # Cross links repeat an asynchronous edge of one copy between two different copies (a shared
    # stream, a shared monitor), so the copies form one system; request edges stay inside a copy.
    shapes = [
        (e["source"].split("-", 1)[1], e["target"].split("-", 1)[1], e["kind"], e.get("props", {}))
        for e in edges
        if e["kind"] != "request"
    ]
    while len(edges) < int(size * EDGES_PER_NODE):
        source, target, kind, props = rng.choice(shapes)
        a, b = rng.sample(range(copies), 2)
        u, v = f"c{a}-{source}", f"c{b}-{target}"
        if u in present and v in present:
            edges.append({"id": f"x{len(edges)}", "source": u, "target": v, "kind": kind, "props": props})
    return validate_document(
        {
            "format": "mlsd-design/1",
            "title": f"joined case studies {size}",
            "problem": templates[0]["problem"],
            "nodes": nodes,
            "edges": edges,
        }
    )


def side_by_side(first, second, repeat: int) -> tuple[float, float]:
    """Median seconds of each function, runs interleaved so both see the same machine load."""
    times: tuple[list, list] = ([], [])
    for _ in range(repeat):
        for fn, bucket in zip((first, second), times):
            start = time.perf_counter()
            fn()
            bucket.append(time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1])


def bare_traversal(G: nx.MultiDiGraph) -> int:
    """One breadth-first pass over every node and edge (weakly connected components)."""
    return sum(len(c) for c in nx.weakly_connected_components(G))


def main() -> None:
    print(
        "load average (1, 5, 15 min): "
        + ", ".join(f"{x:.2f}" for x in os.getloadavg())
        + f" on {os.cpu_count()} CPUs; figures from a busy machine overstate every time"
    )
    for name, make in (("random wiring", generate), ("joined case studies", joined_case_studies)):
        print(f"\n{name}")
        print(
            f"{'nodes':>6} {'edges':>6} {'findings':>8} {'validate ms':>12} {'traversal ms':>13} {'ratio':>6} {'growth':>18}"
        )
        previous = None
        for size in SIZES:
            doc = make(size)
            repeat = 21 if size <= 2000 else 11
            findings = len(validate_design(doc))
            G = DesignGraph(doc).G
            full, bare = side_by_side(lambda doc=doc: validate_design(doc), lambda G=G: bare_traversal(G), repeat)
            growth = ""
            if previous:
                growth = f"×{full / previous[1]:.2f} for ×{size / previous[0]:g} nodes"
            print(
                f"{size:>6} {len(doc['edges']):>6} {findings:>8} {full * 1000:>12.1f} {bare * 1000:>13.2f} "
                f"{full / bare:>6.1f} {growth:>18}"
            )
            previous = (size, full)


if __name__ == "__main__":
    main()
