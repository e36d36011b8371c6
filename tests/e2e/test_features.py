"""The Features tab in the browser: add three features, link one to a store a daily batch job fills, see the
stale-feature finding appear, and clear it by undoing the link; the store's Inspector lists what it serves."""

import re

import pytest
from playwright.sync_api import Page, expect

from designer import services
from designer.models import Design

pytestmark = pytest.mark.usefixtures("e2e_env")


def node(page: Page, label: str, kind: str):
    return page.get_by_role("group", name=f"{label} ({kind})", exact=True)


def batch_fed_store(user) -> Design:
    """Event logs → nightly batch job → online store, and a ranker calling the store."""
    return services.design_create(
        owner=user,
        title="Feed",
        document={
            "format": "mlsd-design/1",
            "problem": {"task": "ranking"},
            "nodes": [
                {"id": "events", "kind": "event_logs", "label": "Events", "x": 0, "y": 0},
                {"id": "batch", "kind": "spark_batch_job", "label": "Nightly job", "x": 300, "y": 0},
                {"id": "store", "kind": "online_feature_store", "label": "Online store", "x": 600, "y": 0},
                {"id": "ranker", "kind": "model_server", "label": "Ranker", "x": 600, "y": 250},
            ],
            "edges": [
                {"id": "e1", "source": "events", "target": "batch", "kind": "data"},
                {"id": "e2", "source": "batch", "target": "store", "kind": "data"},
                {"id": "e3", "source": "ranker", "target": "store", "kind": "request"},
            ],
        },
    )


def saved(page: Page):
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    expect(page.locator(".save-state")).to_have_text("Saved")


def add_feature(page: Page, name: str, category: str, freshness: str):
    form = page.get_by_role("form", name="Add a feature")
    form.get_by_label("New feature name").fill(name)
    form.get_by_label("New feature category").select_option(category)
    form.get_by_label("New feature freshness").select_option(freshness)
    form.get_by_label("New feature name").press("Enter")
    expect(page.get_by_role("listitem", name=f"Feature {name}", exact=True)).to_be_visible()


def test_three_features_one_linked_to_a_batch_fed_store_shows_and_clears_a_stale_finding(
    live_asgi, page: Page, user, password
):
    design = batch_fed_store(user)
    page.set_default_timeout(10000)
    page.goto(f"{live_asgi.url}/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(f"{live_asgi.url}/designs/")
    page.goto(f"{live_asgi.url}/designs/{design.pk}/")
    expect(node(page, "Online store", "Online feature store")).to_be_visible()

    page.get_by_role("tab", name="Features").click()
    add_feature(page, "user embedding", "user", "daily")
    add_feature(page, "video popularity", "item", "hourly")
    add_feature(page, "clicks in session", "context", "real-time")
    rows = page.get_by_role("list", name="Features").get_by_role("listitem")
    expect(rows).to_have_count(3)
    expect(page.get_by_role("heading", name="Features 3 in 3 categories", exact=True)).to_be_visible()

    # Keyboard reordering: Alt+↑ on the focused row moves it up, and is one undo step.
    page.get_by_role("listitem", name="Feature clicks in session").focus()
    page.keyboard.press("Alt+ArrowUp")
    expect(rows.nth(1)).to_have_accessible_name("Feature clicks in session")

    page.get_by_label("Served by (clicks in session)").select_option(label="Online store")
    saved(page)
    page.get_by_role("tab", name="Findings").click()
    stale = page.get_by_role("button", name=re.compile(r"^Show feature-served-stale: clicks in session must be"))
    expect(stale).to_have_count(1)
    expect(stale).to_contain_text("the freshest data reaching Online store, which serves it, is 86,400 s old")

    # The store's Inspector lists the feature it serves; selecting the feature highlights the store.
    page.get_by_role("tab", name="Features").click()
    page.get_by_role("listitem", name="Feature clicks in session").click()
    expect(node(page, "Online store", "Online feature store")).to_have_class(re.compile(r"\bselected\b"))
    page.get_by_role("tab", name="Inspector").click()
    expect(page.get_by_role("list", name="Features served")).to_have_text("clicks in session (context, real-time)")

    # Undo the link (focus off any field): the finding clears.
    page.get_by_role("tab", name="Findings").click()
    page.get_by_role("tab", name="Findings").focus()
    page.keyboard.press("Control+z")
    expect(stale).to_have_count(0)
    saved(page)
    stored = Design.objects.get(pk=design.pk).document
    assert [(f["name"], f["category"], f["freshness"], f.get("served_by")) for f in stored["features"]] == [
        ("user embedding", "user", "daily", None),
        ("clicks in session", "context", "real-time", None),
        ("video popularity", "item", "hourly", None),
    ]
