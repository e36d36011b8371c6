"""Designs over the API: list and create (accounts), read, replace, delete and operations (one design)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from designer import selectors, services
from designer.document import json_schema
from designer.models import Design
from designer.sharing import services as sharing_services
from designer.sharing.http import DesignAPIView

from .serializers import (
    DesignCreateSerializer,
    DesignReadSerializer,
    DesignSerializer,
    DesignSummarySerializer,
    DesignWriteSerializer,
    OpsResultSerializer,
    OpsSerializer,
    OpsSinceSerializer,
    SinceSerializer,
)


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


class DesignDetailView(DesignAPIView):
    """One design: every link reads it (with its role); its owner replaces or deletes it."""

    abilities = {"GET": "read", "PUT": "own", "DELETE": "own"}

    @extend_schema(responses=DesignReadSerializer)
    def get(self, request, **route):
        design = Design.objects.get(pk=self.access.design_id)
        response = Response({**DesignSerializer(design).data, "role": self.access.role})
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
    def put(self, request, **route):
        body = DesignWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        design = services.design_replace(
            design_id=self.access.design_id,
            owner=request.user,
            document=body.validated_data["document"],
            expected_version=body.validated_data.get("version"),
            author=self.access.name,
        )
        return Response(DesignSerializer(design).data)

    @extend_schema(responses={204: None})
    def delete(self, request, **route):
        services.design_delete(design=Design.objects.get(pk=self.access.design_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class DesignOpsView(DesignAPIView):
    """Operations (the same vocabulary as the websocket): every link replays them, edit links and the
    owner apply them; retries with the same client_op_id apply once."""

    abilities = {"GET": "read", "POST": "edit"}

    @extend_schema(parameters=[SinceSerializer], responses=OpsSinceSerializer)
    def get(self, request, **route):
        """Batches after `since`, oldest first: what a client that missed broadcasts replays."""
        design = Design.objects.get(pk=self.access.design_id)
        try:
            since = int(request.query_params.get("since", "0"))
        except ValueError:
            raise ValidationError({"detail": "since must be a whole number"}) from None
        batches = selectors.operations_since(design, since)
        return Response(
            {
                "version": design.version,
                "batches": [selectors.batch_as_seen_by(b, self.access.author_key) for b in batches],
            }
        )

    @extend_schema(request=OpsSerializer, responses=OpsResultSerializer)
    def post(self, request, **route):
        body = OpsSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        result = sharing_services.collab_apply_ops(
            access=self.access, ops=body.validated_data["ops"], client_op_id=body.validated_data.get("client_op_id", "")
        )
        return Response({"version": result.version, "applied": result.applied, "duplicate": result.duplicate})


class DocumentSchemaView(APIView):
    """The JSON Schema of mlsd-design/1, at a stable URL."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(responses={(200, "application/schema+json"): OpenApiTypes.OBJECT})
    def get(self, request):
        return Response(json_schema(), content_type="application/schema+json")
