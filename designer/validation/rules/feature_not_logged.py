"""feature-not-logged: a feature used online is never logged for training, so training recomputes it (skew risk)."""

from ..findings import Finding
from ..graph import TRAINING_ROLES
from ..sources import FACEBOOK_ADS, MLSD_INTERVIEW, RULES_OF_ML

id = "feature-not-logged"
severity = "warning"
step = "model"
goal = "Features used online are logged for training"
summary = "A feature served or computed on the request path is not logged (a telemetry edge with logs_features from its component or a caller into training data)."
docs = {
    "what": (
        "For every feature in the Features list whose served_by or computed_by component is on the "
        "request path, in a design that trains models, it checks that the component (or a caller "
        "every request to it passes through) has a telemetry edge with logs_features into something "
        "that flows into a trainer. Otherwise it reports the feature by name."
    ),
    "why": (
        "Training-serving skew comes from computing a feature one way online and another way for "
        "training. Rules of ML #29: the best way to train like you serve is to save the features used "
        "at serving time and pipe them to training; Facebook's ads system joins served impressions "
        "with clicks. Real-time features are the most exposed: the value served cannot be recomputed "
        "later."
    ),
    "sources": [RULES_OF_ML, FACEBOOK_ADS, MLSD_INTERVIEW],
    "example": "clicks in session is served by Feature store on the request path; nothing logs the value served.",
    "fix": "Log the served feature values with the request id (telemetry edge with logs_features) into the stream training reads.",
}


def check(graph) -> list[Finding]:
    if not graph.with_role(TRAINING_ROLES):
        return []
    online = graph.online
    findings = []
    for feature in graph.features:
        used = [feature.get(k) for k in ("served_by", "computed_by")]
        used = [n for n in dict.fromkeys(used) if n in graph.components and n in online]
        if not used or any(graph.logs_served_features(n) for n in used):
            continue
        label = graph.label(used[0])
        findings.append(
            Finding(
                rule=id,
                severity=severity,
                message=(
                    f"{feature['name']} is used online by {label} but never logged for training: training "
                    "will recompute it another way (training-serving skew)"
                ),
                fix=(
                    f"Add a telemetry edge with logs_features from {label} (or its caller) to the event stream "
                    "or lake that training reads."
                ),
                nodes=used,
                features=[feature["id"]],
            )
        )
    return findings
