"""Replay: rebuild a design at any version from its operation log, and mark where findings appear or clear.

Pure functions over (version, ops) batches in version order; the log's version 1 is a
document.replace of the initial document, so replaying from an empty document (or from any later
document.replace) is exact.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from datetime import datetime

from designer.ops import apply_op

#: At most this many versions are validated for one timeline (evenly spaced, first and last always
#: in): validating is the expensive part, replaying is linear in the log.
VALIDATED_VERSIONS = 120
#: Large designs get fewer validated versions: about this many nodes validated per timeline in all,
#: but never fewer than MIN_VALIDATED_VERSIONS versions. Sized by the largest version in the
#: history, not by the current document (a design that was large once stays costly to review).
VALIDATION_BUDGET_NODES = 20000
MIN_VALIDATED_VERSIONS = 10


def validated_versions_for(nodes: int) -> int:
    """How many versions a timeline validates for a design of `nodes` nodes."""
    return max(MIN_VALIDATED_VERSIONS, min(VALIDATED_VERSIONS, VALIDATION_BUDGET_NODES // max(nodes, 1)))


def replay(batches: Iterable[tuple], keep: set[int] | None = None):
    """Yield (version, document) after each batch whose version is in `keep` (every batch if None).

    The batches were validated when they were accepted, so each op is applied in place without
    re-checking the whole document; only the yielded documents are copied.
    """
    document: dict = {}
    for version, ops in batches:
        for op in ops:
            apply_op(document, op)
        if keep is None or version in keep:
            yield version, copy.deepcopy(document)


def document_at(batches: Iterable[tuple], version: int) -> dict | None:
    """The document exactly as it was at `version`, or None when the log has no such version."""
    for _, document in replay((b for b in batches if b[0] <= version), keep={version}):
        return document
    return None


def sample_versions(versions: list[int], limit: int = VALIDATED_VERSIONS) -> list[int]:
    """At most `limit` of `versions`, evenly spaced, keeping the first and the last.

    The spacing is a power of two, so the sample is stable as the history grows: a new version
    adds itself (the last), and when the spacing doubles the new sample is a subset of the old
    one; every validated version's cached summary keeps being used.
    """
    if len(versions) <= limit:
        return list(versions)
    stride = 1
    while stride * (limit - 1) < len(versions) - 1:
        stride *= 2
    return [v for i, v in enumerate(versions) if i % stride == 0 or i == len(versions) - 1]


def node_counts(batches: Iterable[tuple]) -> dict[int, int]:
    """Each version's node count, replaying in place (nothing is copied): what sizes a timeline."""
    document: dict = {}
    counts = {}
    for version, ops in batches:
        for op in ops:
            apply_op(document, op)
        counts[version] = len(document.get("nodes") or ())
    return counts


def summary(document: dict, findings: list[dict], rubric_mean: float) -> dict:
    """What a timeline keeps of one version: finding counts by severity, each rule's severity, the
    rubric mean and the node count (small enough to cache for every validated version)."""
    rules: dict[str, str] = {}
    for finding in findings:
        rules.setdefault(finding["rule"], finding["severity"])
    return {
        "findings": {
            level: sum(1 for f in findings if f["severity"] == level) for level in ("error", "warning", "info")
        },
        "rules": rules,
        "rubric_mean": rubric_mean,
        "nodes": len(document.get("nodes") or ()),
    }


def _clock(at: datetime) -> str:
    return at.strftime("%H:%M")


def timeline(at: dict[int, datetime], summaries: dict[int, dict], sampled: list[int], limit: int) -> dict:
    """States and markers over the sampled versions, from their summaries.

    `at` maps every version to its time; a marker compares one sampled version with the previous
    sampled one, rule by rule (a rule's findings appearing or clearing).
    """
    first = min(at) if at else None
    states, markers = [], []
    previous: dict[str, str] = {}
    for version in sampled:
        current = summaries[version]["rules"]
        when = at[version].isoformat()
        states.append(
            {
                "version": version,
                "at": when,
                "findings": summaries[version]["findings"],
                "rubric_mean": summaries[version]["rubric_mean"],
            }
        )
        if version != first:
            for rule in sorted(set(current) | set(previous)):
                if (rule in current) == (rule in previous):
                    continue
                change = "appeared" if rule in current else "cleared"
                markers.append(
                    {
                        "version": version,
                        "at": when,
                        "rule": rule,
                        "change": change,
                        "severity": current.get(rule) or previous[rule],
                        "label": f"{rule} {change} at {_clock(at[version])}",
                    }
                )
        previous = current
    return {"validated": sampled, "limit": limit, "states": states, "markers": markers}
