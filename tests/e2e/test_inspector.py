"""The focused Inspector in Chromium: a component shows the props its role declares in the catalog, the rest under More."""

import pytest
from playwright.sync_api import Page, expect

from designer import services

pytestmark = pytest.mark.usefixtures("e2e_env")

#: The standard props (the catalog's, less the canvas-only "locked") that are not a role's are behind More.
STANDARD_PROPS = 21


def log_in(page: Page, base: str, user, password: str):
    page.set_default_timeout(8000)
    page.goto(f"{base}/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(f"{base}/designs/")


def inspector(page: Page):
    return page.get_by_role("form", name="Component properties")


def properties(page: Page):
    return inspector(page).get_by_role("group", name="Properties")


@pytest.fixture
def editor(live_asgi, page: Page, user, password):
    document = {
        "format": "mlsd-design/1",
        "title": "Inspector",
        "nodes": [
            {"id": "events", "kind": "kafka", "label": "Click events", "x": 0, "y": 0},
            {"id": "ranker", "kind": "model_server", "label": "Ranker", "x": 320, "y": 0},
            # A prop that is not its role's but has a value is shown up front: a value is never hidden.
            {"id": "audit", "kind": "kafka", "label": "Audit log", "x": 0, "y": 200, "props": {"rollout": "canary"}},
        ],
        "edges": [{"id": "e1", "source": "ranker", "target": "events", "kind": "telemetry"}],
    }
    design = services.design_create(owner=user, document=document)
    log_in(page, live_asgi.url, user, password)
    page.goto(f"{live_asgi.url}/designs/{design.pk}/")
    expect(page.locator(".mlsd-node").first).to_be_visible()
    return page


def test_kafka_shows_stream_props_and_keeps_rollout_and_parallel_calls_under_more(editor: Page):
    page = editor
    page.get_by_role("group", name="Click events (Kafka)", exact=True).click()
    fields = properties(page)
    expect(fields.locator("label")).to_have_text(
        [
            "Capacity per replica (QPS)",
            "Replicas",
            "Staleness (s)",
            "Provides labels",
            "Validates schema",
            "Holds PII",
        ]
    )
    expect(inspector(page).get_by_label("Rollout")).to_have_count(0)
    expect(inspector(page).get_by_label("Calls callees in parallel")).to_have_count(0)

    more = fields.get_by_role("button", name=f"More properties ({STANDARD_PROPS - 6})")
    expect(more).to_have_attribute("aria-expanded", "false")
    more.click()
    expect(inspector(page).get_by_label("Rollout")).to_be_visible()
    expect(inspector(page).get_by_label("Calls callees in parallel")).to_be_visible()
    expect(fields.locator("label")).to_have_count(STANDARD_PROPS)
    fewer = fields.get_by_role("button", name="Fewer properties")
    expect(fewer).to_have_attribute("aria-expanded", "true")
    fewer.click()
    expect(inspector(page).get_by_label("Rollout")).to_have_count(0)


def test_model_server_shows_serving_props_up_front(editor: Page):
    page = editor
    page.get_by_role("group", name="Ranker (Model server)", exact=True).click()
    fields = properties(page)
    expect(fields.locator("label")).to_have_text(
        [
            "p99 latency (ms)",
            "Capacity per replica (QPS)",
            "Replicas",
            "Calls callees in parallel",
            "Rollout",
            "Runs on GPUs",
        ]
    )
    expect(inspector(page).get_by_label("p99 latency (ms)")).to_have_attribute("placeholder", "50 (default)")
    expect(inspector(page).get_by_label("Staleness (s)")).to_have_count(0)
    expect(fields.get_by_role("button", name=f"More properties ({STANDARD_PROPS - 6})")).to_be_visible()


def test_a_prop_with_a_value_is_never_hidden(editor: Page):
    page = editor
    page.get_by_role("group", name="Audit log (Kafka)", exact=True).click()
    expect(inspector(page).get_by_label("Rollout")).to_have_value("canary")
    expect(properties(page).get_by_role("button", name=f"More properties ({STANDARD_PROPS - 7})")).to_be_visible()
