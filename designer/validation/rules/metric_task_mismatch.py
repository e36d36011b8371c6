"""metric-task-mismatch: none of the declared offline metrics fits the ML task."""

import re

from ..findings import Finding
from ..sources import DMLS, MLSD_INTERVIEW

id = "metric-task-mismatch"
severity = "warning"
step = "evaluation"
goal = "Offline metrics measure the task"
summary = "problem.offline_metrics has no metric that fits problem.task (ranking without nDCG/MAP/MRR/recall@k/precision@k, …)."
docs = {
    "what": (
        "When problem.task is classification, regression, ranking or generation, at least one of "
        "problem.offline_metrics must be a metric for that task: classification precision, recall, "
        "F1, accuracy, ROC-AUC, PR-AUC, log loss, calibration or AP/mAP; regression MSE, RMSE, MAE, "
        "MAPE, R² or Huber; ranking nDCG, MAP, MRR, precision@k, recall@k, hit rate (and for "
        "click-through prediction log loss, normalized cross-entropy, calibration or AUC); generation "
        "BLEU, ROUGE, METEOR, CIDEr, SPICE, FID, Inception score, perplexity or human evaluation. "
        "Declaring no offline metric at all is reported too."
    ),
    "why": (
        "The evaluation step of every interview framework starts by picking offline metrics that "
        "match the task (Aminian & Xu, step 5). Accuracy says nothing about the order of a ranked "
        "list, and on imbalanced classes it rewards predicting the majority (Huyen)."
    ),
    "sources": [MLSD_INTERVIEW, DMLS],
    "example": 'task "ranking" with offline_metrics ["accuracy"].',
    "fix": "Add an offline metric for the task, e.g. nDCG@10 and recall@100 for ranking, PR-AUC for imbalanced classification.",
}

_METRICS = {
    "classification": (
        r"precision|recall|f1|fscore|f-score|accuracy|auc|roc|logloss|log-loss|cross-?entropy|calibration"
        r"|\bap\b|\bmap\b|average precision"
    ),
    "regression": r"\bmse\b|rmse|\bmae\b|mape|\br2\b|r²|r-squared|huber|squared error|absolute error",
    "ranking": (
        r"ndcg|\bmap\b|mean average precision|\bmrr\b|reciprocal rank|precision@|recall@|p@\d|r@\d|hit ?rate"
        r"|hits@|logloss|log-loss|cross-?entropy|\bnce\b|calibration|\bauc\b"
    ),
    "generation": r"bleu|rouge|meteor|cider|spice|\bfid\b|inception|perplexity|human",
}
_EXAMPLES = {
    "classification": "PR-AUC, precision and recall at a threshold",
    "regression": "RMSE or MAE",
    "ranking": "nDCG@10, recall@100 or MRR",
    "generation": "BLEU/ROUGE, perplexity or human evaluation",
}


def check(graph) -> list[Finding]:
    task = graph.problem.get("task")
    if task not in _METRICS:
        return []
    metrics = graph.problem.get("offline_metrics") or []
    pattern = re.compile(_METRICS[task], re.IGNORECASE)
    if any(pattern.search(m) for m in metrics):
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
