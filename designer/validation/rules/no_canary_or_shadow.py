"""no-canary-or-shadow: a serving component whose new models replace the old one in one step."""

from ..findings import Finding
from ..sources import DMLS, GOOGLE_MLOPS, ML_TEST_SCORE, MLSD_INTERVIEW

id = "no-canary-or-shadow"
severity = "warning"
step = "serving"
goal = "New models reach traffic gradually"
summary = "A serving component receives models by deploy edges but has no canary, shadow, blue/green or A/B rollout and no A/B assignment in front of it."
docs = {
    "what": (
        "For every serving component with an inbound deploy edge (on-device runtimes excepted: their "
        "staged fleet rollout is edge-deploy-ungated's), its "
        "rollout prop must be canary, shadow, blue_green or ab, or an ab_testing component must be "
        "on every request path to it (a dominator on the request graph)."
    ),
    "why": (
        "The ML Test Score (Infra 6) asks that models are canaried before serving: loaded into the "
        "production binaries and tried on a trickle of live traffic. Google's MLOps guide validates "
        "new models online in a canary or A/B setup before they take all traffic; Huyen and Aminian & "
        "Xu describe shadow deployment, canary release, A/B tests and interleaving as testing in "
        "production."
    ),
    "sources": [ML_TEST_SCORE, GOOGLE_MLOPS, DMLS, MLSD_INTERVIEW],
    "example": "Registry → Ranker (deploy) with rollout none, and no A/B assignment on the request path.",
    "fix": "Set the rollout to canary or shadow (with automatic rollback on guardrail metrics), or route traffic through A/B assignment.",
}

SAFE = {"canary", "shadow", "blue_green", "ab"}


def check(graph) -> list[Finding]:
    deploy = graph.deploy
    online = graph.online
    testers = set(graph.with_role("ab_testing"))
    findings = []
    for node in graph.serving:
        if not deploy.in_degree(node) or graph.props(node).get("rollout") in SAFE or graph.role(node) == "edge_device":
            continue
        if node in online and not testers.isdisjoint(graph.dominator_chain(node)):
            continue
        findings.append(
            Finding(
                rule=id,
                severity=severity,
                message=(
                    f"{graph.label(node)} switches to each new model in one step "
                    f"(rollout {graph.props(node).get('rollout', 'none')}, no A/B assignment in front of it)"
                ),
                fix=f"Set {graph.label(node)}'s rollout to canary or shadow, or put A/B assignment on the path to it.",
                nodes=[node],
            )
        )
    return findings
