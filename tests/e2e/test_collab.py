"""Live collaboration in the browser: share links, a guest watching live, presence, pinned comments, revocation."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from designer import services
from designer.models import Design

pytestmark = pytest.mark.usefixtures("e2e_env")

SHOTS = "/tmp"


def node(page: Page, label: str, kind: str):
    return page.get_by_role("group", name=f"{label} ({kind})", exact=True)


def two_node_design(user) -> Design:
    return services.design_create(
        owner=user,
        title="Recs",
        document={
            "format": "mlsd-design/1",
            "nodes": [
                {"id": "k", "kind": "kafka", "label": "Kafka", "x": 0, "y": 0},
                {"id": "ms", "kind": "model_server", "label": "Model server", "x": 320, "y": 0},
            ],
            "edges": [],
        },
    )


def open_as_owner(page: Page, base: str, user, password: str, design: Design):
    page.set_default_timeout(8000)
    page.goto(f"{base}/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(f"{base}/designs/")
    page.goto(f"{base}/designs/{design.pk}/")
    expect(node(page, "Kafka", "Kafka")).to_be_visible()


def join_as_guest(browser: Browser, url: str, name: str) -> Page:
    guest = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    guest.set_default_timeout(8000)
    guest.goto(url)
    guest.get_by_label("Your name").fill(name)
    guest.get_by_role("button", name="Open the design").click()
    expect(node(guest, "Kafka", "Kafka")).to_be_visible()
    return guest


def create_link(page: Page, role_label: str, label: str) -> str:
    """Create a share link in the owner's Share dialog; returns the URL it shows once."""
    page.get_by_role("button", name="Share", exact=True).click()
    dialog = page.get_by_role("dialog", name="Share this design")
    dialog.get_by_label("Access").select_option(label=role_label)
    dialog.get_by_label("Label (optional)").fill(label)
    dialog.get_by_role("button", name="Create link").click()
    url = dialog.get_by_label("Share link URL").input_value()
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/s/[A-Za-z0-9_-]{20,}/", url), url
    return url


def people(page: Page) -> list[str]:
    page.get_by_role("button", name=re.compile(r"^People here")).click()
    names = page.get_by_role("list", name="People here").get_by_role("listitem")
    result = [names.nth(i).get_attribute("aria-label") for i in range(names.count())]
    page.keyboard.press("Escape")
    expect(page.get_by_role("list", name="People here")).to_have_count(0)
    return result


def test_owner_edits_live_for_a_view_guest_who_cannot_edit(live_asgi, page: Page, browser: Browser, user, password):
    design = two_node_design(user)
    open_as_owner(page, live_asgi.url, user, password, design)
    url = create_link(page, "Can view", "Watchers")
    dialog = page.get_by_role("dialog", name="Share this design")
    dialog.get_by_role("button", name="Copy").click()
    expect(dialog.get_by_role("button", name="Copied")).to_be_visible()
    links = dialog.get_by_role("table", name="Share links")
    expect(links.get_by_role("row")).to_have_count(2)
    expect(links.get_by_role("row").nth(1)).to_have_text(re.compile(r"^WatchersCan viewNeverActive"))
    page.screenshot(path=f"{SHOTS}/collab_share_dialog.png")
    dialog.get_by_role("button", name="Close").click()

    guest = join_as_guest(browser, url, "Watcher")
    expect(page.get_by_role("button", name="People here: 2")).to_be_visible()
    assert people(page) == [f"{user.username} (you), Owner", "Watcher (guest), Can view"]
    assert people(guest) == ["Watcher (guest) (you), Can view", f"{user.username}, Owner"]

    # The owner renames a component: the guest sees it live.
    node(page, "Kafka", "Kafka").click()
    label = page.get_by_role("textbox", name="Label", exact=True)
    label.fill("Events")
    label.press("Enter")
    expect(node(guest, "Events", "Kafka")).to_be_visible()

    # Cursors and selections travel both ways, in the mover's colour.
    box = node(guest, "Model server", "Model server").bounding_box()
    guest.mouse.move(box["x"] + 20, box["y"] + 20)
    node(guest, "Model server", "Model server").click()
    expect(page.get_by_label("Watcher (guest)'s pointer")).to_be_visible()
    expect(page.get_by_label("Selected by Watcher")).to_be_visible()
    page.mouse.move(300, 420)
    expect(guest.get_by_label(f"{user.username}'s pointer")).to_be_visible()
    expect(guest.get_by_label(f"Selected by {user.username}")).to_be_visible()
    page.screenshot(path=f"{SHOTS}/collab_owner_presence.png")
    guest.screenshot(path=f"{SHOTS}/collab_view_guest.png")

    # The guest cannot edit: no palette, no Share, no Comment mode, a read-only label, and the server refuses a forced op.
    expect(guest.get_by_role("button", name="Add Kafka")).to_have_count(0)
    expect(guest.get_by_role("button", name="Share", exact=True)).to_have_count(0)
    expect(guest.get_by_role("button", name="Comment", exact=True)).to_have_count(0)
    expect(guest.get_by_role("textbox", name="Label", exact=True)).to_be_disabled()
    guest.get_by_role("tab", name="Comments").click()
    expect(guest.get_by_role("textbox", name="Comment")).to_have_count(0)
    ws_path = url.replace("http://", "ws://").replace("/s/", "/ws/s/")
    answers = guest.evaluate(
        """(url) => new Promise((resolve) => {
        const ws = new WebSocket(url);
        const seen = [];
        ws.onmessage = (m) => {
            const msg = JSON.parse(m.data);
            if (msg.type === "session.welcome") {
                ws.send(JSON.stringify({type: "op.submit", client_op_id: "force-1", base_version: msg.version,
                                        ops: [{op: "title.set", title: "Hijacked"}]}));
                ws.send(JSON.stringify({type: "comment.create", target: {node: "k"}, body: "sneaky"}));
            } else if (msg.type === "op.reject" || msg.type === "error") {
                seen.push([msg.type, msg.code]);
                if (seen.length === 2) { ws.close(); resolve(seen); }
            }
        };
    })""",
        ws_path,
    )
    assert sorted(answers) == [["error", "forbidden"], ["op.reject", "forbidden"]]
    design.refresh_from_db()
    assert [design.version, design.title] == [2, "Recs"]  # version 2 is the owner's rename; the forced op left no trace
    assert [n["label"] for n in design.document["nodes"]] == ["Events", "Model server"]
    assert design.comments.count() == 0


def test_comment_guest_pins_a_comment_the_owner_sees_live_and_resolves(
    live_asgi, page: Page, browser: Browser, user, password
):
    from designer.sharing.services import share_link_create

    design = two_node_design(user)
    _, token = share_link_create(design=design, role="comment")
    open_as_owner(page, live_asgi.url, user, password, design)
    page.get_by_role("tab", name="Comments").click()
    expect(page.get_by_text("No open comments.")).to_be_visible()
    guest = join_as_guest(browser, f"{live_asgi.url}/s/{token}/", "Critic")
    expect(guest.get_by_role("button", name="Add Kafka")).to_have_count(0)

    # Comment mode: click the component, write, send. The body is hostile markup that must stay text.
    hostile = "<img src=x onerror=\"document.title='pwned'\"> Why is the ranker synchronous?"
    guest.get_by_role("button", name="Comment", exact=True).click()
    box = node(guest, "Model server", "Model server").bounding_box()
    guest.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # through the comment-mode layer
    draft = guest.get_by_role("dialog", name="New comment")
    expect(draft).to_contain_text("On Model server")
    draft.get_by_role("textbox", name="Comment").fill(hostile)
    guest.screenshot(path=f"{SHOTS}/collab_comment_draft.png")
    draft.get_by_role("button", name="Comment").click()

    thread = page.get_by_role("article", name="Comment by Critic (guest) on Model server")
    expect(thread.locator(".collab-body")).to_have_text(hostile)
    expect(page.get_by_role("button", name="Open comment by Critic (guest) on Model server")).to_be_visible()
    expect(page.get_by_role("radio", name="Open 1")).to_be_visible()
    assert page.locator(".collab-thread img").count() == 0
    assert page.title() != "pwned" and guest.title() != "pwned"

    # The owner replies; the guest sees the reply under the thread.
    thread.get_by_role("button", name="Reply").click()
    thread.get_by_role("textbox", name="Reply").fill("Latency budget: it must answer in 50 ms.")
    thread.get_by_role("button", name="Reply").click()
    guest_thread = guest.get_by_role("article", name="Comment by Critic (guest) on Model server")
    expect(guest_thread.locator(".collab-replies")).to_have_text(
        re.compile(rf"^{user.username}.*Latency budget: it must answer in 50 ms\.$")
    )
    page.screenshot(path=f"{SHOTS}/collab_owner_comments.png")

    # The pin opens the thread; the owner resolves it and it leaves everyone's open list and canvas.
    page.get_by_role("button", name="Open comment by Critic (guest) on Model server").click()
    expect(thread).to_have_class(re.compile(r"\bopen\b"))
    thread.get_by_role("button", name="Resolve").click()
    expect(guest.get_by_role("button", name="Open comment by Critic (guest) on Model server")).to_have_count(0)
    expect(guest.get_by_role("radio", name="Resolved 1")).to_be_visible()
    expect(page.get_by_text("No open comments.")).to_be_visible()
    page.get_by_role("radio", name="Resolved 1").click()
    expect(thread.get_by_role("button", name="Reopen")).to_be_visible()
    # The owner pins a note to an empty spot of the canvas; the guest gets it as a new open thread with a pin.
    page.get_by_role("button", name="Comment", exact=True).click()
    canvas = page.get_by_role("application").bounding_box()
    page.mouse.click(canvas["x"] + 150, canvas["y"] + 500)
    draft = page.get_by_role("dialog", name="New comment")
    expect(draft).to_contain_text("On the canvas")
    draft.get_by_role("textbox", name="Comment").fill("Add a fallback here")
    draft.get_by_role("button", name="Comment").click()
    expect(guest.get_by_role("article", name=f"Comment by {user.username} on the canvas")).to_contain_text(
        "Add a fallback here"
    )
    expect(guest.get_by_role("button", name=f"Open comment by {user.username} on the canvas")).to_be_visible()

    node_comment, point_comment = design.comments.filter(parent=None).order_by("id")
    assert [node_comment.body, node_comment.resolved, node_comment.target] == [hostile, True, {"node": "ms"}]
    assert list(design.comments.filter(parent=node_comment).values_list("author_name", "body")) == [
        (user.username, "Latency budget: it must answer in 50 ms.")
    ]
    assert [point_comment.body, point_comment.resolved, list(point_comment.target)] == [
        "Add a fallback here",
        False,
        ["point"],
    ]


def test_revoking_a_link_closes_the_guest_session_with_a_clear_message(
    live_asgi, page: Page, browser: Browser, user, password
):
    design = two_node_design(user)
    open_as_owner(page, live_asgi.url, user, password, design)
    url = create_link(page, "Can edit", "Pair session")
    page.get_by_role("dialog", name="Share this design").get_by_role("button", name="Close").click()
    guest = join_as_guest(browser, url, "Pair")
    expect(guest.get_by_role("button", name="Add Kafka")).to_be_visible()
    expect(page.get_by_role("button", name="People here: 2")).to_be_visible()

    page.get_by_role("button", name="Share", exact=True).click()
    dialog = page.get_by_role("dialog", name="Share this design")
    dialog.get_by_role("button", name="Revoke Pair session").click()
    expect(dialog.get_by_role("table", name="Share links").get_by_role("row").nth(1)).to_have_text(
        re.compile(r"^Pair sessionCan editNeverRevoked$")
    )

    ended = guest.get_by_role("alertdialog", name="This share link was revoked")
    expect(ended).to_be_visible()
    expect(guest.locator(".editor")).to_have_attribute("inert", "")
    expect(page.get_by_role("button", name="People here: 1")).to_be_visible()
    guest.screenshot(path=f"{SHOTS}/collab_revoked.png")
    # Nothing under the message reacts: a click on a component and a Delete change nothing.
    node(guest, "Kafka", "Kafka").click(force=True)
    guest.keyboard.press("Delete")
    expect(node(guest, "Kafka", "Kafka")).to_have_count(1)
    design.refresh_from_db()
    assert [n["label"] for n in design.document["nodes"]] == ["Kafka", "Model server"]


def test_the_editor_says_reconnecting_while_offline_and_catches_up_after(
    live_asgi, page: Page, browser: Browser, user, password
):
    from designer.sharing.services import share_link_create

    design = two_node_design(user)
    _, token = share_link_create(design=design, role="view")
    open_as_owner(page, live_asgi.url, user, password, design)
    guest = join_as_guest(browser, f"{live_asgi.url}/s/{token}/", "Watcher")
    expect(page.get_by_role("button", name="People here: 2")).to_be_visible()

    guest.context.set_offline(True)
    banner = guest.get_by_role("status").filter(
        has_text="Reconnecting… You will catch up on changes when the connection is back."
    )
    expect(banner).to_be_visible()
    expect(guest.get_by_role("button", name=re.compile(r"^People here"))).to_have_count(0)
    guest.screenshot(path=f"{SHOTS}/collab_reconnecting.png")
    node(page, "Kafka", "Kafka").click()
    page.get_by_role("textbox", name="Label", exact=True).fill("Events")
    page.get_by_role("textbox", name="Label", exact=True).press("Enter")

    guest.context.set_offline(False)
    expect(banner).to_have_count(0)
    expect(node(guest, "Events", "Kafka")).to_be_visible()
    expect(guest.get_by_role("button", name="People here: 2")).to_be_visible()


@pytest.mark.parametrize("role", ["view", "comment"])
def test_a_read_only_guest_sees_the_connections_between_the_cards(live_asgi, browser: Browser, user, role):
    # A read-only card once mounted without its handle elements, and React Flow then drew none of its edges.
    from designer.sharing.services import share_link_create

    design = two_node_design(user)
    document = design.document
    document["edges"] = [{"id": "e1", "source": "k", "target": "ms", "kind": "data"}]
    design = services.design_create(owner=user, title="Recs", document=document)
    _, token = share_link_create(design=design, role=role)
    guest = join_as_guest(browser, f"{live_asgi.url}/s/{token}/", "Watcher")

    line = guest.locator(".react-flow__edge-path")
    expect(line).to_have_count(1)
    kafka = node(guest, "Kafka", "Kafka").bounding_box()
    server = node(guest, "Model server", "Model server").bounding_box()
    drawn = line.bounding_box()
    assert kafka and server and drawn
    # From Kafka's right side to the model server's left side (the arrow head stops a few pixels short).
    assert abs(drawn["x"] - (kafka["x"] + kafka["width"])) <= 6
    assert abs(drawn["x"] + drawn["width"] - server["x"]) <= 6
    expect(guest.locator(".react-flow__handle.connectable")).to_have_count(0)
    # Nothing in sight offers an edit they cannot make: no Undo/Redo, and the Inspector says what they can do.
    expect(guest.get_by_role("group", name="History")).to_have_count(0)
    expect(guest.locator(".panel-empty")).to_have_text("Select a component or connection to see its details.")
