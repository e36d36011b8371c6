"""A share link marked interviewer leads an interview: its guests write notes and scores the owner sees only once
shared, and read the report and replay through the token."""

import pytest

from designer.interview.models import InterviewSession
from designer.sharing.models import ShareLink
from tests.browser import BrowserClient as Client

from .helpers import patch_json, post_json

pytestmark = pytest.mark.django_db


@pytest.fixture
def design_id(api):
    return post_json(api, "/api/designs/from-template/", {"template": "payment-fraud"}).json()["id"]


@pytest.fixture
def guest():
    """An anonymous browser: the token in the path is its only credential."""
    return Client()


def create_link(api, design_id, **body):
    return post_json(api, f"/api/designs/{design_id}/share-links/", body)


def link(api, design_id, **body) -> dict:
    response = create_link(api, design_id, **body)
    assert response.status_code == 201, response.content
    return response.json()


def start(api, design_id, **body):
    return post_json(api, f"/api/designs/{design_id}/interview/", body)


def test_a_view_link_cannot_be_marked_interviewer(api, design_id):
    response = create_link(api, design_id, role="view", interviewer=True)
    assert response.status_code == 400
    assert response.json() == {"interviewer": ["a view link cannot be the interviewer; use a comment or edit link"]}
    assert ShareLink.objects.count() == 0


def test_the_interviewer_mark_is_shown_at_creation_and_in_the_list(api, design_id):
    marked = link(api, design_id, role="comment", label="Sam", interviewer=True)
    plain = link(api, design_id, role="edit")
    assert (marked["interviewer"], plain["interviewer"]) == (True, False)
    listed = api.get(f"/api/designs/{design_id}/share-links/").json()
    assert [(entry["id"], entry["interviewer"]) for entry in listed] == [(plain["id"], False), (marked["id"], True)]


def test_an_interview_started_on_a_design_with_an_interviewer_link_is_led_by_it(api, design_id):
    marked = link(api, design_id, role="comment", label="Sam", interviewer=True)
    link(api, design_id, role="edit")
    interview = start(api, design_id).json()["interview"]
    assert (interview["interviewer"], interview["interviewer_link"], interview["candidate"], interview["you_are"]) == (
        "Sam",
        marked["id"],
        "ada",
        "candidate",
    )
    assert "review" not in interview
    session = InterviewSession.objects.get(pk=interview["id"])
    assert (session.interviewer_id, session.interviewer_link_id) == (None, marked["id"])


def test_naming_yourself_keeps_the_owner_as_interviewer_despite_an_interviewer_link(api, design_id):
    link(api, design_id, role="comment", interviewer=True)
    interview = start(api, design_id, interviewer="ada").json()["interview"]
    assert (interview["interviewer"], interview["interviewer_link"], interview["candidate"], interview["you_are"]) == (
        "ada",
        None,
        None,
        "interviewer",
    )


def test_interviewer_link_must_be_a_live_interviewer_link_of_this_design(api, design_id):
    plain = link(api, design_id, role="edit")
    response = start(api, design_id, interviewer_link=plain["id"])
    assert response.status_code == 400
    assert response.json() == {
        "interviewer_link": [f"no live share link {plain['id']} marked interviewer on this design"]
    }
    marked = link(api, design_id, role="edit", interviewer=True)
    api.delete(f"/api/designs/{design_id}/share-links/{marked['id']}/")
    assert start(api, design_id, interviewer_link=marked["id"]).status_code == 400
    assert InterviewSession.objects.count() == 0


def test_interviewer_link_writes_notes_and_scores_the_owner_sees_only_once_shared(api, design_id, guest):
    marked = link(api, design_id, role="comment", interviewer=True)
    session_id = start(api, design_id, interviewer_link=marked["id"]).json()["interview"]["id"]
    base = f"/api/s/{marked['token']}/interview/"

    seen = guest.get(base).json()["interview"]
    assert (seen["id"], seen["you_are"], seen["review"]) == (session_id, "interviewer", {"notes": "", "scores": {}})
    review = patch_json(
        guest,
        f"{base}review/",
        {"notes": "Strong on features <script>x</script>", "scores": {"monitoring": 2, "clarify": 4}},
    )
    assert review.status_code == 200
    assert review.json()["interview"]["review"] == {
        "notes": "Strong on features <script>x</script>",
        "scores": {"clarify": 4, "monitoring": 2},
    }

    owner_view = api.get(f"/api/designs/{design_id}/interview/").json()["interview"]
    assert (owner_view["you_are"], owner_view["shared"]) == ("candidate", False)
    assert "review" not in owner_view
    assert "review" not in api.get(f"/api/interviews/{session_id}/").json()["interview"]
    assert patch_json(api, f"/api/interviews/{session_id}/review/", {"notes": "mine"}).status_code == 403

    shared = post_json(guest, f"{base}share/")
    assert (shared.status_code, shared.json()["interview"]["shared"]) == (200, True)
    assert api.get(f"/api/interviews/{session_id}/").json()["interview"]["review"] == {
        "notes": "Strong on features <script>x</script>",
        "scores": {"clarify": 4, "monitoring": 2},
    }


def test_interviewer_link_moves_the_interview_on(api, design_id, guest):
    marked = link(api, design_id, role="edit", interviewer=True)
    start(api, design_id)
    moved = post_json(guest, f"/api/s/{marked['token']}/interview/next/")
    assert (moved.status_code, moved.json()["interview"]["current_step"]) == (200, 1)


def test_interviewer_link_ends_the_interview_early(api, design_id, guest):
    marked = link(api, design_id, role="comment", interviewer=True)
    start(api, design_id)
    post_json(guest, f"/api/s/{marked['token']}/interview/next/")
    ended = post_json(guest, f"/api/s/{marked['token']}/interview/end/")
    assert (ended.status_code, ended.json()["interview"]["current_step"]) == (200, 1)
    assert ended.json()["interview"]["ended_at"] is not None
    assert InterviewSession.objects.get().ended_at is not None


def test_other_links_see_the_session_without_the_review_and_cannot_write_it(api, design_id, guest):
    marked = link(api, design_id, role="comment", interviewer=True)
    other = link(api, design_id, role="edit")
    start(api, design_id)
    patch_json(guest, f"/api/s/{marked['token']}/interview/review/", {"notes": "private"})
    base = f"/api/s/{other['token']}/interview/"

    seen = guest.get(base).json()["interview"]
    assert (seen["you_are"], seen["interviewer"], "review" in seen) == ("guest", f"share link #{marked['id']}", False)
    refused = patch_json(guest, f"{base}review/", {"notes": "hijacked"})
    assert (refused.status_code, refused.json()) == (403, {"detail": "Only the interviewer's link can do this."})
    assert post_json(guest, f"{base}share/").status_code == 403
    assert post_json(guest, f"{base}next/").status_code == 403
    assert post_json(guest, f"{base}end/").status_code == 403
    assert InterviewSession.objects.get().notes == "private"
    assert InterviewSession.objects.get().ended_at is None


def test_revoked_interviewer_link_is_refused_like_every_guest_endpoint(api, design_id, guest):
    marked = link(api, design_id, role="comment", interviewer=True)
    start(api, design_id)
    api.delete(f"/api/designs/{design_id}/share-links/{marked['id']}/")
    base = f"/api/s/{marked['token']}/interview/"
    for response in (
        guest.get(base),
        patch_json(guest, f"{base}review/", {"notes": "late"}),
        post_json(guest, f"{base}share/"),
        post_json(guest, f"{base}end/"),
    ):
        assert (response.status_code, response.json()) == (410, {"detail": "This share link was revoked."})
    session = InterviewSession.objects.get()
    assert (session.notes, session.shared_at, session.ended_at) == ("", None, None)


def test_guest_interview_endpoints_ignore_the_owner_session_cookie(api, design_id):
    """The owner's logged-in browser holding a plain link's token is still only that link on /api/s/."""
    link(api, design_id, role="comment", interviewer=True)
    plain = link(api, design_id, role="comment")
    start(api, design_id, interviewer="ada")
    response = patch_json(api, f"/api/s/{plain['token']}/interview/review/", {"notes": "via cookie"})
    assert (response.status_code, response.json()) == (403, {"detail": "Only the interviewer's link can do this."})


def test_no_interview_yet_is_null_for_readers_and_404_for_writers(api, design_id, guest):
    marked = link(api, design_id, role="comment", interviewer=True)
    assert guest.get(f"/api/s/{marked['token']}/interview/").json() == {"interview": None}
    response = patch_json(guest, f"/api/s/{marked['token']}/interview/review/", {"notes": "early"})
    assert (response.status_code, response.json()) == (404, {"detail": "There is no interview on this design."})


def test_interviewer_link_reads_the_report_and_replay_through_its_token(api, design_id, guest):
    marked = link(api, design_id, role="comment", interviewer=True)
    start(api, design_id)
    patch_json(
        guest,
        f"/api/s/{marked['token']}/interview/review/",
        {"notes": "Cold start <b>unclear</b>", "scores": {"clarify": 3}},
    )
    base = f"/s/{marked['token']}/"

    report = guest.get(f"{base}report/")
    html = report.content.decode()
    assert (report.status_code, report["Referrer-Policy"]) == (200, "no-referrer")
    assert "Interview report: Real-time payment fraud detection" in html
    assert '<div id="interviewer-notes" class="notes-text">Cold start &lt;b&gt;unclear&lt;/b&gt;</div>' in html
    assert 'id="review-in-editor"' in html and 'id="review-form"' not in html
    assert f'src="{base}report/diagram.svg"' in html and f'href="{base}replay/"' in html and f'href="{base}"' in html

    markdown = guest.get(f"{base}report.md")
    text = markdown.content.decode()
    assert (markdown.status_code, markdown["Content-Disposition"]) == (
        200,
        f'attachment; filename="design-{design_id}-report.md"',
    )
    assert "Cold start &lt;b&gt;unclear&lt;/b&gt;" in text and marked["token"] not in text
    diagram = guest.get(f"{base}report/diagram.svg")
    assert (diagram.status_code, diagram["Content-Type"]) == (200, "image/svg+xml; charset=utf-8")
    assert diagram.content.startswith(b"<?xml") or b"<svg" in diagram.content[:400]

    replay = guest.get(f"{base}replay/").content.decode()
    assert f'"history": "/api/s/{marked["token"]}/history/"' in replay
    history = guest.get(f"/api/s/{marked['token']}/history/").json()
    assert (history["version"], [v["version"] for v in history["versions"]]) == (1, [1])
    first = guest.get(f"/api/s/{marked['token']}/history/1/").json()
    assert (first["version"], first["document"]["title"]) == (1, "Real-time payment fraud detection")


def test_other_links_have_no_report_or_history_and_closed_links_say_why(api, design_id, guest):
    marked = link(api, design_id, role="comment", interviewer=True)
    other = link(api, design_id, role="edit")
    start(api, design_id)
    for path in ("report/", "report.md", "report/diagram.svg", "replay/"):
        assert guest.get(f"/s/{other['token']}/{path}").status_code == 404
    refused = guest.get(f"/api/s/{other['token']}/history/")
    assert (refused.status_code, refused.json()) == (
        403,
        {"detail": "Only a link that led an interview on this design can see its history."},
    )

    api.delete(f"/api/designs/{design_id}/share-links/{marked['id']}/")
    gone = guest.get(f"/s/{marked['token']}/report/")
    assert (gone.status_code, gone["Referrer-Policy"]) == (410, "no-referrer")
    assert "This share link was revoked" in gone.content.decode()
    assert guest.get(f"/api/s/{marked['token']}/history/").status_code == 410
    assert guest.get("/s/" + "A" * 43 + "/report/").status_code == 404
