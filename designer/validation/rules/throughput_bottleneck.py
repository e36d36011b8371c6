"""throughput-bottleneck: the peak load reaching a component exceeds what its replicas sustain."""

import math

from ..findings import Finding
from ..graph import num
from ..sources import AWS_ML_LENS, GOOGLE_MLOPS, ML_TEST_SCORE, YOUTUBE_DNN

id = "throughput-bottleneck"
severity = "error"
step = "serving"
goal = "Capacity above peak load"
summary = "Propagated peak QPS on a component exceeds capacity_qps × replicas (warning above 70 %)."
docs = {
    "what": (
        "problem.peak_qps enters at every top entry (an entry nobody calls) and flows along request "
        "edges: each callee receives the QPS of each of its callers, added up; fallback edges are left "
        "out. Every component with a capacity_qps compares its load with capacity_qps × replicas: an "
        "error above it, a warning above 70 %. Nothing is checked when no peak QPS is set."
    ),
    "why": (
        "A component that cannot absorb the peak queues requests until they time out, and that "
        "failure spreads to every caller. The AWS ML Lens asks for endpoints that scale with demand, "
        "Google's MLOps guide load-tests serving for QPS before release, and the ML Test Score "
        "(Monitor 6) watches throughput regressions. Keeping 30 % headroom absorbs spikes and the loss "
        "of a replica."
    ),
    "sources": [AWS_ML_LENS, GOOGLE_MLOPS, ML_TEST_SCORE, YOUTUBE_DNN],
    "example": "Peak 50,000 QPS reaches Ranker, which sustains 500 QPS per replica with 2 replicas (1,000 QPS).",
    "fix": (
        "Add replicas (or autoscale), batch inference, put a cache in front, or send fewer requests "
        "to the expensive component (narrow candidates first)."
    ),
}

WARN_RATIO = 0.7


def check(graph) -> list[Finding]:
    peak = graph.problem.get("peak_qps")
    if not peak or not graph.top_entries:
        return []
    load = graph.peak_load
    attrs = graph.components
    findings = []
    # Each finding names its own node, so the engine's sort alone fixes their order.
    for node, qps in load.items():
        if not qps:
            continue
        props = attrs[node]["props"]
        per_replica = props.get("capacity_qps")
        if per_replica is None:
            continue
        replicas = props.get("replicas", 1)
        capacity = per_replica * replicas
        if qps > capacity:
            level, comparison = "error", f"> capacity {num(capacity)} QPS"
        elif qps > WARN_RATIO * capacity:
            level, comparison = "warning", f"is {num(round(100 * qps / capacity))} % of capacity {num(capacity)} QPS"
        else:
            continue
        path = graph.load_path(node)
        label = attrs[node]["label"]
        needed = math.ceil(qps / (WARN_RATIO * per_replica)) if per_replica else None
        findings.append(
            Finding(
                rule=id,
                severity=level,
                message=(
                    f"{label} receives {num(qps)} QPS at peak"
                    + (f" (via {graph.names(path)})" if len(path) > 1 else "")
                    + f" {comparison} "
                    f"({num(per_replica)} QPS × {num(replicas)} replicas)"
                ),
                fix=(
                    (f"Raise {label}'s replicas to at least {num(needed)}" if needed else f"Give {label} capacity")
                    + ", put a cache in front of it, or batch its requests."
                ),
                nodes=[node],
                edges=graph.edge_ids(path, kinds=("request",), fallback=False),
                path=path,
            )
        )
    return findings
