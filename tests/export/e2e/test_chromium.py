"""The exported SVG opened on its own in Chromium: every label drawn, boxes at their canvas coordinates."""

import pytest

from designer.export.svg import export_svg

from ..helpers import HOSTILE_LABELS, hostile_document


@pytest.fixture
def open_svg(page, tmp_path):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    def open_file(svg: str):
        path = tmp_path / "design.svg"
        path.write_text(svg, encoding="utf-8")
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        return page, dialogs

    return open_file


def test_chromium_draws_every_label_and_runs_nothing(open_svg):
    page, dialogs = open_svg(export_svg(hostile_document()))
    drawn = page.evaluate("""() => [...document.querySelectorAll('g.node')].map(g => ({
        id: g.id,
        text: [...g.querySelectorAll('text')].map(t => t.textContent).join(''),
        width: Math.min(...[...g.querySelectorAll('text')].map(t => t.getComputedTextLength())),
    }))""")
    assert [d["id"] for d in drawn] == [f"n{i}" for i in range(len(HOSTILE_LABELS))]
    for item, label in zip(drawn, HOSTILE_LABELS):
        assert item["text"].replace(" ", "") == label.replace(" ", "") + "Appservice"
        assert item["width"] > 0
    assert page.evaluate("document.querySelectorAll('script, foreignObject, a').length") == 0
    assert dialogs == []


def test_chromium_places_boxes_at_canvas_coordinates(open_svg, video_recs):
    page, _ = open_svg(export_svg(video_recs))
    boxes = page.evaluate("""() => Object.fromEntries(['n0', 'n1', 'n2'].map(id => {
        const b = document.getElementById(id).querySelector('path, polygon').getBBox();
        return [id, [b.x, b.y, b.width, b.height]];
    }))""")
    assert boxes == {
        "n0": pytest.approx([0, 0, 900, 300], abs=2),
        "n1": pytest.approx([320, 120, 180, 64], abs=2),
        "n2": pytest.approx([640, 120, 180, 64], abs=2),
    }


def test_chromium_draws_a_realistic_design_with_every_label(open_svg):
    from tests.conftest import load_fixture

    document = load_fixture("two_stage_recs.json")
    page, dialogs = open_svg(export_svg(document))
    drawn = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('g.node')].map(g => [g.id,
        [...g.querySelectorAll('text')].filter(t => t.getComputedTextLength() > 0).map(t => t.textContent).join(' ')]))""")
    for index, node in enumerate(document["nodes"]):
        for text in (node.get("label", ""), node.get("text", "")):
            assert " ".join(text.split()) in drawn[f"n{index}"], node["id"]
    assert dialogs == []
