"""The practice problem bank: one schema for every problem file (problems/*.json), its loader and its checks.

A problem is what an interviewer brings to a practice: a title, the prompt as they say it, the
facts they reveal when asked (each a question, its answer and the problem field it sets), two
hints per framework step (a nudge, then a concrete pointer), the reference design (an
mlsd-design/1 document in case_studies/, hidden until revealed) and a write-up of the
reference's key choices. The pydantic models below are the one definition of that format;
docs/interview.md describes it and `problem_schema()` publishes it as JSON Schema.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    create_model,
    field_validator,
    model_validator,
)

from designer.document import PROBLEM_LISTS, PROBLEM_NUMBERS, check_document

from .framework import STEP_IDS

FORMAT = "mlsd-problem/1"
BANK_DIR = Path(__file__).with_name("problems")
REFERENCE_DIR = Path(__file__).with_name("case_studies")

#: What a fact is about, in the order an interviewer is usually asked (Aminian & Xu, ch. 1).
TOPICS = ("objective", "scale", "latency", "freshness", "data", "constraints")
#: Problem fields a fact may set: the numbers and the metric lists of the design's problem.
FACT_FIELDS = (*PROBLEM_NUMBERS, *PROBLEM_LISTS)

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=64)]
StepId = Literal[STEP_IDS]


def _text(limit: int):
    return Annotated[str, StringConstraints(min_length=1, max_length=limit)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Fact(_Strict):
    """Something the interviewer tells when the candidate asks `question`."""

    id: Slug
    topic: Literal[TOPICS]
    question: _text(200)
    answer: _text(600)
    #: The design's problem field this fact sets (latency_slo_ms, peak_qps, …), when it sets one.
    field: Literal[FACT_FIELDS] | None = None
    #: The value it sets: a positive number, or a list of metric names; its type follows `field`
    #: (checked below, so a wrong type gets one message that names the field).
    value: Any = None

    @model_validator(mode="after")
    def _value_fits_field(self):
        value = self.value
        if self.field is None:
            if value is not None:
                raise ValueError("a fact with a value must name the problem field it sets")
        elif self.field in PROBLEM_NUMBERS:
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
                raise ValueError(f"{self.field} needs a positive number as its value")
        elif not (isinstance(value, list) and value and all(isinstance(m, str) and 0 < len(m) <= 100 for m in value)):
            raise ValueError(f"{self.field} needs a non-empty list of metric names (up to 100 characters) as its value")
        return self


class Hint(_Strict):
    """Two levels of help for one step: a nudge first, then a concrete pointer."""

    nudge: _text(300)
    pointer: _text(500)


#: One Hint per framework step, every step required (fields generated from framework.STEP_IDS).
Hints = create_model("Hints", __base__=_Strict, **dict.fromkeys(STEP_IDS, (Hint, ...)))  # type: ignore[call-overload]


class Choice(_Strict):
    """One key choice of the reference design and what it trades off."""

    step: StepId
    choice: _text(300)
    tradeoff: _text(600)


class Writeup(_Strict):
    summary: _text(1200)
    choices: list[Choice] = Field(min_length=3, max_length=12)


class Source(_Strict):
    title: _text(200)
    chapter: int | None = Field(default=None, ge=1, le=99)


class ProblemFile(_Strict):
    """The schema of one problems/*.json file."""

    format: Literal[FORMAT]
    id: Slug
    title: _text(120)
    summary: _text(300)
    source: Source | None = None
    prompt: _text(1500)
    facts: list[Fact] = Field(min_length=3, max_length=30)
    hints: Hints
    #: File name of the reference design in case_studies/.
    reference: Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+\.json$", max_length=80)]
    writeup: Writeup

    @field_validator("facts")
    @classmethod
    def _facts_are_distinct(cls, facts: list[Fact]) -> list[Fact]:
        ids: dict = {}
        fields: dict = {}
        for i, fact in enumerate(facts):
            if fact.id in ids:
                raise ValueError(f'facts[{i}] has the id "{fact.id}" of facts[{ids[fact.id]}]')
            ids[fact.id] = i
            if fact.field in fields:
                raise ValueError(f"facts[{i}] sets {fact.field}, as facts[{fields[fact.field]}] does")
            if fact.field:
                fields[fact.field] = i
        return facts


@dataclass(frozen=True)
class BankProblem:
    """A checked problem: its file's content and its reference document."""

    spec: ProblemFile
    reference: dict

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def title(self) -> str:
        return self.spec.title

    @property
    def task(self) -> str:
        return self.reference["problem"]["task"]

    def fact_for(self, field: str) -> Fact | None:
        """The fact that sets this problem field, if one does."""
        return next((f for f in self.spec.facts if f.field == field), None)


class BankError(Exception):
    """A problem file that cannot be used, with every reason (each prefixed by the file name)."""

    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__("; ".join(messages[:5]))


def _path(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "$"


def _schema_messages(exc: ValidationError) -> list[str]:
    messages = []
    for error in exc.errors(include_url=False):
        # Errors raised by a model validator carry "Value error, " before the message itself.
        message = error["msg"].removeprefix("Value error, ")
        messages.append(f"{_path(error['loc'])}: {message}")
    return messages


def _reference_messages(spec: ProblemFile, document: dict) -> list[str]:
    """Facts and reference must agree: each fact's value is the reference's, and every number the
    reference declares is one a candidate can learn by asking. The reference lists its features (two
    categories at least) and a label signal."""
    name = spec.reference
    problem = document.get("problem") or {}
    messages = []
    if problem.get("task") in (None, "other"):
        messages.append(f"{name}: problem.task must name the ML task (classification, ranking, …)")
    for i, fact in enumerate(spec.facts):
        if fact.field and problem.get(fact.field) != fact.value:
            messages.append(
                f"facts[{i}].value: {json.dumps(fact.value)} but {name} sets problem.{fact.field} to "
                f"{json.dumps(problem.get(fact.field))}"
            )
    # The reference's feature list is what the comparison measures a candidate's against (issue 16).
    categories = {f["category"] for f in document.get("features") or ()}
    if len(categories) < 2:
        messages.append(f"{name}: the reference must list features in at least two categories (features)")
    if not any(s["is_label"] for s in document.get("signals") or ()):
        messages.append(f"{name}: the reference must name the signal it learns from as a label (signals)")
    revealed = {f.field for f in spec.facts}
    for key in PROBLEM_NUMBERS:
        if key in problem and key not in revealed:
            messages.append(f"{name}: problem.{key} is set but no fact reveals it")
    return messages


def load_problem(path: Path, reference_dir: Path | None = None) -> BankProblem:
    """Read and check one problem file and its reference, or raise BankError with every reason."""
    reference_dir = reference_dir or REFERENCE_DIR
    name = path.name
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BankError([f"{name}: cannot be read: {exc}"]) from None
    try:
        spec = ProblemFile.model_validate(raw)
    except ValidationError as exc:
        raise BankError([f"{name}: {m}" for m in _schema_messages(exc)]) from None
    if spec.id.replace("-", "_") != path.stem:
        raise BankError([f'{name}: id "{spec.id}" does not match the file name ({spec.id.replace("-", "_")}.json)'])
    try:
        document = json.loads((reference_dir / spec.reference).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BankError([f"{name}: reference {spec.reference} cannot be read: {exc}"]) from None
    messages = [f"reference {spec.reference}: {p}" for p in check_document(document)]
    messages = messages or _reference_messages(spec, document)
    if messages:
        raise BankError([f"{name}: {m}" for m in messages])
    return BankProblem(spec=spec, reference=document)


def _order(problem: BankProblem) -> tuple:
    """Book chapters first in chapter order, then the other problems by title."""
    source = problem.spec.source
    chapter = source.chapter if source and source.chapter else None
    return (chapter is None, chapter or 0, problem.title)


def load_bank(directory: Path | None = None, reference_dir: Path | None = None) -> tuple[list[BankProblem], list[str]]:
    """Every usable problem in `directory` (default: the shipped bank, in bank order) and every
    reason a file is not usable."""
    directory = directory or BANK_DIR
    problems: list[BankProblem] = []
    messages: list[str] = []
    for path in sorted(directory.glob("*.json")):
        try:
            problems.append(load_problem(path, reference_dir))
        except BankError as exc:
            messages.extend(exc.messages)
    references: dict[str, str] = {}
    for problem in problems:
        other = references.setdefault(problem.spec.reference, problem.id)
        if other != problem.id:
            messages.append(f"{problem.id.replace('-', '_')}.json: reference {problem.spec.reference} is {other}'s too")
    if not problems and not messages:
        messages.append(f"{directory}: no problem files")
    return sorted(problems, key=_order), messages


@cache
def bank() -> tuple[BankProblem, ...]:
    """The shipped bank, checked once per process (the start-up check reports what is wrong)."""
    problems, messages = load_bank()
    if messages:
        raise BankError(messages)
    return tuple(problems)


def problem_get(problem_id: str) -> BankProblem | None:
    return next((p for p in bank() if p.id == problem_id), None)


def problem_schema() -> dict:
    """The JSON Schema of a problem file, generated from ProblemFile."""
    return ProblemFile.model_json_schema()


def problem_summary(problem: BankProblem) -> dict:
    """What the bank's list shows of a problem: nothing of its answers or its reference."""
    source = problem.spec.source
    return {
        "id": problem.id,
        "title": problem.title,
        "summary": problem.spec.summary,
        "task": problem.task,
        "source": source.model_dump() if source else None,
        "questions": len(problem.spec.facts),
    }


def problem_card(problem: BankProblem) -> dict:
    """The problem card a candidate starts from: the prompt and the questions they may ask, without
    the answers, the hints or the reference."""
    return {
        **problem_summary(problem),
        "prompt": problem.spec.prompt,
        "questions": [{"id": f.id, "topic": f.topic, "question": f.question} for f in problem.spec.facts],
    }


def fact_get(problem: BankProblem, fact_id: str) -> Fact | None:
    return next((f for f in problem.spec.facts if f.id == fact_id), None)


def facts_recorded(problem: BankProblem, entries: list[dict]) -> list[tuple[dict, Fact]]:
    """The recorded entries ({"fact": id, …}) with their facts, in order; an entry whose fact the
    problem file has since lost is left out (a bank edit must not break old attempts)."""
    found = []
    for entry in entries:
        fact = fact_get(problem, entry["fact"])
        if fact is not None:
            found.append((entry, fact))
    return found


def fact_as_dict(fact: Fact) -> dict:
    """A revealed fact: the question, its answer, and the problem field and value it sets (if any)."""
    return {
        "id": fact.id,
        "topic": fact.topic,
        "question": fact.question,
        "answer": fact.answer,
        "field": fact.field,
        "value": fact.value,
    }


def hint_text(problem: BankProblem, step: str, level: int) -> str:
    """Level 1 is the step's nudge, level 2 its concrete pointer."""
    hint = getattr(problem.spec.hints, step)
    return hint.nudge if level == 1 else hint.pointer


def reveals_as_dicts(problem: BankProblem, entries: list[dict]) -> list[dict]:
    """Recorded reveals with their content, in order (see reveal_as_dict); a fact the problem file
    has since lost is left out."""
    shown = []
    for entry in entries:
        fact = fact_get(problem, entry["fact"]) if entry["kind"] == "fact" else None
        if entry["kind"] == "hint" or fact is not None:
            shown.append(reveal_as_dict(problem, entry, fact))
    return shown


def reveal_as_dict(problem: BankProblem, entry: dict, fact: Fact | None = None) -> dict:
    """A recorded reveal ({"kind": "fact", "fact": id, "at"} or {"kind": "hint", "step", "level", "at"})
    with its content, as the candidate sees it (`fact`: the entry's fact, for a fact)."""
    if entry["kind"] == "fact":
        fact = fact or fact_get(problem, entry["fact"])
        if fact is None:
            raise KeyError(f'{problem.id} has no fact "{entry["fact"]}"')
        return {"kind": "fact", **fact_as_dict(fact), "at": entry["at"]}
    return {
        "kind": "hint",
        "step": entry["step"],
        "level": entry["level"],
        "text": hint_text(problem, entry["step"], entry["level"]),
        "at": entry["at"],
    }
