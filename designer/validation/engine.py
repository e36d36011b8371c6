"""Runs every rule over one shared graph of a valid document, then applies the design's settings."""

from __future__ import annotations

import gc
from operator import attrgetter

from .findings import SEVERITY_ORDER, Finding
from .graph import DesignGraph
from .registry import all_rules

__all__ = ["Finding", "validate_design"]

_TIEBREAK = attrgetter("rule", "nodes", "edges", "message")


def _severity_rank(finding: Finding) -> int:
    return SEVERITY_ORDER.get(finding.severity, 9)


def validate_design(document: dict) -> list[Finding]:
    """Findings for a valid mlsd-design/1 document, most severe first, in a stable order.

    Rules listed in settings.disabled_rules are not run; settings.severity replaces the
    severity of every finding of the rules it names.
    """
    settings = document.get("settings") or {}
    disabled = set(settings.get("disabled_rules") or ())
    overrides = settings.get("severity") or {}
    # Building the graph allocates tens of thousands of small dicts; the cyclic collector's
    # passes over them cost more than all the rules together (bench/validator.py), and nothing
    # built here needs collecting early (the graph has no reference cycles: it is freed when
    # _run_rules returns). Paused only if it was running, and always resumed; the young objects
    # left then (the findings) are collected here, so this call pays for its own garbage rather
    # than whatever allocates next.
    collecting = gc.isenabled()
    gc.disable()
    try:
        findings = _run_rules(document, disabled, overrides)
        # Finding.sort_key's order, in two stable passes whose keys cost no Python call per
        # comparison: everything but the severity, then the severity rank.
        findings.sort(key=_TIEBREAK)
        findings.sort(key=_severity_rank)
    finally:
        if collecting:
            gc.enable()
            gc.collect(0)
    return findings


def _run_rules(document: dict, disabled: set, overrides: dict) -> list[Finding]:
    graph = DesignGraph(document)
    findings: list[Finding] = []
    for rule in all_rules():
        if rule.id in disabled:
            continue
        for finding in rule.check(graph):
            if rule.id in overrides:
                finding.severity = overrides[rule.id]
            findings.append(finding)
    return findings
