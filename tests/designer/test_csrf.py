"""CSRF as browsers meet it: session writes need the token, share-link routes need none, and bodies
the JSON parser cannot read (SVG, Mermaid) still pass the check."""

import json

import pytest

from designer.models import Design
from designer.services import design_create
from tests.browser import BrowserClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def design(user, video_recs):
    return design_create(owner=user, document=video_recs)


def test_a_logged_in_browser_imports_svg_and_mermaid(api, design, video_recs):
    """Issue 14.7: with session auth these always answered 415, because DRF's CSRF check parsed the
    body with the JSON parser; Django's test client skipped CSRF checks, so the suite passed."""
    svg = api.get(f"/api/designs/{design.pk}/export?format=svg").content
    from_svg = api.post("/api/import/", data=svg, content_type="image/svg+xml")
    assert (from_svg.status_code, from_svg.json()) == (200, {"format": "svg", "document": video_recs})
    mermaid = api.post("/api/import/", data="graph LR\n  a[Kafka] --> b[Flink job]\n", content_type="text/plain")
    assert (mermaid.status_code, mermaid.json()["format"]) == (200, "mermaid")
    assert [n["kind"] for n in mermaid.json()["document"]["nodes"]] == ["kafka", "flink"]
    other = api.post("/api/import/", data="<x/>", content_type="application/xml")
    assert (other.status_code, other.json()) == (
        415,
        {"detail": 'Unsupported media type "application/xml" in request.'},
    )


def test_a_session_write_without_the_token_is_refused_and_changes_nothing(api, design):
    api.csrf_token()  # the browser holds the cookie, as a forged cross-site request would send it
    response = api.post(
        f"/api/designs/{design.pk}/ops/",
        data=json.dumps({"ops": [{"op": "title.set", "title": "forged"}]}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=None,
    )
    assert (response.status_code, response.json()) == (
        403,
        {"detail": "CSRF Failed: CSRF token missing."},
    )
    assert Design.objects.get(pk=design.pk).title == "Video recommendations"


def test_the_guest_name_form_refuses_a_cross_site_post(api, design):
    """Issue 14.5: the name form was csrf-exempt, so another site could post a name into a visitor's session."""
    token = api.post(f"/api/designs/{design.pk}/share-links/", {"role": "view"}, content_type="application/json")
    url = token.json()["url"]
    visitor = BrowserClient()
    forged = visitor.post(url, {"name": "Chosen by evil.example"}, HTTP_X_CSRFTOKEN=None)
    assert forged.status_code == 403
    assert "share_name" not in visitor.session
    chosen = visitor.post(url, {"name": "Sam"})
    assert (chosen.status_code, visitor.session["share_name"]) == (302, "Sam")


def test_share_link_routes_need_no_csrf_token_because_the_token_is_the_credential(api, design):
    link = api.post(f"/api/designs/{design.pk}/share-links/", {"role": "edit"}, content_type="application/json")
    guest = BrowserClient()
    response = guest.post(
        f"/api{link.json()['url']}ops/",
        data=json.dumps({"ops": [{"op": "title.set", "title": "By the guest"}]}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=None,
    )
    assert response.status_code == 200
    assert Design.objects.get(pk=design.pk).title == "By the guest"


def test_api_errors_are_json_in_production_and_pages_keep_html(settings, api):
    """Issue 14.8: with DJANGO_DEBUG=0 an API 500 (or a path that matches no route) was an HTML page."""
    settings.DEBUG = False
    browser = BrowserClient(raise_request_exception=False)
    missing = browser.get("/api/no-such-endpoint/")
    assert (missing.status_code, missing["Content-Type"], missing.json()) == (
        404,
        "application/json",
        {"detail": "Not found."},
    )
    page = browser.get("/no-such-page/")
    assert page.status_code == 404 and page["Content-Type"].startswith("text/html")


def test_an_unexpected_api_failure_is_a_json_500(settings, monkeypatch):
    from designer.validation import api as validation_api

    settings.DEBUG = False
    monkeypatch.setattr(validation_api, "document_findings", lambda document: 1 / 0)
    browser = BrowserClient(raise_request_exception=False)
    response = browser.post(
        "/api/validate/",
        data=json.dumps({"format": "mlsd-design/1", "nodes": []}),
        content_type="application/json",
    )
    assert (response.status_code, response["Content-Type"], response.json()) == (
        500,
        "application/json",
        {"detail": "A server error occurred; it has been logged."},
    )


def test_every_html_page_has_a_content_security_policy(api, design):
    for path in ("/", "/designs/", "/rules/", "/api/docs/", "/login/", f"/designs/{design.pk}/"):
        response = api.get(path, follow=True)
        policy = response["Content-Security-Policy"]
        assert policy.startswith("default-src 'self'; script-src 'self'; style-src 'self'"), path
        assert b"<script>" not in response.content and b" style=" not in response.content, path
