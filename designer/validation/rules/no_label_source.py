"""no-label-source: a supervised task whose training has no source of labels upstream."""

import networkx as nx

from ..findings import Finding
from ..graph import TRAINING_ROLES, reached_set
from ..sources import DMLS, FACEBOOK_ADS, MLSD_INTERVIEW

id = "no-label-source"
severity = "error"
step = "data"
goal = "Label source feeds training"
summary = "A supervised task (classification, regression, ranking) has no labeling_service or provides_labels source upstream of training."
docs = {
    "what": (
        "When problem.task is classification, regression or ranking, every training job must be "
        "reachable along data and telemetry edges from a labeling_service or from a component whose "
        "provides_labels prop is true (click, purchase, chargeback or report streams). A training job "
        "is a cluster of trainers joined by request edges (a training pipeline and the parameter "
        "servers it calls): labels that reach one of them reach the job."
    ),
    "why": (
        "Supervised learning needs ground truth. Huyen distinguishes natural labels, which arrive late "
        "through a feedback loop, from hand labels produced by annotators; Aminian & Xu make "
        "'hand labels or natural labels?' part of constructing the dataset; Facebook's ads paper joins "
        "clicks to impressions to label examples."
    ),
    "sources": [DMLS, MLSD_INTERVIEW, FACEBOOK_ADS],
    "example": "A ranking design where Trainer reads only item metadata from a warehouse: nothing says which items users liked.",
    "fix": (
        "Log natural labels (clicks, purchases, reports) and join them to the examples, or add a "
        "labeling service, and connect it to training with a data edge."
    ),
}

SUPERVISED = ("classification", "regression", "ranking")


def check(graph) -> list[Finding]:
    task = graph.problem.get("task")
    if task not in SUPERVISED:
        return []
    sources = set(graph.with_role("labeling_service")) | set(graph.with_prop("provides_labels"))
    labelled = reached_set(graph.log, sources)
    trainers = graph.with_role(TRAINING_ROLES)
    # A training job: trainers that call each other (pipeline → parameter servers).
    for job in nx.weakly_connected_components(graph.request.subgraph(trainers)):
        if not labelled.isdisjoint(job):
            labelled |= job
    return [
        Finding(
            rule=id,
            severity=severity,
            message=f"The task is {task}, but no labels reach {graph.label(node)}: no labeling service or label-providing source is upstream of it",
            fix=(
                f"Connect a label source to {graph.label(node)}: log outcomes (clicks, purchases) from an "
                "event stream with provides_labels, or add a labeling service."
            ),
            nodes=[node],
        )
        for node in trainers
        if node not in labelled
    ]
