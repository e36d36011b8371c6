"""pii-in-prompt-or-index: personal data reaches an LLM's prompts or a retrieval index unfiltered."""

import networkx as nx

from ..findings import Finding
from ..graph import CONTROL_ROLES, LLM_ROLES, Reached, pair_view
from ..sources import ML_TEST_SCORE, OWASP_LLM

id = "pii-in-prompt-or-index"
severity = "warning"
step = "data"
goal = "No raw personal data in prompts or indexes"
summary = "Data from a component marked pii reaches an LLM's prompts or a retrieval index without a privacy filter (reported at the first one reached)."
docs = {
    "what": (
        "From every component whose pii prop is true (a user typing personal details, a customer "
        "database, support tickets) it follows what keeps or passes on content: data edges, the "
        "deploy edge from an indexer to the index it builds, and requests to services (a caller "
        "sends its request's content; a request to a model or an index is answered, not kept, so a "
        "query is never indexed). A prompt is the request an LLM receives from a caller that holds "
        "the data. It stops at privacy filters (privacy_filter components, or any "
        "component with filters_pii true) and at monitoring and orchestration; a service that calls "
        "such a filter as an input guardrail sends masked text in the requests it makes. The first LLM "
        "(llm_server, hosted_llm_api) or retrieval index reached on each way is reported, unless "
        "it is itself marked pii (declared as holding personal data) or, for an LLM, a guardrail "
        "with filters_pii checks its input on every request."
    ),
    "why": (
        "OWASP's Top 10 for LLM applications lists sensitive information disclosure (LLM02): what "
        "reaches a prompt can come back in an answer, to anyone, and hosted models send it to a "
        "vendor. Vector and embedding weaknesses (LLM08) include indexing data that the people "
        "querying it must not see. The ML Test Score (Data 5) asks that privacy controls hold "
        "across the whole pipeline, not only in the source database."
    ),
    "sources": [OWASP_LLM, ML_TEST_SCORE],
    "example": "Support tickets (pii) → Chunker → Embedding model → Vector database, with no redaction on the way.",
    "fix": (
        "Redact or tokenise personal fields before indexing (a privacy filter after the source), "
        "and mask them in prompts with an input guardrail that filters personal data."
    ),
}


def check(graph) -> list[Finding]:
    sources = graph.with_prop("pii")
    # Only indexes and language models are reported: without one there is nothing to search for.
    if not sources or not graph.with_role((*LLM_ROLES, "candidate_retrieval")):
        return []
    declared = set(sources)
    request = graph.request
    serving = set(graph.serving)
    indexers = set(graph.with_role("embedding_indexer"))
    # What keeps or passes on content: data edges, index builds, and requests to services (a
    # request to a model or an index is answered, not kept: a query is not indexed).
    content = pair_view(
        graph.G,
        [
            *graph.data.edges,
            *((u, v) for u, v in graph.deploy.edges if u in indexers),
            *((u, v) for u, v in request.edges if v not in serving),
        ],
    )
    # A service that has a guardrail mask personal data sends masked text in the requests it makes.
    maskers = {
        caller
        for guard in graph.privacy_filters
        if graph.props(guard).get("guards", "input_output") in ("input", "input_output")
        for caller in request.predecessors(guard)
    }
    masked = {
        n
        for n in graph.with_role(LLM_ROLES)
        if any(graph.props(g).get("filters_pii") for g in graph.guards_of(n, "input"))
    }
    models = [n for n in graph.with_role(LLM_ROLES) if n not in declared and n not in masked]
    indexes = [n for n in graph.with_role("candidate_retrieval") if n not in declared]
    blocked = graph.privacy_filters | set(graph.with_role(CONTROL_ROLES)) | masked
    hidden = [
        *content.out_edges(indexes + models),
        *((u, v) for u, v in content.out_edges(maskers) if request.has_edge(u, v)),
    ]
    # The search stops at the first index or model: one missing filter, one finding.
    exposed = Reached(nx.restricted_view(content, blocked, hidden), sources)
    findings = []
    for node in indexes + models:
        if node in exposed:
            path = exposed.path(node)
        elif node in models:
            # A prompt: the request of a caller that holds personal data and does not mask it.
            callers = [c for c in request.predecessors(node) if c in exposed and c not in maskers]
            if not callers:
                continue
            path = [*exposed.path(min(callers, key=exposed.depth.__getitem__)), node]
        else:
            continue
        label = graph.label(node)
        if node in models:
            message = f"Personal data reaches the prompts of {label} unfiltered: {graph.names(path)}"
            fix = (
                f"Mask personal data before it reaches {label}: an input guardrail with filters_pii called "
                f"by the service that calls {label}, or a privacy filter after {graph.label(path[0])}."
            )
        else:
            message = f"Personal data is indexed into {label} unfiltered: {graph.names(path)}"
            fix = (
                f"Redact personal fields between {graph.label(path[0])} and {label} (a privacy filter), or mark "
                f"{label} pii if it is meant to hold personal data under access control."
            )
        findings.append(
            Finding(
                rule=id,
                severity=severity,
                message=message,
                fix=fix,
                nodes=[node],
                edges=graph.edge_ids(path, kinds=("request", "data", "deploy")),
                path=path,
            )
        )
    return findings
