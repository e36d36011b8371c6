"""llm-without-guardrails: an LLM answers requests with no check on what goes in or what comes out."""

from ..findings import Finding
from ..graph import LLM_ROLES
from ..sources import GENAI_INTERVIEW, OWASP_LLM

id = "llm-without-guardrails"
severity = "error"
step = "serving"
goal = "LLM prompts and answers are checked"
summary = "An LLM on the request path has no input guardrail (prompt injection, unsafe requests) or no output guardrail (unsafe or leaking answers)."
docs = {
    "what": (
        "For every LLM (llm_server or hosted_llm_api) on the request path it looks for an input check "
        "and an output check that every request passes: a guardrail component (or any component "
        "with a guards prop) whose guards is input, output or input_output, either on every request "
        "path to the LLM, called by a component every request to the LLM passes through (the "
        "service that orchestrates the call), or called by the LLM itself. A missing input check "
        "and a missing output check are reported together in one finding."
    ),
    "why": (
        "OWASP's Top 10 for LLM applications puts prompt injection first (LLM01): user input and "
        "retrieved documents must be treated as untrusted before they reach the model. Improper "
        "output handling (LLM05) and sensitive information disclosure (LLM02) are about what comes "
        "out: an answer must be checked before it reaches a user or a tool. Generative AI design "
        "interviews expect both safety layers around the model."
    ),
    "sources": [OWASP_LLM, GENAI_INTERVIEW],
    "example": "Chat API → LLM server and back to the user, with nothing checking the prompt or the answer.",
    "fix": (
        "Call an input guardrail (prompt-injection and policy checks, personal data masking) before "
        "the LLM and an output guardrail (safety, leakage, format) before the answer leaves, from "
        "the service that calls the LLM."
    ),
}


def check(graph) -> list[Finding]:
    findings = []
    for node in graph.with_role(LLM_ROLES):
        if node not in graph.online:
            continue
        missing = [d for d in ("input", "output") if not graph.guards_of(node, d)]
        if not missing:
            continue
        label = graph.label(node)
        what = " and ".join(missing)
        findings.append(
            Finding(
                rule=id,
                severity=severity,
                message=(
                    f"{label} answers requests with no {what} guardrail: "
                    + (
                        "prompts reach it unchecked and its answers reach users unchecked"
                        if len(missing) == 2
                        else "prompts reach it unchecked"
                        if missing == ["input"]
                        else "its answers reach users unchecked"
                    )
                ),
                fix=(
                    f"From the service that calls {label}, call a guardrail that checks "
                    + ("the prompt before and the answer after" if len(missing) == 2 else f"the {what}")
                    + f" {label} (prompt injection, unsafe content, personal data)."
                ),
                nodes=[node],
                path=graph.online.path(node),
            )
        )
    return findings
