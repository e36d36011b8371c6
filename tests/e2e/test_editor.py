"""The browser editor driven like a new user would: palette, connections, inspector, findings, undo/redo, autosave."""

import re

import pytest
from playwright.sync_api import Page, expect

from designer.models import Design
from tests.e2e.canvas import draw_connection

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


def connect(page: Page, source: str, target: str, kind: str, sides=("right", "left")):
    """Drag from a side of one component to a side of another; the kind comes preselected from the two roles."""
    draw_connection(page, source, sides[0], target, sides[1])
    expect(edge(page, f"{kind} from {source} to {target}")).to_have_count(1)


def edge(page: Page, name: str):
    """A connection by its accessible name (an SVG group: a straight one has no height, so count, not visibility)."""
    return page.get_by_role("group", name=name, exact=True)


def missing_monitoring(page: Page):
    return page.get_by_role("button", name=re.compile(r"^Show missing-monitoring: Model server "))


def saved(page: Page):
    """Wait until every edit made so far is on the server (two frames first, so the indicator shows the latest state)."""
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
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
    assert {n["kind"] for n in document["nodes"]} == {
        "kafka",
        "spark_batch_job",
        "feature_store",
        "model_server",
        "monitoring",
    }
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


HOSTILE_LABEL = '<img src=x onerror="window.__pwned=1">Gateway'
HOSTILE_NOTE = "<script>window.__pwned=2</script>"
HOSTILE_EDGE = '"><svg onload="window.__pwned=3">'


def log_in(page: Page, base: str, username: str, password: str):
    page.goto(f"{base}/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(f"{base}/designs/")


def test_hostile_labels_and_notes_render_as_text_only(live_asgi, page: Page, user, password):
    from designer import services

    document = {
        "format": "mlsd-design/1",
        "title": "</script><script>window.__pwned=4</script>",
        "problem": {"statement": "<b onmouseover=alert(1)>bold</b>"},
        "nodes": [
            {"id": "gw", "kind": "api_gateway", "label": HOSTILE_LABEL, "x": 0, "y": 0},
            {"id": "app", "kind": "app_service", "label": "App", "x": 300, "y": 0},
            {
                "id": "note",
                "kind": "note",
                "label": "Note",
                "text": HOSTILE_NOTE,
                "x": 0,
                "y": 150,
                "width": 220,
                "height": 100,
            },
        ],
        "edges": [{"id": "e1", "source": "gw", "target": "app", "kind": "request", "label": HOSTILE_EDGE}],
    }
    design = services.design_create(owner=user, document=document)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    log_in(page, live_asgi.url, user.username, password)
    page.goto(f"{live_asgi.url}/designs/{design.pk}/")

    expect(node(page, HOSTILE_LABEL, "API gateway")).to_contain_text(HOSTILE_LABEL)
    expect(node(page, "Note", "Sticky note")).to_have_text(HOSTILE_NOTE)
    expect(page.get_by_text(HOSTILE_EDGE, exact=True)).to_be_visible()
    expect(page.get_by_label("Design title")).to_have_value("</script><script>window.__pwned=4</script>")
    page.get_by_role("tab", name="Problem").click()
    expect(page.get_by_label("Problem statement")).to_have_value("<b onmouseover=alert(1)>bold</b>")
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#editor-root img, #editor-root script, #editor-root b").count() == 0
    assert dialogs == []


def test_copy_paste_into_another_design_and_groups_move_their_children(live_asgi, page: Page, user, password):
    from designer import services

    source = services.design_create(
        owner=user,
        title="Source",
        document={
            "format": "mlsd-design/1",
            "nodes": [
                {"id": "online", "kind": "group", "label": "Online", "x": 0, "y": 0, "width": 520, "height": 200},
                {"id": "app", "kind": "app_service", "label": "App", "x": 32, "y": 64, "parent": "online"},
                {"id": "ranker", "kind": "model_server", "label": "Ranker", "x": 304, "y": 64, "parent": "online"},
            ],
            "edges": [{"id": "call", "source": "app", "target": "ranker", "kind": "request"}],
        },
    )
    target = services.design_create(owner=user, title="Target")
    log_in(page, live_asgi.url, user.username, password)

    page.goto(f"{live_asgi.url}/designs/{source.pk}/")
    group = node(page, "Online", "Group")
    group.get_by_text("Online").click()
    page.keyboard.press("Control+C")

    page.goto(f"{live_asgi.url}/designs/{target.pk}/")
    expect(page.get_by_role("button", name="Add Kafka")).to_be_visible()
    page.get_by_role("application").click(position={"x": 300, "y": 300})
    page.keyboard.press("Control+V")
    expect(node(page, "Ranker", "Model server")).to_be_visible()
    expect(edge(page, "Request from App to Ranker")).to_have_count(1)
    saved(page)
    pasted = Design.objects.get(pk=target.pk).document
    by_label = {n["label"]: n for n in pasted["nodes"]}
    assert sorted(by_label) == ["App", "Online", "Ranker"]
    assert not {n["id"] for n in pasted["nodes"]} & {"online", "app", "ranker"}
    assert by_label["App"]["parent"] == by_label["Ranker"]["parent"] == by_label["Online"]["id"]
    assert [(e["source"], e["target"]) for e in pasted["edges"]] == [(by_label["App"]["id"], by_label["Ranker"]["id"])]

    before = {n["label"]: (n["x"], n["y"]) for n in pasted["nodes"]}
    label = node(page, "Online", "Group").get_by_text("Online")
    box = label.bounding_box()
    page.mouse.move(box["x"] + 5, box["y"] + 5)
    page.mouse.down()
    page.mouse.move(box["x"] + 105, box["y"] + 85, steps=8)
    page.mouse.up()
    saved(page)
    moved = {n["label"]: (n["x"], n["y"]) for n in Design.objects.get(pk=target.pk).document["nodes"]}
    shifts = {name: (moved[name][0] - before[name][0], moved[name][1] - before[name][1]) for name in before}
    assert shifts["Online"] != (0, 0)
    assert shifts["App"] == shifts["Ranker"] == shifts["Online"]

    page.keyboard.press("Control+Z")
    saved(page)
    assert {n["label"]: (n["x"], n["y"]) for n in Design.objects.get(pk=target.pk).document["nodes"]} == before


def two_node_design(user):
    from designer import services

    return services.design_create(
        owner=user,
        title="Sync",
        document={
            "format": "mlsd-design/1",
            "nodes": [
                {"id": "k", "kind": "kafka", "label": "Kafka", "x": 0, "y": 0},
                {"id": "ms", "kind": "model_server", "label": "Model server", "x": 320, "y": 0},
            ],
            "edges": [],
        },
    )


def set_latency(page: Page, label: str, kind: str, value: str):
    node(page, label, kind).click()
    field = page.get_by_label("p99 latency (ms)")
    field.fill(value)
    field.press("Enter")


def test_an_edit_made_while_the_server_is_down_lands_when_it_is_back(live_asgi, page: Page, user, password):
    import threading

    import uvicorn

    design = two_node_design(user)
    log_in(page, live_asgi.url, user.username, password)
    page.goto(f"{live_asgi.url}/designs/{design.pk}/")
    expect(node(page, "Model server")).to_be_visible()

    live_asgi.stop()
    set_latency(page, "Model server", "Model server", "35")
    expect(page.locator(".save-state")).to_have_text(re.compile(r"^(Offline, retrying|Not saved, retrying)$"))
    # The same server (same port, same database) comes back, as after a restart.
    live_asgi.server = uvicorn.Server(live_asgi.server.config)
    live_asgi.thread = threading.Thread(target=live_asgi.server.run, daemon=True)
    live_asgi.start()
    expect(page.locator(".save-state")).to_have_text("Saved", timeout=15000)
    design.refresh_from_db()
    assert design.document["nodes"][1]["props"] == {"latency_ms": 35}
    assert design.operations.filter(version__gt=1).count() == 1


def test_edits_from_two_tabs_both_survive(live_asgi, page: Page, user, password):
    design = two_node_design(user)
    log_in(page, live_asgi.url, user.username, password)
    other = page.context.new_page()
    for tab in (page, other):
        tab.goto(f"{live_asgi.url}/designs/{design.pk}/")
        expect(node(tab, "Kafka")).to_be_visible()

    node(page, "Kafka").click()
    page.get_by_role("textbox", name="Label", exact=True).fill("Events")
    page.get_by_role("textbox", name="Label", exact=True).press("Enter")
    saved(page)
    set_latency(other, "Model server", "Model server", "45")
    saved(other)

    expect(node(other, "Events", "Kafka")).to_be_visible()
    design.refresh_from_db()
    assert [(n["label"], n.get("props")) for n in design.document["nodes"]] == [
        ("Events", None),
        ("Model server", {"latency_ms": 45}),
    ]


def test_a_view_only_guest_can_look_but_not_change_anything(live_asgi, page: Page, user):
    from designer.sharing.services import share_link_create

    design = two_node_design(user)
    _, token = share_link_create(design=design, role="view")
    share = f"{live_asgi.url}/s/{token}/"
    page.goto(share)
    page.get_by_label("Your name").fill("Watcher")
    page.get_by_role("button", name="Open the design").click()

    kafka = node(page, "Kafka")
    expect(kafka).to_be_visible()
    expect(page.get_by_role("button", name="Add Kafka")).to_have_count(0)
    expect(page.get_by_role("button", name="Undo")).to_have_count(0)
    kafka.click()
    expect(page.get_by_role("textbox", name="Label", exact=True)).to_have_value("Kafka")
    server = node(page, "Model server")
    box = kafka.bounding_box()
    gap = server.bounding_box()["x"] - box["x"]
    page.mouse.move(box["x"] + 60, box["y"] + 30)
    page.mouse.down()
    page.mouse.move(box["x"] + 260, box["y"] + 230, steps=6)
    page.mouse.up()
    page.keyboard.press("Delete")
    expect(page.get_by_role("textbox", name="Label", exact=True)).to_be_disabled()
    expect(page.get_by_role("button", name="Delete component")).to_have_count(0)
    expect(kafka).to_have_count(1)
    # Dragging a node in view mode pans the canvas instead: the two nodes keep their distance.
    assert server.bounding_box()["x"] - kafka.bounding_box()["x"] == gap
    design.refresh_from_db()
    assert design.version == 1


def test_keyboard_user_adds_components_and_connects_them(live_asgi, page: Page, user, password):
    from designer import services

    design = services.design_create(owner=user, title="Keyboard")
    log_in(page, live_asgi.url, user.username, password)
    page.goto(f"{live_asgi.url}/designs/{design.pk}/")
    page.get_by_role("button", name="Add Flink job").focus()
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Add Kafka").focus()
    page.keyboard.press("Enter")
    expect(node(page, "Flink job")).to_be_visible()
    expect(page.get_by_role("textbox", name="Label", exact=True)).to_have_value("Kafka")

    # Both were placed in the middle of the view: the second went next to the first, not on top of it.
    flink, kafka = node(page, "Flink job").bounding_box(), node(page, "Kafka").bounding_box()
    assert kafka["x"] >= flink["x"] + flink["width"] or kafka["y"] >= flink["y"] + flink["height"]

    picker = page.get_by_role("combobox", name="Connect to")
    picker.fill("fli")
    page.get_by_role("option", name="Flink job").click()
    # Kafka → stream job: the catalog's role defaults preselect Data.
    expect(page.get_by_label("Connection kind for the new connection")).to_have_value("data")
    page.get_by_role("button", name="Connect", exact=True).click()
    expect(edge(page, "Data from Kafka to Flink job")).to_have_count(1)
    expect(page.get_by_role("button", name="→ Flink job Data")).to_be_visible()
    saved(page)
    document = Design.objects.get(pk=design.pk).document
    ids = {n["id"]: n["label"] for n in document["nodes"]}
    assert [(ids[e["source"]], ids[e["target"]], e["kind"]) for e in document["edges"]] == [
        ("Kafka", "Flink job", "data")
    ]


def test_the_connection_legend_stays_out_of_the_way_on_a_smaller_window(live_asgi, page: Page, user, password):
    from designer import services

    design = services.design_create(owner=user, title="Legend")
    log_in(page, live_asgi.url, user.username, password)
    legend = page.get_by_role("list", name="Connection kinds")
    toggle = page.get_by_role("button", name="Connections", exact=True)

    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{live_asgi.url}/designs/{design.pk}/")
    # At 1280 px the full legend would cover components dropped at the canvas's right: it starts as one line.
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(legend).to_have_count(0)
    toggle.click()
    expect(legend.get_by_role("listitem")).to_have_text(["Request1", "Data2", "Telemetry3", "Deploy4", "Control5"])

    # The choice is remembered, even on a wider window where the legend would start open.
    page.set_viewport_size({"width": 1440, "height": 900})
    page.reload()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    toggle.click()
    page.reload()
    expect(toggle).to_have_attribute("aria-expanded", "false")


def test_opening_a_design_asks_for_the_catalog_and_the_design_once(live_asgi, page: Page, user, password):
    # The page's head preloads both so they load beside the script; the editor must reuse those answers, not ask again.
    from designer import services

    design = services.design_create(owner=user, title="Once")
    log_in(page, live_asgi.url, user.username, password)
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url.removeprefix(live_asgi.url)) if "/api/" in r.url else None)
    with page.expect_response(lambda r: r.url.endswith("/api/rules/")):  # the last of the three, after the design
        page.goto(f"{live_asgi.url}/designs/{design.pk}/")
    expect(page.locator(".save-state")).to_have_text("Saved")
    assert asked.count("/api/catalog/") == 1
    assert asked.count(f"/api/designs/{design.pk}/") == 1
    assert asked.count("/api/rules/") == 1
