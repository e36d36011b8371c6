"""A finding: one problem a rule sees in a design, named for people and located for the editor."""

from __future__ import annotations

from dataclasses import dataclass, field

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(slots=True)
class Finding:
    rule: str
    severity: str
    message: str
    fix: str
    nodes: list[str] = field(default_factory=list)
    edges: list[str] = field(default_factory=list)
    path: list[str] | None = None
    #: ids of the document's features / signals the finding is about (the editor selects them)
    features: list[str] = field(default_factory=list)
    signals: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        data = {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "fix": self.fix,
            "nodes": self.nodes,
            "edges": self.edges,
        }
        if self.path is not None:
            data["path"] = self.path
        if self.features:
            data["features"] = self.features
        if self.signals:
            data["signals"] = self.signals
        return data

    def sort_key(self) -> tuple:
        return (
            SEVERITY_ORDER.get(self.severity, 9),
            self.rule,
            self.nodes,
            self.edges,
            self.features,
            self.signals,
            self.message,
        )
