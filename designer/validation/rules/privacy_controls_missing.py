"""privacy-controls-missing: personal data reaches training or feature storage without a privacy filter."""

import networkx as nx

from ..findings import Finding
from ..graph import CONTROL_ROLES, TRAINING_ROLES, Reached
from ..sources import AWS_ML_LENS, ML_TEST_SCORE, MLSD_INTERVIEW

id = "privacy-controls-missing"
severity = "warning"
step = "data"
goal = "Personal data filtered or access-controlled"
summary = "Data from a component marked pii reaches a trainer, feature store, warehouse or lake without passing a privacy filter (reported at the first such store)."
docs = {
    "what": (
        "From every component whose pii prop is true it follows data and telemetry edges, stopping "
        "at privacy filters (privacy_filter components, or any component with filters_pii true) and "
        "at monitoring, alerting and orchestration, which pass on signals rather than records. It "
        "reports the first trainer, feature store, warehouse or lake on each way the data goes "
        "(unless that component is itself marked pii, i.e. declared as holding personal data): one "
        "missing filter is one finding, not one per store downstream of it."
    ),
    "why": (
        "The ML Test Score (Data 5) notes that raw data is usually access-controlled but ML systems "
        "export and transform it for training, so privacy controls must hold across the whole "
        "pipeline. The AWS ML Lens asks to protect sensitive data; Aminian & Xu list privacy among "
        "the talking points of data preparation."
    ),
    "sources": [ML_TEST_SCORE, AWS_ML_LENS, MLSD_INTERVIEW],
    "example": "Cardholder DB (pii) → Warehouse → Trainer with no anonymisation on the way.",
    "fix": "Insert a privacy filter (drop, hash or tokenise personal fields) before the data reaches training or shared storage.",
}

SINK_ROLES = TRAINING_ROLES | {
    "feature_store",
    "online_feature_store",
    "offline_feature_store",
    "data_warehouse",
    "data_lake",
}


def check(graph) -> list[Finding]:
    sources = graph.with_prop("pii")
    if not sources:
        return []
    declared = set(sources)
    # Monitoring, alerting and orchestration pass on signals, not the records themselves.
    blocked = graph.privacy_filters | set(graph.with_role(CONTROL_ROLES))
    sinks = [n for n in graph.with_role(SINK_ROLES) if n not in declared]
    # The search stops at the first store: what flows on from it is reported there.
    exposed = Reached(nx.restricted_view(graph.log, blocked, graph.log.out_edges(sinks)), sources)
    findings = []
    for node in sinks:
        if node in exposed:
            path = exposed.path(node)
            findings.append(
                Finding(
                    rule=id,
                    severity=severity,
                    message=f"Personal data reaches {graph.label(node)} unfiltered: {graph.names(path)}",
                    fix=(
                        f"Insert a privacy filter between {graph.label(path[0])} and {graph.label(node)}, or "
                        f"mark {graph.label(node)} pii if it is meant to hold personal data under access control."
                    ),
                    nodes=[node],
                    edges=graph.edge_ids(path, kinds=("data", "telemetry")),
                    path=path,
                )
            )
    return findings
