"""token-throughput-exceeded: peak load asks an LLM fleet for more tokens per second than it generates."""

import math

from ..findings import Finding
from ..graph import num
from ..sources import AWS_ML_LENS, GENAI_INTERVIEW, VLLM

id = "token-throughput-exceeded"
severity = "error"
step = "serving"
goal = "Token throughput above peak demand"
summary = "Peak QPS reaching an LLM × tokens per request exceeds tokens_per_s × replicas (warning above 70 %)."
docs = {
    "what": (
        "For every component with a tokens_per_s (output tokens one replica generates per second "
        "across the requests it batches, or a vendor's quota) it takes the peak QPS that reaches it "
        "along request edges (as throughput-bottleneck propagates problem.peak_qps) times the "
        "tokens per request (the component's output_tokens, else problem.tokens_per_request), and "
        "compares the tokens per second asked for with tokens_per_s × replicas: an error above it, "
        "a warning above 70 %. Nothing is checked without a peak QPS or a token count."
    ),
    "why": (
        "An LLM fleet's capacity is tokens per second, not requests per second: a request that "
        "asks for 500 tokens costs fifty times one that asks for 10. vLLM's PagedAttention raises "
        "the tokens a GPU generates per second by batching many requests; the AWS ML Lens asks for "
        "endpoints sized and scaled for peak demand. Generative AI design interviews size the "
        "fleet from peak QPS × tokens per request."
    ),
    "sources": [GENAI_INTERVIEW, VLLM, AWS_ML_LENS],
    "example": "2,000 QPS × 400 tokens = 800,000 tokens/s at an LLM server generating 2,500 tokens/s per replica on 8 replicas (20,000 tokens/s).",
    "fix": (
        "Add replicas (or autoscale on tokens per second), cap output tokens, cache repeated answers "
        "(semantic cache), or route simple requests to a smaller model."
    ),
}

WARN_RATIO = 0.7


def check(graph) -> list[Finding]:
    load = graph.peak_load
    findings = []
    for node, qps in load.items():
        props = graph.props(node)
        per_replica = props.get("tokens_per_s")
        tokens = props.get("output_tokens") or graph.problem.get("tokens_per_request")
        if not qps or not per_replica or not tokens:
            continue
        replicas = props.get("replicas", 1)
        asked = qps * tokens
        capacity = per_replica * replicas
        if asked > capacity:
            level, comparison = "error", f" > {num(capacity)} tokens/s"
        elif asked > WARN_RATIO * capacity:
            level, comparison = "warning", f", {num(round(100 * asked / capacity))} % of {num(capacity)} tokens/s"
        else:
            continue
        label = graph.label(node)
        path = graph.load_path(node)
        findings.append(
            Finding(
                rule=id,
                severity=level,
                message=(
                    f"{label} is asked for {num(asked)} tokens/s at peak ({num(qps)} QPS × {num(tokens)} tokens)"
                    f"{comparison} ({num(per_replica)} tokens/s × {num(replicas)} replica{'s' if replicas != 1 else ''})"
                ),
                fix=(
                    f"Raise {label}'s replicas to at least {num(math.ceil(asked / (WARN_RATIO * per_replica)))}, cap output "
                    "tokens, or answer repeated questions from a semantic cache."
                ),
                nodes=[node],
                edges=graph.edge_ids(path, kinds=("request",), fallback=False),
                path=path,
            )
        )
    return findings
