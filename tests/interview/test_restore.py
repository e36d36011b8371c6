"""Restoring an earlier version over HTTP: a new version holding that document; restoring again undoes it."""

import pytest
from django.test import Client

from designer.models import Design, Operation
from designer.sharing.services import share_link_create

from .helpers import post_json

pytestmark = pytest.mark.django_db


@pytest.fixture
def edited(api):
    """Version 1 from the video template, version 2 without monitoring, version 3 retitled."""
    design = post_json(api, "/api/designs/from-template/", {"template": "video-recommendation"}).json()
    url = f"/api/designs/{design['id']}/ops/"
    post_json(api, url, {"ops": [{"op": "node.remove", "id": "monitoring"}]})
    post_json(api, url, {"ops": [{"op": "title.set", "title": "Retitled"}]})
    return Design.objects.get(pk=design["id"])


def node_ids(design: Design) -> set[str]:
    design.refresh_from_db()
    return {n["id"] for n in design.document["nodes"]}


def test_restoring_a_version_makes_a_new_version_with_its_document(api, edited):
    first = api.get(f"/api/designs/{edited.pk}/history/1/").json()["document"]
    response = post_json(api, f"/api/designs/{edited.pk}/history/1/restore/")
    assert response.status_code == 200
    assert response.json() == {"version": 4, "restored": 1, "previous": 3}
    edited.refresh_from_db()
    assert edited.version == 4
    assert edited.document == first
    assert edited.title == first["title"]
    assert "monitoring" in node_ids(edited)
    logged = Operation.objects.get(design=edited, version=4)
    assert logged.ops == [{"op": "document.replace", "document": first}]
    assert logged.author == edited.owner.username


def test_restoring_the_version_before_a_restore_undoes_it(api, edited):
    before = api.get(f"/api/designs/{edited.pk}/").json()["document"]
    post_json(api, f"/api/designs/{edited.pk}/history/1/restore/")
    response = post_json(api, f"/api/designs/{edited.pk}/history/3/restore/")
    assert response.json() == {"version": 5, "restored": 3, "previous": 4}
    edited.refresh_from_db()
    assert edited.document == before
    assert edited.title == "Retitled"
    assert "monitoring" not in node_ids(edited)


def test_restoring_an_unknown_version_is_a_clear_404_and_changes_nothing(api, edited):
    response = post_json(api, f"/api/designs/{edited.pk}/history/9/restore/")
    assert response.status_code == 404
    assert response.json() == {"detail": "version 9 is not in this design's history (1–3)"}
    edited.refresh_from_db()
    assert edited.version == 3


def test_links_that_cannot_edit_or_see_the_history_cannot_restore(edited):
    guest = Client()
    _, view_token = share_link_create(design=edited, role="view")
    response = post_json(guest, f"/api/s/{view_token}/history/1/restore/")
    assert response.status_code == 403
    assert response.json() == {"detail": "A view link cannot change the design."}
    _, edit_token = share_link_create(design=edited, role="edit")
    response = post_json(guest, f"/api/s/{edit_token}/history/1/restore/")
    assert response.status_code == 403
    assert response.json() == {"detail": "Only a link that led an interview on this design can see its history."}
    edited.refresh_from_db()
    assert edited.version == 3


def test_someone_elses_design_cannot_be_restored(client, other_user, edited):
    client.force_login(other_user)
    assert post_json(client, f"/api/designs/{edited.pk}/history/1/restore/").status_code == 404
    edited.refresh_from_db()
    assert edited.version == 3
