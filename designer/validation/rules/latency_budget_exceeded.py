"""latency-budget-exceeded: the worst p99 sum of a request exceeds the latency SLO."""

from ..findings import Finding
from ..graph import num
from ..sources import DMLS, GOOGLE_MLOPS, ML_TEST_SCORE, TAIL_AT_SCALE

id = "latency-budget-exceeded"
severity = "error"
step = "serving"
goal = "Latency within the SLO"
summary = (
    "The worst p99 latency sum from an entry along request edges exceeds problem.latency_slo_ms (warning above 80 %)."
)
docs = {
    "what": (
        "Starting from every entry (client and api_gateway roles, or the components nobody calls), it "
        "adds up the p99 latency_ms of each component and of the components it calls (for a "
        "generation model, the time of its whole response: time to first token plus its output "
        "tokens at its streaming speed, as generation-latency-exceeded computes it). A component "
        "calls its callees one after another (sum) unless its parallel prop is true (max). Fallback "
        "edges are left out: they only run when the primary call fails. The worst entry is compared "
        "with problem.latency_slo_ms: an error above it, a warning above 80 % of it. Nothing is "
        "checked when no SLO is set."
    ),
    "why": (
        "Online prediction means inference latency is part of the product (Huyen, ch. 7). Tail "
        "latency compounds: a request that waits on many components is as slow as its slowest one "
        "(The Tail at Scale). Summing p99s is a conservative budget, not a prediction, which is what "
        "an interviewer expects you to check on the whiteboard. The ML Test Score (Monitor 6) and "
        "Google's MLOps guide treat serving latency as something to test and watch."
    ),
    "sources": [TAIL_AT_SCALE, DMLS, ML_TEST_SCORE, GOOGLE_MLOPS],
    "example": (
        "SLO 200 ms; Gateway (5 ms) → App (20 ms), which calls Feature store (10 ms) and then Ranker "
        "(225 ms) in sequence: 260 ms."
    ),
    "fix": (
        "Call independent services in parallel (set parallel on the caller), cache or precompute "
        "results, narrow candidates before the heavy model, or use a smaller or distilled model."
    ),
}

MAX_PARTS = 12


def check(graph) -> list[Finding]:
    slo = graph.problem.get("latency_slo_ms")
    if not slo or not graph.entries:
        return []
    succ, order = graph.request_dag
    total: dict = {}
    for node in reversed(order):
        own = graph.latency_ms(node)
        if succ[node]:
            callees = [total[c] for c in succ[node]]
            own += max(callees) if graph.props(node).get("parallel") else sum(callees)
        total[node] = own
    worst = max(graph.entries, key=total.__getitem__)
    value = total[worst]
    if value <= 0.8 * slo:
        return []
    path, edges = _critical_calls(graph, succ, total, worst)
    parts = [f"{graph.label(n)} {num(round(graph.latency_ms(n)))}" for n in path[:MAX_PARTS]]
    if len(path) > MAX_PARTS:
        parts.append(f"… {len(path) - MAX_PARTS} more")
    slowest = max(path, key=graph.latency_ms)
    if value > slo:
        level, comparison = "error", f"> SLO {num(slo)} ms"
    else:
        level, comparison = "warning", f"is {num(round(100 * value / slo))} % of the SLO {num(slo)} ms"
    return [
        Finding(
            rule=id,
            severity=level,
            message=f"p99 path {graph.names(path)} = {num(round(value))} ms {comparison} ({' + '.join(parts)})",
            fix=(
                f"Cut the slowest step, {graph.label(slowest)} ({num(round(graph.latency_ms(slowest)))} ms): "
                "cache or precompute its results, use a smaller model, or call independent services in "
                "parallel (set parallel on their caller)."
            ),
            nodes=path,
            edges=edges,
            path=path,
        )
    ]


def _critical_calls(graph, succ, total, start):
    """The components that make up the worst total, in call order, and the request edges between them.

    A sequential caller waits for all its callees; a parallel one only for its slowest.
    """
    path: list[str] = []
    edges: list[str] = []
    seen: set[str] = set()
    stack = [(start, None)]
    while stack:
        node, caller = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        path.append(node)
        if caller is not None:
            edges.extend(graph.edge_ids([caller, node], kinds=("request",), fallback=False))
        callees = list(succ[node])
        if callees and graph.props(node).get("parallel"):
            callees = [max(callees, key=total.__getitem__)]
        stack.extend((c, node) for c in reversed(callees))
    return path, edges
