"""GET /api/rules/, the /rules/ pages and the findings endpoints."""

import json

import pytest

from designer import services
from designer.validation.registry import all_rules
from tests.validation.builder import drop_edges, recs

pytestmark = pytest.mark.django_db


def test_api_lists_every_rule_with_its_docs(client):
    response = client.get("/api/rules/")
    assert response.status_code == 200
    rules = response.json()["rules"]
    assert [r["id"] for r in rules] == [rule.id for rule in all_rules()]
    monitoring = next(r for r in rules if r["id"] == "missing-monitoring")
    assert monitoring["severity"] == "error"
    assert monitoring["url"] == "/rules/missing-monitoring/"
    assert set(monitoring["docs"]) == {"what", "why", "sources", "example", "fix"}
    assert monitoring["docs"]["sources"][0]["url"].startswith("https://")


def test_rules_page_links_every_rule(client):
    response = client.get("/rules/")
    assert response.status_code == 200
    page = response.content.decode()
    for rule in all_rules():
        assert f'<a href="/rules/{rule.id}/"><code>{rule.id}</code></a>' in page


def test_rule_page_shows_its_sections(client):
    page = client.get("/rules/latency-budget-exceeded/").content.decode()
    for heading in ("What it checks", "Why it matters", "Sources", "Example (bad)", "How to fix"):
        assert f">{heading}</h" in page
    assert "The Tail at Scale" in page


def test_unknown_rule_is_404(client):
    assert client.get("/rules/no-such-rule/").status_code == 404
    assert client.get("/rules/%3Cscript%3E/").status_code == 404


def test_validate_endpoint_returns_findings(client):
    doc = drop_edges(recs(), ("ranker", "monitoring"), ("ranker", "drift"))
    response = client.post("/api/validate/", data=json.dumps(doc), content_type="application/json")
    assert response.status_code == 200
    assert [(f["rule"], f["nodes"]) for f in response.json()["findings"]] == [("missing-monitoring", ["ranker"])]


def test_design_findings_endpoint_reviews_the_stored_document(api, user):
    design = services.design_create(owner=user, document=drop_edges(recs(), ("registry", "ranker")))
    response = api.get(f"/api/designs/{design.pk}/findings/")
    assert response.status_code == 200
    assert [(f["rule"], f["nodes"]) for f in response.json()["findings"]] == [("model-without-training", ["ranker"])]
