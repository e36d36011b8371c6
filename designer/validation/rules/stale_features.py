"""stale-features: the freshest data path into a serving feature store is staler than required."""

import networkx as nx

from ..findings import Finding
from ..graph import ONLINE_FEATURE_ROLES, RAW_SOURCE_ROLES, num
from ..sources import DMLS, FACEBOOK_ADS, FEAST_WRITES, ML_TEST_SCORE, RULES_OF_ML, YOUTUBE_DNN

id = "stale-features"
severity = "error"
step = "data"
goal = "Features fresh enough"
summary = "The freshest data path from raw sources into a feature store used at serving is staler than problem.feature_freshness_s."
docs = {
    "what": (
        "For every feature store reachable on the request path, it finds the freshest data path from "
        "a raw source (data_source, event_stream, client or database roles, or any component nothing "
        "feeds) along data edges, adding up the staleness_s of every component on it (a nightly batch "
        "job adds 86,400 s, a stream processor a few seconds). If even that path is older than "
        "problem.feature_freshness_s, served features are too stale. Nothing is checked when no "
        "freshness requirement is set."
    ),
    "why": (
        "Rules of ML #8 asks you to know the freshness requirements of your system; the ML Test Score "
        "(Monitor 4) asks what alert fires when a daily table stops updating. Fresh signals matter: "
        "YouTube serves up-to-the-second watch history and Facebook's ads paper measured the gain of "
        "fresher data. Batch processing produces static features, stream processing dynamic ones "
        "(Huyen); asynchronous writes can leave an online store stale (Feast)."
    ),
    "sources": [RULES_OF_ML, ML_TEST_SCORE, YOUTUBE_DNN, FACEBOOK_ADS, DMLS, FEAST_WRITES],
    "example": (
        "Required freshness 60 s; Event logs → Data lake (3,600 s) → Spark batch job (86,400 s) → "
        "Online store is the only way in: 90,000 s."
    ),
    "fix": (
        "Add a streaming path (event stream → stream processor → the online store), write features "
        "synchronously, or compute them from the request itself."
    ),
}


def check(graph) -> list[Finding]:
    required = graph.problem.get("feature_freshness_s")
    online = graph.online
    providers = [n for n in graph.with_role(ONLINE_FEATURE_ROLES) if n in online]
    if not required or not providers:
        return []
    data = graph.data
    # Raw sources, and anything that sends data but is fed by nothing.
    sources = [*graph.with_role(RAW_SOURCE_ROLES), *(n for n in data if data.out_degree(n) and not data.in_degree(n))]
    # Every component on a path adds its staleness. Dijkstra weighs edges, so an edge weighs what
    # its source adds; the last component's own staleness is added at the end.
    cost = {n: graph.props(n).get("staleness_s", 0) for n in data}
    if not sources:
        return []
    dist, paths = nx.multi_source_dijkstra(data, set(sources), weight=lambda u, v, _: cost[u])
    findings = []
    for provider in providers:
        if provider not in dist:
            continue
        age = dist[provider] + cost[provider]
        if age <= required:
            continue
        path = paths[provider]
        parts = " + ".join(f"{graph.label(n)} {num(cost[n])} s" for n in path)
        findings.append(
            Finding(
                rule=id,
                severity=severity,
                message=(
                    f"The freshest data reaching {graph.label(provider)} is {num(age)} s old "
                    f"({parts}) but features must be fresher than {num(required)} s"
                ),
                fix=(
                    f"Add a streaming path into {graph.label(provider)} (event stream → stream processor → "
                    f"{graph.label(provider)}) or compute the stale features from the request itself."
                ),
                nodes=[provider],
                edges=graph.edge_ids(path, kinds=("data",)),
                path=path,
            )
        )
    return findings
