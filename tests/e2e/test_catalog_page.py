"""The catalog page in Chromium: the generation and on-device kinds, the control edge and the role props, all readable."""

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.usefixtures("e2e_env")


@pytest.mark.parametrize("width", [1440, 1024])
def test_catalog_page_shows_new_kinds_and_role_props_without_overflowing(live_asgi, page: Page, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_asgi.url}/catalog/")
    for heading in ("Connection kinds", "Roles and their properties", "Generation (LLM)", "On-device & fleet"):
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text="Control (control)")).to_be_visible()
    roles = page.get_by_role("table").filter(
        has=page.get_by_role("columnheader", name="Properties that apply (shown first in the Inspector)")
    )
    kafka_role = roles.get_by_role("row").filter(has=page.get_by_role("cell", name="event_stream", exact=True))
    expect(kafka_role).to_have_text(
        "event_streamstaleness_s, capacity_qps, replicas, pii, provides_labels, validates_schema"
    )
    expect(page.get_by_role("cell", name="Hosted LLM API", exact=True)).to_be_visible()
    # Every table fits inside its card: nothing is cut off or needs sideways scrolling.
    overflow = page.evaluate(
        "() => [...document.querySelectorAll('table.catalog')].map(t => t.scrollWidth - t.parentElement.clientWidth)"
    )
    assert max(overflow) <= 0, overflow
