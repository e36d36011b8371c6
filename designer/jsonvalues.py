"""JSON values that every database, browser and message can carry: one rule for documents, ops and messages.

Text must not contain NUL (PostgreSQL's jsonb refuses it), Unicode non-characters (U+FFFE, U+FFFF
and their twins in every plane, U+FDD0–U+FDEF) or lone surrogates (they cannot be encoded as UTF-8
at all); numbers must be finite doubles (NaN and Infinity are not JSON; an integer past ±1.8e308
becomes Infinity in a browser). The same rule runs on SQLite and PostgreSQL, before anything is
stored, and names the path of every offending value.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

from designer import limits

_NONCHARACTERS = "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
BAD_TEXT = re.compile(f"[\x00\ud800-\udfff\ufdd0-\ufdef{_NONCHARACTERS}]")
# Searched in compact JSON text. One class with the astral non-characters is ten times slower than
# a BMP-only class (measured on a 3 MB document), so astral characters are looked for only when the
# text has any. An escaped NUL ("\\u0000") may also be a harmless backslash-u0000: the walk decides.
_SUSPECT_BMP = re.compile("[\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_SUSPECT_ASTRAL = re.compile(f"[{_NONCHARACTERS[2:]}]")
KEY_CHARS = limits.ID_CHARS  # keys are cut to this length in paths and messages


def text_problem(text: str) -> str | None:
    """Why `text` cannot be stored, or None."""
    bad = BAD_TEXT.search(text)
    if bad is None:
        return None
    char = bad.group()
    if char == "\x00":
        return "contains a NUL character (\\u0000), which cannot be stored"
    if "\ud800" <= char <= "\udfff":
        return "contains a lone surrogate (\\ud800–\\udfff), which is not valid Unicode text"
    return f"contains the Unicode non-character U+{ord(char):04X}, which is not text"


def number_problem(number: Any) -> str | None:
    """Why a JSON number cannot be stored and read back, or None (booleans are not numbers here)."""
    if isinstance(number, bool):
        return None
    if isinstance(number, float):
        if number != number:
            return "must be a finite number, not NaN"
        if number in (float("inf"), float("-inf")):
            return "must be a finite number, not Infinity"
        return None
    if isinstance(number, int) and abs(number) > sys.float_info.max:
        return "is too large: a number must be within ±1.8e308"
    return None


def child_path(parent: str, key: Any) -> str:
    """The JSON path of `parent`'s field `key` ("$" is the root; keys are cut to KEY_CHARS)."""
    name = str(key)[:KEY_CHARS]
    return name if parent == "$" else f"{parent}.{name}"


def json_depth(value: Any) -> int:
    """Nesting depth of parsed JSON (a scalar is 0, {} or [] is 1), computed without recursion."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            deepest = max(deepest, depth)
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            deepest = max(deepest, depth)
            stack.extend((v, depth + 1) for v in item)
    return deepest


def _walk(value: Any, root: str, limit: int) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    stack: list[tuple[Any, str]] = [(value, root)]
    while stack and len(found) < limit:
        item, path = stack.pop()
        if isinstance(item, str):
            problem = text_problem(item)
            if problem:
                found.append((path, problem))
        elif isinstance(item, dict):
            children = []
            for key, child in item.items():
                problem = text_problem(key) if isinstance(key, str) else None
                if problem:
                    # The key itself cannot be part of the path: it is the text that cannot be sent.
                    found.append((path, f"has a key that {problem}"))
                    continue
                children.append((child, child_path(path, key)))
            stack.extend(reversed(children))
        elif isinstance(item, list):
            stack.extend((child, f"{path}[{i}]") for i, child in reversed(list(enumerate(item))))
        else:
            problem = number_problem(item)
            if problem:
                found.append((path, problem))
    return found


def _suspect(text: str) -> bool:
    if "\\u0000" in text:
        return True
    if text.isascii():
        return False
    if _SUSPECT_BMP.search(text):
        return True
    return _ASTRAL.search(text) is not None and _SUSPECT_ASTRAL.search(text) is not None


def scan(value: Any, root: str = "$", limit: int = limits.PROBLEMS_LISTED) -> tuple[int | None, list[tuple[str, str]]]:
    """(size of `value` as compact UTF-8 JSON, [(path, problem)] for every value that cannot be stored).

    The common case costs one json.dumps and a search in C; only a suspect document is walked
    value by value to find the paths. Integers too large for a double are not searched for here
    (a regular expression for them cost more than the rest): the format's number types refuse
    them, with number_problem's message. The size is None when the value is not
    JSON at all (a Python object that crept in).
    """
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    except ValueError:
        return None, _walk(value, root, limit)
    except TypeError:
        return None, []
    if not _suspect(text):
        return len(text.encode("utf-8")), []
    found = _walk(value, root, limit)
    return (None if found else len(text.encode("utf-8"))), found
