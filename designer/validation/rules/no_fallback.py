"""no-fallback: a caller that hard-depends on a model or feature store with no degraded answer."""

from ..findings import Finding
from ..graph import ONLINE_FEATURE_ROLES, SERVING_ROLES
from ..sources import AWS_GRACEFUL_DEGRADATION, FEAST_ONLINE, RULES_OF_ML

id = "no-fallback"
severity = "warning"
step = "serving"
goal = "Every model dependency has a fallback"
summary = "A component on the request path calls a model, retrieval or feature store and has no degraded answer when that call fails."
docs = {
    "what": (
        "For every online component that calls (request edge, not fallback) a serving component "
        "(model, retrieval index or candidate generator) or a feature store, it expects a degraded "
        "answer for when that call fails or times out: a request edge with fallback true (to a "
        "cache, popular items, a prior, a rules-only decision) from the caller or from a component "
        "every request to the caller passes through (which then answers for it). A caller that calls "
        "two or more retrieval sources in parallel with tolerates_partial true degrades gracefully "
        "when one of them fails: those calls need no other fallback."
    ),
    "why": (
        "The AWS reliability pillar asks components to keep performing their core function when a "
        "dependency is unavailable, even with stale or alternate data. Rules of ML #1 treats a "
        "heuristic as a legitimate serving baseline, and precomputed predictions are a standard "
        "serving pattern in Feast's inference guide. Without a fallback, a slow model means an "
        "empty page."
    ),
    "sources": [AWS_GRACEFUL_DEGRADATION, RULES_OF_ML, FEAST_ONLINE],
    "example": "App → Ranker and App → Feature store, and nothing App can answer with when Ranker times out.",
    "fix": (
        "Give the caller a timeout and a fallback request edge (fallback true) to a cache of recent "
        "results, popular items or a rules-only path."
    ),
}

DEPENDENCIES = SERVING_ROLES | ONLINE_FEATURE_ROLES


def check(graph) -> list[Finding]:
    online = graph.online
    primary = graph.request_primary
    findings = []
    dependencies = set(graph.with_role(DEPENDENCIES))
    # Each finding names its own caller, so the engine's sort alone fixes their order.
    for caller in online:
        needs = [
            d for d in primary.successors(caller) if d in dependencies and not graph.degrades_gracefully(caller, d)
        ]
        if not needs:
            continue
        names = ", ".join(graph.label(d) for d in needs)
        findings.append(
            Finding(
                rule=id,
                severity=severity,
                message=f"{graph.label(caller)} hard-depends on {names} and has no fallback to answer with when a call fails",
                fix=(
                    f"Give {graph.label(caller)} a timeout and a fallback request edge to a cache, popular "
                    "items or a rules-only answer."
                ),
                nodes=[caller],
                edges=[key for d in needs for key in graph.edge_ids([caller, d], kinds=("request",))],
            )
        )
    return findings
