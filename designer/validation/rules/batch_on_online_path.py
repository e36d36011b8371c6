"""batch-on-online-path: an offline-only component is called synchronously on the request path."""

from ..findings import Finding
from ..graph import OFFLINE_ONLY_ROLES
from ..sources import DMLS, FEAST_ONLINE, GOOGLE_MLOPS, RULES_OF_ML

id = "batch-on-online-path"
severity = "error"
step = "serving"
goal = "No batch system on the request path"
summary = "A batch job, warehouse, lake, offline store, trainer, registry or other offline-only component is reachable by request edges from an entry."
docs = {
    "what": (
        "It walks request edges from every entry (client and api_gateway roles) and reports each "
        "reachable component whose role only works offline: batch_job, data_warehouse, data_lake, "
        "offline_feature_store, training_pipeline, distributed_training, model_registry, "
        "labeling_service, orchestrator, embedding_indexer and model_evaluation."
    ),
    "why": (
        "Offline systems are built for throughput, not for a user waiting on a reply: a warehouse "
        "query takes seconds and a batch job runs on a schedule. Feast separates the offline store "
        "(history, training) from the online store (latest values at low latency); Huyen calls batch "
        "prediction the workaround when a model is too slow to call online; Rules of ML #4 says to "
        "either serve the model live or precompute its results into a table."
    ),
    "sources": [FEAST_ONLINE, DMLS, GOOGLE_MLOPS, RULES_OF_ML],
    "example": "App → Data warehouse (request edge) to read a user's features while the user waits.",
    "fix": (
        "Precompute what the request needs into an online store, cache or database, fill it with a "
        "data edge from the offline component, and call that instead."
    ),
}


def check(graph) -> list[Finding]:
    online = graph.online
    findings = []
    for node in graph.G:
        if node in online and graph.role(node) in OFFLINE_ONLY_ROLES:
            path = online.path(node)
            findings.append(
                Finding(
                    rule=id,
                    severity=severity,
                    message=(
                        f"{graph.label(node)} ({graph.role_name(graph.role(node))}) is called synchronously "
                        f"on the request path {graph.names(path)}"
                    ),
                    fix=(
                        f"Precompute what {graph.label(path[-2])} needs from {graph.label(node)} into an online "
                        "store or cache, fed by a data edge, and call that instead."
                    ),
                    nodes=[node],
                    edges=graph.edge_ids(path, kinds=("request",)),
                    path=path,
                )
            )
    return findings
