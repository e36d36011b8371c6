"""feature-without-component: a listed feature says neither where it is computed nor where it is served, though the design has a feature store."""

from ..findings import Finding
from ..graph import ONLINE_FEATURE_ROLES
from ..sources import FEAST_ONLINE, MLSD_INTERVIEW

id = "feature-without-component"
severity = "warning"
step = "data"
goal = "Every feature tied to where it is computed or served"
summary = "The design draws a feature store, and a feature in its Features list names no computed_by and no served_by component."
docs = {
    "what": (
        "When the design draws a feature store (feature_store, online_feature_store or "
        "offline_feature_store roles), every feature in its Features list should name the component "
        "that computes it (computed_by) or the one that serves it (served_by). It reports each "
        "feature that names neither. Designs without a feature store are not checked: their features "
        "may well be computed in the service from the request."
    ),
    "why": (
        "'Where is each feature computed?' is the interviewer's follow-up to every feature list "
        "(Aminian & Xu). A feature store exists to compute a feature once and serve the same values "
        "to training and serving (Feast); a feature tied to no component is one nobody owns, and the "
        "freshness and skew checks cannot see it."
    ),
    "sources": [MLSD_INTERVIEW, FEAST_ONLINE],
    "example": "user embedding is listed, the design draws an Online feature store, and the feature names no component.",
    "fix": "Pick the job that computes the feature (computed_by) and the store that serves it (served_by) in the Features tab.",
}

STORE_ROLES = (*ONLINE_FEATURE_ROLES, "offline_feature_store")


def check(graph) -> list[Finding]:
    stores = graph.with_role(STORE_ROLES)
    if not stores:
        return []
    names = graph.names(stores[:3], limit=3).replace(" → ", ", ")
    return [
        Finding(
            rule=id,
            severity=severity,
            message=f"{f['name']} names no component that computes or serves it, though the design has {names}",
            fix=f"Set where {f['name']} is computed (a batch or stream job) and served ({names}) in the Features tab.",
            nodes=stores,
            features=[f["id"]],
        )
        for f in graph.features
        if f.get("computed_by") not in graph.components and f.get("served_by") not in graph.components
    ]
