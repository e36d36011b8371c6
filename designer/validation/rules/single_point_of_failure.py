"""single-point-of-failure: a component every request passes through runs a single replica."""

from ..findings import Finding
from ..sources import AWS_ML_LENS, AWS_MULTI_LOCATION

id = "single-point-of-failure"
severity = "error"
step = "serving"
goal = "No single point of failure"
summary = "A component that every request to a model passes through (a dominator on the request graph) has fewer than 2 replicas."
docs = {
    "what": (
        "On the request graph (fallback edges included, since they are a way around a failure) it "
        "computes, from the entries, the components every request to a serving component must pass "
        "through (its dominators, the serving component included; without serving components, every "
        "request's last stop). Any of them with replicas set below 2 is a single point of failure. "
        "Clients are not counted: they are the users."
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
    idom = graph.dominators
    request = graph.request
    targets = [n for n in graph.serving if n in online]
    if not targets:
        targets = [n for n in graph.G if n in online and not request.out_degree(n)]
    reason: dict = {}
    for target in targets:
        node = target
        while node is not None and node not in reason:
            reason[node] = target
            node = idom[node]
    findings = []
    for node in graph.G:
        if node not in reason or graph.role(node) == "client":
            continue
        replicas = graph.props(node).get("replicas")
        if replicas is None or replicas >= 2:
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
