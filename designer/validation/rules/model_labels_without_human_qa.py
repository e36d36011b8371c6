"""model-labels-without-human-qa: labels a model produced reach training with no human check."""

import networkx as nx

from ..findings import Finding
from ..graph import TRAINING_ROLES, Reached
from ..sources import DMLS, MLSD_INTERVIEW

id = "model-labels-without-human-qa"
severity = "warning"
step = "data"
goal = "Model-made labels checked by people"
summary = "Labels from an auto-labeller reach a training pipeline along data or telemetry edges without passing a labeling service (human QA)."
docs = {
    "what": (
        "From every auto_labeler it follows data and telemetry edges, stopping at labeling_service "
        "components (where people check labels), and reports the auto-labeller with the first "
        "trainer it still reaches."
    ),
    "why": (
        "A model that labels data makes systematic mistakes, and a model trained on those labels "
        "learns them as truth. Huyen describes weak and model-assisted labelling as a way to scale "
        "hand labels, not to replace checking them; the labelling step of Aminian & Xu's data "
        "preparation distinguishes hand labels from everything else. A fleet's data engine has "
        "people review a sample of auto-labels, and every low-confidence one, before training."
    ),
    "sources": [DMLS, MLSD_INTERVIEW],
    "example": "Fleet lake → Auto-labeller → Training, with no labelling review in between.",
    "fix": "Send the auto-labels through a labeling service where people check a sample and every low-confidence label before training.",
}


def check(graph) -> list[Finding]:
    labellers = graph.with_role("auto_labeler")
    if not labellers:
        return []
    unchecked = nx.restricted_view(graph.log, graph.with_role("labeling_service"), [])
    trainers = graph.with_role(TRAINING_ROLES)
    findings = []
    for labeller in labellers:
        reached = Reached(unchecked, [labeller])
        reached_trainers = [t for t in trainers if t in reached]
        if not reached_trainers:
            continue
        # The nearest trainer, the first in the document among equals.
        trainer = min(reached_trainers, key=lambda t: (reached.depth[t], graph.order[t]))
        path = reached.path(trainer)
        findings.append(
            Finding(
                rule=id,
                severity=severity,
                message=f"Labels from {graph.label(labeller)} reach {graph.label(trainer)} with no human check: {graph.names(path)}",
                fix=(
                    f"Route {graph.label(labeller)}'s labels through a labeling service where people check a sample "
                    f"and every low-confidence label before {graph.label(trainer)} trains on them."
                ),
                nodes=[labeller],
                edges=graph.edge_ids(path, kinds=("data", "telemetry")),
                path=path,
            )
        )
    return findings
