"""no-serving-feature-logging: the features a model was served are never logged into training data."""

from ..findings import Finding
from ..sources import FACEBOOK_ADS, RULES_OF_ML

id = "no-serving-feature-logging"
severity = "warning"
step = "model"
goal = "Served features logged for training"
summary = "A trained serving component (or its caller) sends no telemetry edge with logs_features into the data its trainers read."
docs = {
    "what": (
        "For every serving component that a trainer delivers models to, it looks for a telemetry "
        "edge with logs_features true, leaving the component or one of its callers, whose target "
        "flows into a trainer."
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
    return [
        Finding(
            rule=id,
            severity=severity,
            message=f"The features {graph.label(node)} is served are never logged into its training data",
            fix=(
                f"Add a telemetry edge with logs_features from {graph.label(node)} (or its caller) to the "
                "event stream or lake that training reads."
            ),
            nodes=[node],
        )
        for node in graph.serving
        if node in trained and not graph.logs_served_features(node)
    ]
