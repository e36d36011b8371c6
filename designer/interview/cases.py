"""The reference designs as templates: "Study the reference" copies a bank problem's answer into a new design.

Every problem of the bank (bank.py) has a reference design in case_studies/; this module is the
gallery's view of them, in bank order. A template is the answer, not a starting point for
practice: the gallery says so.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from .bank import BankProblem, bank


@dataclass(frozen=True)
class Case:
    problem: BankProblem

    @property
    def id(self) -> str:
        return self.problem.id

    @property
    def summary(self) -> str:
        return self.problem.spec.summary

    @property
    def document(self) -> dict:
        """A fresh copy of the reference document (callers may change it)."""
        return copy.deepcopy(self.problem.reference)

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "title": self.problem.reference["title"],
            "summary": self.summary,
            "task": self.problem.task,
        }


def cases() -> tuple[Case, ...]:
    """Every reference, in bank order."""
    return tuple(Case(problem) for problem in bank())


def __getattr__(name: str):
    # CASES stays importable (bench/validator.py uses it) without reading the bank at import time.
    if name == "CASES":
        return cases()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def case_list() -> list[dict]:
    """id, title, summary and task of every template, in gallery order."""
    return [case.as_dict() for case in cases()]


def case_get(case_id: str) -> Case | None:
    return next((case for case in cases() if case.id == case_id), None)
