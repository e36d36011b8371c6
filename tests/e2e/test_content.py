"""Whiteboard content and files, driven in Chromium: free text and custom components, files dropped or opened as
designs, a guest's export, and restoring an earlier version from the replay page while an editor watches."""

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from designer import services
from designer.export.formats import export
from designer.models import Design
from designer.sharing.services import share_link_create

pytestmark = pytest.mark.usefixtures("e2e_env")


def log_in(page: Page, base: str, user, password: str):
    page.set_default_timeout(8000)
    page.goto(f"{base}/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(f"{base}/designs/")


def saved(page: Page):
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    expect(page.locator(".save-state")).to_have_text("Saved")


def small(user, title="Small") -> Design:
    nodes = [
        {"id": "app", "kind": "app_service", "label": "App", "x": 0, "y": 0},
        {"id": "ranker", "kind": "model_server", "label": "Ranker", "x": 320, "y": 0},
    ]
    edges = [{"id": "e1", "source": "app", "target": "ranker", "kind": "request"}]
    return services.design_create(
        owner=user, title=title, document={"format": "mlsd-design/1", "nodes": nodes, "edges": edges}
    )


def test_free_text_and_a_custom_component_are_drawn_saved_and_reviewed(live_asgi, page: Page, user, password):
    design = small(user)
    log_in(page, live_asgi.url, user, password)
    page.goto(f"{live_asgi.url}/designs/{design.pk}/")
    expect(page.locator(".mlsd-node").first).to_be_visible()

    page.get_by_role("button", name="Add Text", exact=True).click()
    page.get_by_label("Text", exact=True).fill("Edge tier: served within 20 ms")
    page.get_by_label("Text", exact=True).blur()
    expect(page.locator(".mlsd-text p")).to_have_text("Edge tier: served within 20 ms")

    page.get_by_role("button", name="Add Custom component", exact=True).click()
    page.get_by_label("Label", exact=True).fill("Bespoke scorer")
    page.get_by_label("Label", exact=True).press("Enter")
    page.get_by_label("Plays the role of").select_option(label="Model server")
    page.get_by_label("Icon").select_option("brain")
    card = page.get_by_role("group", name="Bespoke scorer (Custom component)", exact=True)
    expect(card.locator(".mlsd-node-kind")).to_have_text("Custom · Model server")
    saved(page)

    design.refresh_from_db()
    added = {n["kind"]: n for n in design.document["nodes"] if n["id"] not in ("app", "ranker")}
    assert added["text"]["text"] == "Edge tier: served within 20 ms"
    assert "label" not in added["text"]
    custom = added["custom"]
    assert (custom["label"], custom["role"], custom["icon"]) == ("Bespoke scorer", "model_server", "brain")
    # The reviewer treats it as a model server: it has no training path, like Ranker.
    page.get_by_role("tab", name="Findings").click()
    expect(page.locator(".findings").get_by_text("Bespoke scorer serves a model, but no deploy path")).to_be_visible()


def drop_file(page: Page, name: str, mime: str, content: bytes):
    """Drop a file on the canvas as a person dragging it from their desktop does (a DataTransfer with the file)."""
    page.evaluate(
        """([name, mime, bytes]) => {
            const file = new File([new Uint8Array(bytes)], name, { type: mime });
            const data = new DataTransfer();
            data.items.add(file);
            const target = document.querySelector('.react-flow__pane');
            const box = target.getBoundingClientRect();
            const at = { clientX: box.left + box.width / 2, clientY: box.top + box.height / 2 };
            for (const type of ['dragenter', 'dragover', 'drop']) {
                target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data, ...at }));
            }
        }""",
        [name, mime, list(content)],
    )


@pytest.mark.parametrize(
    "fmt, name, mime",
    [("json", "design.json", "application/json"), ("svg", "design.svg", "image/svg+xml"), ("mermaid", "d.mmd", "")],
)
def test_a_file_dropped_on_the_canvas_becomes_a_new_design(
    live_asgi, page: Page, user, password, video_recs, fmt, name, mime
):
    design = small(user)
    log_in(page, live_asgi.url, user, password)
    page.goto(f"{live_asgi.url}/designs/{design.pk}/")
    expect(page.locator(".mlsd-node").first).to_be_visible()
    drop_file(page, name, mime, export(video_recs, fmt).content)
    dialog = page.get_by_role("dialog", name=f"Open “{name}”")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="As a new design").click()

    created = Design.objects.filter(owner=user).exclude(pk=design.pk)
    page.wait_for_url(
        lambda url: created.exists() and url.endswith(f"/designs/{created.get().pk}/"), wait_until="commit"
    )
    expect(page.locator(".react-flow__node")).to_have_count(len(video_recs["nodes"]))
    new = created.get()
    assert {n["label"] for n in new.document["nodes"]} == {n["label"] for n in video_recs["nodes"]}
    if fmt != "mermaid":
        assert new.document == video_recs


def test_a_file_dropped_on_the_canvas_can_be_added_to_the_design_and_undone(live_asgi, page: Page, user, password):
    design = small(user)
    other = {
        "format": "mlsd-design/1",
        "nodes": [{"id": "app", "kind": "cache", "label": "Feature cache", "x": 0, "y": 0}],
        "edges": [],
    }
    log_in(page, live_asgi.url, user, password)
    page.goto(f"{live_asgi.url}/designs/{design.pk}/")
    expect(page.locator(".mlsd-node")).to_have_count(2)
    drop_file(page, "cache.json", "application/json", json.dumps(other).encode())
    page.get_by_role("dialog").get_by_role("button", name="Add to this design").click()
    expect(page.locator(".mlsd-node")).to_have_count(3)
    saved(page)
    design.refresh_from_db()
    labels = sorted(n["label"] for n in design.document["nodes"])
    assert labels == ["App", "Feature cache", "Ranker"]
    # A new id (the file's "app" is taken), placed right of what was there.
    cache = next(n for n in design.document["nodes"] if n["label"] == "Feature cache")
    assert cache["id"] != "app" and cache["x"] > 320
    page.keyboard.press("Control+Z")
    expect(page.locator(".mlsd-node")).to_have_count(2)


def test_a_broken_file_is_explained_and_nothing_changes(live_asgi, page: Page, user, password):
    design = small(user)
    log_in(page, live_asgi.url, user, password)
    page.goto(f"{live_asgi.url}/designs/{design.pk}/")
    expect(page.locator(".mlsd-node")).to_have_count(2)
    drop_file(page, "broken.json", "application/json", b'{"format": "mlsd-design/1", "nodes": [{"id": 1}]}')
    page.get_by_role("dialog").get_by_role("button", name="Add to this design").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "“broken.json” could not be opened: The design document is not valid."
    )
    expect(page.get_by_role("alert")).to_contain_text("nodes[0].id")
    expect(page.locator(".mlsd-node")).to_have_count(2)


def test_a_file_opened_on_my_designs_becomes_a_design(live_asgi, page: Page, user, password, video_recs, tmp_path):
    path = tmp_path / "flow.mmd"
    path.write_bytes(export(video_recs, "mermaid").content)
    log_in(page, live_asgi.url, user, password)
    page.get_by_label("Open a file…").set_input_files(str(path))
    # The editor is there once its components are: wait for the new URL, not for every resource's load event.
    page.wait_for_url(lambda url: "/designs/" in url and url.rstrip("/").split("/")[-1].isdigit(), wait_until="commit")
    expect(page.locator(".react-flow__node")).to_have_count(len(video_recs["nodes"]))
    created = Design.objects.get(owner=user)
    assert page.url.endswith(f"/designs/{created.pk}/")
    assert {n["label"] for n in created.document["nodes"]} == {n["label"] for n in video_recs["nodes"]}


def test_a_view_guest_downloads_the_svg_and_its_findings_fit_the_picture(live_asgi, page: Page, user):
    # Narrow: two components stacked at the canvas's left edge, so the findings list is wider than the drawing
    # unless it wraps, and the markers beside the boxes fall left of the canvas unless there is room for them.
    design = small(user, title="Narrow")
    services.design_apply_ops(
        design_id=design.pk, ops=[{"op": "node.update", "id": "ranker", "set": {"x": 0, "y": 140}}], user=user
    )
    _, token = share_link_create(design=design, role="view")
    page.set_default_timeout(8000)
    page.goto(f"{live_asgi.url}/s/{token}/")
    page.get_by_label("Your name:").fill("Grace")
    page.get_by_role("button", name="Open the design").click()
    expect(page.locator(".mlsd-node").first).to_be_visible()
    page.get_by_role("button", name="Export ▾").click()
    with page.expect_download() as info:
        page.get_by_role("menuitem", name="SVG image").click()
    download = info.value
    assert download.suggested_filename == "Narrow.svg"
    svg = Path(download.path()).read_text(encoding="utf-8")
    assert "<mlsd:document" in svg and ">Ranker<" in svg
    # Drawn by the browser: every line of the findings list, and every finding marker beside a box, lies inside the
    # picture (the boxes sit at the canvas's left edge, where a marker used to be cut off).
    page.set_content(f"<body style='margin:0'>{svg.split('?>', 1)[1]}</body>")
    fit = page.evaluate(
        r"""() => {
            const svg = document.querySelector('svg');
            const box = svg.viewBox.baseVal;
            const texts = [...svg.querySelectorAll('text')].map(t => t.getBBox());
            const rows = svg.querySelectorAll('#findings text').length;
            const markers = [...svg.querySelectorAll('#graph0 text')].filter(t => /^\[[\d,]+\]$/.test(t.textContent)).length;
            return {
                rows, markers,
                left: Math.min(...texts.map(b => b.x)) - box.x, top: Math.min(...texts.map(b => b.y)) - box.y,
                right: box.x + box.width - Math.max(...texts.map(b => b.x + b.width)),
            };
        }"""
    )
    assert fit["rows"] > 3 and fit["markers"] >= 2
    assert fit["left"] >= 0 and fit["top"] >= 0 and fit["right"] >= 0, fit
    # The PNG (librsvg draws its bold markers wider than Chromium): nothing but background on its outer edges.
    page.goto(f"{live_asgi.url}/s/{token}/")
    edges = page.evaluate(
        """async (url) => {
            const png = await (await fetch(url)).blob();
            const image = await createImageBitmap(png);
            const canvas = new OffscreenCanvas(image.width, image.height);
            const context = canvas.getContext('2d');
            context.drawImage(image, 0, 0);
            const inked = (x, y, w, h) => {
                const data = context.getImageData(x, y, w, h).data;
                let count = 0;
                for (let i = 0; i < data.length; i += 4) if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) count++;
                return count;
            };
            return { left: inked(0, 0, 3, image.height), top: inked(0, 0, image.width, 3), right: inked(image.width - 3, 0, 3, image.height) };
        }""",
        f"/api/s/{token}/export?format=png&findings=1",
    )
    assert edges == {"left": 0, "top": 0, "right": 0}


def test_restoring_a_version_on_the_replay_page_updates_an_open_editor_and_can_be_undone(
    live_asgi, page: Page, user, password
):
    design = small(user)
    services.design_apply_ops(
        design_id=design.pk, ops=[{"op": "node.update", "id": "ranker", "set": {"label": "Reranker"}}], user=user
    )
    log_in(page, live_asgi.url, user, password)
    editor = page.context.new_page()
    editor.goto(f"{live_asgi.url}/designs/{design.pk}/")
    expect(editor.get_by_role("group", name="Reranker (Model server)")).to_be_visible()

    page.goto(f"{live_asgi.url}/designs/{design.pk}/replay/")
    expect(page.locator("#replay-status")).to_contain_text("Version 2 of 2")
    restore = page.get_by_role("button", name="Restore this version")
    expect(restore).to_be_disabled()
    page.locator("#replay-scrubber").fill("1")
    expect(page.locator("#replay-status")).to_contain_text("Version 1 of 2")
    restore.click()
    expect(page.get_by_role("status").filter(has_text="Version 1 restored as version 3.")).to_be_visible()
    expect(page.locator("#replay-status")).to_contain_text("Version 3 of 3")
    # The open editor follows live.
    expect(editor.get_by_role("group", name="Ranker (Model server)")).to_be_visible()
    design.refresh_from_db()
    assert (design.version, design.document["nodes"][1]["label"]) == (3, "Ranker")

    page.get_by_role("button", name="Undo restore").click()
    expect(page.get_by_role("status").filter(has_text="Restore undone: version 4 is version 2 again.")).to_be_visible()
    expect(editor.get_by_role("group", name="Reranker (Model server)")).to_be_visible()
    design.refresh_from_db()
    assert (design.version, design.document["nodes"][1]["label"]) == (4, "Reranker")


def zoom(page: Page) -> float:
    transform = page.locator(".react-flow__viewport").evaluate("el => el.style.transform")
    return float(re.search(r"scale\(([\d.]+)\)", transform).group(1))


def nodes_of(design: Design) -> dict[str, dict]:
    design.refresh_from_db()
    return {n["id"]: n for n in design.document["nodes"]}


def test_align_distribute_and_lock_by_keyboard_are_saved(live_asgi, page: Page, user, password):
    nodes = [
        {"id": "a", "kind": "kafka", "label": "Kafka", "x": 0, "y": 40},
        {"id": "b", "kind": "flink", "label": "Flink job", "x": 260, "y": 0},
        {"id": "c", "kind": "monitoring", "label": "Monitoring", "x": 900, "y": 120},
    ]
    design = services.design_create(
        owner=user, title="Row", document={"format": "mlsd-design/1", "nodes": nodes, "edges": []}
    )
    log_in(page, live_asgi.url, user, password)
    page.goto(f"{live_asgi.url}/designs/{design.pk}/")
    expect(page.locator(".mlsd-node")).to_have_count(3)
    page.locator(".react-flow__pane").click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Control+Shift+ArrowUp")
    saved(page)
    assert [n["y"] for n in nodes_of(design).values()] == [0, 0, 0]
    page.keyboard.press("Alt+H")
    saved(page)
    placed = nodes_of(design)
    widths = {
        i: page.locator(f'[data-id="{i}"].react-flow__node').evaluate("el => el.offsetWidth") for i in ("a", "b", "c")
    }
    gaps = [placed["b"]["x"] - (placed["a"]["x"] + widths["a"]), placed["c"]["x"] - (placed["b"]["x"] + widths["b"])]
    assert (placed["a"]["x"], placed["c"]["x"]) == (0, 900)
    assert abs(gaps[0] - gaps[1]) <= 1

    # Locked: Delete keeps it (and says why) until it is unlocked.
    page.get_by_role("group", name="Kafka (Kafka)", exact=True).click()
    page.keyboard.press("Control+Shift+L")
    saved(page)
    assert nodes_of(design)["a"]["props"] == {"locked": True}
    page.keyboard.press("Delete")
    expect(page.get_by_text("That component is locked: unlock it to delete it.")).to_be_visible()
    assert "a" in nodes_of(design)
    page.keyboard.press("Control+Shift+L")
    saved(page)
    assert nodes_of(design)["a"].get("props", {}) == {}
    page.keyboard.press("Delete")
    saved(page)
    assert "a" not in nodes_of(design)


def test_a_group_is_resized_by_its_corner_and_saved(live_asgi, page: Page, user, password):
    nodes = [
        {"id": "g", "kind": "group", "label": "Online", "x": 0, "y": 0, "width": 400, "height": 240},
        {"id": "a", "kind": "app_service", "label": "App", "x": 40, "y": 60, "parent": "g"},
    ]
    design = services.design_create(
        owner=user, title="Grouped", document={"format": "mlsd-design/1", "nodes": nodes, "edges": []}
    )
    log_in(page, live_asgi.url, user, password)
    page.goto(f"{live_asgi.url}/designs/{design.pk}/")
    expect(page.locator(".mlsd-group")).to_be_visible()
    page.locator(".mlsd-group-label").click()
    corner = page.locator('[data-id="g"] .react-flow__resize-control.handle.bottom.right')
    expect(corner).to_be_visible()
    box = corner.bounding_box()
    scale = zoom(page)
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    # Whole grid steps (16 px) wider and taller: the canvas snaps to its grid.
    page.mouse.move(x + 80 * scale, y + 48 * scale, steps=8)
    page.mouse.up()
    saved(page)
    group = nodes_of(design)["g"]
    assert (group["width"], group["height"]) == (480, 288)
    assert (group["x"], group["y"]) == (0, 0)


def test_export_copies_the_selection_as_png_and_svg_to_the_clipboard(live_asgi, page: Page, user, password):
    design = small(user)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_asgi.url)
    log_in(page, live_asgi.url, user, password)
    page.goto(f"{live_asgi.url}/designs/{design.pk}/")
    page.get_by_role("group", name="Ranker (Model server)", exact=True).click()
    page.get_by_role("button", name="Export ▾").click()
    page.get_by_label("Only the selection (1)").check()
    page.get_by_role("menuitem", name="Copy as SVG").click()
    expect(page.get_by_text("Copied the selection as SVG.")).to_be_visible()
    svg = page.evaluate("() => navigator.clipboard.readText()")
    assert svg.startswith('<?xml version="1.0" encoding="UTF-8"?>') and ">Ranker<" in svg and ">App<" not in svg

    page.get_by_role("button", name="Export ▾").click()
    page.get_by_role("menuitem", name="Copy as PNG").click()
    expect(page.get_by_text("Copied the selection as PNG.")).to_be_visible()
    head = page.evaluate(
        """async () => {
            const [item] = await navigator.clipboard.read();
            const blob = await item.getType('image/png');
            return [...new Uint8Array(await blob.slice(0, 8).arrayBuffer())];
        }"""
    )
    assert bytes(head) == b"\x89PNG\r\n\x1a\n"


def test_a_dragged_component_snaps_to_another_ones_top_edge_with_a_guide(live_asgi, page: Page, user, password):
    nodes = [
        {"id": "a", "kind": "kafka", "label": "Kafka", "x": 0, "y": 44},
        {"id": "b", "kind": "flink", "label": "Flink job", "x": 304, "y": 304},
    ]
    design = services.design_create(
        owner=user, title="Snap", document={"format": "mlsd-design/1", "nodes": nodes, "edges": []}
    )
    log_in(page, live_asgi.url, user, password)
    page.goto(f"{live_asgi.url}/designs/{design.pk}/")
    card = page.get_by_role("group", name="Flink job (Flink job)", exact=True)
    expect(card).to_be_visible()
    scale = zoom(page)
    box = card.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x, y - 2 * scale)  # the drag starts here
    # 257 px further up in canvas units: its top would be at 47 (the grid says 48); Kafka's top edge (44) is within reach.
    page.mouse.move(x, y - 259 * scale, steps=12)
    expect(page.locator(".snap-guides line")).not_to_have_count(0)
    page.mouse.up()
    saved(page)
    assert (nodes_of(design)["b"]["x"], nodes_of(design)["b"]["y"]) == (304, 44)
    expect(page.locator(".snap-guides")).to_have_count(0)


def test_an_edit_guest_adds_a_dropped_file_to_the_design_but_cannot_make_a_new_one(live_asgi, page: Page, user):
    design = small(user)
    _, token = share_link_create(design=design, role="edit")
    extra = {
        "format": "mlsd-design/1",
        "nodes": [{"id": "m", "kind": "monitoring", "label": "Monitoring", "x": 0, "y": 0}],
        "edges": [],
    }
    page.set_default_timeout(8000)
    page.goto(f"{live_asgi.url}/s/{token}/")
    page.get_by_label("Your name:").fill("Grace")
    page.get_by_role("button", name="Open the design").click()
    expect(page.locator(".mlsd-node")).to_have_count(2)
    drop_file(page, "monitoring.json", "application/json", json.dumps(extra).encode())
    dialog = page.get_by_role("dialog", name="Open “monitoring.json”")
    expect(dialog.get_by_role("button", name="As a new design")).to_have_count(0)
    dialog.get_by_role("button", name="Add to this design").click()
    expect(page.locator(".mlsd-node")).to_have_count(3)
    saved(page)
    design.refresh_from_db()
    assert sorted(n["label"] for n in design.document["nodes"]) == ["App", "Monitoring", "Ranker"]
    assert Design.objects.count() == 1


def test_a_new_design_from_a_file_waits_for_unsaved_changes_and_loses_nothing(
    live_asgi, page: Page, user, password, video_recs
):
    design = small(user)
    log_in(page, live_asgi.url, user, password)
    page.goto(f"{live_asgi.url}/designs/{design.pk}/")
    expect(page.locator(".mlsd-node")).to_have_count(2)
    page.context.set_offline(True)
    page.get_by_role("button", name="Add Cache", exact=True).click()
    expect(page.locator(".mlsd-node")).to_have_count(3)
    drop_file(page, "design.json", "application/json", export(video_recs, "json").content)
    page.get_by_role("dialog").get_by_role("button", name="As a new design").click()
    expect(page.get_by_role("alert")).to_contain_text("Your last changes are not saved yet", timeout=10000)
    assert page.url == f"{live_asgi.url}/designs/{design.pk}/"
    assert Design.objects.count() == 1
    # Back online, the change is saved, and the file opens.
    page.context.set_offline(False)
    saved(page)
    assert len(nodes_of(design)) == 3
    drop_file(page, "design.json", "application/json", export(video_recs, "json").content)
    page.get_by_role("dialog").get_by_role("button", name="As a new design").click()
    page.wait_for_url(
        lambda url: Design.objects.count() == 2 and url.endswith(f"/designs/{Design.objects.latest('pk').pk}/"),
        wait_until="commit",
    )
