"""Replay: rebuild a design at any version from its operation log, and mark where findings appear or clear.

Pure functions over (version, created_at, ops) batches in version order; the log's version 1 is a
document.replace of the initial document, so replaying from an empty document is exact.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from datetime import datetime

from designer.ops import apply_op

#: At most this many versions are validated for one timeline (evenly spaced, first and last always
#: in): validating is the expensive part, replaying is linear in the log.
VALIDATED_VERSIONS = 120
#: Large designs get fewer validated versions: about this many nodes validated per timeline in all,
#: but never fewer than MIN_VALIDATED_VERSIONS versions.
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
    """At most `limit` of `versions`, evenly spaced, keeping the first and the last."""
    if len(versions) <= limit:
        return list(versions)
    step = (len(versions) - 1) / (limit - 1)
    return sorted({versions[round(i * step)] for i in range(limit)})


def _clock(at: datetime) -> str:
    return at.strftime("%H:%M")


def timeline(
    entries: list[tuple[int, datetime, list]],
    validate: Callable[[dict], list[dict]],
    score: Callable[[dict, list[dict]], float],
    limit: int = VALIDATED_VERSIONS,
) -> dict:
    """Validate sampled versions of a history and mark each rule's findings appearing or clearing.

    `entries` are (version, created_at, ops) in version order; `validate` returns finding dicts
    for a document and `score` the rubric mean for (document, findings). A marker compares one
    sampled version with the previous sampled one, rule by rule.
    """
    versions = [version for version, _, _ in entries]
    sampled = sample_versions(versions, limit)
    at = {version: created for version, created, _ in entries}
    states, markers = [], []
    previous: dict[str, str] = {}
    for version, document in replay(((v, ops) for v, _, ops in entries), keep=set(sampled)):
        findings = validate(document)
        current: dict[str, str] = {}
        for finding in findings:
            current.setdefault(finding["rule"], finding["severity"])
        counts = {level: sum(1 for f in findings if f["severity"] == level) for level in ("error", "warning", "info")}
        states.append(
            {
                "version": version,
                "at": at[version].isoformat(),
                "findings": counts,
                "rubric_mean": score(document, findings),
            }
        )
        if version != versions[0]:
            for rule in sorted(set(current) | set(previous)):
                if (rule in current) == (rule in previous):
                    continue
                change = "appeared" if rule in current else "cleared"
                markers.append(
                    {
                        "version": version,
                        "at": at[version].isoformat(),
                        "rule": rule,
                        "change": change,
                        "severity": current.get(rule) or previous[rule],
                        "label": f"{rule} {change} at {_clock(at[version])}",
                    }
                )
        previous = current
    return {"validated": sampled, "limit": limit, "states": states, "markers": markers}
