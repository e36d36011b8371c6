"""Practice pages: My practice (the bank, attempts per problem with a chart, the weakest step) and the
report of an ended practice as a page, Markdown and PDF."""

import re
from datetime import UTC, datetime, timedelta

import pytest

from designer.interview import selectors, services
from designer.interview.bank import bank, problem_get
from designer.interview.models import PracticeAttempt
from designer.interview.progress import score_chart, weakest_step

from .helpers import post_json

pytestmark = pytest.mark.django_db

FRAUD = problem_get("payment-fraud")


T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def ended_practice(api, *, facts=("qps",), hints=("data",)):
    """A practice of payment fraud on a blank design, started at T0, in step 1 for 4 min 10 s and
    step 2 for 1 min, then ended (the clock is injected; asking and hints go through the API)."""
    practice = post_json(api, "/api/practice/", {"problem": "payment-fraud"}).json()["practice"]
    design = practice["design"]
    for fact in facts:
        post_json(api, f"/api/designs/{design}/practice/ask/", {"fact": fact})
    for step in hints:
        post_json(api, f"/api/designs/{design}/practice/hint/", {"step": step})
    attempt = PracticeAttempt.objects.get(design_id=design)
    attempt.started_at = attempt.step_started_at = T0
    attempt.step_log = [{"step": "clarify", "started_at": T0.isoformat()}]
    attempt.save()
    services.practice_step(attempt=attempt, step="frame", now=T0 + timedelta(seconds=250))
    outcome = selectors.practice_outcome(attempt.design.document, FRAUD)
    services.practice_end(attempt=attempt, outcome=outcome, version=1, now=T0 + timedelta(seconds=310))
    return design


def test_practise_from_my_practice_opens_a_blank_design_in_the_editor(api):
    page = api.get("/practice/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="no-attempts"' in html
    assert re.findall(r'<input type="hidden" name="problem" value="([a-z-]+)">', html) == [p.id for p in bank()]
    response = api.post("/practice/start", {"problem": "payment-fraud"})
    attempt = PracticeAttempt.objects.get()
    assert (response.status_code, response["Location"]) == (302, f"/designs/{attempt.design_id}/")


def test_my_practice_is_linked_from_the_navigation(api):
    assert '<a href="/practice/">My practice</a>' in api.get("/designs/").content.decode()


def test_the_report_page_shows_scores_the_missing_pieces_facts_and_hints(api):
    design = ended_practice(api)
    html = api.get(f"/designs/{design}/practice/report/").content.decode()
    assert "Practice report: Payment fraud detection" in html
    assert (
        '<p id="scores-summary">Rubric mean <strong>0.00</strong>; coverage of the reference <strong>0.00</strong>;'
        in html
    )
    assert (
        "<strong>Missing</strong>: The reference has Velocity (1 s) (stream processor), fed by Transactions; "
        "feeding Online store, Offline store; your design has nothing in its place.</li>"
    ) in html
    assert (
        "<dt>How many payments per second at peak?</dt><dd>About 10,000 authorisations per second at peak.</dd>" in html
    )
    assert (
        "<li>Step 3. Data preparation, level 1: The best signal is &#x27;this card paid five times in the last minute&#x27;.</li>"
        in html
    )


def test_the_report_of_a_running_practice_says_to_end_it_first(api):
    practice = post_json(api, "/api/practice/", {"problem": "payment-fraud"}).json()["practice"]
    html = api.get(practice["report_url"]).content.decode()
    assert '<p id="not-ended">This practice is still running.' in html
    assert api.get(f"/designs/{practice['design']}/practice/report.md").status_code == 404


def test_the_report_downloads_as_markdown_and_pdf(api):
    design = ended_practice(api)
    text = api.get(f"/designs/{design}/practice/report.md").content.decode()
    lines = text.splitlines()
    assert lines[0] == "# Practice report: Payment fraud detection"
    assert lines[2] == "Started 2026\\-03\\-01 09:00 UTC, ended 2026\\-03\\-01 09:05 UTC; design version 1."
    assert "| 1. Clarify requirements | 0.00 | 0.00 | 5:00 | 4:10 |" in lines
    assert "| 2. Frame as an ML task | 0.00 | 0.00 | 5:00 | 1:00 |" in lines
    assert "| 3. Data preparation | 0.00 | 0.00 | 7:00 | – |" in lines
    assert "- How many payments per second at peak? About 10,000 authorisations per second at peak." in lines
    assert f"- Step 3, level 1: {FRAUD.spec.hints.data.nudge}" in lines
    pdf = api.get(f"/designs/{design}/practice/report.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    assert re.search(rb"/Count (\d+)", pdf.content).group(1) in (b"2", b"3", b"4")


def test_the_report_lists_the_features_and_signals_of_the_design_as_it_ended(api):
    practice = post_json(api, "/api/practice/", {"problem": "payment-fraud"}).json()["practice"]
    design = practice["design"]
    feature = {
        "id": "f-vel",
        "name": "card <b>velocity</b>",
        "category": "user",
        "type": "numeric",
        "freshness": "real-time",
    }
    signal = {"id": "s-cb", "name": "chargeback", "kind": "explicit", "is_label": True}
    ops = [{"op": "feature.add", "feature": feature}, {"op": "signal.add", "signal": signal}]
    assert post_json(api, f"/api/designs/{design}/ops/", {"ops": ops}).status_code == 200
    attempt = PracticeAttempt.objects.get(design_id=design)
    outcome = selectors.practice_outcome(attempt.design.document, FRAUD)
    services.practice_end(attempt=attempt, outcome=outcome, version=attempt.design.version, now=T0)

    html = api.get(f"/designs/{design}/practice/report/").content.decode()
    assert '<h2 id="features-heading">Features (1)</h2>' in html
    assert (
        "<tr><td>card &lt;b&gt;velocity&lt;/b&gt;</td><td>user</td><td>numeric</td><td>real-time</td><td>–</td><td>–</td></tr>"
        in html
    )
    assert "<p>Signals: chargeback (explicit, label).</p>" in html
    lines = api.get(f"/designs/{design}/practice/report.md").content.decode().splitlines()
    start = lines.index("## Features \\(1\\)")
    assert lines[start + 2 : start + 5] == [
        "| Feature | Category | Type | Freshness | Computed by | Served by |",
        "|---|---|---|---|---|---|",
        "| card &lt;b&gt;velocity&lt;/b&gt; | user | numeric | real\\-time | – | – |",
    ]
    assert "Signals: chargeback \\(explicit, label\\)." in lines


def test_the_report_of_a_blank_design_says_it_lists_no_features(api):
    design = ended_practice(api)
    html = api.get(f"/designs/{design}/practice/report/").content.decode()
    assert '<h2 id="features-heading">Features (0)</h2>' in html
    assert "<p>No features listed.</p>" in html and "<p>No signals listed.</p>" in html


def test_someone_elses_report_does_not_exist(api, client, other_user):
    design = ended_practice(api)
    api.logout()
    client.force_login(other_user)
    for suffix in ("report/", "report.md", "report.pdf"):
        assert client.get(f"/designs/{design}/practice/{suffix}").status_code == 404


def test_my_practice_charts_each_problems_scores_and_names_the_weakest_step(api):
    ended_practice(api)
    ended_practice(api, facts=(), hints=())
    html = api.get("/practice/").content.decode()
    assert html.count('<svg class="score-chart"') == 1
    assert 'aria-label="Scores of 2 attempts: rubric 0.00 coverage 0.00, rubric 0.00 coverage 0.00"' in html
    assert "Weakest step across your attempts: <strong>1. Clarify requirements</strong>" in html
    assert "<script" not in html.split("<main", 1)[-1]


def test_the_weakest_step_is_the_lowest_mean_over_ended_attempts():
    def attempt(scores):
        steps = [
            {"id": s, "score": v}
            for s, v in zip(("clarify", "frame", "data", "model", "evaluation", "serving", "monitoring"), scores)
        ]
        return PracticeAttempt(result={"rubric": {"steps": steps}})

    found = weakest_step([attempt([1, 1, 0.5, 1, 1, 1, 0.2]), attempt([1, 1, 0.5, 1, 1, 1, 1.0]), PracticeAttempt()])
    assert found == {"id": "data", "number": 3, "title": "Data preparation", "score": 0.5, "attempts": 2}
    assert weakest_step([PracticeAttempt()]) is None


def test_the_chart_escapes_what_it_prints_and_draws_one_point_per_ended_attempt():
    points = [
        {"mean": 0.5, "coverage": 0.25, "started_at": "2026-03-01T09:00:00+00:00"},
        {"mean": None, "coverage": None, "started_at": "2026-03-02T09:00:00+00:00"},
        {"mean": 1.0, "coverage": 0.75, "started_at": "<script>x"},
    ]
    svg = str(score_chart(points))
    assert svg.count("<circle") == 4 and svg.count("<polyline") == 2
    assert '<polyline points="8,36 232,8" fill="none" stroke="#2563eb"' in svg
    assert '<polyline points="8,50 232,22" fill="none" stroke="#d97706"' in svg
    assert "<title>Rubric 1.00 · &lt;script&gt;x</title>" in svg and "<script" not in svg


def test_hostile_labels_stay_text_in_the_report_page_markdown_and_pdf(api):
    hostile = "<script>alert(1)</script>"
    practice = post_json(api, "/api/practice/", {"problem": "payment-fraud"}).json()["practice"]
    design = practice["design"]
    document = {
        "format": "mlsd-design/1",
        "title": "Mine",
        "problem": {},
        "nodes": [{"id": "m", "kind": "model_server", "label": hostile, "x": 0, "y": 0}],
        "edges": [],
    }
    assert (
        api.put(f"/api/designs/{design}/", {"document": document}, content_type="application/json").status_code == 200
    )
    post_json(api, f"/api/designs/{design}/practice/end/")
    html = api.get(f"/designs/{design}/practice/report/").content.decode()
    assert hostile not in html and "your &lt;script&gt;alert(1)&lt;/script&gt;: " in html
    text = api.get(f"/designs/{design}/practice/report.md").content.decode()
    assert "<script>" not in text and "&lt;script&gt;alert\\(1\\)&lt;/script&gt;" in text
    assert api.get(f"/designs/{design}/practice/report.pdf").content.startswith(b"%PDF-")


def test_the_report_draws_the_design_as_it_ended_beside_the_reference(api):
    practice = post_json(api, "/api/practice/", {"problem": "payment-fraud"}).json()["practice"]
    design = practice["design"]
    base = f"/designs/{design}/practice/report/"
    assert api.get(f"{base}reference.svg").status_code == 404  # not before the end
    first = [{"op": "node.add", "node": {"id": "m", "kind": "model_server", "label": "Fraud scorer", "x": 0, "y": 0}}]
    assert post_json(api, f"/api/designs/{design}/ops/", {"ops": first}).status_code == 200
    post_json(api, f"/api/designs/{design}/practice/end/")
    later = [{"op": "node.update", "id": "m", "set": {"label": "Renamed after the end"}}]
    assert post_json(api, f"/api/designs/{design}/ops/", {"ops": later}).status_code == 200
    html = api.get(base).content.decode()
    assert f'<img class="diagram" src="{base}design.svg"' in html and f'src="{base}reference.svg"' in html
    mine = api.get(f"{base}design.svg")
    assert mine["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert mine["Content-Security-Policy"].startswith("default-src 'none'")
    assert b"Fraud scorer" in mine.content and b"Renamed after the end" not in mine.content
    assert b"Velocity (1 s)" in api.get(f"{base}reference.svg").content
    assert api.get(f"{base}answer.svg").status_code == 404


def test_pdf_reports_count_against_the_export_rate(api, settings, fake_clock):
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "export": "2/minute", "export_ip": "10/minute"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    design = ended_practice(api)
    url = f"/designs/{design}/practice/report.pdf"
    answers = [api.get(url) for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert (answers[2]["Retry-After"], answers[2].content) == ("60", b"Too many exports; try again in 60 s.")
    fake_clock.advance(60)
    assert api.get(url).status_code == 200
