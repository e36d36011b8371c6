"""orphan-component: a component with no connections, or a part of the design cut off from the rest."""

import networkx as nx

from ..findings import Finding
from ..sources import HIDDEN_DEBT, RULES_OF_ML

id = "orphan-component"
severity = "warning"
step = "serving"
goal = "Every component is connected"
summary = "A component has no connections, or a group of components is disconnected from the rest of the design."
docs = {
    "what": (
        "It splits the design into connected parts (any edge kind, ignoring direction). The largest "
        "part is the system; every other part is reported: a lone component as unconnected, a group "
        "as disconnected. Notes and groups are drawing aids and never count."
    ),
    "why": (
        "A box with no arrows says nothing about how the system works, and an interviewer will ask "
        "what it is for. Hidden Technical Debt warns about underutilised data dependencies and dead "
        "code paths; Rules of ML #22 says to clean up what you no longer use."
    ),
    "sources": [HIDDEN_DEBT, RULES_OF_ML],
    "example": "A Cache dropped on the canvas with no edges, or a Monitoring → Alerting pair connected to nothing else.",
    "fix": "Connect the component to the part of the system that uses or feeds it, or delete it.",
}


def check(graph) -> list[Finding]:
    order = graph.order
    # networkx finds the parts in the order of their first node in the document.
    parts = [sorted(members, key=order.__getitem__) for members in nx.weakly_connected_components(graph.G)]
    if len(parts) < 2:
        return []
    # The main part is the largest, the earliest in the document among equals.
    main = max(range(len(parts)), key=lambda i: (len(parts[i]), -i))
    first = parts[main][0]
    findings = []
    for i, part in enumerate(parts):
        if i == main:
            continue
        if len(part) == 1:
            node = part[0]
            message = f"{graph.label(node)} is not connected to anything"
            fix = f"Connect {graph.label(node)} to the component that uses or feeds it, or delete it."
        else:
            names = ", ".join(graph.label(n) for n in part[:8]) + (
                f" and {len(part) - 8} more" if len(part) > 8 else ""
            )
            message = (
                f"{names} form a part of the design that is not connected to the rest ({graph.label(first)} and others)"
            )
            fix = f"Connect this part to the main system (for example to {graph.label(first)}) or delete it."
        findings.append(Finding(rule=id, severity=severity, message=message, fix=fix, nodes=part))
    return findings
