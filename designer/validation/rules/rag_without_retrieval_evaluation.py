"""rag-without-retrieval-evaluation: an LLM answers from retrieved context that nothing evaluates."""

from ..findings import Finding
from ..graph import LLM_ROLES, reached_set
from ..sources import GENAI_INTERVIEW, RAGAS
from .metric_task_mismatch import normalized

id = "rag-without-retrieval-evaluation"
severity = "warning"
step = "evaluation"
goal = "Retrieval evaluated separately from generation"
summary = "A retrieval-augmented design (an LLM and a retrieval index on the request path) has no retrieval metric and no evaluation fed by the retriever."
docs = {
    "what": (
        "When an LLM and a retrieval index (candidate_retrieval, e.g. a vector database) are both "
        "on the request path, the design retrieves context for generation. It then expects "
        "retrieval to be evaluated on its own: an offline metric of retrieval quality (context "
        "precision or recall, recall@k, precision@k, hit rate, MRR, nDCG), or an evaluation "
        "component (llm_judge or model_evaluation) that the index, or a component every request to "
        "it passes through, reaches along data or telemetry edges (the queries and the retrieved "
        "context)."
    ),
    "why": (
        "A wrong answer from a RAG system has two possible causes: the right passages were not "
        "retrieved, or the model did not use them. RAGAS separates context precision and context "
        "recall (retrieval) from faithfulness and answer relevancy (generation) for that reason; "
        "judging only the final answer cannot tell which half to fix."
    ),
    "sources": [RAGAS, GENAI_INTERVIEW],
    "example": 'Chat service → Vector database and → LLM, offline metrics ["faithfulness"], and nothing evaluates what was retrieved.',
    "fix": (
        "Measure retrieval on its own: context precision and recall (or recall@k) on a labelled "
        "question set, and send sampled queries with their retrieved context to an LLM judge."
    ),
}

RETRIEVAL_METRICS = ("context precision", "context recall", "recall@", "precision@", "hit rate", "mrr", "ndcg")


def check(graph) -> list[Finding]:
    online = graph.online
    if not any(n in online for n in graph.with_role(LLM_ROLES)):
        return []
    indexes = [n for n in graph.with_role("candidate_retrieval") if n in online]
    if not indexes:
        return []
    metrics = [normalized(m) for m in graph.problem.get("offline_metrics") or []]
    if any(any(key in m for key in RETRIEVAL_METRICS) for m in metrics):
        return []
    evaluated = reached_set(graph.log.reverse(copy=False), graph.with_role(("llm_judge", "model_evaluation")))
    findings = []
    for index in indexes:
        if index in evaluated or not evaluated.isdisjoint(graph.covering_callers(index)):
            continue
        label = graph.label(index)
        findings.append(
            Finding(
                rule=id,
                severity=severity,
                message=(
                    f"Nothing evaluates what {label} retrieves for generation: no retrieval metric among the "
                    "offline metrics and no evaluation fed with its queries and results"
                ),
                fix=(
                    "Add context precision and context recall (or recall@k) to the offline metrics, and send "
                    f"sampled queries with what {label} returned to an LLM judge."
                ),
                nodes=[index],
            )
        )
    return findings
