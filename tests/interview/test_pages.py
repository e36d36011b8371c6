"""Interview pages: the template gallery, the report (HTML, Markdown, diagram) and the replay shell."""

import re
import sys

import pytest

from designer.interview.cases import case_list
from designer.models import Design
from tests.browser import BrowserClient as Client

from .helpers import patch_json, post_json

pytestmark = pytest.mark.django_db

HOSTILE = "<img src=x onerror=alert(1)>"


def test_new_design_page_offers_blank_and_every_reference(api):
    html = api.get("/designs/new").content.decode()
    assert "Create blank design" in html
    assert re.findall(r'data-template="([a-z-]+)"', html) == [c["id"] for c in case_list()]
    assert html.count(">Use this template (the answer)</button>") == len(case_list())
    assert re.findall(r'aria-label="Practise: ([^"]+)">Practise</button>', html) == [c["title"] for c in case_list()]


def test_use_this_template_creates_the_design_and_opens_the_editor(api, user):
    response = api.post("/designs/new/template", {"template": "harmful-content"})
    design = Design.objects.get(owner=user)
    assert response.status_code == 302 and response["Location"] == f"/designs/{design.pk}/"
    assert design.title == "Harmful content detection"


def test_unknown_template_on_the_page_goes_back_with_a_message(api):
    response = api.post("/designs/new/template", {"template": "../../etc/passwd"}, follow=True)
    assert "That template does not exist." in response.content.decode()
    assert Design.objects.count() == 0


@pytest.fixture
def hostile_design(api, other_user):
    """A template whose title, statement and a label carry markup, with an interview run by the owner for grace."""
    design = post_json(api, "/api/designs/from-template/", {"template": "video-recommendation"}).json()
    post_json(
        api,
        f"/api/designs/{design['id']}/ops/",
        {
            "ops": [
                {"op": "title.set", "title": f"Recs {HOSTILE}"},
                {"op": "problem.update", "set": {"statement": f"Statement {HOSTILE}"}},
                {"op": "node.remove", "id": "monitoring"},
            ]
        },
    )
    session = post_json(api, f"/api/designs/{design['id']}/interview/", {"candidate": "grace"}).json()["interview"]
    patch_json(
        api, f"/api/interviews/{session['id']}/review/", {"notes": f"Private {HOSTILE}", "scores": {"monitoring": 1}}
    )
    return design["id"]


def test_report_shows_problem_rubric_findings_and_escapes_user_text(api, hostile_design):
    html = api.get(f"/designs/{hostile_design}/report/").content.decode()
    assert HOSTILE not in html
    assert "Statement &lt;img src=x onerror=alert(1)&gt;" in html
    assert "Private &lt;img src=x onerror=alert(1)&gt;" in html
    assert f'src="/designs/{hostile_design}/report/diagram.svg"' in html
    assert "Mean <strong>0.98</strong>; weakest step: <strong>7. Monitoring and infrastructure</strong> (0.86)" in html
    assert 'id="review-form"' in html and 'id="share-report"' in html
    assert "<tr><td>1. Clarify requirements</td><td>5:00</td>" in html
    assert "<tr><td>7. Monitoring and infrastructure</td><td>6:00</td><td>–</td>" in html


def test_candidate_report_hides_notes_until_shared(api, hostile_design, other_user):
    candidate = Client()
    candidate.force_login(other_user)
    html = candidate.get(f"/designs/{hostile_design}/report/").content.decode()
    assert "The interviewer has not shared their notes and scores yet." in html
    assert "Private" not in html.replace("private", "") and 'id="review-form"' not in html
    markdown = candidate.get(f"/designs/{hostile_design}/report.md").content.decode()
    assert "Private" not in markdown and "The interviewer's notes and scores are not shared yet." in markdown
    assert candidate.post(f"/designs/{hostile_design}/report/share", {"shared": "1"}).status_code == 404

    api.post(f"/designs/{hostile_design}/report/share", {"shared": "1"})
    html = candidate.get(f"/designs/{hostile_design}/report/").content.decode()
    assert '<div id="interviewer-notes" class="notes-text">Private &lt;img src=x onerror=alert(1)&gt;</div>' in html
    assert '<td class="score" data-step="monitoring">1</td>' in html


def test_interviewer_saves_notes_and_scores_through_the_report_form(api, hostile_design):
    form = {
        "notes": "Good data story",
        **{f"score_{s}": "" for s in ("clarify", "frame", "data", "model", "evaluation", "serving", "monitoring")},
        "score_data": "4",
    }
    api.post(f"/designs/{hostile_design}/report/", form)
    session = api.get(f"/api/designs/{hostile_design}/interview/").json()["interview"]
    assert session["review"] == {"notes": "Good data story", "scores": {"data": 4}}
    form["score_data"] = "9"
    html = api.post(f"/designs/{hostile_design}/report/", form, follow=True).content.decode()
    assert "score_data: Ensure this value is less than or equal to 4." in html


def test_markdown_report_escapes_markup_and_downloads(api, hostile_design):
    response = api.get(f"/designs/{hostile_design}/report.md")
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="design-{hostile_design}-report.md"'
    text = response.content.decode()
    assert text.startswith(
        "# Interview report: Recs &lt;img src=x onerror=alert\\(1\\)&gt;\n\nDesign version 2.\n\n"
        f"Diagram (SVG): <http://testserver/designs/{hostile_design}/report/diagram.svg>\n"
    )
    assert "<img" not in text
    assert "| 7. Monitoring and infrastructure | 0.86 | 1 |" in text
    assert "## Findings (0)\n\nNo findings.\n" in text
    assert "Private &lt;img src=x onerror=alert\\(1\\)&gt;" in text


def test_diagram_is_our_svg_export_with_a_locked_down_policy(api, hostile_design):
    response = api.get(f"/designs/{hostile_design}/report/diagram.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    svg = response.content.decode()
    assert svg.lstrip().startswith(("<?xml", "<svg")) and "<script" not in svg and HOSTILE not in svg


def test_replay_page_is_a_shell_with_the_history_url(api, hostile_design):
    html = api.get(f"/designs/{hostile_design}/replay/").content.decode()
    assert f'"history": "/api/designs/{hostile_design}/history/"' in html
    assert 'id="replay-scrubber"' in html and "interview/replay.js" in html
    assert list(re.findall(r'data-speed="(\d+)"', html)) == ["1", "4", "16"]


def test_strangers_get_404_on_every_page(hostile_design, django_user_model, password):
    stranger = Client()
    stranger.force_login(django_user_model.objects.create_user(username="eve", password=password))
    for suffix in ("report/", "report.md", "report/diagram.svg", "replay/"):
        assert stranger.get(f"/designs/{hostile_design}/{suffix}").status_code == 404


def test_report_without_the_export_package_says_so_instead_of_drawing(api, hostile_design, monkeypatch):
    monkeypatch.setitem(sys.modules, "designer.export.svg", None)
    html = api.get(f"/designs/{hostile_design}/report/").content.decode()
    assert "The diagram export is not available on this server, so the report has no drawing." in html
    assert "diagram.svg" not in html
    assert api.get(f"/designs/{hostile_design}/report/diagram.svg").status_code == 404
    assert "Diagram (SVG)" not in api.get(f"/designs/{hostile_design}/report.md").content.decode()
