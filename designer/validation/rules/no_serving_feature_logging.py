"""no-serving-feature-logging: the features a model was served are never logged into training data."""

from ..findings import Finding
from ..graph import RETRIEVAL_ROLES
from ..sources import FACEBOOK_ADS, RULES_OF_ML

id = "no-serving-feature-logging"
severity = "warning"
step = "model"
goal = "Served features logged for training"
summary = "A trained serving component (or a caller that sees its requests) sends no telemetry edge with logs_features into the data its trainers read."
docs = {
    "what": (
        "For every serving component that a trainer delivers models to, it looks for a telemetry "
        "edge with logs_features true, leaving the component, one of its callers or a component every "
        "request to it passes through, whose target flows into a trainer. For a model that is the "
        "feature vector it was served; for a retrieval index, the queries, retrieved ids and scores."
    ),
    "why": (
        "Rules of ML #29: the best way to train like you serve is to save the features used at "
        "serving time and pipe them to training; YouTube's home page did so with quality gains and "
        "simpler code. Facebook's ads system joins served impressions with clicks in an online "
        "joiner. Logged features also make a prediction debuggable after the fact."
    ),
    "sources": [RULES_OF_ML, FACEBOOK_ADS],
    "example": "App calls Ranker and logs only request counts to Monitoring; training rebuilds features from the warehouse.",
    "fix": "Log the served feature vector with the model version and request id (telemetry edge with logs_features) into the stream training reads.",
}


def check(graph) -> list[Finding]:
    trained = graph.trained
    findings = []
    for node in graph.serving:
        if node not in trained or graph.logs_served_features(node):
            continue
        label = graph.label(node)
        if graph.role(node) in RETRIEVAL_ROLES:
            message = f"The queries, retrieved ids and scores of {label} are never logged into its training data"
            logged = "the queries with the retrieved ids and scores"
        else:
            message = f"The features {label} is served are never logged into its training data"
            logged = "the served feature vector"
        findings.append(
            Finding(
                rule=id,
                severity=severity,
                message=message,
                fix=(
                    f"Add a telemetry edge with logs_features from {label} (or its caller) carrying {logged} "
                    "to the event stream or lake that training reads."
                ),
                nodes=[node],
            )
        )
    return findings
