"""A guest through an interviewer share link leads the interview: the owner follows their step changes live; notes
and scores stay private to them until shared; the guest has the report and replay through its token."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from designer import services
from designer.interview.models import InterviewSession

pytestmark = pytest.mark.usefixtures("e2e_env")


def test_guest_interviewer_leads_live_and_writes_notes_the_owner_sees_only_once_shared(
    live_asgi, page: Page, browser: Browser, user, password, video_recs
):
    design = services.design_create(owner=user, title="Recs", document=video_recs)
    base = live_asgi.url
    page.set_default_timeout(8000)
    page.goto(f"{base}/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(f"{base}/designs/")
    page.goto(f"{base}/designs/{design.pk}/")

    page.get_by_role("button", name="Share", exact=True).click()
    dialog = page.get_by_role("dialog", name="Share this design")
    dialog.get_by_label("Access").select_option(label="Can view")
    expect(dialog.get_by_label("Interviewer")).to_have_count(0)
    dialog.get_by_label("Access").select_option(label="Can comment")
    dialog.get_by_label("Label (optional)").fill("Sam")
    dialog.get_by_label("Interviewer").check()
    dialog.get_by_role("button", name="Create link").click()
    expect(dialog.get_by_role("region", name="New link")).to_contain_text("Can comment interviewer link “Sam” created.")
    url = dialog.get_by_label("Share link URL").input_value()
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/s/[A-Za-z0-9_-]{20,}/", url), url
    expect(dialog.get_by_role("table", name="Share links").get_by_role("row").nth(1)).to_contain_text(
        "Can comment · interviewer"
    )
    dialog.get_by_role("button", name="Close").click()

    page.get_by_role("tab", name="Interview").click()
    owner_panel = page.get_by_role("tabpanel")
    owner_panel.get_by_role("button", name="Start interview").click()
    expect(owner_panel.get_by_role("status")).to_have_text("Step 1 of 7: Clarify requirements")
    expect(owner_panel.get_by_label("Private notes")).to_have_count(0)

    guest = browser.new_context().new_page()
    guest.set_default_timeout(8000)
    guest.goto(url)
    guest.get_by_label("Your name").fill("Sam")
    guest.get_by_role("button", name="Open the design").click()
    guest.get_by_role("tab", name="Interview").click()
    panel = guest.get_by_role("tabpanel")
    expect(panel.get_by_role("status")).to_have_text("Step 1 of 7: Clarify requirements")
    # The owner's open panel follows the guest's step change at once (its backup poll is every 30 s).
    panel.get_by_role("button", name="Next step").click()
    expect(panel.get_by_role("status")).to_have_text("Step 2 of 7: Frame as an ML task")
    expect(owner_panel.get_by_role("status")).to_have_text("Step 2 of 7: Frame as an ML task", timeout=3000)
    panel.get_by_label("Private notes").fill("Asked about cold start <img src=x onerror=alert(1)>")
    with guest.expect_response(lambda r: r.url.endswith("/interview/review/") and r.status == 200):
        panel.get_by_role("button", name="Save notes").click()
    with guest.expect_response(lambda r: r.url.endswith("/interview/review/") and r.status == 200):
        panel.get_by_label("Score for Clarify requirements").select_option("3")
    session = InterviewSession.objects.get(design=design)
    assert (session.notes, session.scores) == ("Asked about cold start <img src=x onerror=alert(1)>", {"clarify": 3})

    page.goto(f"{base}/designs/{design.pk}/report/")
    expect(page.locator("#notes-private")).to_have_text("The interviewer has not shared their notes and scores yet.")
    expect(page.get_by_text("Asked about cold start")).to_have_count(0)

    panel.get_by_role("button", name="Share notes and scores").click()
    expect(panel.get_by_text("Shared with the candidate.")).to_be_visible()
    page.reload()
    expect(page.locator("#interviewer-notes")).to_have_text("Asked about cold start <img src=x onerror=alert(1)>")

    # The guest's own report and replay, through its token (it has no account).
    guest.get_by_role("link", name="Report").click()
    expect(guest).to_have_url(re.compile(r"/s/[A-Za-z0-9_-]+/report/$"))
    expect(guest.locator("#interviewer-notes")).to_have_text("Asked about cold start <img src=x onerror=alert(1)>")
    guest.get_by_role("link", name="Replay").click()
    expect(guest.locator("#replay-status")).to_contain_text("Version 1 of 1")
    guest.get_by_role("link", name="Open in editor").click()
    guest.get_by_role("tab", name="Interview").click()
    panel = guest.get_by_role("tabpanel")

    # Out of time at step 2: the interviewer ends it there.
    panel.get_by_role("button", name="End interview now").click()
    expect(panel.get_by_role("status")).to_have_text("Interview finished")
    expect(panel.get_by_role("button", name="Next step")).to_have_count(0)
    session.refresh_from_db()
    assert (session.current_step, session.ended_at is not None) == (1, True)
    guest.context.close()
