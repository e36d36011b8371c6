"""Validation over the API: the rule list, stateless validation, and a saved design's findings."""

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from designer.api.heavy import BODY, heavy
from designer.api.parsers import RawJSONParser, parse_json
from designer.api.serializers import DesignFindingsSerializer, FindingsSerializer
from designer.api.throttles import throttles
from designer.document import validate_document
from designer.models import Design
from designer.sharing.http import DesignAPIView

from .registry import all_rules, rule_info
from .selectors import document_findings


class SourceSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.URLField()


class RuleDocsSerializer(serializers.Serializer):
    what = serializers.CharField()
    why = serializers.CharField()
    sources = SourceSerializer(many=True)
    example = serializers.CharField()
    fix = serializers.CharField()


class RuleInfoSerializer(serializers.Serializer):
    id = serializers.CharField()
    severity = serializers.ChoiceField(choices=["error", "warning", "info"], help_text="the default severity")
    summary = serializers.CharField()
    step = serializers.CharField(help_text="the interview step whose rubric reads this rule")
    goal = serializers.CharField()
    docs = RuleDocsSerializer()
    url = serializers.CharField(help_text="the rule's page")


class RuleListSerializer(serializers.Serializer):
    rules = RuleInfoSerializer(many=True)


class RulesView(APIView):
    """Every validator rule: id, default severity, summary, docs sections and the url of its page."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(responses=RuleListSerializer)
    def get(self, request):
        return Response({"rules": [rule_info(rule) for rule in all_rules()]})


def findings_of_body(body) -> list[dict]:
    """A posted document's findings (InvalidDocument with every format problem): a worker process's job.

    `body` is the request's bytes: a large one is parsed in the worker, not in the server's process."""
    return document_findings(validate_document(parse_json(body) if isinstance(body, bytes) else body))


class ValidateView(APIView):
    """Stateless: a document in, findings out (or every format problem, with paths)."""

    permission_classes = [AllowAny]
    throttle_classes = throttles("validate")
    parser_classes = [RawJSONParser]

    @extend_schema(request=OpenApiTypes.OBJECT, responses=FindingsSerializer)
    def post(self, request):
        # The body is parsed inside the gate too: a refused request never pays for reading it.
        return Response({"findings": heavy(request, findings_of_body, BODY)})


class DesignFindingsView(DesignAPIView):
    """A saved design's findings, for its owner and every share link."""

    abilities = {"GET": "read"}
    throttle_classes = throttles("validate")

    @extend_schema(responses=DesignFindingsSerializer)
    def get(self, request, **route):
        design = get_object_or_404(Design, pk=self.access.design_id)
        return Response({"version": design.version, "findings": heavy(request, document_findings, design.document)})
