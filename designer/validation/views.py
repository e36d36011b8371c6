"""The rule list and each rule's page, generated from the rule modules (the API is in api.py)."""

from django.http import Http404
from django.shortcuts import render

from .registry import all_rules, get_rule, rule_info


def rules_page(request):
    return render(request, "rules/index.html", {"rules": [rule_info(rule) for rule in all_rules()]})


def rule_page(request, rule_id: str):
    rule = get_rule(rule_id)
    if rule is None:
        raise Http404(f"No rule {rule_id!r}")
    return render(request, "rules/detail.html", {"rule": rule_info(rule)})
