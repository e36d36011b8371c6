"""Validator timings, side by side in one run: validating a design against parsing and checking it.

The denominator is what every save already pays: JSON parse + format check
(designer.document.validate_document on json.loads of the document). The ratio
validate / (parse + check) should stay at most 4 for 1,000-5,000 components, grow close to
linearly (×2 components → at most ×2.3 time), and hold for each case study on its own.

Designs:
- "random wiring": a realistic role mix wired at random along each edge kind's direction (callers
  to callees, sources to training, training to serving). Almost every serving component breaks
  several rules, so it is also a stress test of building findings.
- "joined case studies": copies of the case-study templates (each raises no finding alone),
  joined by data, telemetry and deploy edges copied from their own wiring between random copies.
- each case study (designer/interview/case_studies/*.json) and reference fixture on its own.

Garbage collection: a full collection walks every object the process holds, and most of those
are Django's and the catalog's, loaded at start-up, not the validator's. Whether one lands inside
a timed run depends on the heap's history, not on the design (at 2,000 components one landed in
most validations and none in most parse + check runs, ~25 ms each). So each document is timed
twice, side by side: with the start-up heap frozen (gc.freeze(), as a server that calls it after
loading pays: collections walk only what validation and parsing allocate) and with it unfrozen
(every collection walks Django too). Collection stays on in both: its cost for the validator's
own objects is part of the figure.

`--baseline REV` also times the validator package (designer/validation) as it was at git
revision REV, loaded beside the current one, on the same documents in the same run.

Run: .venv/bin/python bench/validator.py [--baseline REV]   (prints medians and ratios)
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import io
import json
import os
import random
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "designer.settings")

import django  # noqa: E402

django.setup()

from component_catalog.catalog import get_catalog  # noqa: E402
from designer.document import validate_document  # noqa: E402
from designer.validation.engine import validate_design  # noqa: E402

CASE_FILES = sorted((ROOT / "designer" / "interview" / "case_studies").glob("*.json")) + sorted(
    (ROOT / "tests" / "fixtures").glob("*.json")
)
SIZES = (1000, 2000, 4000, 5000)
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
    ("vector_database", 2, 4),
    ("embedding_model", 2, 4),
    ("candidate_generator", 1, 4),
    ("llm_server", 2, 4),
    ("guardrail", 1, 4),
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
    "vector_database",
    "embedding_model",
    "candidate_generator",
    "llm_server",
    "guardrail",
    "feature_store",
    "online_feature_store",
    "database",
}
SERVING = {"model_server", "ann_index", "vector_database", "embedding_model", "llm_server"}
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
RELEASE = {
    "training_pipeline",
    "model_evaluation",
    "mlflow",
    "embedding_indexer",
    "model_server",
    "ann_index",
    "embedding_model",
    "llm_server",
}
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
        "embedding_model": 3,
        "llm_server": 3,
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
    templates = [json.loads(path.read_text(encoding="utf-8")) for path in CASE_FILES if "case_studies" in str(path)]
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


def side_by_side(functions, repeat: int) -> list[float]:
    """Median CPU seconds of each function, runs interleaved so all see the same machine load.

    CPU time of this process, not wall time: on a machine shared with other jobs, wall time
    mostly measures waiting for a core, while the work itself is single-threaded.
    """
    times: list[list] = [[] for _ in functions]
    for _ in range(repeat):
        for fn, bucket in zip(functions, times):
            start = time.process_time()
            fn()
            bucket.append(time.process_time() - start)
    return [statistics.median(bucket) for bucket in times]


def load_baseline(revision: str):
    """validate_design of designer/validation at `revision`, importable beside the current package."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision, "designer/validation"], check=True, capture_output=True
    ).stdout
    target = Path(tempfile.mkdtemp(prefix="validator-baseline-"))
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    package = target / "designer" / "validation"
    spec = importlib.util.spec_from_file_location(
        "baseline_validation", package / "__init__.py", submodule_search_locations=[str(package)]
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["baseline_validation"] = module
    spec.loader.exec_module(module)
    return importlib.import_module("baseline_validation.engine").validate_design


def measure(name: str, doc: dict, repeat: int, baseline) -> tuple[tuple[float, float], str]:
    """((median validate, median parse + check) seconds with the start-up heap frozen, a table row)
    for one document, timed beside parse + check (and the baseline), then again with the heap unfrozen."""
    raw = json.dumps(doc)
    functions = [lambda: validate_design(doc), lambda: validate_document(json.loads(raw))]
    old = baseline
    if old:
        try:
            old(doc)
        except KeyError:  # an edge kind (control) the older validator does not know
            old = None
        else:
            functions.append(lambda: old(doc))
    gc.collect()
    gc.freeze()
    medians = side_by_side(functions, repeat)
    gc.unfreeze()
    gc.collect()
    unfrozen = side_by_side(functions[:2], repeat)
    full, check = medians[0], medians[1]
    line = (
        f"{name:<28} {len(doc['nodes']):>6} {len(doc['edges']):>6} {len(validate_design(doc)):>8} "
        f"{full * 1000:>11.2f} {check * 1000:>11.2f} {full / check:>6.2f} "
        f"{unfrozen[0] * 1000:>11.2f} {unfrozen[1] * 1000:>11.2f} {unfrozen[0] / unfrozen[1]:>6.2f}"
    )
    if old:
        line += f" {medians[2] * 1000:>11.2f} {full / medians[2]:>7.2f}"
    elif baseline:
        line += f" {'n/a':>11} {'':>7}"
    return (full, check), line


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", metavar="REV", help="also time designer/validation as it was at this revision")
    args = parser.parse_args()
    baseline = load_baseline(args.baseline) if args.baseline else None
    print(
        "load average (1, 5, 15 min): "
        + ", ".join(f"{x:.2f}" for x in os.getloadavg())
        + f" on {os.cpu_count()} CPUs; figures from a busy machine overstate every time"
    )
    print(
        "frozen: start-up heap frozen (gc.freeze); unfrozen: every collection walks it too; "
        "growth: of the frozen validate ms (and of its parse+check)"
    )
    header = (
        f"{'design':<28} {'nodes':>6} {'edges':>6} {'findings':>8} {'validate ms':>11} {'parse+check':>11} {'ratio':>6} "
        f"{'unfrozen ms':>11} {'parse+check':>11} {'ratio':>6}"
    )
    if baseline:
        header += f" {args.baseline[:9] + ' ms':>11} {'new/old':>7}"
    for name, make in (("random wiring", generate), ("joined case studies", joined_case_studies)):
        print(f"\n{name}: validate / (JSON parse + format check), growth per ×2 components")
        print(header + f" {'growth (check)':>16}")
        previous = {}
        for size in SIZES:
            doc = make(size)
            full, line = measure(f"{name} {size}", doc, 15 if size <= 2000 else 9, baseline)
            before = previous.get(size // 2)
            growth = f"×{full[0] / before[0]:.2f} (×{full[1] / before[1]:.2f})" if before else ""
            print(f"{line} {growth:>16}")
            previous[size] = full
    print("\neach case study and reference fixture on its own")
    print(header)
    for path in CASE_FILES:
        doc = validate_document(json.loads(path.read_text(encoding="utf-8")))
        print(measure(f"{path.parent.name}/{path.stem}"[:28], doc, 201, baseline)[1])


if __name__ == "__main__":
    main()
