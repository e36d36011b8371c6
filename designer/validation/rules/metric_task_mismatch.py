"""metric-task-mismatch: none of the declared offline metrics fits the ML task."""

import re

from ..findings import Finding
from ..sources import DMLS, MLSD_INTERVIEW, RAGAS

id = "metric-task-mismatch"
severity = "warning"
step = "evaluation"
goal = "Offline metrics measure the task"
summary = "problem.offline_metrics has no metric that fits problem.task (ranking without nDCG/MAP/MRR/recall@k/precision@k, …)."
docs = {
    "what": (
        "When problem.task is classification, regression, ranking or generation, at least one of "
        "problem.offline_metrics must be a metric for that task: classification precision, recall, "
        "F1, accuracy, ROC-AUC, PR-AUC, log loss, normalized entropy, calibration or AP/mAP; "
        "regression MSE, RMSE, MAE, MAPE, R² or Huber; ranking nDCG, MAP, MRR, precision@k, "
        "recall@k, hit rate (and for click-through prediction log loss, normalized entropy or "
        "cross-entropy, calibration or AUC); generation BLEU, ROUGE, METEOR, CIDEr, SPICE, FID, "
        "Inception score, perplexity, human evaluation or preference, win rate, and for generated "
        "answers faithfulness, groundedness, answer relevancy, context precision and recall, "
        "toxicity or hallucination rate. Names are matched forgivingly: case, spaces, hyphens and "
        "underscores do not matter, and 'precision at 10' is precision@10. Declaring no offline "
        "metric at all is reported too."
    ),
    "why": (
        "The evaluation step of every interview framework starts by picking offline metrics that "
        "match the task (Aminian & Xu, step 5). Accuracy says nothing about the order of a ranked "
        "list, and on imbalanced classes it rewards predicting the majority (Huyen). A generated "
        "answer is judged on whether it is supported by its sources and answers the question "
        "(RAGAS), not only on overlap with a reference."
    ),
    "sources": [MLSD_INTERVIEW, DMLS, RAGAS],
    "example": 'task "ranking" with offline_metrics ["accuracy"].',
    "fix": "Add an offline metric for the task, e.g. nDCG@10 and recall@100 for ranking, PR-AUC for imbalanced classification.",
}

#: What fits each task, matched anywhere in a metric's normalized name (see normalized()).
_METRICS = {
    "classification": (
        r"precision|recall|\bf1\b|f ?score|f ?beta|accuracy|\bauc\b|\broc\b|log ?loss|cross ?entropy"
        r"|normali[sz]ed (cross )?entropy|\bne\b|calibration|brier|\bap\b|\bmap\b|average precision|\biou\b"
        r"|specificity|sensitivity|\bmcc\b|\bfpr\b|\btpr\b"
    ),
    "regression": r"\bmse\b|rmse|\bmae\b|mape|\br2\b|r²|r squared|huber|squared error|absolute error|quantile loss",
    "ranking": (
        r"ndcg|\bdcg\b|\bmap\b|mean average precision|\bmrr\b|reciprocal rank|precision@|recall@|\bp@|\br@|hit ?rate"
        r"|hits@|log ?loss|cross ?entropy|normali[sz]ed (cross )?entropy|\bnce\b|\bne\b|calibration|\bauc\b"
    ),
    "generation": (
        r"bleu|rouge|meteor|cider|spice|\bfid\b|inception|perplexity|human|preference|win ?rate|faithful"
        r"|grounded|answer relevan|context (precision|recall|relevan)|toxicity|hallucination|bert ?score"
        r"|exact match|pass@"
    ),
}
_PATTERNS = {task: re.compile(pattern) for task, pattern in _METRICS.items()}
_EXAMPLES = {
    "classification": "PR-AUC, precision and recall at a threshold",
    "regression": "RMSE or MAE",
    "ranking": "nDCG@10, recall@100 or MRR",
    "generation": "faithfulness and answer relevancy, BLEU/ROUGE, perplexity or human preference",
}


def normalized(metric: str) -> str:
    """A metric name as the patterns read it: lower case, hyphens and underscores as spaces, single
    spaces, "logloss" as "log loss", and "at k" as "@k" ("Precision at 10" → "precision@10")."""
    text = " ".join(metric.lower().replace("_", " ").replace("-", " ").split())
    text = text.replace("logloss", "log loss")
    return re.sub(r"\s*(?:\bat\s*|@\s*)(\d+%?|k\b)", r"@\1", text)


def fits(task: str, metric: str) -> bool:
    """Whether `metric` measures a model of `task` (classification, regression, ranking, generation)."""
    return bool(_PATTERNS[task].search(normalized(metric)))


def check(graph) -> list[Finding]:
    task = graph.problem.get("task")
    if task not in _METRICS:
        return []
    metrics = graph.problem.get("offline_metrics") or []
    if any(fits(task, m) for m in metrics):
        return []
    if metrics:
        message = f"None of the offline metrics ({', '.join(metrics)}) measures a {task} model"
    else:
        message = f"The task is {task} but no offline metric is declared"
    return [
        Finding(
            rule=id,
            severity=severity,
            message=message,
            fix=f"Add an offline metric for {task}: {_EXAMPLES[task]}.",
        )
    ]
