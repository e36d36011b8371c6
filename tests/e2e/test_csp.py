"""Every HTML page under its Content-Security-Policy in Chromium: no violation, and the editor still works (issue 14.8)."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from designer.interview.cases import case_get
from designer.interview.framework import time_boxes
from designer.interview.services import interview_start
from designer.services import design_create
from designer.sharing.services import share_link_create

pytestmark = pytest.mark.usefixtures("e2e_env")

RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`);
});
"""


def watched(page: Page) -> list[str]:
    """Console errors of a page (CSP reports land there too)."""
    errors: list[str] = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def violations(page: Page) -> list[str]:
    return page.evaluate("window.__csp || []")


def test_every_page_runs_under_its_policy(live_asgi, page: Page, browser: Browser, django_user_model, password):
    ada = django_user_model.objects.create_user(username="ada", password=password)
    django_user_model.objects.create_superuser(username="root", password=password)
    design = design_create(owner=ada, document=case_get("video-recommendation").document)
    interview_start(design=design, boxes=time_boxes(45), interviewer=ada)
    _, token = share_link_create(design=design, role="edit")
    base = live_asgi.url
    page.set_default_timeout(10000)
    errors = watched(page)

    for path in ("/", "/login/", "/signup/", "/rules/", "/rules/missing-monitoring/", "/catalog/"):
        response = page.goto(f"{base}{path}")
        assert response.headers["content-security-policy"].startswith("default-src 'self'; script-src 'self'")
        assert violations(page) == [], path

    page.goto(f"{base}/login/")
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/designs/$"))
    for path in ("/designs/", "/designs/new", f"/designs/{design.pk}/report/", f"/designs/{design.pk}/replay/"):
        page.goto(f"{base}{path}")
        page.wait_for_load_state("networkidle")
        assert violations(page) == [], path

    # The list's Delete still asks first (a static script now, not an inline handler); dismissing keeps it.
    asked: list[str] = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.goto(f"{base}/designs/")
    page.get_by_role("button", name="Delete").first.click()
    expect(page.get_by_role("button", name="Delete")).to_have_count(1)
    assert asked == ["Delete this design?"]

    page.goto(f"{base}/designs/{design.pk}/")
    expect(page.locator(".react-flow__node").first).to_be_visible()
    expect(page.locator(".save-state")).to_have_text("Saved")
    page.get_by_role("button", name="Tidy up").click()
    expect(page.locator(".save-state")).to_have_text("Saved")
    page.get_by_role("tab", name="Interview").click()
    expect(page.get_by_role("tabpanel").get_by_role("status")).to_have_text("Step 1 of 7: Clarify requirements")
    assert violations(page) == []

    page.goto(f"{base}/api/docs/")
    expect(page.locator(".swagger-ui .info")).to_be_visible()
    assert violations(page) == []

    guest = browser.new_context().new_page()
    guest_errors = watched(guest)
    guest.set_default_timeout(10000)
    guest.goto(f"{base}/s/{token}/")
    guest.get_by_label("Your name").fill("Sam")
    guest.get_by_role("button", name="Open the design").click()
    expect(guest.locator(".react-flow__node").first).to_be_visible()
    assert violations(guest) == []

    admin = browser.new_context().new_page()
    admin_errors = watched(admin)
    admin.goto(f"{base}/admin/login/")
    admin.get_by_label("Username").fill("root")
    admin.get_by_label("Password").fill(password)
    admin.get_by_role("button", name="Log in").click()
    expect(admin.get_by_role("heading", name="Site administration")).to_be_visible()
    assert violations(admin) == []

    csp_errors = [e for e in errors + guest_errors + admin_errors if "Content Security Policy" in e]
    assert csp_errors == []
