"""missing-context-features: the problem names time or device, and the Features list has no context feature."""

import re

from ..findings import Finding
from ..sources import MLSD_INTERVIEW

id = "missing-context-features"
severity = "warning"
step = "data"
goal = "Context features where the prompt names time or device"
summary = "problem.statement mentions time (time of day, weekday, season, holidays) or device (mobile, desktop, tablet), the design lists features, and none is a context feature."
docs = {
    "what": (
        "When the problem statement mentions time (time of day, hour, weekday, weekend, season, "
        "holiday, time zone) or device (device, mobile, phone, desktop, tablet, TV) and the design "
        "lists features, at least one should be a context feature. Words inside other words do not "
        'count ("real-time" and "watch time" are not a time of day).'
    ),
    "why": (
        "Context features describe the moment of the request: what suits a phone at 8 am differs from "
        "a TV at 9 pm. Aminian & Xu list time of day and device among the context features of "
        "recommendation and ad prompts; when the prompt names them, the interviewer expects them."
    ),
    "sources": [MLSD_INTERVIEW],
    "example": '"Suggest events users can attend tonight on mobile" with only user and item features.',
    "fix": "Add context features: time of day, day of week, device type, location.",
}

WORDS = re.compile(
    r"(?<![\w-])(time of day|time zones?|local time|hours? of the day|day of (?:the )?week|weekdays?|weekends?"
    r"|seasons?|seasonal|holidays?|tonight|morning|evening|devices?|mobile|phones?|desktop|tablets?|tv)(?![\w-])",
    re.IGNORECASE,
)


def check(graph) -> list[Finding]:
    statement = graph.problem.get("statement") or ""
    if not graph.features or any(f.get("category") == "context" for f in graph.features):
        return []
    named = list(dict.fromkeys(m.lower() for m in WORDS.findall(statement)))
    if not named:
        return []
    words = ", ".join(f'"{w}"' for w in named[:3])
    return [
        Finding(
            rule=id,
            severity=severity,
            message=f"The problem names {words} but no context feature is listed",
            fix="Add context features for what the prompt names: time of day, day of week, device type.",
        )
    ]
