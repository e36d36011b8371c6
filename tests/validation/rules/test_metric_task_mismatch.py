"""metric-task-mismatch: silent on good designs, exact (rule, nodes) on bad ones."""

import pytest

from tests.validation.builder import findings, found, recs

RULE = "metric-task-mismatch"


def _with(task, metrics):
    doc = recs()
    doc["problem"]["task"] = task
    doc["problem"]["offline_metrics"] = metrics
    return doc


def test_ranking_metrics_fit_a_ranking_task():
    assert found(recs(), RULE) == []


@pytest.mark.parametrize(
    "task, metrics",
    [
        ("classification", ["PR-AUC"]),
        ("classification", ["F1"]),
        ("regression", ["RMSE"]),
        ("ranking", ["MRR"]),
        ("generation", ["ROUGE-L"]),
        ("ranking", ["log loss"]),
        ("ranking", ["Normalized Entropy"]),
        ("ranking", ["precision at 10"]),
        ("ranking", ["Recall @ K"]),
        ("classification", ["log_loss"]),
        ("generation", ["faithfulness"]),
        ("generation", ["Groundedness"]),
        ("generation", ["answer relevancy"]),
        ("generation", ["context_precision", "context recall"]),
        ("generation", ["toxicity rate"]),
        ("generation", ["hallucination rate"]),
        ("generation", ["win rate vs baseline"]),
        ("generation", ["human preference"]),
        ("generation", ["perplexity"]),
    ],
)
def test_fitting_metric_is_silent(task, metrics):
    assert found(_with(task, metrics), RULE) == []


def test_ranking_measured_by_accuracy_is_reported():
    [finding] = findings(_with("ranking", ["accuracy"]), RULE)
    assert (finding.nodes, finding.message) == ([], "None of the offline metrics (accuracy) measures a ranking model")
    assert finding.fix == "Add an offline metric for ranking: nDCG@10, recall@100 or MRR."


def test_no_offline_metric_is_reported():
    [finding] = findings(_with("regression", []), RULE)
    assert finding.message == "The task is regression but no offline metric is declared"


def test_generation_measured_by_accuracy_is_reported_with_generation_examples():
    [finding] = findings(_with("generation", ["accuracy"]), RULE)
    assert finding.fix == (
        "Add an offline metric for generation: faithfulness and answer relevancy, BLEU/ROUGE, perplexity or human preference."
    )
