"""The features table beside the diagram in SVG and PNG exports (issue 16): optional like the findings, exact rows,
hostile names stay text."""

import json
import re
import xml.etree.ElementTree as ET

import pytest

from designer.export.formats import export
from designer.export.svg import export_svg

from .helpers import SVG, box, group

STORE = {"id": "store", "kind": "online_feature_store", "label": "Online store", "x": 700, "y": 80}
FEATURES = [
    {"id": "f1", "name": "user embedding", "category": "user", "type": "embedding", "freshness": "daily"},
    {
        "id": "f2",
        "name": "clicks in session",
        "category": "context",
        "type": "sequence",
        "freshness": 30,
        "computed_by": "app",
        "served_by": "store",
    },
]
SIGNALS = [
    {"id": "s1", "name": "watch time", "kind": "implicit", "is_label": True, "source": "app"},
    {"id": "s2", "name": "like", "kind": "explicit", "is_label": False},
]


@pytest.fixture
def featured(video_recs):
    video_recs["nodes"].append(STORE)
    video_recs["features"] = FEATURES
    video_recs["signals"] = SIGNALS
    return video_recs


def table_rows(root) -> list[list[str]]:
    """The table's text by row (its y), left to right."""
    rows: dict[float, list[tuple[float, str]]] = {}
    for text in group(root, "features").iter(SVG + "text"):
        rows.setdefault(float(text.get("y")), []).append((float(text.get("x")), text.text))
    return [[t for _, t in sorted(cells)] for _, cells in sorted(rows.items())]


def test_the_table_is_drawn_beside_the_diagram_only_when_asked(featured):
    assert [g for g in ET.fromstring(export_svg(featured)).iter(SVG + "g") if g.get("id") == "features"] == []
    root = ET.fromstring(export_svg(featured, features=True))
    assert table_rows(root) == [
        ["Features (2)"],
        ["Feature", "Category", "Type", "Freshness", "Computed by", "Served by"],
        ["user embedding", "user", "embedding", "daily"],
        ["clicks in session", "context", "sequence", "30 s", "App", "Online store"],
        ["Signals (2)"],
        ["watch time (implicit, label, collected at App)"],
        ["like (explicit)"],
    ]
    # Beside: every cell starts right of every component of the drawing.
    right = max(box(group(root, f"n{i}"))[2] for i in (1, 2, 3))
    assert min(float(t.get("x")) for t in group(root, "features").iter(SVG + "text")) > right


def test_the_png_export_grows_by_the_table(featured):
    plain = export(featured, "png").content
    table = export(featured, "png", features=True).content
    width = lambda png: int.from_bytes(png[16:20], "big")  # noqa: E731
    assert width(table) > width(plain) + 400


def test_hostile_feature_names_stay_text_and_long_ones_are_cut(featured):
    featured["features"][0]["name"] = "<script>alert(1)</script>" + "x" * 90
    svg = export_svg(featured, features=True)
    assert not re.search(r"<script", svg, re.IGNORECASE)
    first = table_rows(ET.fromstring(svg))[2][0]
    assert first.startswith("<script>alert(1)</script>xxx") and first.endswith("…") and len(first) == 33


def test_the_export_api_takes_features_1(api, featured):
    design = api.post("/api/designs/", data=json.dumps({"document": featured}), content_type="application/json")
    url = f"/api/designs/{design.json()['id']}/export"
    with_table = api.get(url, {"format": "svg", "features": "1"}).content.decode()
    without = api.get(url, {"format": "svg"}).content.decode()
    assert 'id="features"' in with_table and 'id="features"' not in without
    refused = api.get(url, {"format": "svg", "features": "yes"})
    assert (refused.status_code, refused.json()) == (400, {"detail": "features must be one of 0, 1, not 'yes'"})
