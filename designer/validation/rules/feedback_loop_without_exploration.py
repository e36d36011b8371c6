"""feedback-loop-without-exploration: a model's outputs shape its own training data with no exploration."""

import networkx as nx

from ..findings import Finding
from ..graph import TRAINING_ROLES, reached_set
from ..sources import DMLS, HIDDEN_DEBT, RULES_OF_ML, YOUTUBE_DNN

id = "feedback-loop-without-exploration"
severity = "warning"
step = "monitoring"
goal = "Feedback loops explored"
summary = "A model's outputs reach the data it is trained on, and no exploration, A/B assignment or holdout feeds that training data."
docs = {
    "what": (
        "It follows where a serving component's output goes: back along request edges to its callers "
        "(the reply), then along data, telemetry and deploy edges. If that reaches a trainer that "
        "deploys to the same component, the model selects its own future training data. The loop is "
        "broken when a component with exploration true (or an ab_testing component) also feeds that "
        "trainer the same way, so some training data comes from traffic the model did not choose. "
        "The first 25 loops come with their path; the rest name the model and its trainer."
    ),
    "why": (
        "Hidden Technical Debt describes direct feedback loops, where a model influences the "
        "selection of its own future training data, and mitigates them with randomisation or data the "
        "model does not influence. Rules of ML #34 holds out a slice of traffic; Huyen calls these "
        "degenerate feedback loops; YouTube trains on all watches, not just recommended ones, so new "
        "content can surface."
    ),
    "sources": [HIDDEN_DEBT, RULES_OF_ML, DMLS, YOUTUBE_DNN],
    "example": (
        "Ranker's recommendations are logged by App into Kafka → Data lake → Trainer → Ranker, and "
        "nothing serves exploration or holdout traffic."
    ),
    "fix": (
        "Serve some traffic with exploration or a holdout (set exploration on the component that "
        "decides it, or add A/B assignment), log it, and train on it."
    ),
}


#: Loops reported with their full path; further ones name the model and trainer only.
MAX_WITNESSES = 25


def check(graph) -> list[Finding]:
    trainers = graph.with_role(TRAINING_ROLES)
    models = [n for n in graph.serving if n in graph.trained]
    if not trainers or not models:
        return []
    influence = graph.influence
    # A model's outputs reach one of its own trainers exactly when the two are in one strongly
    # connected part of the influence view: the trainer's models reach the model along artifact
    # edges, which the influence view holds.
    part = {n: i for i, members in enumerate(nx.strongly_connected_components(influence)) for n in members}
    explorers = set(graph.with_role("ab_testing")) | set(graph.with_prop("exploration"))
    explored = reached_set(influence, explorers)
    findings: list[Finding] = []
    for model in models:
        loop = [t for t in graph.trainers_of(model) if part[t] == part[model]]
        # A trainer on an explored loop breaks every loop it closes; otherwise the model's first
        # trainer (document order) on a loop is the one reported.
        if not loop or any(t in explored for t in loop):
            continue
        trainer = loop[0]
        # Witness paths are bounded so a design full of loops stays linear.
        path = nx.bidirectional_shortest_path(influence, model, trainer) if len(findings) < MAX_WITNESSES else None
        via = f" ({graph.names(path)} → {graph.label(model)})" if path else ""
        findings.append(
            Finding(
                rule=id,
                severity=severity,
                message=(
                    f"{graph.label(model)}'s outputs shape the data {graph.label(trainer)} retrains it on"
                    f"{via}, with no exploration or holdout"
                ),
                fix=(
                    f"Serve a slice of traffic with exploration or a holdout (set exploration on the component "
                    f"that picks what {graph.label(model)}'s results replace, or add A/B assignment) and log it "
                    f"into {graph.label(trainer)}'s data."
                ),
                nodes=[model],
                path=path,
            )
        )
    return findings
