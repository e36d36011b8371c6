"""orphan-component: a component with no connections, or a part of the design cut off from the rest."""
import networkx as nx

from ..findings import Finding
from ..sources import HIDDEN_DEBT, RULES_OF_ML

id = "orphan-component"
severity = "warning"
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
    parts = [sorted(part, key=order.__getitem__) for part in nx.weakly_connected_components(graph.G)]
    if len(parts) < 2:
        return []
    parts.sort(key=lambda part: (-len(part), order[part[0]]))
    main = parts[0]
    findings = []
    for part in parts[1:]:
        if len(part) == 1:
            node = part[0]
            message = f"{graph.label(node)} is not connected to anything"
            fix = f"Connect {graph.label(node)} to the component that uses or feeds it, or delete it."
        else:
            names = ", ".join(graph.label(n) for n in part[:8]) + (f" and {len(part) - 8} more" if len(part) > 8 else "")
            message = f"{names} form a part of the design that is not connected to the rest ({graph.label(main[0])} and others)"
            fix = f"Connect this part to the main system (for example to {graph.label(main[0])}) or delete it."
        findings.append(Finding(rule=id, severity=severity, message=message, fix=fix, nodes=part))
    return findings
