"""online-store-not-materialized: a feature store or retrieval index that nothing loads."""

from ..findings import Finding
from ..sources import FEAST_ONLINE, RULES_OF_ML

id = "online-store-not-materialized"
severity = "error"
step = "data"
goal = "Online stores are filled"
summary = "A feature store or ANN/retrieval index has no inbound data or deploy edge."
docs = {
    "what": (
        "Every feature_store, online_feature_store and candidate_retrieval component needs at least "
        "one inbound data edge (materialisation, stream ingestion) or deploy edge (an index built by "
        "an indexer)."
    ),
    "why": (
        "An online store only serves what was materialised into it: Feast's serving guide requires "
        "loading feature values into the online store before serving. A retrieval index with nothing "
        "building it returns an empty or frozen candidate set. Rules of ML #10 warns that such "
        "silent failures are common in ML systems."
    ),
    "sources": [FEAST_ONLINE, RULES_OF_ML],
    "example": "App → Online store (request edge) and nothing writes into Online store.",
    "fix": (
        "Add a data edge from the batch or stream job that materialises the features, or a deploy "
        "edge from the job that builds the index."
    ),
}

ROLES = ("feature_store", "online_feature_store", "candidate_retrieval")


def check(graph) -> list[Finding]:
    data, deploy = graph.data, graph.deploy
    findings = []
    for node in graph.with_role(ROLES):
        if data.in_degree(node) or deploy.in_degree(node):
            continue
        what = "index" if graph.role(node) == "candidate_retrieval" else "features"
        findings.append(
            Finding(
                rule=id,
                severity=severity,
                message=f"Nothing loads {what} into {graph.label(node)}: it has no inbound data or deploy edge",
                fix=(
                    f"Add a data edge into {graph.label(node)} from the job that materialises its {what}"
                    + (", or a deploy edge from the indexer that builds it." if what == "index" else ".")
                ),
                nodes=[node],
            )
        )
    return findings
