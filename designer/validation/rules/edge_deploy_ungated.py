"""edge-deploy-ungated: models reach devices without being compiled for them or rolled out in stages."""

import networkx as nx

from ..findings import Finding
from ..graph import TRAINING_ROLES, Reached
from ..sources import GOOGLE_MLOPS, MLSD_INTERVIEW

id = "edge-deploy-ungated"
severity = "error"
step = "serving"
goal = "Device models compiled and rolled out in stages"
summary = "A deploy path from training to an edge device skips a model compiler (quantise/compile for the target) or a staged OTA fleet rollout."
docs = {
    "what": (
        "For every edge_device a trainer's models reach (along deploy edges, and data edges between "
        "trainers) it removes the model_compiler components and looks for a path that still "
        "reaches the device, then does the same with the ota_rollout components. A path without a "
        "compiler ships a model never quantised or compiled for the device's accelerator; a path "
        "without a staged rollout switches the whole fleet at once. Both gaps of one device are "
        "reported in one finding, with the path that skips them."
    ),
    "why": (
        "A model trained in the data centre does not run as it is on a vehicle or a phone: it is "
        "quantised and compiled for the target (Aminian & Xu's on-device serving discusses "
        "compression and quantisation), and its accuracy is checked after that. A fleet cannot be "
        "rolled back by restarting a server, so releases go out in stages: shadow mode, a small "
        "cohort, then everyone, halted on regressions, as Google's MLOps guide asks of any release "
        "(canary or A/B before all traffic)."
    ),
    "sources": [MLSD_INTERVIEW, GOOGLE_MLOPS],
    "example": "Training → Simulation gate → Registry → Vehicle computer with deploy edges: no compile step, no staged rollout.",
    "fix": (
        "Deploy through a model compiler (quantise and compile for the device, re-check accuracy) "
        "and an OTA rollout that ships to a shadow cohort first and halts on regressions."
    ),
}


def check(graph) -> list[Finding]:
    trained = graph.trained
    devices = [n for n in graph.with_role("edge_device") if n in trained]
    if not devices:
        return []
    trainers = graph.with_role(TRAINING_ROLES)
    uncompiled = Reached(nx.restricted_view(graph.artifact, graph.with_role("model_compiler"), []), trainers)
    unstaged = Reached(nx.restricted_view(graph.artifact, graph.with_role("ota_rollout"), []), trainers)
    findings = []
    for device in devices:
        gaps, steps, path = [], [], None
        if device in uncompiled:
            gaps.append("without a compile step for its accelerator")
            steps.append("a model compiler (quantise and compile for it, then re-check accuracy)")
            path = uncompiled.path(device)
        if device in unstaged:
            gaps.append("without a staged fleet rollout")
            steps.append("an OTA rollout that ships to a shadow cohort first and halts on regressions")
            path = path or unstaged.path(device)
        if not gaps:
            continue
        label = graph.label(device)
        findings.append(
            Finding(
                rule=id,
                severity=severity,
                message=f"Models reach {label} {' and '.join(gaps)}: {graph.names(path)}",
                fix=f"Deploy to {label} through {' and '.join(steps)}.",
                nodes=[device],
                edges=graph.edge_ids(path, kinds=("deploy", "data")),
                path=path,
            )
        )
    return findings
