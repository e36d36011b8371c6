"""stale-features: the freshest data path into a store used at serving is staler than that store requires."""

import networkx as nx

from ..findings import Finding
from ..graph import CONTROL_ROLES, ONLINE_FEATURE_ROLES, RAW_SOURCE_ROLES, num, pair_view
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
        "the freshest path from a raw source (data_source, event_stream, client or database roles, "
        "or any component nothing feeds) along data edges (and the deploy edge from an indexer into "
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
    control = set(graph.with_role(CONTROL_ROLES))
    indexers = set(graph.with_role("embedding_indexer"))
    flows = pair_view(
        graph.G,
        [
            *((u, v) for u, v in graph.data.edges if u not in control),
            *((u, v) for u, v in graph.deploy.edges if u in indexers),
        ],
    )
    sources = {
        n
        for n in flows
        if n not in control and (graph.role(n) in RAW_SOURCE_ROLES or (flows.out_degree(n) and not flows.in_degree(n)))
    }
    if not sources:
        return []
    # Every component on a path adds its staleness. Dijkstra weighs edges, so an edge weighs what
    # its source adds; the last component's own staleness is added at the end.
    cost = {n: graph.props(n).get("staleness_s", 0) for n in flows}
    dist = nx.multi_source_dijkstra_path_length(flows, sources, weight=lambda u, v, _: cost[u])
    findings = []
    for store, required in stores.items():
        if store not in dist:
            continue
        age = dist[store] + cost[store]
        if age <= required:
            continue
        path = _freshest_path(flows, dist, cost, sources, store)
        parts = " + ".join(f"{graph.label(n)} {num(cost[n])} s" for n in path)
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


def _freshest_path(flows, dist: dict, cost: dict, sources: set, node) -> list:
    """The freshest path from a source into `node`, read back from the distances: a step back from
    v to u is on a freshest path when dist[u] + cost[u] == dist[v]. A breadth-first search back
    along those steps finds the one with fewest hops (the first predecessor in document order among
    equals). Only the paths of findings are built this way, not one per component."""
    back = {node: None}
    queue = [node]
    for here in queue:
        if here in sources:
            path = [here]
            while back[path[-1]] is not None:
                path.append(back[path[-1]])
            return path
        for before in flows.predecessors(here):
            if before not in back and before in dist and dist[before] + cost[before] == dist[here]:
                back[before] = here
                queue.append(before)
    return [node]
