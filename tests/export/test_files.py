"""Files in and out: PDF, PNG scale, exporting a selection, every share link's export, and files opened as designs."""

import re
import struct

import pytest
from django.test import Client

from designer.export.formats import export
from designer.models import Design
from designer.services import design_create
from designer.sharing.services import share_link_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def design(user, video_recs) -> Design:
    return design_create(owner=user, document=video_recs)


def png_size(content: bytes) -> tuple[int, int]:
    assert content[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", content[16:24])


def test_pdf_download_is_a_one_page_pdf_of_the_design(api, design):
    response = api.get(f"/api/designs/{design.pk}/export?format=pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Video-recommendations.pdf"'
    assert response.content.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type\s*/Page[^s]", response.content)) == 1


def test_png_scale_multiplies_the_pixels(api, design):
    one = png_size(api.get(f"/api/designs/{design.pk}/export?format=png").content)
    two = png_size(api.get(f"/api/designs/{design.pk}/export?format=png&scale=2").content)
    assert two == (one[0] * 2, one[1] * 2)
    response = api.get(f"/api/designs/{design.pk}/export?format=png&scale=9")
    assert response.status_code == 400
    assert response.json() == {"detail": "scale must be one of 1, 2, 3, 4, not '9'"}


def test_exporting_the_selection_keeps_those_nodes_and_the_edges_between_them(api, design, video_recs):
    response = api.get(f"/api/designs/{design.pk}/export?format=json&nodes=app,ranker")
    assert response.status_code == 200
    part = response.json()
    assert [n["id"] for n in part["nodes"]] == ["app", "ranker"]
    assert {(e["source"], e["target"]) for e in part["edges"]} == {("app", "ranker")}
    assert part["title"] == video_recs["title"]
    response = api.get(f"/api/designs/{design.pk}/export?format=svg&nodes=app,nope")
    assert response.status_code == 400
    assert response.json() == {"detail": 'nodes: no node "nope" in this design'}


def test_a_selected_group_brings_what_it_holds_and_a_lone_member_leaves_its_group(api, user):
    document = {
        "format": "mlsd-design/1",
        "title": "Grouped",
        "nodes": [
            {"id": "g", "kind": "group", "label": "Online", "x": 0, "y": 0, "width": 500, "height": 200},
            {"id": "a", "kind": "app_service", "x": 20, "y": 40, "parent": "g"},
            {"id": "b", "kind": "cache", "x": 260, "y": 40, "parent": "g"},
        ],
        "edges": [{"id": "e", "source": "a", "target": "b", "kind": "request"}],
    }
    design = design_create(owner=user, document=document)
    whole = api.get(f"/api/designs/{design.pk}/export?format=json&nodes=g").json()
    assert [n["id"] for n in whole["nodes"]] == ["g", "a", "b"]
    assert [e["id"] for e in whole["edges"]] == ["e"]
    lone = api.get(f"/api/designs/{design.pk}/export?format=json&nodes=b").json()
    assert lone["nodes"] == [{"id": "b", "kind": "cache", "x": 260, "y": 40}]


@pytest.mark.parametrize("role", ["view", "comment", "edit"])
def test_every_share_link_exports(design, role):
    _, token = share_link_create(design=design, role=role)
    guest = Client()
    for fmt, media_type in (("svg", "image/svg+xml"), ("png", "image/png"), ("pdf", "application/pdf")):
        response = guest.get(f"/api/s/{token}/export?format={fmt}&findings=1")
        assert response.status_code == 200, response.content[:200]
        assert response["Content-Type"] == media_type


def test_an_edit_link_reads_a_file_to_merge_and_a_view_link_cannot(design, video_recs):
    svg = export(video_recs, "svg").content
    _, edit = share_link_create(design=design, role="edit")
    response = Client().generic("POST", f"/api/s/{edit}/import/", svg, content_type="image/svg+xml")
    assert response.status_code == 200
    assert response.json()["format"] == "svg"
    assert response.json()["document"]["nodes"] == video_recs["nodes"]
    _, view = share_link_create(design=design, role="view")
    response = Client().generic("POST", f"/api/s/{view}/import/", svg, content_type="image/svg+xml")
    assert response.status_code == 403
    assert response.json() == {"detail": "A view link cannot change the design."}


def upload(client, name: str, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post("/designs/import", {"file": SimpleUploadedFile(name, content)}, follow=False)


@pytest.mark.parametrize("fmt", ["json", "svg", "mermaid"])
def test_a_file_opened_on_my_designs_becomes_a_design(api, user, video_recs, fmt):
    content = export(video_recs, fmt).content
    response = upload(api, f"design.{fmt}", content)
    design = Design.objects.filter(owner=user).latest("pk")
    assert response.status_code == 302
    assert response["Location"] == f"/designs/{design.pk}/"
    if fmt == "mermaid":
        assert {n["label"] for n in design.document["nodes"]} == {n["label"] for n in video_recs["nodes"]}
    else:
        assert design.document == video_recs


def test_an_unreadable_file_is_explained_and_creates_nothing(api, user):
    response = upload(api, "broken.json", b'{"format": "mlsd-design/1", "nodes": [{"id": "a"}]}')
    assert response.status_code == 302 and response["Location"] == "/designs/"
    page = api.get("/designs/").content.decode()
    assert (
        '“broken.json” could not be opened: nodes[0]: missing "kind"; nodes[0]: missing "x"; nodes[0]: missing "y"'
        in (page.replace("&quot;", '"'))
    )
    assert not Design.objects.filter(owner=user).exists()


@pytest.mark.parametrize(
    "content, what",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "a PNG image"),
        (b"%PDF-1.5\n", "a PDF document"),
        (b"\xff\xd8\xff\xe0", "a JPEG image"),
    ],
)
def test_a_picture_or_pdf_dropped_by_mistake_is_named_in_the_refusal(api, content, what):
    response = api.generic("POST", "/api/import/", content, content_type="text/plain")
    assert response.status_code == 400
    assert response.json()["problems"] == [
        {
            "path": "$",
            "message": f"this is {what}, not a design: import reads a JSON document, an SVG exported by MLSD "
            "Designer or Mermaid text",
        }
    ]
