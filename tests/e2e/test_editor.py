"""The browser editor driven like a new user would: palette, connections, inspector, findings, undo/redo, autosave."""
import re

import pytest
from playwright.sync_api import Page, expect

from designer.models import Design

pytestmark = pytest.mark.usefixtures("e2e_env")

PASSWORD = "a-Long-pass-1234"


def node(page: Page, label: str, kind: str | None = None):
    """A canvas node by its accessible name, "<label> (<kind label>)"."""
    return page.get_by_role("group", name=f"{label} ({kind or label})", exact=True)


def add_by_dragging(page: Page, kind_label: str, x: int, y: int):
    page.get_by_role("button", name=f"Add {kind_label}", exact=True).drag_to(
        page.get_by_role("application"), target_position={"x": x, "y": y}
    )
    expect(node(page, kind_label)).to_be_visible()


def connect(page: Page, source: str, target: str, kind: str):
    page.get_by_label(f"Connect from {source}", exact=True).drag_to(page.get_by_label(f"Connect into {target}", exact=True))
    page.get_by_role("dialog", name="Connection kind").get_by_role("button", name=kind, exact=True).click()
    expect(edge(page, f"{kind} from {source} to {target}")).to_have_count(1)


def edge(page: Page, name: str):
    """A connection by its accessible name (an SVG group: a straight one has no height, so count, not visibility)."""
    return page.get_by_role("group", name=name, exact=True)


def missing_monitoring(page: Page):
    return page.get_by_role("button", name=re.compile(r"^Show missing-monitoring: Model server "))


def saved(page: Page):
    expect(page.locator(".save-state")).to_have_text("Saved")


def test_new_user_builds_reviews_undoes_and_reloads_a_design(live_asgi, page: Page):
    page.set_default_timeout(8000)
    page.goto(f"{live_asgi.url}/signup/")
    page.get_by_label("Username").fill("newcomer")
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    page.get_by_role("link", name="New design").click()
    page.get_by_label("Title").fill("Video recs")
    page.get_by_role("button", name="Create blank design").click()
    expect(page).to_have_url(re.compile(r"/designs/\d+/$"))
    design_id = int(page.url.rstrip("/").rsplit("/", 1)[1])
    expect(page.get_by_label("Design title")).to_have_value("Video recs")

    add_by_dragging(page, "Kafka", 120, 120)
    add_by_dragging(page, "Spark batch job", 380, 120)
    add_by_dragging(page, "Feature store", 640, 120)
    add_by_dragging(page, "Model server", 380, 330)
    add_by_dragging(page, "Monitoring", 640, 330)

    connect(page, "Kafka", "Spark batch job", "Data")
    connect(page, "Spark batch job", "Feature store", "Data")
    connect(page, "Model server", "Feature store", "Request")

    node(page, "Model server").click()
    latency = page.get_by_label("p99 latency (ms)")
    expect(latency).to_have_attribute("placeholder", "50 (default)")
    latency.fill("40")
    latency.press("Enter")
    expect(node(page, "Model server")).to_contain_text("p99 40 ms")

    page.get_by_role("tab", name="Findings").click()
    expect(missing_monitoring(page)).to_be_visible()
    expect(node(page, "Model server").locator(".severity-badge")).to_be_visible()

    connect(page, "Model server", "Monitoring", "Telemetry")
    expect(missing_monitoring(page)).to_have_count(0)

    page.get_by_role("button", name="Undo").click()
    expect(edge(page, "Telemetry from Model server to Monitoring")).to_have_count(0)
    expect(missing_monitoring(page)).to_be_visible()
    page.get_by_role("application").click(position={"x": 40, "y": 500})
    page.keyboard.press("Control+Shift+Z")
    expect(edge(page, "Telemetry from Model server to Monitoring")).to_have_count(1)
    expect(missing_monitoring(page)).to_have_count(0)
    saved(page)

    document = Design.objects.get(pk=design_id).document
    by_label = {n["label"]: n for n in document["nodes"]}
    assert sorted(by_label) == ["Feature store", "Kafka", "Model server", "Monitoring", "Spark batch job"]
    assert {n["kind"] for n in document["nodes"]} == {"kafka", "spark_batch_job", "feature_store", "model_server", "monitoring"}
    assert by_label["Model server"]["props"] == {"latency_ms": 40}
    ids = {n["id"]: n["label"] for n in document["nodes"]}
    assert sorted((ids[e["source"]], ids[e["target"]], e["kind"]) for e in document["edges"]) == [
        ("Kafka", "Spark batch job", "data"),
        ("Model server", "Feature store", "request"),
        ("Model server", "Monitoring", "telemetry"),
        ("Spark batch job", "Feature store", "data"),
    ]

    page.reload()
    for label in ("Kafka", "Spark batch job", "Feature store", "Model server", "Monitoring"):
        expect(node(page, label)).to_be_visible()
    expect(edge(page, "Telemetry from Model server to Monitoring")).to_have_count(1)
    expect(edge(page, "Data from Kafka to Spark batch job")).to_have_count(1)
    node(page, "Model server").click()
    expect(page.get_by_label("p99 latency (ms)")).to_have_value("40")
