"""Findings as the API and pages serve them: one home for "validate, then serialise"."""

from __future__ import annotations

from .engine import validate_design


def document_findings(document: dict) -> list[dict]:
    """The findings of a valid document as JSON-ready dicts, most severe first."""
    return [finding.as_dict() for finding in validate_design(document)]
