"""The rule list over the API and as pages; both are generated from the rule modules."""

from django.http import Http404
from django.shortcuts import render
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from .registry import all_rules, get_rule, rule_info


class RulesView(APIView):
    """Every validator rule: id, default severity, summary, docs sections and the url of its page."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(responses={200: dict})
    def get(self, request):
        return Response({"rules": [rule_info(rule) for rule in all_rules()]})


def rules_page(request):
    return render(request, "rules/index.html", {"rules": [rule_info(rule) for rule in all_rules()]})


def rule_page(request, rule_id: str):
    rule = get_rule(rule_id)
    if rule is None:
        raise Http404(f"No rule {rule_id!r}")
    return render(request, "rules/detail.html", {"rule": rule_info(rule)})
