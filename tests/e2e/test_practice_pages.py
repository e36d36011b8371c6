"""My practice and a practice report in Chromium under the Content-Security-Policy: the chart and the
diagrams are drawn, nothing is blocked, and the report's downloads are real files."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from designer.interview import selectors, services
from designer.interview.bank import problem_get
from designer.interview.framework import time_boxes
from tests.e2e.test_csp import violations, watched

pytestmark = pytest.mark.usefixtures("e2e_env")


def test_my_practice_and_a_report_render_under_the_policy(live_asgi, page: Page, django_user_model, password):
    ada = django_user_model.objects.create_user(username="ada", password=password)
    problem = problem_get("payment-fraud")
    for _ in range(2):
        attempt = services.practice_start(user=ada, problem=problem, boxes=time_boxes(45))
        outcome = selectors.practice_outcome(attempt.design.document, problem)
        services.practice_end(attempt=attempt, outcome=outcome, version=1)
    base = live_asgi.url
    page.set_default_timeout(10000)
    errors = watched(page)
    page.goto(f"{base}/login/")
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/designs/$"))

    page.get_by_role("link", name="My practice").click()
    expect(page.get_by_role("heading", name="My practice")).to_be_visible()
    chart = page.get_by_role("img", name=re.compile(r"^Scores of 2 attempts"))
    expect(chart).to_be_visible()
    expect(chart.locator("circle")).to_have_count(4)
    assert violations(page) == []

    page.get_by_role("link", name="Report").first.click()
    expect(page.get_by_role("heading", name="Practice report: Payment fraud detection")).to_be_visible()
    for name in ("Your design as the practice ended", "The reference design of Payment fraud detection"):
        image = page.get_by_role("img", name=name)
        expect(image).to_be_visible()
        # Drawn, not just laid out: wait until the SVG has loaded with a size.
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    with page.expect_download() as pdf:
        page.get_by_role("link", name="Download PDF").click()
    assert pdf.value.suggested_filename.endswith("-report.pdf")
    assert Path(pdf.value.path()).read_bytes()[:5] == b"%PDF-"
    assert violations(page) == [] and errors == []
