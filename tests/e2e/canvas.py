"""Browser-test steps on the canvas shared by the e2e files: a card's handles, drawing a connection."""

from playwright.sync_api import Page, expect


def handle(page: Page, label: str, side: str):
    """One of the four connection handles of a component ("top", "right", "bottom", "left")."""
    return page.get_by_label(f"Connect {label} ({side})", exact=True)


def draw_connection(page: Page, source: str, source_side: str, target: str, target_side: str):
    """What a person does: point at a card so its handles show, press one and drag onto a side of another card (every
    card shows its handles while a connection is drawn)."""
    start = handle(page, source, source_side)
    start.locator("xpath=..").hover()
    expect(start).to_be_visible()
    box, end = start.bounding_box(), handle(page, target, target_side).bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(end["x"] + end["width"] / 2, end["y"] + end["height"] / 2, steps=8)
    page.mouse.up()
