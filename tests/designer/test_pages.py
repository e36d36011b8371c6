"""Server-rendered pages: sign up, My designs (create, rename, duplicate, delete), catalog."""

import pytest
from django.contrib.auth import get_user_model

from designer.models import Design
from designer.services import design_create

pytestmark = pytest.mark.django_db


def test_sign_up_logs_in_and_lands_on_my_designs(client):
    response = client.post(
        "/signup/",
        {"username": "newbie", "password1": "a-Long-pass-1234", "password2": "a-Long-pass-1234"},
        follow=True,
    )
    assert response.redirect_chain == [("/designs/", 302)]
    assert "No designs yet." in response.content.decode()
    assert get_user_model().objects.filter(username="newbie").exists()


def test_sign_up_with_mismatched_passwords_shows_the_error(client):
    response = client.post(
        "/signup/", {"username": "newbie", "password1": "a-Long-pass-1234", "password2": "another-pass-9876"}
    )
    assert response.status_code == 200
    assert "The two password fields didn’t match." in response.content.decode()


def test_log_in_and_out(client, user, password):
    response = client.post("/login/", {"username": "ada", "password": password}, follow=True)
    assert response.redirect_chain == [("/designs/", 302)]
    response = client.post("/logout/", follow=True)
    assert response.redirect_chain == [("/", 302)]


def test_new_blank_design_opens_in_the_editor(api, user):
    response = api.post("/designs/new", {"title": "Fraud detection"})
    design = Design.objects.get(owner=user)
    assert response.status_code == 302 and response["Location"] == f"/designs/{design.pk}/"
    assert design.title == "Fraud detection" and design.document["nodes"] == []


def test_the_editor_page_preloads_its_design_and_catalog_and_shows_no_template_text(api, user):
    design = design_create(owner=user, title="Preloaded")
    page = api.get(f"/designs/{design.pk}/").content.decode()
    head = page.split("</head>")[0]
    # Fetched beside the editor's script, in the credentials mode the editor's own fetch() reuses.
    assert f'<link rel="preload" href="/api/designs/{design.pk}/" as="fetch" crossorigin>' in head
    assert '<link rel="preload" href="/api/catalog/" as="fetch" crossorigin>' in head
    # A template comment that Django does not treat as one (a multi-line {# #}) would show as text above the editor.
    assert "{#" not in page and "#}" not in page and "endcomment" not in page


def test_rename_duplicate_delete(api, user, video_recs):
    design = design_create(owner=user, document=video_recs)
    api.post(f"/designs/{design.pk}/rename", {"title": "Home feed"})
    design.refresh_from_db()
    assert (design.title, design.document["title"], design.version) == ("Home feed", "Home feed", 2)
    api.post(f"/designs/{design.pk}/duplicate")
    titles = sorted(Design.objects.filter(owner=user).values_list("title", flat=True))
    assert titles == ["Home feed", "Home feed (copy)"]
    page = api.get("/designs/").content.decode()
    assert "Home feed (copy)" in page
    api.post(f"/designs/{design.pk}/delete")
    assert list(Design.objects.filter(owner=user).values_list("title", flat=True)) == ["Home feed (copy)"]


def test_someone_elses_design_is_404(client, other_user, user, video_recs):
    design = design_create(owner=user, document=video_recs)
    client.force_login(other_user)
    assert client.get(f"/designs/{design.pk}/").status_code == 404
    assert client.post(f"/designs/{design.pk}/delete").status_code == 404
    assert Design.objects.filter(pk=design.pk).exists()


def test_hostile_titles_are_escaped(api, user, video_recs):
    video_recs["title"] = "<script>alert(1)</script>"
    design_create(owner=user, document=video_recs)
    page = api.get("/designs/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_catalog_page_lists_kinds_with_roles(client):
    page = client.get("/catalog/").content.decode()
    assert "<td>Kafka</td><td><code>kafka</code></td><td><code>event_stream</code></td>" in page
    assert "<td>Triton Inference Server</td><td><code>triton</code></td><td><code>model_server</code></td>" in page


def test_catalog_page_shows_generation_and_on_device_kinds_props_and_the_control_edge(client):
    page = client.get("/catalog/").content.decode()
    assert "<h2>Generation (LLM)</h2>" in page and "<h2>On-device &amp; fleet</h2>" in page
    assert "<td>Hosted LLM API</td><td><code>hosted_llm_api</code></td><td><code>hosted_llm_api</code></td>" in page
    assert "<td>OTA fleet rollout</td><td><code>ota_rollout</code></td><td><code>ota_rollout</code></td>" in page
    assert "<strong>Control</strong> (<code>control</code>)" in page
    assert "<td><code>freshness_s</code></td><td>number</td><td>s</td>" in page
    assert "<td><code>guards</code></td><td>enum: input, output, input_output</td>" in page


def test_anonymous_editor_redirects_to_login(client):
    assert client.get("/designs/1/")["Location"] == "/login/?next=/designs/1/"


def test_favicon_redirects_to_the_static_icon(client):
    response = client.get("/favicon.ico")
    assert (response.status_code, response["Location"]) == (301, "/static/favicon.svg")
