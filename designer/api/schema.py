"""OpenAPI generation: how our authentication looks in the schema, operation ids that never collide,
and every error status an operation can answer, documented with its body."""

from __future__ import annotations

import re

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from rest_framework import serializers
from rest_framework.permissions import AllowAny

from .serializers import ProblemSerializer


class DesignAccessScheme(OpenApiAuthenticationExtension):
    """Accounts sign in with the session cookie (and send X-CSRFToken on writes); share-link routes
    (/api/s/{token}/…) carry their credential in the path, so they need no scheme."""

    target_class = "designer.sharing.authentication.DesignAccessAuthentication"
    name = "cookieAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "cookie", "name": "sessionid"}


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="what went wrong, in words a user can act on")


class BadRequestSerializer(serializers.Serializer):
    """400: `detail` (and `problems` with paths for an invalid document or import), or, for a
    request whose fields are wrong, each field's messages under its name."""

    detail = serializers.CharField(required=False)
    problems = ProblemSerializer(many=True, required=False)


_BODY_METHODS = {"POST", "PUT", "PATCH"}
_DESIGN_PARAMS = re.compile(r"\{(design_id|token|session_id|link_id|version)\}")


class AutoSchema(SpectacularAutoSchema):
    def get_operation_id(self):
        """The path's words and parameters, then the action: /api/designs/{design_id}/history/{version}/
        GET is api_designs_design_id_history_version_retrieve (one view serves several route shapes)."""
        words = [part.strip("{}") for part in self.path.strip("/").split("/") if part]
        words = [w.replace("-", "_").replace(".", "_") for w in words]
        if self.method == "GET" and self._is_list_view():
            action = "list"
        else:
            action = self.method_mapping[self.method.lower()]
        return "_".join([*words, action])

    def error_statuses(self) -> dict[str, tuple[type, str]]:
        """The errors this operation can answer (beyond what its view declares itself)."""
        view, method = self.view, self.method
        errors: dict[str, tuple[type, str]] = {}
        public = (
            all(isinstance(p, type) and issubclass(p, AllowAny) for p in view.permission_classes)
            and not view.authentication_classes
        )
        has_query = bool(self._get_filter_parameters() or self._get_pagination_parameters()) or any(
            p.get("in") == "query" for p in self._process_override_parameters(direction="request").values()
        )
        if method in _BODY_METHODS or has_query:
            errors["400"] = (BadRequestSerializer, "the request is not valid (the body says what and where)")
        if not public:
            errors["403"] = (
                ErrorSerializer,
                "not signed in, no CSRF token on a write, or the role cannot do this",
            )
        if _DESIGN_PARAMS.search(self.path):
            errors["404"] = (ErrorSerializer, "no such design, link, interview or version (or not yours)")
        if "{token}" in self.path:
            errors["410"] = (ErrorSerializer, "the share link was revoked or has expired")
        if method in _BODY_METHODS:
            errors["413"] = (ErrorSerializer, "the body is larger than 6 MiB")
            errors["415"] = (ErrorSerializer, "the body's Content-Type is not one this operation reads")
        if view.throttle_classes or getattr(view, "heavy", False):
            errors["429"] = (ErrorSerializer, "too many requests, or heavy work busy: see Retry-After")
        for code, description in getattr(view, "error_statuses", {}).items():
            errors[str(code)] = (ErrorSerializer, description)
        return errors

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code, (serializer, description) in self.error_statuses().items():
            if code not in responses:
                responses[code] = self._get_response_for_code(serializer, code, direction=direction)
                responses[code]["description"] = description
        return responses
