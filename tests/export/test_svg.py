"""SVG export: hostile labels stay text, the drawn layout matches the canvas, and the file is portable."""

import copy
import json
import re
import subprocess
import xml.etree.ElementTree as ET

import pytest

from designer.export.dot import display_text
from designer.export.importers import import_document
from designer.export.svg import DOC_NS, export_svg
from designer.validation.engine import Finding

from .helpers import HOSTILE_LABELS, SVG, box, group, hostile_document, outline, text_of


@pytest.fixture(scope="module")
def hostile_svg():
    return export_svg(hostile_document())


def test_hostile_labels_produce_well_formed_svg_without_script(hostile_svg):
    root = ET.fromstring(hostile_svg)
    assert root.tag == SVG + "svg"
    assert [el for el in root.iter() if el.tag.endswith("script")] == []
    assert [(el.tag, name) for el in root.iter() for name in el.attrib if name.lower().startswith("on")] == []
    assert [el.tag for el in root.iter() if el.tag.endswith("}a") or el.tag.endswith("foreignObject")] == []
    assert "javascript:" not in "".join(value for el in root.iter() for value in el.attrib.values())
    assert not re.search(r"<script", hostile_svg, re.IGNORECASE)


@pytest.mark.parametrize("index", range(len(HOSTILE_LABELS)))
def test_every_hostile_label_is_readable_on_its_box_and_edge(hostile_svg, index):
    root = ET.fromstring(hostile_svg)
    label = re.sub(r"\s+", "", HOSTILE_LABELS[index])
    assert text_of(group(root, f"n{index}")) == label + "Appservice"
    if index < len(HOSTILE_LABELS) - 1:
        assert text_of(group(root, f"e{index}")) == label


def test_title_is_text_not_markup(hostile_svg):
    root = ET.fromstring(hostile_svg)
    assert root.find(SVG + "title").text == "<script>alert(1)</script>"
    assert text_of(group(root, "header")) == "<script>alert(1)</script>"


def test_export_then_import_restores_the_exact_document(video_recs):
    svg = export_svg(video_recs, findings=[Finding("x-rule", "error", "m", "f", nodes=["app"])])
    assert import_document(svg.encode("utf-8")) == ("svg", video_recs)


def test_hostile_document_round_trips_through_svg(hostile_svg):
    assert import_document(hostile_svg.encode("utf-8"))[1] == hostile_document()


def test_control_characters_become_replacement_marks_but_survive_in_metadata(video_recs):
    video_recs["nodes"][1]["label"] = "bell\x07 and \x1b[31m"
    svg = export_svg(video_recs)
    root = ET.fromstring(svg)
    assert text_of(group(root, "n1")) == "bell\ufffdand\ufffd[31mAppservice"
    assert import_document(svg.encode("utf-8"))[1]["nodes"][1]["label"] == "bell\x07 and \x1b[31m"


def test_text_xml_cannot_hold_is_replaced_for_drawing():
    assert display_text("a\x00b\ud800c\uffffd\u202ee\u200bf") == "a\ufffdb\ufffdc\ufffdd\u202ee\u200bf"


def test_drawn_layout_puts_boxes_at_their_canvas_coordinates(video_recs):
    video_recs["nodes"].append(
        {"id": "tall", "kind": "kafka", "label": "Events", "x": -150.5, "y": 410, "width": 220, "height": 90}
    )
    root = ET.fromstring(export_svg(video_recs))
    expected = {
        "n0": (0, 0, 900, 300),
        "n1": (320, 120, 500, 184),
        "n2": (640, 120, 820, 184),
        "n3": (-150.5, 410, 69.5, 500),
    }
    for element_id, (left, top, right, bottom) in expected.items():
        actual = box(group(root, element_id))
        assert actual == pytest.approx((left, top, right, bottom), abs=2.5), element_id
    # The SVG's user space is the canvas: the view box starts left of and above the leftmost, topmost box.
    x, y, width, height = (float(v) for v in root.get("viewBox").split())
    assert x < -150.5 and y < 0 and x + width > 900 and y + height > 500


def test_groups_are_drawn_behind_their_children(video_recs):
    root = ET.fromstring(export_svg(video_recs))
    order = [g.get("id") for g in root.iter(SVG + "g") if g.get("class") == "node"]
    assert order == ["n0", "n1", "n2"]


def test_sizes_are_pixels_and_fonts_generic(video_recs):
    svg = export_svg(video_recs)
    root = ET.fromstring(svg)
    assert re.fullmatch(r"[\d.]+", root.get("width")) and re.fullmatch(r"[\d.]+", root.get("height"))
    assert "pt" not in root.get("width") + root.get("height")
    families = {el.get("font-family") for el in root.iter() if el.get("font-family")}
    assert families == {"sans-serif"}
    assert "<!DOCTYPE" not in svg
    assert re.findall(r"https?://[^\"]+", svg) == ["http://www.w3.org/2000/svg"]


def test_document_is_embedded_in_metadata_in_our_namespace(video_recs):
    root = ET.fromstring(export_svg(video_recs))
    embedded = root.find(f"{SVG}metadata/{{{DOC_NS}}}document")
    assert embedded.get("format") == "mlsd-design/1"
    assert json.loads(embedded.text) == video_recs


def test_title_summary_and_legend_are_drawn(video_recs):
    root = ET.fromstring(export_svg(video_recs))
    header = [t.text for t in group(root, "header").iter(SVG + "text")]
    assert header == [
        "Video recommendations",
        "Task: ranking · p99 SLO 200 ms · peak 50,000 QPS · features fresh within 60 s · "
        "model fresh within 86,400 s · corpus 1,000,000,000 items",
        "Offline metrics: nDCG@10, recall@100 · Online metrics: watch time, CTR",
        "Recommend videos on the home page",
    ]
    legend = [t.text for t in group(root, "legend").iter(SVG + "text")]
    assert legend == ["Legend", "Online services", "Model serving", "Request", "Data", "Telemetry", "Deploy", "Control"]


def test_edges_are_styled_by_kind(video_recs):
    video_recs["nodes"].append({"id": "logs", "kind": "kafka", "x": 640, "y": 400})
    video_recs["edges"].append({"id": "t1", "source": "ranker", "target": "logs", "kind": "telemetry"})
    root = ET.fromstring(export_svg(video_recs))
    request, telemetry = group(root, "e0").find(SVG + "path"), group(root, "e1").find(SVG + "path")
    assert (request.get("stroke"), request.get("stroke-dasharray")) == ("#1d4ed8", None)
    assert (telemetry.get("stroke"), telemetry.get("stroke-dasharray")) == ("#b45309", "1,5")
    assert group(root, "e1").find(SVG + "ellipse").get("fill") == "#b45309"


def test_control_edges_are_drawn_in_their_catalog_style(video_recs):
    video_recs["nodes"].append({"id": "airflow", "kind": "airflow", "x": 640, "y": 400})
    video_recs["edges"].append({"id": "c1", "source": "airflow", "target": "ranker", "kind": "control"})
    root = ET.fromstring(export_svg(video_recs))
    control = group(root, "e1").find(SVG + "path")
    assert (control.get("stroke"), control.get("stroke-dasharray")) == ("#475569", "5,2")
    swatches = [line for line in group(root, "legend").iter(SVG + "line") if line.get("stroke") == "#475569"]
    # The legend draws the catalog's own dash pattern and a tee for its arrowhead.
    swatch = swatches[0]
    assert (swatch.get("stroke-dasharray"), swatch.get("stroke-width")) == ("10,3,2,3", "0.8")
    assert len(swatches) == 3


def test_findings_overlay_outlines_numbers_and_lists_findings(video_recs):
    findings = [
        Finding("throughput-bottleneck", "error", "App receives 50,000 QPS", "add replicas", nodes=["app"]),
        Finding("slow-call", "warning", "score call is slow", "cache it", edges=["e1"]),
    ]
    root = ET.fromstring(export_svg(video_recs, findings=findings))
    app = group(root, "n1")
    assert outline(app).get("stroke") == "#dc2626"
    assert outline(app).get("stroke-width") == "3"
    marker = app.findall(SVG + "text")[-1]
    assert (marker.text, marker.get("fill")) == ("[1]", "#dc2626")
    edge = group(root, "e0")
    assert edge.find(SVG + "path").get("stroke") == "#d97706"
    assert edge.find(SVG + "text").text == "[2] score"
    listing = ["".join(t.itertext()) for t in group(root, "findings").iter(SVG + "text")]
    assert listing == [
        "Findings (2)",
        "[1] error   throughput-bottleneck: App receives 50,000 QPS Fix: add replicas",
        "[2] warning slow-call: score call is slow Fix: cache it",
    ]


def test_no_findings_means_no_overlay(video_recs):
    root = ET.fromstring(export_svg(video_recs, findings=[]))
    assert [g for g in root.iter(SVG + "g") if g.get("id") == "findings"] == []
    assert outline(group(root, "n1")).get("stroke") == "#6d28d9"


def test_auto_layout_draws_groups_as_clusters_left_to_right(video_recs):
    root = ET.fromstring(export_svg(video_recs, layout="auto"))
    cluster = group(root, "n0")
    assert cluster.get("class") == "cluster"
    assert text_of(cluster) == "Onlineserving"
    app, ranker = box(group(root, "n1")), box(group(root, "n2"))
    left, top, right, bottom = box(cluster)
    assert app[2] < ranker[0]
    assert left < app[0] and ranker[2] < right and top < app[1] and app[3] < bottom


def test_rsvg_convert_renders_the_export(video_recs, tmp_path):
    path = tmp_path / "design.svg"
    path.write_text(export_svg(hostile_document()), encoding="utf-8")
    done = subprocess.run(["rsvg-convert", "--format=png", str(path)], capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(done.stdout[16:20], "big"), int.from_bytes(done.stdout[20:24], "big")
    root = ET.fromstring(path.read_text(encoding="utf-8"))
    assert (width, height) == (round(float(root.get("width"))), round(float(root.get("height"))))


def test_empty_design_exports(video_recs):
    empty = copy.deepcopy(video_recs)
    empty["nodes"], empty["edges"] = [], []
    root = ET.fromstring(export_svg(empty))
    assert [g.get("id") for g in root.iter(SVG + "g") if g.get("class") == "node"] == []
    assert import_document(ET.tostring(root))[1] == empty


def test_png_is_the_svg_rendered_at_the_same_size(video_recs):
    from designer.export.formats import export_png

    png = export_png(video_recs)
    root = ET.fromstring(export_svg(video_recs))
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    size = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert size == (round(float(root.get("width"))), round(float(root.get("height"))))


def test_realistic_design_round_trips_and_renders_every_label(tmp_path):
    from component_catalog.catalog import get_catalog
    from tests.conftest import load_fixture

    document = load_fixture("two_stage_recs.json")
    svg = export_svg(document, layout="auto")
    root = ET.fromstring(svg)
    for index, node in enumerate(document["nodes"]):
        drawn = text_of(group(root, f"n{index}"))
        for text in (node.get("label", ""), node.get("text", "")):
            assert re.sub(r"\s+", "", text) in drawn, node["id"]
        if node["kind"] not in ("note", "group"):
            assert drawn.endswith(re.sub(r"\s+", "", get_catalog().kind(node["kind"]).label)), node["id"]
    for index, edge in enumerate(document["edges"]):
        assert text_of(group(root, f"e{index}")) == re.sub(r"\s+", "", edge.get("label", "")), edge["id"]
    assert import_document(svg.encode("utf-8")) == ("svg", document)
    path = tmp_path / "design.svg"
    path.write_text(svg, encoding="utf-8")
    done = subprocess.run(["rsvg-convert", "--format=png", str(path)], capture_output=True, timeout=60)
    assert (done.returncode, done.stdout[:4]) == (0, b"\x89PNG")


def test_line_breaks_in_labels_become_separate_lines(video_recs):
    video_recs["nodes"][1]["label"] = "first\nsecond\r\nthird\rfourth"
    root = ET.fromstring(export_svg(video_recs))
    assert [t.text for t in group(root, "n1").iter(SVG + "text")] == [
        "first",
        "second",
        "third",
        "fourth",
        "App service",
    ]
