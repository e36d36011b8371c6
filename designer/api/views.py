"""Designs CRUD, operations and stateless validation."""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from designer import selectors, services
from designer.document import check_document, json_schema
from designer.validation.engine import validate_design

from .errors import problems_response
from .serializers import (
    DesignCreateSerializer,
    DesignSerializer,
    DesignSummarySerializer,
    DesignWriteSerializer,
    OpsSerializer,
)


def _author(request) -> str:
    return request.user.get_username() if request.user.is_authenticated else ""


class DesignListView(APIView):
    @extend_schema(responses=DesignSummarySerializer(many=True))
    def get(self, request):
        designs = selectors.design_list_for_user(request.user)
        return Response(DesignSummarySerializer(designs, many=True).data)

    @extend_schema(request=DesignCreateSerializer, responses={201: DesignSerializer})
    def post(self, request):
        body = DesignCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        design = services.design_create(
            owner=request.user, document=body.validated_data.get("document"), title=body.validated_data.get("title")
        )
        return Response(DesignSerializer(design).data, status=status.HTTP_201_CREATED)


class DesignDetailView(APIView):
    @extend_schema(responses=DesignSerializer)
    def get(self, request, design_id: int):
        design = selectors.design_get_for_user(request.user, design_id)
        response = Response(DesignSerializer(design).data)
        response["ETag"] = f'"{design.version}"'
        return response

    @extend_schema(
        request=DesignWriteSerializer,
        responses={
            200: DesignSerializer,
            400: OpenApiResponse(description="invalid document"),
            409: OpenApiResponse(description="stale version: the body carries the current document"),
        },
    )
    def put(self, request, design_id: int):
        selectors.design_get_for_user(request.user, design_id)
        body = DesignWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        design = services.design_replace(
            design_id=design_id,
            owner=request.user,
            document=body.validated_data["document"],
            expected_version=body.validated_data.get("version"),
            author=_author(request),
        )
        return Response(DesignSerializer(design).data)

    @extend_schema(responses={204: None})
    def delete(self, request, design_id: int):
        design = selectors.design_get_for_user(request.user, design_id)
        services.design_delete(design=design)
        return Response(status=status.HTTP_204_NO_CONTENT)


class DesignOpsView(APIView):
    """Apply operations (the same vocabulary as the websocket); retries with the same client_op_id apply once."""

    @extend_schema(
        parameters=[OpenApiParameter("since", int, description="return batches after this version")],
        responses={200: dict},
    )
    def get(self, request, design_id: int):
        """Batches after `since`, oldest first: what a client that missed broadcasts replays."""
        design = selectors.design_get_for_user(request.user, design_id)
        try:
            since = int(request.query_params.get("since", "0"))
        except ValueError:
            return Response({"detail": "since must be a whole number"}, status=status.HTTP_400_BAD_REQUEST)
        batches = selectors.operations_since(design, since)
        return Response(
            {
                "version": design.version,
                "batches": [
                    {"version": b.version, "ops": b.ops, "client_op_id": b.client_op_id, "author": b.author}
                    for b in batches
                ],
            }
        )

    @extend_schema(request=OpsSerializer, responses={200: dict})
    def post(self, request, design_id: int):
        selectors.design_get_for_user(request.user, design_id)
        body = OpsSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        result = services.design_apply_ops(
            design_id=design_id,
            ops=body.validated_data["ops"],
            author=_author(request),
            user=request.user,
            client_op_id=body.validated_data.get("client_op_id", ""),
        )
        return Response({"version": result.version, "applied": result.applied, "duplicate": result.duplicate})


class ValidateView(APIView):
    """Stateless: a document in, findings out (or every format problem, with paths)."""

    permission_classes = [AllowAny]

    @extend_schema(request=dict, responses={200: dict, 400: OpenApiResponse(description="invalid document")})
    def post(self, request):
        problems = check_document(request.data)
        if problems:
            return problems_response(problems)
        findings = validate_design(request.data)
        return Response({"findings": [f.as_dict() for f in findings]})


class DesignFindingsView(APIView):
    @extend_schema(responses={200: dict})
    def get(self, request, design_id: int):
        design = selectors.design_get_for_user(request.user, design_id)
        findings = validate_design(design.document)
        return Response({"version": design.version, "findings": [f.as_dict() for f in findings]})


class DocumentSchemaView(APIView):
    """The JSON Schema of mlsd-design/1, at a stable URL."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(responses={200: dict})
    def get(self, request):
        return Response(json_schema(), content_type="application/schema+json")
