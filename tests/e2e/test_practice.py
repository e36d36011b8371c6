"""Practice in the browser: pick a problem → practise on a blank canvas with the problem card → ask the interviewer
→ apply a fact → use a hint → draw → compare with the reference → end → the report names what is missing; and an
interviewer link reveals a hint that appears on the candidate's card over the live session."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from designer.interview.bank import problem_get
from designer.interview.models import InterviewSession, PracticeAttempt
from designer.models import Design

pytestmark = pytest.mark.usefixtures("e2e_env")

DRAWN = ["API gateway", "Feature store", "Model server", "Model registry", "Monitoring"]


def csp_violations(page: Page) -> list[str]:
    """Every Content-Security-Policy refusal the page reports on its console, as it happens."""
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    return refused


def test_practise_a_problem_then_compare_and_get_the_report(live_asgi, page: Page, user, password):
    refused = csp_violations(page)
    page.set_default_timeout(8000)
    page.set_viewport_size({"width": 1280, "height": 720})
    base = live_asgi.url
    page.goto(f"{base}/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(f"{base}/designs/")

    page.goto(f"{base}/designs/new")
    card_in_gallery = page.locator('[data-template="video-recommendation"]')
    expect(
        card_in_gallery.get_by_role("button", name="Use this template: Video recommendation (two-stage)")
    ).to_have_text("Use this template (the answer)")
    card_in_gallery.get_by_role("button", name="Practise: Video recommendation (two-stage)").click()
    expect(page).to_have_url(re.compile(r"/designs/\d+/$"))
    design = Design.objects.get(pk=int(page.url.rstrip("/").rsplit("/", 1)[1]))
    assert design.document["nodes"] == []

    card = page.get_by_role("complementary", name="Problem card")
    expect(card.get_by_role("heading", name="Video recommendation")).to_be_visible()
    expect(card.get_by_test_id("practice-prompt")).to_contain_text("home feed is where most watching starts")
    steps = (
        card.get_by_role("list", name="The 7 steps").get_by_role("listitem").filter(has=page.locator(".pr-step-head"))
    )
    expect(steps).to_have_count(7)
    expect(card.locator('li[data-step="clarify"]')).to_have_attribute("aria-current", "step")
    card.get_by_role("button", name="Next step: Frame as an ML task").click()
    expect(card.locator('li[data-step="frame"]')).to_have_attribute("aria-current", "step")
    expect(card.locator('li[data-step="clarify"]')).to_have_class("done")

    # Ask two questions, by keyboard: each answer appears on the card and leaves the list of questions.
    questions = card.get_by_role("list", name="Questions to ask").get_by_role("button")
    expect(questions).to_have_count(8)
    card.get_by_role("button", name="How many home-feed requests at peak?").focus()
    page.keyboard.press("Enter")
    facts = card.get_by_role("list", name="Facts revealed").get_by_role("listitem")
    expect(facts).to_have_count(1)
    card.get_by_role("button", name="How fast must the feed load?").click()
    expect(facts).to_have_count(2)
    expect(questions).to_have_count(6)
    expect(facts.nth(0).locator(".pr-q")).to_have_text("How many home-feed requests at peak?")

    # Applying a fact is the candidate's choice: the Problem panel is empty until then.
    assert (Design.objects.get(pk=design.pk).document.get("problem") or {}).get("latency_slo_ms") is None
    card.get_by_role("button", name="Apply to the Problem panel: How fast must the feed load?").click()
    expect(facts.nth(1)).to_contain_text("✓ In the Problem panel")
    expect(page.locator(".save-state")).to_have_text("Saved")
    assert Design.objects.get(pk=design.pk).document["problem"]["latency_slo_ms"] == 200
    page.get_by_role("tab", name="Problem").click()
    expect(page.get_by_label("Latency SLO (ms)")).to_have_value("200")

    # A hint: the nudge first, then the concrete pointer; then the step has no more.
    card.get_by_role("button", name="Hint for Data preparation").click()
    hints = card.get_by_role("list", name="Hints for Data preparation").get_by_role("listitem")
    expect(hints).to_have_count(1)
    expect(hints.first).to_have_attribute("data-level", "1")
    card.get_by_role("button", name="Another hint for Data preparation").click()
    expect(hints).to_have_count(2)
    data_hints = problem_get("video-recommendation").spec.hints.data
    expect(hints).to_have_text([f"Nudge {data_hints.nudge}", f"Pointer {data_hints.pointer}"])
    expect(card.locator('li[data-step="data"]').get_by_role("button", name=re.compile("hint"))).to_have_count(0)

    for label in DRAWN:
        page.get_by_role("button", name=f"Add {label}", exact=True).click()
    expect(page.locator(".react-flow__node-component")).to_have_count(5)
    expect(page.locator(".save-state")).to_have_text("Saved")

    # The comparison, before the end: both diagrams, matched pairs in one colour, differences by step.
    card.get_by_role("button", name="Compare with the reference").click()
    dialog = page.get_by_role("dialog", name="Compare with the reference")
    expect(dialog.get_by_role("region", name="Your design").locator(".react-flow__node")).to_have_count(5)
    mine = dialog.get_by_role("region", name="Your design").locator(".react-flow__node.cmp-pair")
    expect(mine).to_have_count(5)
    # Both diagrams draw their connections, the reference's as many as it has.
    reference_doc = problem_get("video-recommendation").reference
    expect(dialog.get_by_role("region", name="Reference").locator(".react-flow__edge")).to_have_count(
        len(reference_doc["edges"])
    )
    drift = dialog.get_by_role(
        "button", name=re.compile(r"^Missing The reference has Drift detector \(drift detector\), ")
    )
    expect(drift).to_be_visible()
    expect(dialog.locator('[data-step="monitoring"] .cmp-cov')).not_to_have_text("100%")
    drift.focus()
    page.keyboard.press("Enter")
    expect(drift).to_have_attribute("aria-pressed", "true")
    reference = dialog.get_by_role("region", name="Reference")
    expect(reference.locator('.react-flow__node.selected[data-id="drift"]')).to_have_count(1)
    expect(reference.locator('.react-flow__node[data-id="drift"]')).to_have_class(re.compile(r"\bcmp-missing\b"))
    # A matched pair selects its two components, one on each diagram, in the same colour.
    dialog.get_by_role("button", name="Model registry ↔ Model registry").click()
    picked_mine = dialog.get_by_role("region", name="Your design").locator(".react-flow__node.selected")
    picked_ref = reference.locator(".react-flow__node.selected")
    expect(picked_mine).to_have_count(1)
    expect(picked_ref).to_have_count(1)
    colour = picked_mine.evaluate("n => n.style.getPropertyValue('--pair')")
    assert colour and picked_ref.evaluate("n => n.style.getPropertyValue('--pair')") == colour
    # Keys in the dialog are the dialog's: Delete does not delete the canvas's selected component behind it.
    expect(page.locator(".canvas .react-flow__node-component.selected")).to_have_count(1)
    page.keyboard.press("Delete")
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect(card.get_by_role("button", name="Compare with the reference")).to_be_focused()
    expect(page.locator(".canvas .react-flow__node-component")).to_have_count(5)

    card.get_by_role("button", name="End", exact=True).click()
    card.get_by_role("button", name="End and see the report").click()
    expect(page).to_have_url(f"{base}/designs/{design.pk}/practice/report/")
    monitoring = page.locator('#comparison ul[data-step="monitoring"]')
    expect(monitoring.locator('li[data-item="missing_component:drift"]')).to_contain_text(
        "The reference has Drift detector (drift detector)"
    )
    expect(page.locator("#asked dt")).to_have_text(
        ["How many home-feed requests at peak?", "How fast must the feed load?"]
    )
    expect(page.locator("#hints li")).to_have_count(2)
    expect(page.locator("#pairs li")).to_have_count(5)
    attempt = PracticeAttempt.objects.get(design=design)
    assert [a["fact"] for a in attempt.asked] == ["qps", "slo"]
    assert [(h["step"], h["level"]) for h in attempt.hints] == [("data", 1), ("data", 2)]
    assert refused == []


def test_an_interviewer_link_reveals_a_hint_the_candidate_sees(live_asgi, page: Page, browser: Browser, user, password):
    page.set_default_timeout(8000)
    page.set_viewport_size({"width": 1280, "height": 720})
    base = live_asgi.url
    page.goto(f"{base}/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{base}/practice/")
    page.locator('[data-problem="payment-fraud"]').get_by_role("button", name="Practise").click()
    expect(page).to_have_url(re.compile(r"/designs/\d+/$"))
    design_id = int(page.url.rstrip("/").rsplit("/", 1)[1])
    card = page.get_by_role("complementary", name="Problem card")
    expect(card.get_by_role("heading", level=2)).to_have_text("Payment fraud detection")

    page.get_by_role("button", name="Share", exact=True).click()
    dialog = page.get_by_role("dialog", name="Share this design")
    dialog.get_by_label("Access").select_option(label="Can comment")
    dialog.get_by_label("Interviewer").check()
    dialog.get_by_role("button", name="Create link").click()
    url = dialog.get_by_label("Share link URL").input_value()
    dialog.get_by_role("button", name="Close").click()

    # The interview takes the practice's problem by default.
    page.get_by_role("tab", name="Interview").click()
    panel = page.get_by_role("tabpanel")
    expect(panel.get_by_label("Bank problem")).to_have_value("payment-fraud")
    panel.get_by_role("button", name="Start interview").click()
    expect(panel.get_by_role("status")).to_have_text("Step 1 of 7: Clarify requirements")
    assert InterviewSession.objects.get(design_id=design_id).problem_id == "payment-fraud"
    # The candidate sees no private part of the problem.
    expect(panel.get_by_role("list", name="Facts to reveal")).to_have_count(0)

    guest = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
    guest.set_default_timeout(8000)
    refused_guest, refused_owner = csp_violations(guest), csp_violations(page)
    guest.goto(url)
    guest.get_by_label("Your name").fill("Sam")
    guest.get_by_role("button", name="Open the design").click()
    guest.get_by_role("tab", name="Interview").click()
    private = guest.get_by_role("region", name=re.compile(r"only you see this$"))
    expect(private.get_by_role("list", name="Facts to reveal").get_by_role("listitem")).not_to_have_count(0)
    expect(private.get_by_test_id("interviewer-coverage")).to_have_text(re.compile(r"^Candidate's coverage: \d+%$"))
    nudge = private.locator('li[data-step="model"] li[data-level="1"]')
    text = problem_get("payment-fraud").spec.hints.model.nudge
    expect(nudge).to_have_text(f"Nudge {text} Reveal")
    private.get_by_role("button", name="Reveal the nudge for Model development").click()
    expect(nudge).to_contain_text("✓ shown")

    # The candidate's card shows it without a reload; its backup poll is every 30 s, so this came over the socket.
    hints = card.get_by_role("list", name="Hints for Model development").get_by_role("listitem")
    expect(hints).to_have_count(1, timeout=5000)
    expect(hints.first).to_have_text(f"Nudge {text}")
    expect(card.get_by_role("status")).to_have_text(f"The interviewer gave a hint for Model development: {text}")

    # The interviewer's live comparison: the candidate has drawn nothing yet.
    private.get_by_role("button", name="Open the live comparison").click()
    live = guest.get_by_role("dialog", name="Live comparison (private)")
    expect(live.get_by_role("region", name="Your design")).to_contain_text("Nothing drawn yet.")
    expect(live.get_by_role("region", name="Reference").locator(".react-flow__node-component")).not_to_have_count(0)
    live.get_by_role("button", name="Close").click()
    expect(live).to_have_count(0)
    assert (refused_guest, refused_owner) == ([], [])
    guest.context.close()


def test_an_interview_on_a_bank_problem_docks_the_card_on_a_plain_design(
    live_asgi, page: Page, browser: Browser, user, password
):
    page.set_default_timeout(8000)
    page.set_viewport_size({"width": 1280, "height": 720})
    base = live_asgi.url
    page.goto(f"{base}/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{base}/designs/new")
    page.get_by_role("button", name="Create blank design").click()
    expect(page).to_have_url(re.compile(r"/designs/\d+/$"))
    design_id = int(page.url.rstrip("/").rsplit("/", 1)[1])
    expect(page.locator(".save-state")).to_have_text("Saved")
    card = page.get_by_role("complementary", name="Problem card")
    expect(card).to_have_count(0)

    page.get_by_role("button", name="Share", exact=True).click()
    dialog = page.get_by_role("dialog", name="Share this design")
    dialog.get_by_label("Access").select_option(label="Can comment")
    dialog.get_by_label("Interviewer").check()
    dialog.get_by_role("button", name="Create link").click()
    url = dialog.get_by_label("Share link URL").input_value()
    dialog.get_by_role("button", name="Close").click()
    page.get_by_role("tab", name="Interview").click()
    panel = page.get_by_role("tabpanel")
    expect(panel.get_by_label("Bank problem")).to_have_value("")
    panel.get_by_label("Bank problem").select_option("search-autocomplete")
    panel.get_by_role("button", name="Start interview").click()
    expect(card.get_by_role("heading", level=2)).to_have_text("Search autocomplete")
    # No questions to click and no hints to take: in an interview the candidate asks aloud.
    expect(card.get_by_role("list", name="Questions to ask")).to_have_count(0)
    expect(card.get_by_role("button", name=re.compile(r"^Hint for "))).to_have_count(0)

    guest = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
    guest.set_default_timeout(8000)
    guest.goto(url)
    guest.get_by_label("Your name").fill("Sam")
    guest.get_by_role("button", name="Open the design").click()
    guest.get_by_role("tab", name="Interview").click()
    private = guest.get_by_role("region", name=re.compile(r"only you see this$"))
    fact = next(f for f in problem_get("search-autocomplete").spec.facts if f.field == "peak_qps")
    private.get_by_role("button", name=f"Reveal: {fact.question}").click()
    expect(private.locator(f'li[data-fact="{fact.id}"]')).to_contain_text("✓ The candidate sees this")

    revealed = card.get_by_role("list", name="Facts revealed").get_by_role("listitem")
    expect(revealed).to_have_count(1, timeout=5000)
    expect(revealed.first.locator(".pr-a")).to_have_text(fact.answer)
    card.get_by_role("button", name=f"Apply to the Problem panel: {fact.question}").click()
    expect(revealed.first).to_contain_text("✓ In the Problem panel")
    expect(page.locator(".save-state")).to_have_text("Saved")
    assert Design.objects.get(pk=design_id).document["problem"]["peak_qps"] == fact.value
    guest.context.close()


def box(locator) -> dict:
    """The element's rectangle on the page, in CSS pixels."""
    return locator.evaluate("e => { const r = e.getBoundingClientRect(); return {x: r.x, right: r.right, w: r.width} }")


HIDDEN_CARDS = """() => {
    const canvas = document.querySelector('section.canvas-area').getBoundingClientRect();
    const card = document.querySelector('.pr-card')?.getBoundingClientRect();
    const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    return [...document.querySelectorAll('.react-flow__node-component')].filter(el => {
        const r = el.getBoundingClientRect();
        const inside = r.left >= canvas.left && r.right <= canvas.right && r.top >= canvas.top && r.bottom <= canvas.bottom;
        return !inside || (card && hit(r, card));
    }).map(el => el.querySelector('.mlsd-node-label').textContent);
}"""


def test_below_1440_px_the_card_docks_in_the_sidebar_and_never_covers_the_design(live_asgi, page: Page, user, password):
    page.set_default_timeout(8000)
    page.set_viewport_size({"width": 1440, "height": 900})
    base = live_asgi.url
    page.goto(f"{base}/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{base}/practice/")
    page.locator('[data-problem="payment-fraud"]').get_by_role("button", name="Practise").click()
    expect(page).to_have_url(re.compile(r"/designs/\d+/$"))
    card = page.get_by_role("complementary", name="Problem card")
    prompt = card.get_by_test_id("practice-prompt")
    canvas = page.locator("section.canvas-area")
    palette = page.locator(".palette")
    sidebar = page.get_by_role("complementary", name="Details")
    hide = card.get_by_role("button", name="‹ Hide")
    show = card.get_by_role("button", name="Problem ›")
    for kind in ["API gateway", "Kafka", "Flink job", "Model server", "Feature store", "Monitoring", "Redis"]:
        page.get_by_role("button", name=f"Add {kind}", exact=True).click()
    expect(page.locator(".react-flow__node-component")).to_have_count(7)

    # Wide: a third column between the palette and the canvas, open.
    expect(prompt).to_be_visible()
    assert box(card)["x"] == box(palette)["right"]
    assert box(canvas)["x"] == box(card)["right"]
    assert box(card)["w"] == 300

    for width, height, share in ((1280, 720, 0.6), (1024, 768, 0.5)):
        # Smaller: the card sits at the top of the sidebar, above its tabs, open; the canvas keeps its share of the width.
        page.set_viewport_size({"width": width, "height": height})
        expect(prompt).to_be_visible()
        assert box(canvas)["x"] == box(palette)["right"]
        assert box(canvas)["right"] == box(sidebar)["x"]
        # Its width is the sidebar's, inside the sidebar's 1 px left border.
        assert (box(card)["x"], box(card)["right"]) == (box(sidebar)["x"] + 1, box(sidebar)["right"])
        assert box(canvas)["w"] >= share * width, (width, box(canvas)["w"])
        assert sidebar.get_by_role("tab", name="Inspector").bounding_box()["y"] > card.bounding_box()["y"]
        # The card takes at most half the column; its buttons are reachable; the tabs stay usable below it.
        assert card.bounding_box()["height"] <= sidebar.bounding_box()["height"] / 2 + 1
        expect(card.get_by_role("button", name="Compare with the reference")).to_be_visible()
        sidebar.get_by_role("tab", name="Findings").click()
        expect(sidebar.get_by_role("tabpanel")).to_be_visible()
        # After fit view every component is inside the canvas, and none is under the card.
        page.locator(".react-flow__pane").click(position={"x": 5, "y": 5})
        page.keyboard.press("Shift+1")
        page.wait_for_timeout(300)  # the 250 ms fit animation; the assertion is on where it ends
        assert page.evaluate(HIDDEN_CARDS) == [], (width, height)

    # Folding it (by keyboard) leaves one strip; it is remembered; one click brings the prompt back.
    hide.focus()
    page.keyboard.press("Enter")
    expect(prompt).to_have_count(0)
    expect(show).to_have_attribute("aria-expanded", "false")
    assert box(show)["x"] >= box(sidebar)["x"]
    assert card.bounding_box()["height"] < 60
    page.reload()
    expect(show).to_be_visible()
    expect(prompt).to_have_count(0)
    assert page.evaluate("localStorage.getItem('mlsd.practice.collapsed')") == "1"
    show.click()
    expect(prompt).to_be_visible()
    expect(hide).to_have_attribute("aria-expanded", "true")
    expect(card.get_by_role("button", name="End", exact=True)).to_be_visible()

    # Back to 1440×900: docked open beside the canvas again.
    page.set_viewport_size({"width": 1440, "height": 900})
    expect(prompt).to_be_visible()
    assert box(canvas)["x"] == box(card)["right"]
