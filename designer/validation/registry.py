"""Discovers the rules: every module of designer.validation.rules is one rule, none is listed by hand.

A rule module defines `id`, `severity`, `step` (the interview step whose rubric scores it, one of
designer.interview.framework.STEP_IDS), `goal` (one line: what a design that passes shows, the
rubric item's label), `summary`, `docs` and `check(graph)`.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from functools import lru_cache
from types import ModuleType

from designer.interview.framework import STEP_IDS

from . import rules as rules_package

RULE_ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SEVERITIES = ("error", "warning", "info")
DOC_SECTIONS = ("what", "why", "sources", "example", "fix")


class RuleDefinitionError(Exception):
    """A rule module is missing something every rule must have."""


def _check_module(module: ModuleType) -> None:
    name = module.__name__.rsplit(".", 1)[-1]
    rule_id = getattr(module, "id", None)
    if not isinstance(rule_id, str) or not RULE_ID_RE.match(rule_id) or rule_id.replace("-", "_") != name:
        raise RuleDefinitionError(f"{module.__name__}: `id` must be the kebab-case form of the module name")
    if getattr(module, "severity", None) not in SEVERITIES:
        raise RuleDefinitionError(f"{module.__name__}: `severity` must be one of {', '.join(SEVERITIES)}")
    if getattr(module, "step", None) not in STEP_IDS:
        raise RuleDefinitionError(f"{module.__name__}: `step` must be one of {', '.join(STEP_IDS)}")
    goal = getattr(module, "goal", None)
    if not isinstance(goal, str) or not goal or "\n" in goal:
        raise RuleDefinitionError(f"{module.__name__}: `goal` must be one line")
    summary = getattr(module, "summary", None)
    if not isinstance(summary, str) or not summary or "\n" in summary:
        raise RuleDefinitionError(f"{module.__name__}: `summary` must be one line")
    docs = getattr(module, "docs", None)
    if not isinstance(docs, dict) or set(docs) != set(DOC_SECTIONS):
        raise RuleDefinitionError(f"{module.__name__}: `docs` must have exactly {', '.join(DOC_SECTIONS)}")
    if not callable(getattr(module, "check", None)):
        raise RuleDefinitionError(f"{module.__name__}: `check(graph)` is missing")


@lru_cache(maxsize=1)
def all_rules() -> tuple[ModuleType, ...]:
    """Every rule module, sorted by id."""
    modules = []
    for info in pkgutil.iter_modules(rules_package.__path__):
        module = importlib.import_module(f"{rules_package.__name__}.{info.name}")
        _check_module(module)
        modules.append(module)
    return tuple(sorted(modules, key=lambda m: m.id))


def get_rule(rule_id: str) -> ModuleType | None:
    """The rule with this id, or None."""
    return next((rule for rule in all_rules() if rule.id == rule_id), None)


def rule_info(rule: ModuleType) -> dict:
    """A rule's public metadata, as served by GET /api/rules/ and shown on /rules/."""
    return {
        "id": rule.id,
        "severity": rule.severity,
        "summary": rule.summary,
        "step": rule.step,
        "goal": rule.goal,
        "docs": {
            "what": rule.docs["what"],
            "why": rule.docs["why"],
            "sources": [{"title": title, "url": url} for title, url in rule.docs["sources"]],
            "example": rule.docs["example"],
            "fix": rule.docs["fix"],
        },
        "url": f"/rules/{rule.id}/",
    }
