"""What the design commands share: reading a document file (or - for standard input), and refusing
one that cannot be read with each of its problems and exit status 2."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import NoReturn

from django.core.management.base import BaseCommand

from designer.document import InvalidDocument, loads, validate_document


def read_input(command: BaseCommand, path: str) -> bytes:
    """The bytes of `path` (- reads standard input); exit status 2 when it cannot be read."""
    try:
        return sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        command.stderr.write(f"{path}: cannot read: {exc.strerror}")
        sys.exit(2)


def refuse(command: BaseCommand, path: str, what: str, problems: Iterable[object]) -> NoReturn:
    """`path: what (n problem(s)):` and one indented line per problem on stderr, then exit status 2."""
    problems = list(problems)
    command.stderr.write(f"{path}: {what} ({len(problems)} problem(s)):")
    for problem in problems:
        command.stderr.write(f"  {problem}")
    sys.exit(2)


def read_document(command: BaseCommand, path: str) -> dict:
    """The valid mlsd-design/1 document in `path`, or exit status 2 with why not."""
    raw = read_input(command, path)
    try:
        return validate_document(loads(raw))
    except InvalidDocument as exc:
        refuse(command, path, "not a valid mlsd-design/1 document", exc.problems)
