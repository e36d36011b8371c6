"""training-serving-skew: served features and training features come from disjoint pipelines."""

import networkx as nx

from ..findings import Finding
from ..graph import ONLINE_FEATURE_ROLES, SHARED_FEATURE_ROLES, TRAINING_ROLES, ordered_parts, reached_set
from ..sources import AWS_ML_LENS, GOOGLE_MLOPS, ML_TEST_SCORE, RULES_OF_ML

id = "training-serving-skew"
severity = "error"
step = "model"
goal = "Training and serving share features"
summary = "A model is served features whose pipeline shares no feature store or transformation with its training data."
docs = {
    "what": (
        "For every serving component that has a trainer upstream (deploy path) and reads features at "
        "request time from a feature store (called by it or by its caller), it compares two lineages "
        "along data edges: the one that fills those feature stores and the one that feeds its training "
        "pipeline. If no feature store, batch job or stream processor is on both, and no telemetry "
        "edge with logs_features carries the served features into training, the features are computed "
        "twice, by different code."
    ),
    "why": (
        "Training/serving skew is the ML Test Score's Monitor 3: feature code paths that differ at "
        "training and serving time silently change what the model sees. Rules of ML #29 and #32 say to "
        "log the features used at serving and to reuse code between the two pipelines; Google's MLOps "
        "guide and the AWS ML Lens recommend one feature store as the source for both."
    ),
    "sources": [ML_TEST_SCORE, RULES_OF_ML, GOOGLE_MLOPS, AWS_ML_LENS],
    "example": (
        "Ranker reads an Online store filled by a streaming job, while Trainer reads a Warehouse "
        "filled by a separate nightly ETL: two implementations of every feature."
    ),
    "fix": (
        "Fill the online store and the training data from the same feature store or transformation "
        "job, or log the served feature vector (telemetry edge with logs_features) into the training data."
    ),
}


def check(graph) -> list[Finding]:
    trainers = graph.with_role(TRAINING_ROLES)
    models = [n for n in graph.serving if n in graph.trained]
    if not trainers or not models:
        return []
    # Only stores and jobs upstream of some trainer can be shared with serving: the others get
    # no bit, which keeps the masks small.
    upstream = reached_set(graph.data.reverse(copy=False), trainers)
    shared = [n for n in graph.with_role(SHARED_FEATURE_ROLES) if n in upstream]
    lineage = upstream_masks(graph.data, {n: 1 << i for i, n in enumerate(shared)})
    request = graph.request
    stores_online = set(graph.with_role(ONLINE_FEATURE_ROLES))
    findings = []
    for node in models:
        # The feature stores the model or one of its callers reads, in the order they are called.
        providers = [p for p in request.successors(node) if p in stores_online]
        for caller in request.predecessors(node):
            providers.extend(p for p in request.successors(caller) if p in stores_online and p not in providers)
        if not providers:
            continue
        serve_lineage = 0
        for provider in providers:
            serve_lineage |= lineage.get(provider, 0)
        train_lineage = 0
        for trainer in graph.trainers_of(node):
            train_lineage |= lineage.get(trainer, 0)
        if serve_lineage & train_lineage:
            continue
        if graph.logs_served_features(node):
            continue
        # The trainers whose models reach it (through a shared registry there can be several).
        names = " or ".join(graph.label(t) for t in graph.trainers_of(node))
        stores = ", ".join(graph.label(p) for p in providers)
        findings.append(
            Finding(
                rule=id,
                severity=severity,
                message=(
                    f"{graph.label(node)} is served features from {stores}, but {names} trains "
                    "it on data that shares no feature store or transformation with them, and no served "
                    "features are logged into training"
                ),
                fix=(
                    f"Feed {names} from the same feature store or job that fills {stores}, or "
                    f"log the features {graph.label(node)} is served (telemetry edge with logs_features) into "
                    "the training data."
                ),
                nodes=[node, *providers],
            )
        )
    return findings


def upstream_masks(view: nx.DiGraph, seeds: dict) -> dict:
    """For every node, the bitwise OR of the seeds of the nodes that reach it (itself included).

    One pass over the view's strongly connected parts in topological order (members of a part
    reach each other, so they share a mask), so "which shared stores and jobs feed this store and
    that trainer" needs no search per node.
    """
    index, parts = ordered_parts(view)
    masks: dict = {}
    for part in parts:
        mask = 0
        for node in part:
            mask |= seeds.get(node, 0)
            for other in view.predecessors(node):
                if index[other] != index[node]:
                    mask |= masks[other]
        for node in part:
            masks[node] = mask
    return masks
