"""request-cycle: synchronous calls that loop back on themselves."""

import networkx as nx

from ..findings import Finding
from ..sources import AWS_GRACEFUL_DEGRADATION

id = "request-cycle"
severity = "error"
step = "serving"
goal = "No request cycle"
summary = "Request edges form a cycle: a call waits, directly or indirectly, on its own caller."
docs = {
    "what": (
        "It looks for cycles among request edges and reports one cycle per group of components that "
        "call each other in a loop (one per strongly connected component), so the check stays linear "
        "however tangled the graph is."
    ),
    "why": (
        "A synchronous call loop can deadlock, amplifies load on every retry, and has no defined "
        "latency: the latency and throughput budgets are computed on the acyclic part only. The AWS "
        "reliability guidance asks for loosely coupled dependencies that degrade gracefully, which a "
        "call loop rules out."
    ),
    "sources": [AWS_GRACEFUL_DEGRADATION],
    "example": "App → Ranker → Feature service → App, all request edges.",
    "fix": (
        "Break the loop: pass the data along with the first call, publish it asynchronously (data "
        "edge through an event stream), or read it from a cache or precomputed store."
    ),
}


def check(graph) -> list[Finding]:
    request = graph.request
    order = graph.order
    findings = []
    for component in nx.strongly_connected_components(request):
        start = min(component, key=order.__getitem__)
        if len(component) == 1 and not request.has_edge(start, start):
            continue
        cycle = [u for u, _ in nx.find_cycle(request.subgraph(component), source=start)]
        loop = [*cycle, cycle[0]]
        findings.append(
            Finding(
                rule=id,
                severity=severity,
                message=f"Request calls loop: {graph.names(loop)}",
                fix=(
                    f"Break the loop at {graph.label(cycle[-1])} → {graph.label(cycle[0])}: pass the data with "
                    "the first call, publish it through an event stream, or read it from a cache."
                ),
                nodes=cycle,
                edges=graph.edge_ids(loop, kinds=("request",)),
                path=loop,
            )
        )
    return findings
