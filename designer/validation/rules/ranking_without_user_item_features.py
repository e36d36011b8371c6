"""ranking-without-user-item-features: a ranking design lists features but no user or no item features."""

from ..findings import Finding
from ..sources import MLSD_INTERVIEW, YOUTUBE_DNN

id = "ranking-without-user-item-features"
severity = "warning"
step = "data"
goal = "Ranking uses user and item features"
summary = "problem.task is ranking and the Features list has no user feature or no item feature."
docs = {
    "what": (
        "When problem.task is ranking (recommendation, search, feeds) and the design lists features, "
        "at least one must be a user feature and at least one an item feature. A design that lists no "
        "features yet is not reported here: the rubric's data step already gives it no credit."
    ),
    "why": (
        "Ranking scores a (user, item) pair: without user features every user gets the same order, "
        "without item features the model cannot tell items apart. Aminian & Xu sort a recommender's "
        "inputs into user, item and context features; YouTube's ranker combines user history and "
        "video features."
    ),
    "sources": [MLSD_INTERVIEW, YOUTUBE_DNN],
    "example": "A video ranking design lists only video popularity and time of day.",
    "fix": "Add user features (user embedding, watch history, demographics) and item features (item embedding, popularity, age).",
}


def check(graph) -> list[Finding]:
    if graph.problem.get("task") != "ranking" or not graph.features:
        return []
    categories = {f.get("category") for f in graph.features}
    missing = [c for c in ("user", "item") if c not in categories]
    if not missing:
        return []
    what = " and ".join(f"no {c} feature" for c in missing)
    return [
        Finding(
            rule=id,
            severity=severity,
            message=f"The ranking task lists {len(graph.features)} features but {what}",
            fix="Add "
            + " and ".join(
                {
                    "user": "user features (user embedding, watch history)",
                    "item": "item features (item embedding, popularity)",
                }[c]
                for c in missing
            )
            + ".",
        )
    ]
