"""Runs every rule over one shared graph of a valid document, then applies the design's settings."""

from __future__ import annotations

from .findings import Finding
from .graph import DesignGraph
from .registry import all_rules

__all__ = ["Finding", "validate_design"]


def validate_design(document: dict) -> list[Finding]:
    """Findings for a valid mlsd-design/1 document, most severe first, in a stable order.

    A pure function of the document. Rules listed in settings.disabled_rules are not run;
    settings.severity replaces the severity of every finding of the rules it names.
    """
    settings = document.get("settings") or {}
    disabled = set(settings.get("disabled_rules") or ())
    overrides = settings.get("severity") or {}
    graph = DesignGraph(document)
    findings: list[Finding] = []
    try:
        for rule in all_rules():
            if rule.id in disabled:
                continue
            for finding in rule.check(graph):
                if rule.id in overrides:
                    finding.severity = overrides[rule.id]
                findings.append(finding)
    finally:
        graph.close()
    return sorted(findings, key=Finding.sort_key)
