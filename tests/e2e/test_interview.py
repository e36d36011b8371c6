"""Interview mode in the browser: template → interview → timer and live rubric → private notes → shared report → replay."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from designer.interview.models import InterviewSession

pytestmark = pytest.mark.usefixtures("e2e_env")


def log_in(page: Page, base: str, username: str, password: str):
    page.goto(f"{base}/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/designs/$"))


def test_interview_from_template_to_shared_report_and_replay(
    live_asgi, page: Page, browser: Browser, django_user_model, password
):
    django_user_model.objects.create_user(username="ada", password=password)
    django_user_model.objects.create_user(username="grace", password=password)
    page.set_default_timeout(8000)
    base = live_asgi.url
    log_in(page, base, "ada", password)

    page.goto(f"{base}/designs/new")
    page.get_by_role("button", name="Use this template: Video recommendation (two-stage)").click()
    expect(page).to_have_url(re.compile(r"/designs/\d+/$"))
    design_id = int(page.url.rstrip("/").rsplit("/", 1)[1])

    page.get_by_role("tab", name="Interview").click()
    panel = page.get_by_role("tabpanel")
    expect(panel.get_by_label("Problem statement")).to_contain_text("Recommend videos on the home feed")
    expect(panel.get_by_test_id("rubric-mean")).to_have_text("Mean 1.00 · every step covered")
    panel.get_by_label("Candidate").fill("grace")
    panel.get_by_role("button", name="Start interview").click()
    expect(panel.get_by_role("status")).to_have_text("Step 1 of 7: Clarify requirements")
    expect(panel.get_by_test_id("total-remaining")).to_have_text(re.compile(r"^4[45]:\d\d$"))
    first = panel.get_by_test_id("step-remaining").inner_text()
    expect(panel.get_by_test_id("step-remaining")).not_to_have_text(first, timeout=4000)
    panel.get_by_role("button", name="Next step").click()
    expect(panel.get_by_role("status")).to_have_text("Step 2 of 7: Frame as an ML task")
    expect(panel.locator('li[data-step="frame"] .iv-prompts')).to_contain_text("What is the ML objective")

    page.get_by_role("tab", name="Problem").click()
    metrics = page.get_by_label("Offline metrics (comma-separated)")
    metrics.fill("accuracy")
    metrics.press("Enter")
    expect(page.locator(".save-state")).to_have_text("Saved")
    page.get_by_role("tab", name="Interview").click()
    expect(panel.get_by_test_id("rubric-mean")).to_have_text("Mean 0.99 · weakest: 5. Evaluation")
    expect(panel.get_by_test_id("score-evaluation")).to_have_text("0.90")
    panel.get_by_role("button", name="Hide steps and rubric").click()
    expect(panel.get_by_test_id("rubric-mean")).to_have_count(0)
    expect(panel.get_by_test_id("step-remaining")).to_be_visible()
    panel.get_by_role("button", name="Show steps and rubric").click()

    panel.get_by_label("Private notes").fill("Picked accuracy for a ranking task <b>!</b>")
    with page.expect_response(lambda r: r.url.endswith("/review/") and r.status == 200):
        panel.get_by_role("button", name="Save notes").click()
    assert InterviewSession.objects.get(design_id=design_id).notes == "Picked accuracy for a ranking task <b>!</b>"

    candidate = browser.new_context().new_page()
    candidate.set_default_timeout(8000)
    log_in(candidate, base, "grace", password)
    candidate.goto(f"{base}/designs/{design_id}/report/")
    expect(candidate.locator("#notes-private")).to_have_text(
        "The interviewer has not shared their notes and scores yet."
    )
    expect(candidate.get_by_text("Picked accuracy")).to_have_count(0)

    page.goto(f"{base}/designs/{design_id}/report/")
    page.get_by_role("button", name="Share report with the candidate").click()
    expect(page.get_by_text("The report is shared with the candidate.")).to_be_visible()
    candidate.reload()
    expect(candidate.locator("#interviewer-notes")).to_have_text("Picked accuracy for a ranking task <b>!</b>")
    candidate.context.close()

    page.goto(f"{base}/designs/{design_id}/replay/")
    expect(page.locator("#replay-status")).to_contain_text("Version 2 of 2")
    expect(page.locator("#replay-rubric-mean")).to_have_text("Mean 0.99, weakest: 5. Evaluation")
    expect(
        page.get_by_role("button", name=re.compile(r"^metric-task-mismatch appeared at \d\d:\d\d \(v2\)$"))
    ).to_be_visible()
    page.locator("#replay-scrubber").focus()
    page.keyboard.press("Home")
    expect(page.locator("#replay-status")).to_contain_text("Version 1 of 2")
    expect(page.locator("#replay-rubric-mean")).to_have_text("Mean 1.00")
    expect(page.locator("#replay-findings")).to_have_text("No findings")
    expect(page.locator('#replay-canvas g[data-node="ranker"]')).to_contain_text("Ranker")
