"""no-rate-limit: clients can reach an expensive model with nothing bounding how much they ask."""

import networkx as nx

from ..findings import Finding
from ..graph import LLM_ROLES, Reached
from ..sources import AWS_ML_LENS, OWASP_LLM

id = "no-rate-limit"
severity = "warning"
step = "serving"
goal = "Expensive models behind a rate limit"
summary = "A client can reach an LLM or a GPU-served model along request edges without passing a rate limit or quota."
docs = {
    "what": (
        "Expensive models are LLMs (llm_server, hosted_llm_api) and any serving component with gpu "
        "true. From every client (or, without clients, every entry) it follows request edges, "
        "stopping at rate limiters: rate_limiter components and any component with a rate_limit "
        "above 0 (an API gateway enforcing per-user quotas). Every expensive model still reached "
        "is reported with the path that reaches it."
    ),
    "why": (
        "A model that costs a GPU-second or many tokens per request can be drained by one client: "
        "OWASP calls it unbounded consumption (LLM10) and asks for rate limits, quotas and caps on "
        "what one user can ask for. The AWS ML Lens asks that endpoints keep serving their "
        "legitimate load."
    ),
    "sources": [OWASP_LLM, AWS_ML_LENS],
    "example": "App → Chat service → Hosted LLM API, and the gateway admits any number of requests per user.",
    "fix": "Set rate_limit on the gateway (requests per second per user or API key) or put a rate limiter in front of the model, with token caps per request.",
}


def check(graph) -> list[Finding]:
    expensive = [
        n for n in graph.G if n in graph.online and (graph.role(n) in LLM_ROLES or graph.props(n).get("gpu") is True)
    ]
    if not expensive:
        return []
    limiters = [n for n in graph.G if graph.role(n) == "rate_limiter" or (graph.props(n).get("rate_limit") or 0) > 0]
    clients = graph.with_role("client") or graph.entries
    unlimited = Reached(nx.restricted_view(graph.request, limiters, []), clients)
    findings = []
    for node in expensive:
        if node not in unlimited:
            continue
        path = unlimited.path(node)
        what = "an LLM" if graph.role(node) in LLM_ROLES else "served on GPUs"
        findings.append(
            Finding(
                rule=id,
                severity=severity,
                message=(
                    f"{graph.label(path[0])} reaches {graph.label(node)} ({what}) with no rate limit or quota "
                    f"in front: {graph.names(path)}"
                ),
                fix=(
                    f"Set rate_limit on {graph.label(path[1]) if len(path) > 1 else graph.label(node)} or put a "
                    f"rate limiter before {graph.label(node)}: requests per user or API key, and a cap on tokens "
                    "per request."
                ),
                nodes=[node],
                edges=graph.edge_ids(path, kinds=("request",)),
                path=path,
            )
        )
    return findings
