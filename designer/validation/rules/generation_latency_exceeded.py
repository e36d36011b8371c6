"""generation-latency-exceeded: one generated answer takes longer than the latency SLO allows."""

from ..findings import Finding
from ..graph import num
from ..sources import GENAI_INTERVIEW, VLLM

id = "generation-latency-exceeded"
severity = "error"
step = "serving"
goal = "Generation time within the SLO"
summary = "An LLM's time to first token plus its output tokens at its streaming speed exceeds problem.latency_slo_ms (warning above 80 %)."
docs = {
    "what": (
        "For every LLM on the request path (llm_server, hosted_llm_api, or anything with the "
        "generation figures) it computes the time of one whole response: time_to_first_token_ms "
        "plus its output tokens (output_tokens, else problem.tokens_per_request) divided by "
        "stream_tokens_per_s. An error when that alone exceeds problem.latency_slo_ms, a warning "
        "above 80 % of it. The rest of the request path adds to it, which latency-budget-exceeded "
        "checks with the same generation time. Nothing is checked without an SLO or without the "
        "three figures."
    ),
    "why": (
        "An LLM does not answer in one step: it spends the time to first token on the prompt "
        "(prefill), then produces the answer one token at a time (decode), so a long answer at a "
        "slow streaming speed takes seconds. Serving engines such as vLLM (PagedAttention) raise "
        "throughput by batching, not the speed of one stream; generative AI design interviews "
        "expect the estimate TTFT + tokens × time per token against the product's latency target."
    ),
    "sources": [GENAI_INTERVIEW, VLLM],
    "example": "SLO 3,000 ms; LLM server with time to first token 400 ms and 500 output tokens at 40 tokens/s: 12,900 ms.",
    "fix": (
        "Cap the answer length, use a smaller, distilled or quantised model, speculative decoding "
        "or faster GPUs, or stream the answer and set the SLO on time to first token."
    ),
}

WARN_RATIO = 0.8


def check(graph) -> list[Finding]:
    slo = graph.problem.get("latency_slo_ms")
    if not slo:
        return []
    findings = []
    for node in graph.G:
        if node not in graph.online:
            continue
        total = graph.generation_ms(node)
        if total is None or total <= WARN_RATIO * slo:
            continue
        props = graph.props(node)
        tokens = props.get("output_tokens") or graph.problem.get("tokens_per_request")
        speed = props["stream_tokens_per_s"]
        decode = tokens * 1000 / speed
        if total > slo:
            level, comparison = "error", f" > SLO {num(slo)} ms"
        else:
            level, comparison = "warning", f", {num(round(100 * total / slo))} % of the SLO {num(slo)} ms"
        findings.append(
            Finding(
                rule=id,
                severity=level,
                message=(
                    f"{graph.label(node)} takes {num(round(total))} ms per answer{comparison}: time to first token "
                    f"{num(props['time_to_first_token_ms'])} ms + {num(tokens)} tokens at {num(speed)} tokens/s "
                    f"({num(round(decode))} ms)"
                ),
                fix=_fix(graph.label(node), props["time_to_first_token_ms"], speed, slo),
                nodes=[node],
                path=graph.online.path(node),
            )
        )
    return findings


def _fix(label: str, first_token_ms: float, speed: float, slo: float) -> str:
    if first_token_ms >= WARN_RATIO * slo:
        start = f"Cut {label}'s time to first token (shorter prompts, prefix caching, a smaller model)"
    else:
        fitting = int((WARN_RATIO * slo - first_token_ms) * speed / 1000)
        start = f"Cap {label}'s answers at about {num(fitting)} tokens"
    return (
        start
        + ", use a smaller or quantised model or speculative decoding, or stream the answer and set the SLO on time to first token."
    )
