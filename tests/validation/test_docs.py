"""docs/rules/ is generated from the rule modules and must match them."""

from io import StringIO

from django.core.management import call_command

from designer.validation.docs import render_all
from designer.validation.registry import all_rules


def test_committed_rule_docs_are_up_to_date():
    out = StringIO()
    call_command("rule_docs", "--check", stdout=out)
    assert out.getvalue().strip() == f"docs/rules/ is up to date ({len(all_rules()) + 1} files)."


def test_each_rule_page_has_every_section():
    files = render_all()
    for rule in all_rules():
        text = files[f"{rule.id}.md"]
        for heading in ("## What it checks", "## Why it matters", "## Example (bad)", "## How to fix"):
            assert heading in text
        assert f"| [{rule.id}]({rule.id}.md) | {rule.severity} |" in files["index.md"]
