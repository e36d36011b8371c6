"""no-data-validation: raw data reaches training without a validation step."""

import networkx as nx

from ..findings import Finding
from ..graph import RAW_SOURCE_ROLES, TRAINING_ROLES, Reached
from ..sources import GOOGLE_MLOPS, HIDDEN_DEBT, ML_TEST_SCORE, RULES_OF_ML

id = "no-data-validation"
severity = "error"
step = "data"
goal = "Data validated before training"
summary = "Data reaches a training pipeline from raw sources without a data_validation component or a validates_schema node on the way."
docs = {
    "what": (
        "It removes every data_validation component and every component whose validates_schema prop "
        "is true, then follows data edges from the raw sources (data_source, event_stream, client and "
        "database roles). Every trainer still reached gets data nobody checked."
    ),
    "why": (
        "The ML Test Score asks that feature expectations are captured in a schema (Data 1) and "
        "checked on training and serving inputs (Monitor 2). Google's MLOps guide runs data validation "
        "before training to decide whether to retrain or stop the pipeline. Hidden Technical Debt calls "
        "testing input data critical, and Rules of ML #10 tells of a table that was silently stale for "
        "six months."
    ),
    "sources": [ML_TEST_SCORE, GOOGLE_MLOPS, HIDDEN_DEBT, RULES_OF_ML],
    "example": "Event logs → Kafka → Data lake → Trainer, with no validation on the way.",
    "fix": (
        "Insert a data validation step (schema and statistics checks that can stop the pipeline) "
        "between the raw sources and training."
    ),
}


def check(graph) -> list[Finding]:
    gates = set(graph.with_role("data_validation")) | set(graph.with_prop("validates_schema"))
    unchecked = Reached(nx.restricted_view(graph.data, gates, []), graph.with_role(RAW_SOURCE_ROLES))
    findings = []
    for node in graph.with_role(TRAINING_ROLES):
        if node not in unchecked:
            continue
        path = unchecked.path(node)
        findings.append(
            Finding(
                rule=id,
                severity=severity,
                message=f"Data reaches {graph.label(node)} unvalidated: {graph.names(path)}",
                fix=(
                    f"Insert a data validation step between {graph.label(path[0])} and {graph.label(node)} that "
                    "checks the schema and value distributions and can stop the pipeline."
                ),
                nodes=[node],
                edges=graph.edge_ids(path, kinds=("data",)),
                path=path,
            )
        )
    return findings
