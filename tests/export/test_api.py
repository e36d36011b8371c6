"""Export, import and layout over HTTP: owner checks, download headers, clear refusals, CLI parity."""

import json
import re

import pytest
from django.core.management import call_command

from designer.export.render import EXPORT_LIMITS
from designer.models import Design
from designer.services import design_create

from .helpers import hostile_document

pytestmark = pytest.mark.django_db


def post_json(client, url, body):
    return client.post(url, data=json.dumps(body), content_type="application/json")


@pytest.fixture
def design(user, video_recs) -> Design:
    return design_create(owner=user, document=video_recs)


def test_svg_download_carries_safe_headers(api, design):
    response = api.get(f"/api/designs/{design.pk}/export?format=svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == 'attachment; filename="Video-recommendations.svg"'
    assert (
        response["Content-Security-Policy"] == "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"
    )
    assert response.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<svg ')


def test_filename_is_sanitised(api, user):
    document = hostile_document(['../"evil"\r\nX-Injected: 1 <é>', "b"])
    design = design_create(owner=user, document=document)
    response = api.get(f"/api/designs/{design.pk}/export?format=json")
    assert response["Content-Disposition"] == 'attachment; filename="evil-X-Injected-1-e.json"'
    assert "X-Injected" not in response.headers


@pytest.mark.parametrize(
    "fmt, media_type, magic",
    [
        ("png", "image/png", b"\x89PNG\r\n\x1a\n"),
        ("dot", "text/vnd.graphviz; charset=utf-8", b"// Positions as drawn: render with neato -n2\ndigraph {"),
        ("mermaid", "text/plain; charset=utf-8", b"flowchart LR\n"),
        ("json", "application/json", b'{\n  "format": "mlsd-design/1",'),
    ],
)
def test_every_format_downloads(api, design, fmt, media_type, magic):
    response = api.get(f"/api/designs/{design.pk}/export?format={fmt}")
    assert response.status_code == 200
    assert response["Content-Type"] == media_type
    assert response.content.startswith(magic)
    assert response["Content-Disposition"].startswith('attachment; filename="Video-recommendations.')


def test_someone_elses_design_is_404(client, other_user, design):
    client.force_login(other_user)
    assert client.get(f"/api/designs/{design.pk}/export?format=svg").status_code == 404


def test_anonymous_export_is_refused(client, design):
    assert client.get(f"/api/designs/{design.pk}/export?format=svg").status_code == 403


@pytest.mark.parametrize(
    "query, message",
    [
        ("format=tiff", "format must be one of svg, png, pdf, dot, mermaid, json, not 'tiff'"),
        ("layout=circo", "layout must be one of drawn, auto, not 'circo'"),
        ("findings=yes", "findings must be one of 0, 1, not 'yes'"),
    ],
)
def test_bad_query_values_are_400_with_a_message(api, design, query, message):
    response = api.get(f"/api/designs/{design.pk}/export?{query}")
    assert response.status_code == 400
    assert response.json() == {"detail": message}


def test_findings_overlay_uses_the_validator(api, design):
    plain = api.get(f"/api/designs/{design.pk}/export?format=svg").content
    overlaid = api.get(f"/api/designs/{design.pk}/export?format=svg&findings=1").content
    assert b'id="findings"' not in plain
    assert b'id="findings"' in overlaid and b"throughput-bottleneck" in overlaid


def test_stateless_export_matches_the_stored_design(api, design, video_recs):
    stored = api.get(f"/api/designs/{design.pk}/export?format=svg&layout=auto")
    stateless = api.post(
        "/api/export/?format=svg&layout=auto", data=json.dumps(video_recs), content_type="application/json"
    )
    assert stateless.status_code == 200
    assert stateless.content == stored.content


def test_stateless_export_of_an_invalid_document_lists_problems(api, video_recs):
    video_recs["edges"][0]["target"] = "rnaker"
    response = api.post("/api/export/?format=svg", data=json.dumps(video_recs), content_type="application/json")
    assert response.status_code == 400
    assert response.json()["problems"] == [
        {"path": "edges[0].target", "message": 'no node "rnaker" (did you mean "ranker"?)'}
    ]


def test_too_large_a_design_gets_a_clear_message(api, video_recs):
    count = EXPORT_LIMITS["nodes"] + 1
    video_recs["nodes"] = [{"id": f"n{i}", "kind": "cache", "x": i, "y": 0} for i in range(count)]
    video_recs["edges"] = []
    response = api.post("/api/export/?format=svg", data=json.dumps(video_recs), content_type="application/json")
    assert response.status_code == 422
    assert response.json() == {
        "detail": f"The design has {count} nodes; export draws at most {EXPORT_LIMITS['nodes']}."
    }


@pytest.mark.parametrize(
    "fmt, layout, findings",
    [
        ("svg", "drawn", True),
        ("svg", "auto", False),
        ("png", "drawn", False),
        ("pdf", "drawn", True),
        ("dot", "auto", True),
        ("mermaid", "drawn", False),
        ("json", "drawn", False),
    ],
)
def test_cli_writes_the_same_bytes_as_the_api(api, video_recs, tmp_path, fmt, layout, findings):
    source = tmp_path / "design.json"
    source.write_text(json.dumps(video_recs), encoding="utf-8")
    out = tmp_path / f"out.{fmt}"
    call_command(
        "export_design",
        str(source),
        "--format",
        fmt,
        "--layout",
        layout,
        *(["--findings"] if findings else []),
        "-o",
        str(out),
    )
    response = api.post(
        f"/api/export/?format={fmt}&layout={layout}&findings={int(findings)}",
        data=json.dumps(video_recs),
        content_type="application/json",
    )
    assert response.status_code == 200
    # A PDF records when it was made (cairo's /CreationDate, to the second); every other byte is the same.
    made = re.compile(rb"/CreationDate \(D:\d{14}Z\)")
    assert made.sub(b"", out.read_bytes()) == made.sub(b"", response.content)


def test_import_endpoint_detects_json_svg_and_mermaid(api, design, video_recs):
    svg = api.get(f"/api/designs/{design.pk}/export?format=svg").content
    from_svg = api.post("/api/import/", data=svg, content_type="image/svg+xml")
    assert from_svg.status_code == 200
    assert from_svg.json() == {"format": "svg", "document": video_recs}
    from_json = api.post("/api/import/", data=json.dumps(video_recs), content_type="application/json")
    assert from_json.json() == {"format": "json", "document": video_recs}
    from_mermaid = api.post("/api/import/", data="graph LR\n  a[Kafka] -.-> b[Flink job]\n", content_type="text/plain")
    assert from_mermaid.status_code == 200
    body = from_mermaid.json()
    assert body["format"] == "mermaid"
    assert [(n["id"], n["kind"]) for n in body["document"]["nodes"]] == [("a", "kafka"), ("b", "flink")]


def test_import_errors_are_400_with_line_numbers(api):
    response = api.post("/api/import/", data="flowchart LR\n  a --> b[oops\n", content_type="text/plain")
    assert response.status_code == 400
    assert response.json()["problems"] == [
        {
            "path": "line 2",
            "message": "cannot read the shape of node 'b': '[oops' (use id[label], id(label), id{label} …)",
        }
    ]


def test_import_refuses_foreign_svg_and_unknown_format(api):
    response = api.post("/api/import/", data=b'<svg xmlns="http://www.w3.org/2000/svg"/>', content_type="image/svg+xml")
    assert response.status_code == 400
    assert response.json()["problems"][0]["message"].startswith("this SVG has no embedded MLSD Designer document")
    response = api.post("/api/import/?format=visio", data=b"x", content_type="text/plain")
    assert response.status_code == 400
    assert response.json() == {"detail": "format must be one of json, svg, mermaid, not 'visio'"}


def test_layout_endpoint_returns_positions_and_group_sizes(api, video_recs):
    response = post_json(api, "/api/layout/", video_recs)
    assert response.status_code == 200
    positions = response.json()["positions"]
    assert set(positions) == {"online", "app", "ranker"}
    app, ranker, group = positions["app"], positions["ranker"], positions["online"]
    assert set(app) == {"x", "y"} and set(group) == {"x", "y", "width", "height"}
    assert app["y"] == ranker["y"] and app["x"] + 180 < ranker["x"]
    assert group["x"] < app["x"] and ranker["x"] + 180 < group["x"] + group["width"]
    assert group["y"] < app["y"] and app["y"] + 64 < group["y"] + group["height"]


def test_layout_of_an_invalid_document_is_400(api):
    response = post_json(
        api, "/api/layout/", {"format": "mlsd-design/1", "nodes": [{"id": "a", "kind": "cach", "x": 0, "y": 0}]}
    )
    assert response.status_code == 400
    assert response.json()["problems"] == [
        {"path": "nodes[0].kind", "message": 'unknown kind "cach" (did you mean "cache"?)'}
    ]


def test_cli_reports_unreadable_input_with_line_numbers(tmp_path, capsys):
    source = tmp_path / "design.mmd"
    source.write_text("flowchart LR\n  a --> b[oops\n", encoding="utf-8")
    with pytest.raises(SystemExit) as caught:
        call_command("export_design", str(source), "--format", "svg", "-o", str(tmp_path / "out.svg"))
    assert caught.value.code == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{source}: cannot read the design (1 problem(s)):",
        "  line 2: cannot read the shape of node 'b': '[oops' (use id[label], id(label), id{label} …)",
    ]
    assert not (tmp_path / "out.svg").exists()
