"""feature-served-stale: a listed feature is served by a store whose freshest data is older than the feature may be."""

from designer.format import freshness_s

from ..findings import Finding
from ..graph import num
from ..sources import DMLS, FEAST_WRITES, MLSD_INTERVIEW, RULES_OF_ML

id = "feature-served-stale"
severity = "error"
step = "data"
goal = "Each feature served as fresh as it needs"
summary = "A feature's served_by component receives its freshest data along a path older than the feature's freshness (a real-time feature served only from a store a daily batch job fills)."
docs = {
    "what": (
        "For every feature in the design's Features list with a freshness bound (daily 172,800 s, "
        "hourly 7,200 s, real-time 60 s, or its number of seconds; static features never go stale) "
        "and a served_by component, it finds the freshest path from a raw source (data source, event "
        "stream, client, database, or anything nothing feeds) into that component along data edges, "
        "adding up the staleness_s of every component on it, as stale-features does for stores. If "
        "even that path is older than the feature's bound, the feature is served staler than it "
        "needs. A served_by component nothing feeds by data (a service that computes the feature from "
        "the request itself) is not checked."
    ),
    "why": (
        "Interviewers probe exactly here: which features must be fresh, and where is each computed? "
        "Batch processing produces static features and stream processing dynamic ones (Huyen); a "
        "session feature computed nightly is a day old when it matters most. Rules of ML #8 asks you "
        "to know your freshness requirements; asynchronous writes can leave an online store stale "
        "(Feast)."
    ),
    "sources": [MLSD_INTERVIEW, DMLS, RULES_OF_ML, FEAST_WRITES],
    "example": (
        "clicks in session (real-time, 60 s) is served by Online store, which only Spark batch job (86,400 s) feeds."
    ),
    "fix": (
        "Compute the feature in a stream processor that writes into the store (event stream → stream "
        "processor → store), compute it from the request, or, if it may be older, relax its freshness."
    ),
}


def check(graph) -> list[Finding]:
    wanted = [
        (f, bound, f["served_by"])
        for f in graph.features
        if (bound := freshness_s(f.get("freshness"))) is not None and f.get("served_by") in graph.components
    ]
    if not wanted:
        return []
    findings = []
    for feature, bound, store in wanted:
        age = graph.data_age(store)
        if age is None or age <= bound:
            continue
        path = graph.freshest_path(store)
        label = graph.label(store)
        parts = " + ".join(f"{graph.label(n)} {num(graph.staleness(n))} s" for n in path)
        need = feature["freshness"]
        level = f" ({need})" if isinstance(need, str) else ""
        findings.append(
            Finding(
                rule=id,
                severity=severity,
                message=(
                    f"{feature['name']} must be at most {num(bound)} s old{level} but the freshest "
                    f"data reaching {label}, which serves it, is {num(age)} s old ({parts})"
                ),
                fix=(
                    f"Compute {feature['name']} in a stream processor that writes into {label}, compute it from "
                    f"the request, or relax its freshness if it may be older."
                ),
                nodes=[store],
                edges=graph.edge_ids(path, kinds=("data",)),
                path=path,
                features=[feature["id"]],
            )
        )
    return findings
