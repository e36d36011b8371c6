"""Share links over HTTP: tokens, the share page, roles on guest endpoints, revocation and expiry."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re

import pytest
from django.utils import timezone

from designer.models import Design
from designer.services import design_create
from designer.sharing.models import Comment, ShareLink
from tests.browser import BrowserClient as Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def design(user, video_recs):
    return design_create(owner=user, document=video_recs)


@pytest.fixture
def editor_bundle(monkeypatch):
    """The share page renders the editor shell; its Vite manifest is build output (make test builds it),
    so these tests stand in a one-entry manifest and assert on the page and its config, not the bundle."""
    from designer.templatetags import vite

    monkeypatch.setattr(vite, "load_manifest", lambda: {"src/main.tsx": {"file": "assets/main.js"}})


def create_link(api, design, **body) -> dict:
    response = api.post(f"/api/designs/{design.pk}/share-links/", body, content_type="application/json")
    assert response.status_code == 201, response.content
    return response.json()


def editor_config(response) -> dict:
    match = re.search(r'<script id="editor-config" type="application/json">(.*?)</script>', response.content.decode())
    return json.loads(match.group(1))


def test_token_has_256_bits_and_only_its_hash_is_stored(api, design):
    link = create_link(api, design, role="view", label="mock interviewer, Tuesday")
    token = link["token"]
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", token)  # token_urlsafe(32): 256 bits
    assert link["url"] == f"/s/{token}/"
    assert (link["role"], link["label"], link["status"], link["expires_at"]) == (
        "view",
        "mock interviewer, Tuesday",
        "ok",
        None,
    )
    stored = ShareLink.objects.get(pk=link["id"])
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in json.dumps(list(ShareLink.objects.values()), default=str)
    listed = api.get(f"/api/designs/{design.pk}/share-links/").json()
    assert [entry["id"] for entry in listed] == [link["id"]] and "token" not in listed[0]


def test_two_links_never_share_a_token(api, design):
    assert create_link(api, design, role="view")["token"] != create_link(api, design, role="view")["token"]


@pytest.mark.parametrize(
    "body, field",
    [
        ({"role": "admin"}, "role"),
        ({}, "role"),
        ({"role": "view", "expires_at": "2001-01-01T00:00:00Z"}, "expires_at"),
        ({"role": "view", "label": "x" * 101}, "label"),
    ],
)
def test_bad_link_requests_are_400(api, design, body, field):
    response = api.post(f"/api/designs/{design.pk}/share-links/", body, content_type="application/json")
    assert response.status_code == 400 and field in response.json()


def test_only_the_owner_manages_links(client, other_user, design, api):
    link = create_link(api, design, role="edit")
    stranger = Client()
    stranger.force_login(other_user)
    assert stranger.get(f"/api/designs/{design.pk}/share-links/").status_code == 404
    assert (
        stranger.post(
            f"/api/designs/{design.pk}/share-links/", {"role": "edit"}, content_type="application/json"
        ).status_code
        == 404
    )
    assert stranger.delete(f"/api/designs/{design.pk}/share-links/{link['id']}/").status_code == 404
    assert Client().get(f"/api/designs/{design.pk}/share-links/").status_code == 403
    assert ShareLink.objects.get(pk=link["id"]).revoked_at is None


def test_share_page_asks_a_name_then_opens_the_editor_in_the_links_role(api, design, editor_bundle):
    link = create_link(api, design, role="comment")
    guest = Client()
    page = guest.get(link["url"])
    # The name form's page sends only the origin as Referer (never the path with the token), so
    # that its POST carries a real Origin for the CSRF check.
    assert page.status_code == 200 and page["Referrer-Policy"] == "strict-origin"
    assert b"Join a shared design" in page.content and b"watch and comment on" in page.content
    hostile = "</script><script>alert(1)</script>"
    answered = guest.post(link["url"], {"name": hostile})
    assert (answered.status_code, answered["Location"], answered["Referrer-Policy"]) == (
        302,
        link["url"],
        "no-referrer",
    )
    editor = guest.get(link["url"])
    assert editor.status_code == 200 and editor["Referrer-Policy"] == "no-referrer"
    assert b"<script>alert(1)" not in editor.content
    token = link["token"]
    assert editor_config(editor) == {
        "designId": design.pk,
        "title": "Video recommendations",
        "role": "comment",
        "user": f"{hostile} (guest)",
        "csrfToken": editor_config(editor)["csrfToken"],
        "shareToken": token,
        "wsUrl": f"/ws/s/{token}/",
        "urls": {
            "design": f"/api/s/{token}/design/",
            "ops": f"/api/s/{token}/ops/",
            "comments": f"/api/s/{token}/comments/",
            "findings": f"/api/s/{token}/findings/",
            "export": f"/api/s/{token}/export",
            "interview": f"/api/s/{token}/interview/",
            "interview_next": f"/api/s/{token}/interview/next/",
            "interview_end": f"/api/s/{token}/interview/end/",
            "interview_review": f"/api/s/{token}/interview/review/",
            "interview_share": f"/api/s/{token}/interview/share/",
            "interview_problem": f"/api/s/{token}/interview/problem/",
            "interview_reveal": f"/api/s/{token}/interview/reveal/",
            "report": f"/s/{token}/report/",
            "replay": f"/s/{token}/replay/",
            "framework": "/api/interview/framework/",
            "problems": "/api/problems/",
            "rubric": "/api/rubric/",
            "validate": "/api/validate/",
            "catalog": "/api/catalog/",
            "rulesApi": "/api/rules/",
            "rules": "/rules/",
            "designs": "/",
        },
    }


def test_the_owners_editor_config_has_every_url_from_the_routes(api, design, editor_bundle):
    config = editor_config(api.get(f"/designs/{design.pk}/"))
    base = f"/api/designs/{design.pk}/"
    assert (config["role"], config["user"], config["wsUrl"], "shareToken" in config) == (
        "owner",
        "ada",
        f"/ws/designs/{design.pk}/",
        False,
    )
    assert config["urls"] == {
        "design": base,
        "ops": f"{base}ops/",
        "comments": f"{base}comments/",
        "findings": f"{base}findings/",
        "export": f"{base}export",
        "interview": f"{base}interview/",
        "interview_next": f"{base}interview/next/",
        "interview_end": f"{base}interview/end/",
        "interview_review": f"{base}interview/review/",
        "interview_share": f"{base}interview/share/",
        "interview_problem": f"{base}interview/problem/",
        "interview_reveal": f"{base}interview/reveal/",
        "report": f"/designs/{design.pk}/report/",
        "replay": f"/designs/{design.pk}/replay/",
        "framework": "/api/interview/framework/",
        "problems": "/api/problems/",
        "rubric": "/api/rubric/",
        "validate": "/api/validate/",
        "catalog": "/api/catalog/",
        "rulesApi": "/api/rules/",
        "rules": "/rules/",
        "designs": "/designs/",
        "layout": "/api/layout/",
        "import": "/api/import/",
        "shareLinks": f"{base}share-links/",
        "importDesign": "/designs/import",
    }


def test_a_practice_designs_editor_config_adds_the_practice_urls(api, user, editor_bundle):
    """The editor docks the problem card when, and only when, the design is a practice."""
    started = api.post("/practice/start", {"problem": "payment-fraud"})
    design_id = int(started["Location"].strip("/").rsplit("/", 1)[1])
    urls = editor_config(api.get(f"/designs/{design_id}/"))["urls"]
    base = f"/api/designs/{design_id}/practice/"
    assert {k: v for k, v in urls.items() if k.startswith("practice")} == {
        "practice": base,
        "practice_ask": f"{base}ask/",
        "practice_hint": f"{base}hint/",
        "practice_step": f"{base}step/",
        "practice_compare": f"{base}compare/",
        "practice_end": f"{base}end/",
        "practice_report": f"/designs/{design_id}/practice/report/",
    }


def test_blank_display_name_is_asked_again(api, design):
    link = create_link(api, design, role="view")
    guest = Client()
    page = guest.post(link["url"], {"name": "   "})
    assert page.status_code == 200 and b"This field is required" in page.content
    assert "share_name" not in guest.session


def test_revoked_expired_and_unknown_links_show_no_design(api, design):
    revoked = create_link(api, design, role="edit")
    assert api.delete(f"/api/designs/{design.pk}/share-links/{revoked['id']}/").status_code == 204
    expired = create_link(api, design, role="view")
    ShareLink.objects.filter(pk=expired["id"]).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    cases = [
        (revoked["url"], 410, b"This share link was revoked"),
        (expired["url"], 410, b"This share link has expired"),
        ("/s/" + "A" * 43 + "/", 404, b"This share link is not valid"),
        ("/s/short/", 404, b"This share link is not valid"),
    ]
    for url, status, text in cases:
        page = Client().get(url)
        assert (page.status_code, page["Referrer-Policy"]) == (status, "no-referrer")
        assert text in page.content and b"Video recommendations" not in page.content
        assert Client().get(f"/api{url}design/").status_code == status
    listed = {entry["id"]: entry["status"] for entry in api.get(f"/api/designs/{design.pk}/share-links/").json()}
    assert listed == {revoked["id"]: "revoked", expired["id"]: "expired"}


def test_guest_reads_the_design_by_token(api, design, video_recs):
    link = create_link(api, design, role="view")
    body = Client().get(f"/api{link['url']}design/").json()
    assert body == {
        "id": design.pk,
        "title": "Video recommendations",
        "version": 1,
        "created_at": body["created_at"],
        "updated_at": body["updated_at"],
        "document": video_recs,
        "role": "view",
    }
    assert body == {**api.get(f"/api/designs/{design.pk}/").json(), "role": "view"}
    findings = Client().get(f"/api{link['url']}findings/")
    assert findings.status_code == 200 and findings.json()["version"] == 1


def test_roles_are_enforced_on_guest_writes(api, design, video_recs):
    ops = {"ops": [{"op": "node.update", "id": "app", "set": {"label": "Edge app"}}], "client_op_id": "g1"}
    comment = {"target": {"edge": "e1"}, "body": "Why sync?"}
    expectations = {"view": (403, 403), "comment": (403, 201), "edit": (200, 201)}
    for role, (ops_status, comment_status) in expectations.items():
        url = f"/api{create_link(api, design, role=role)['url']}"
        assert (
            Client().post(f"{url}ops/", {**ops, "client_op_id": role}, content_type="application/json").status_code
            == ops_status
        )
        assert Client().post(f"{url}comments/", comment, content_type="application/json").status_code == comment_status
    design.refresh_from_db()
    assert design.version == 2 and design.document["nodes"][1]["label"] == "Edge app"
    assert list(Comment.objects.values_list("body", "share_link__role")) == [
        ("Why sync?", "comment"),
        ("Why sync?", "edit"),
    ]


def test_an_owner_cookie_does_not_lift_a_view_tokens_role(api, design):
    link = create_link(api, design, role="view")
    response = api.post(
        f"/api{link['url']}ops/", {"ops": [{"op": "title.set", "title": "pwned"}]}, content_type="application/json"
    )
    assert response.status_code == 403
    assert Design.objects.get(pk=design.pk).title == "Video recommendations"


def test_revoked_link_refuses_writes_with_410(api, design):
    link = create_link(api, design, role="edit")
    api.delete(f"/api/designs/{design.pk}/share-links/{link['id']}/")
    response = Client().post(
        f"/api{link['url']}ops/", {"ops": [{"op": "title.set", "title": "late"}]}, content_type="application/json"
    )
    assert (response.status_code, response.json()) == (410, {"detail": "This share link was revoked."})
    assert Design.objects.get(pk=design.pk).version == 1


def test_comment_lists_for_owner_and_link_holders_keep_hostile_text_as_text(api, design, other_user):
    link = create_link(api, design, role="comment")
    hostile = '<script>alert("x")</script>'
    created = Client().post(
        f"/api{link['url']}comments/",
        {"target": {"point": {"x": 5, "y": 6}}, "body": hostile},
        content_type="application/json",
    )
    assert created.status_code == 201
    reply = Client().post(
        f"/api{link['url']}comments/", {"parent": created.json()["id"], "body": "and?"}, content_type="application/json"
    )
    assert reply.json()["target"] == {"point": {"x": 5, "y": 6}}
    owner_view = api.get(f"/api/designs/{design.pk}/comments/")
    assert owner_view["Content-Type"] == "application/json"
    assert [(c["body"], c["author"]) for c in owner_view.json()["comments"]] == [
        (hostile, "Anonymous (guest)"),
        ("and?", "Anonymous (guest)"),
    ]
    assert [c["body"] for c in Client().get(f"/api{link['url']}comments/").json()["comments"]] == [hostile, "and?"]
    stranger = Client()
    stranger.force_login(other_user)
    assert stranger.get(f"/api/designs/{design.pk}/comments/").status_code == 404


@pytest.mark.parametrize(
    "body",
    [
        {"target": {"node": "app"}, "body": ""},
        {"target": {"node": "app"}, "body": "x" * 2001},
        {"target": {"node": "bad id!"}, "body": "hi"},
        {"target": {"point": {"x": "1", "y": 2}}, "body": "hi"},
        {"parent": 999, "body": "hi"},
        {"parent": "1", "body": "hi"},
        ["not", "an", "object"],
    ],
)
def test_bad_comments_are_400(api, design, body):
    link = create_link(api, design, role="comment")
    response = Client().post(f"/api{link['url']}comments/", body, content_type="application/json")
    assert response.status_code == 400 and response.json()["detail"]
    assert Comment.objects.count() == 0


def test_guests_replay_missed_batches_over_http(api, design):
    edit = create_link(api, design, role="edit")
    view = create_link(api, design, role="view")
    ops = [{"op": "node.update", "id": "app", "set": {"x": 5}}]
    assert Client().post(
        f"/api{edit['url']}ops/", {"ops": ops, "client_op_id": "h-1"}, content_type="application/json"
    ).json() == {"version": 2, "applied": [True], "duplicate": False}
    replay = Client().get(f"/api{view['url']}ops/?since=1")
    # client_op_ids are unique per author: only the author's own replays carry its ids.
    assert replay.json() == {
        "version": 2,
        "batches": [{"version": 2, "ops": ops, "client_op_id": "", "author": "Anonymous (guest)"}],
    }
    assert Client().get(f"/api{edit['url']}ops/?since=1").json()["batches"][0]["client_op_id"] == "h-1"
    assert Client().get(f"/api{view['url']}ops/?since=x").status_code == 400
