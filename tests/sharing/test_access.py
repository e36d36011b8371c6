"""One access layer: each design endpoint serves an account and a share link alike, by the role the access has."""

from __future__ import annotations

import pytest

from designer.interview.framework import time_boxes
from designer.interview.services import interview_start
from designer.services import design_create
from designer.sharing.models import Comment
from tests.browser import BrowserClient as Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def design(user, video_recs):
    return design_create(owner=user, document=video_recs)


def link(api, design, **body) -> dict:
    response = api.post(f"/api/designs/{design.pk}/share-links/", body, content_type="application/json")
    assert response.status_code == 201, response.content
    return response.json()


@pytest.mark.parametrize("role", ["view", "comment", "edit"])
def test_every_link_exports_the_design_as_its_owner_does(api, design, role):
    """Issue 15: a guest's Export always failed with 403 "Authentication credentials were not provided"."""
    token = link(api, design, role=role)["token"]
    guest = Client().get(f"/api/s/{token}/export?format=mermaid")
    owner = api.get(f"/api/designs/{design.pk}/export?format=mermaid")
    assert (guest.status_code, guest["Content-Disposition"]) == (
        200,
        'attachment; filename="Video-recommendations.mmd"',
    )
    assert guest.content == owner.content and guest.content.startswith(b"flowchart")


def test_edit_links_tidy_up_and_view_links_are_told_why_not(api, design, video_recs):
    edit = link(api, design, role="edit")["token"]
    view = link(api, design, role="view")["token"]
    tidied = Client().post(f"/api/s/{edit}/layout/", video_recs, content_type="application/json")
    assert tidied.status_code == 200 and set(tidied.json()["positions"]) == {n["id"] for n in video_recs["nodes"]}
    refused = Client().post(f"/api/s/{view}/layout/", video_recs, content_type="application/json")
    assert (refused.status_code, refused.json()) == (403, {"detail": "A view link cannot change the design."})


def test_the_owner_comments_over_http_as_a_comment_link_does(api, design):
    response = api.post(
        f"/api/designs/{design.pk}/comments/",
        {"target": {"node": "ranker"}, "body": "Why two towers?"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert (response.json()["author"], response.json()["target"]) == ("ada", {"node": "ranker"})
    assert list(Comment.objects.values_list("author_user__username", "share_link")) == [("ada", None)]


def test_a_guest_never_takes_an_accounts_name(api, design, other_user):
    """Issue 14.5: a guest could take any display name, the owner's included."""
    token = link(api, design, role="comment")["token"]
    guest = Client()
    guest.post(f"/s/{token}/", {"name": "ada"})
    comment = guest.post(
        f"/api/s/{token}/comments/", {"target": {"node": "ranker"}, "body": "me?"}, content_type="application/json"
    )
    assert comment.json()["author"] == "ada (guest)"
    guest.post(f"/s/{token}/", {"name": "grace (guest)"})
    assert guest.get(f"/s/{token}/").status_code == 200
    assert guest.session["share_name"] == "grace (guest)"
    again = guest.post(
        f"/api/s/{token}/comments/", {"target": {"node": "ranker"}, "body": "?"}, content_type="application/json"
    )
    assert again.json()["author"] == "grace (guest)"


def test_shared_notes_reach_the_candidate_and_the_owner_and_no_other_link(api, design, other_user):
    """Issue 14.5: once shared "with the candidate", every view, comment and edit link received them."""
    interviewer = link(api, design, role="comment", interviewer=True)
    others = [link(api, design, role=role)["token"] for role in ("view", "comment", "edit")]
    api.post(f"/api/designs/{design.pk}/interview/", {}, content_type="application/json")
    base = f"/api/s/{interviewer['token']}/interview/"
    Client().patch(f"{base}review/", {"notes": "Strong", "scores": {"data": 4}}, content_type="application/json")
    assert Client().post(f"{base}share/").json()["interview"]["shared"] is True

    review = {"notes": "Strong", "scores": {"data": 4}}
    assert api.get(f"/api/designs/{design.pk}/interview/").json()["interview"]["review"] == review
    assert Client().get(base).json()["interview"]["review"] == review
    for token in others:
        seen = Client().get(f"/api/s/{token}/interview/").json()["interview"]
        assert (seen["shared"], seen["you_are"], "review" in seen) == (True, "guest", False)


def test_an_account_candidate_reads_the_interview_but_not_the_design(api, design, other_user):
    interview_start(design=design, boxes=time_boxes(45), interviewer=design.owner, candidate=other_user)
    candidate = Client()
    candidate.force_login(other_user)
    assert candidate.get(f"/api/designs/{design.pk}/interview/").json()["interview"]["you_are"] == "candidate"
    assert candidate.get(f"/api/designs/{design.pk}/history/").status_code == 200
    for path in ("", "ops/", "comments/", "findings/", "export"):
        response = candidate.get(f"/api/designs/{design.pk}/{path}")
        assert (response.status_code, response.json()) == (404, {"detail": "No such design."}), path


def test_an_account_moves_the_latest_interview_on_by_the_design_as_a_link_does(api, design):
    session = api.post(f"/api/designs/{design.pk}/interview/", {}, content_type="application/json").json()
    moved = api.post(f"/api/designs/{design.pk}/interview/next/")
    assert (moved.status_code, moved.json()["interview"]["id"], moved.json()["interview"]["current_step"]) == (
        200,
        session["interview"]["id"],
        1,
    )
