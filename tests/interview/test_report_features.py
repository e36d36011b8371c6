"""The interview report lists the design's features and signals (issue 16), in the page and the Markdown, as text."""

import pytest

from .helpers import post_json

pytestmark = pytest.mark.django_db

HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture
def featured_design(api):
    design = post_json(api, "/api/designs/from-template/", {"template": "video-recommendation"}).json()
    post_json(
        api,
        f"/api/designs/{design['id']}/ops/",
        {"ops": [{"op": "feature.update", "id": "f-user-emb", "set": {"name": f"user embedding {HOSTILE}"}}]},
    )
    return design["id"]


def test_the_markdown_report_has_the_features_table_and_signals(api, featured_design):
    text = api.get(f"/designs/{featured_design}/report.md").content.decode()
    table = text[text.index("## Features (5)") : text.index("## Findings")]
    assert table.splitlines()[2:9] == [
        "| Feature | Category | Type | Freshness | Computed by | Served by |",
        "|---|---|---|---|---|---|",
        "| user embedding &lt;img src=x onerror=alert\\(1\\)&gt; | user | embedding | daily | User tower | – |",
        "| watch history, last 50 videos | user | sequence | real\\-time | Live features | Online store |",
        "| video embedding and age | item | embedding | daily | Daily features | Online store |",
        "| video views in the last hour | item | numeric | real\\-time | Live features | Online store |",
        "| time of day and device | context | categorical | real\\-time | Rec service | – |",
    ]
    assert "Signals: watch time \\(implicit, label, collected at Watch events\\); click" in table
    assert "<img" not in text


def test_the_report_page_shows_the_features_as_text(api, featured_design):
    html = api.get(f"/designs/{featured_design}/report/").content.decode()
    assert '<h2 id="features-heading">Features (5)</h2>' in html
    assert "<td>user embedding &lt;img src=x onerror=alert(1)&gt;</td><td>user</td>" in html
    assert "<td>video views in the last hour</td><td>item</td><td>numeric</td><td>real-time</td>" in html
    assert "Signals: watch time (implicit, label, collected at Watch events); click (implicit" in html
    assert HOSTILE not in html
