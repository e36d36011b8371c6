"""Comment input as pure functions: targets, bodies and the JSON shape everyone sees."""

from __future__ import annotations

import math
from typing import Any

from designer.limits import COMMENT_CHARS as BODY_MAX_CHARS
from designer.limits import COORD as COORD_LIMIT
from designer.limits import ID_RE


class CommentInputError(ValueError):
    """Comment input that cannot be stored; the message says why in plain words."""


def clean_target(target: Any) -> dict:
    """`{"node": id}`, `{"edge": id}` or `{"point": {"x": n, "y": n}}`, or CommentInputError."""
    if not isinstance(target, dict) or len(target) != 1:
        raise CommentInputError('target must be {"node": id}, {"edge": id} or {"point": {"x": number, "y": number}}')
    ((kind, value),) = target.items()
    if kind in ("node", "edge"):
        if not isinstance(value, str) or not ID_RE.match(value):
            raise CommentInputError(f"target.{kind} must be an id (1–64 letters, digits or _.:-)")
        return {kind: value}
    if kind == "point":
        if not isinstance(value, dict) or set(value) != {"x", "y"}:
            raise CommentInputError('target.point must be {"x": number, "y": number}')
        for axis in ("x", "y"):
            n = value[axis]
            if isinstance(n, bool) or not isinstance(n, (int, float)) or not math.isfinite(n) or abs(n) > COORD_LIMIT:
                raise CommentInputError(f"target.point.{axis} must be a number within ±{COORD_LIMIT}")
        return {"point": {"x": value["x"], "y": value["y"]}}
    raise CommentInputError(f"unknown target kind {kind[:20]!r}; use node, edge or point")


def clean_body(body: Any) -> str:
    """Plain text, 1–2,000 characters after trimming; it is shown as text, never as HTML."""
    if not isinstance(body, str):
        raise CommentInputError("body must be a string")
    body = body.strip()
    if not body:
        raise CommentInputError("body must not be empty")
    try:
        body.encode("utf-8")
    except UnicodeEncodeError:
        raise CommentInputError(
            "body contains a lone surrogate (\\ud800–\\udfff), which is not valid Unicode text"
        ) from None
    if len(body) > BODY_MAX_CHARS:
        raise CommentInputError(f"body has {len(body)} characters; the limit is {BODY_MAX_CHARS}")
    return body


def comment_as_dict(comment) -> dict:
    return {
        "id": comment.pk,
        "parent": comment.parent_id,
        "author": comment.author_name,
        "target": comment.target,
        "body": comment.body,
        "resolved": comment.resolved,
        "created_at": comment.created_at.isoformat(),
        "updated_at": comment.updated_at.isoformat(),
    }
