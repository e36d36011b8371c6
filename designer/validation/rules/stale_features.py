"""stale-features: the freshest data path into a store used at serving is staler than that store requires."""

from ..findings import Finding
from ..graph import ONLINE_FEATURE_ROLES, num
from ..sources import DMLS, FACEBOOK_ADS, FEAST_WRITES, ML_TEST_SCORE, RULES_OF_ML, YOUTUBE_DNN

id = "stale-features"
severity = "error"
step = "data"
goal = "Features fresh enough"
summary = "The freshest data path from raw sources into a store used at serving is staler than that store's required freshness (freshness_s, for feature stores problem.feature_freshness_s by default)."
docs = {
    "what": (
        "Every store reachable on the request path has a freshness requirement: its freshness_s "
        "prop, and for feature stores without one problem.feature_freshness_s. For each, it finds "
        "the freshest path from a raw source (data_source, event_stream, client or sensor roles, a "
        "database nothing fills, or any component nothing feeds) along data edges (and the deploy edge from an indexer into "
        "the index it builds), adding up the staleness_s of every component on it (a nightly batch "
        "job adds 86,400 s, a stream processor a few seconds). If even that path is older than the "
        "store's requirement, what it serves is too stale. Orchestrators, monitors and alerting "
        "start jobs rather than feed them: what leaves them is never data (draw it as a control "
        "edge). A store with no requirement is not checked."
    ),
    "why": (
        "Rules of ML #8 asks you to know the freshness requirements of your system; the ML Test Score "
        "(Monitor 4) asks what alert fires when a daily table stops updating. Fresh signals matter: "
        "YouTube serves up-to-the-second watch history and Facebook's ads paper measured the gain of "
        "fresher data. Batch processing produces static features, stream processing dynamic ones "
        "(Huyen); asynchronous writes can leave an online store stale (Feast). Requirements differ "
        "per store: daily item embeddings, hourly listing features and 60-second session features "
        "can all be right in one design."
    ),
    "sources": [RULES_OF_ML, ML_TEST_SCORE, YOUTUBE_DNN, FACEBOOK_ADS, DMLS, FEAST_WRITES],
    "example": (
        "Required freshness 60 s; Event logs → Data lake (3,600 s) → Spark batch job (86,400 s) → "
        "Online store is the only way in: 90,000 s."
    ),
    "fix": (
        "Add a streaming path (event stream → stream processor → the online store), write features "
        "synchronously, compute them from the request itself, or, if the store may be older, set "
        "its own freshness_s."
    ),
}


def check(graph) -> list[Finding]:
    default = graph.problem.get("feature_freshness_s")
    online = graph.online
    stores = {}
    for node in graph.G:
        if node not in online:
            continue
        own = graph.props(node).get("freshness_s")
        if own is None and graph.role(node) in ONLINE_FEATURE_ROLES:
            own = default
        if own:
            stores[node] = own
    if not stores:
        return []
    findings = []
    for store, required in stores.items():
        age = graph.data_age(store)
        if age is None or age <= required:
            continue
        path = graph.freshest_path(store)
        parts = " + ".join(f"{graph.label(n)} {num(graph.staleness(n))} s" for n in path)
        whose = (
            "its freshness_s" if graph.props(store).get("freshness_s") is not None else "problem.feature_freshness_s"
        )
        findings.append(
            Finding(
                rule=id,
                severity=severity,
                message=(
                    f"The freshest data reaching {graph.label(store)} is {num(age)} s old ({parts}) but it must "
                    f"be fresher than {num(required)} s ({whose})"
                ),
                fix=(
                    f"Add a streaming path into {graph.label(store)} (event stream → stream processor → "
                    f"{graph.label(store)}), compute the stale values from the request itself, or set "
                    f"{graph.label(store)}'s freshness_s if it may be older."
                ),
                nodes=[store],
                edges=graph.edge_ids(path, kinds=("data", "deploy")),
                path=path,
            )
        )
    return findings
