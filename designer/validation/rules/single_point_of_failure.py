"""single-point-of-failure: a component every request passes through runs a single replica."""

from ..findings import Finding
from ..graph import reached_set
from ..sources import AWS_ML_LENS, AWS_MULTI_LOCATION

id = "single-point-of-failure"
severity = "error"
step = "serving"
goal = "No single point of failure"
summary = "A request-path component that every request to some part of the system needs runs a single replica, and nothing answers when it fails."
docs = {
    "what": (
        "It looks at every component the entries reach by request edges (clients excepted: they are "
        "the users). One is needed by every request to a serving component or to a request's last "
        "stop (a component that calls nothing) when every request to that component passes through "
        "it: it dominates it on the request graph, the component itself included. Fallback edges are "
        "part of that graph, since they are a way around a failure, but what only a fallback edge "
        "reaches is not needed by every request. A needed component with replicas set below 2 is a "
        "single point of failure unless every caller still answers when the call fails (a fallback "
        "edge on it or on a component every request to it passes through, or a parallel fan-out "
        "over two or more retrieval sources that tolerates a failed branch). It may sit anywhere: "
        "the gateway, the service in front of a model, the model, or a store at the end of a branch."
    ),
    "why": (
        "One replica means one machine, one zone: its failure or a deploy takes the whole product "
        "down. The AWS reliability pillar asks to deploy the workload to multiple locations and the "
        "AWS ML Lens to scale model endpoints automatically."
    ),
    "sources": [AWS_MULTI_LOCATION, AWS_ML_LENS],
    "example": "Client → Gateway (1 replica) → App → Ranker: every request dies with Gateway.",
    "fix": (
        "Run at least 2 replicas across zones (or autoscale), or add a fallback route around the "
        "component (a request edge with fallback to a cache or a heuristic)."
    ),
}


def check(graph) -> list[Finding]:
    online = graph.online
    if not online:
        return []
    primary = graph.request_primary
    needed = reached_set(primary, graph.request_roots)
    serving = set(graph.serving)
    targets = [n for n in graph.G if n in needed and (n in serving or not primary.out_degree(n))]
    idom = graph.dominators
    # The first target (serving components first, then last stops, in document order) that each
    # component is needed for.
    reason: dict = {}
    for target in sorted(targets, key=lambda n: (n not in serving, graph.order[n])):
        node = target
        while node is not None and node not in reason:
            reason[node] = target
            node = idom[node]
    findings = []
    for node in graph.G:
        if node not in reason or node not in needed or graph.role(node) == "client":
            continue
        replicas = graph.props(node).get("replicas")
        if replicas is None or replicas >= 2:
            continue
        callers = list(primary.predecessors(node))
        if callers and all(graph.degrades_gracefully(caller, node) for caller in callers):
            continue
        target = reason[node]
        if target == node:
            message = f"{graph.label(node)} runs a single replica and every request that needs it goes to it"
        else:
            message = (
                f"Every request to {graph.label(target)} passes through {graph.label(node)}, "
                "which runs a single replica"
            )
        findings.append(
            Finding(
                rule=id,
                severity=severity,
                message=message,
                fix=f"Run {graph.label(node)} with at least 2 replicas across zones, or add a fallback route around it.",
                nodes=[node],
                path=graph.dominator_chain(node),
            )
        )
    return findings
