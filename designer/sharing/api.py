"""Share-link and comment API: the owner's link management, and guests' reads authorised by the token in the path.

Guest views use no authentication classes: the token in the path is the only credential, so
no cookie can authorise an anonymous write (DRF checks CSRF only for authenticated sessions).
"""

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from designer import selectors as design_selectors
from designer.api.serializers import OpsSerializer
from designer.models import Design
from designer.validation.engine import validate_design

from . import selectors, services
from .comments import CommentInputError, comment_as_dict
from .models import ShareLink
from .roles import LINK_ROLES, can


class ShareLinkCreateSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=LINK_ROLES)
    label = serializers.CharField(max_length=services.LABEL_MAX_CHARS, required=False, allow_blank=True, default="")
    expires_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    interviewer = serializers.BooleanField(
        required=False, default=False, help_text="holders lead the design's interviews (comment and edit links)"
    )

    def validate_expires_at(self, value):
        if value is not None and value <= timezone.now():
            raise serializers.ValidationError("must be in the future")
        return value

    def validate(self, data):
        if data.get("interviewer") and data["role"] not in services.INTERVIEWER_ROLES:
            raise serializers.ValidationError(
                {"interviewer": f"a {data['role']} link cannot be the interviewer; use a comment or edit link"}
            )
        return data


def link_as_dict(link: ShareLink, token: str | None = None) -> dict:
    data = {
        "id": link.pk,
        "role": link.role,
        "label": link.label,
        "expires_at": link.expires_at.isoformat() if link.expires_at else None,
        "created_at": link.created_at.isoformat(),
        "revoked_at": link.revoked_at.isoformat() if link.revoked_at else None,
        "status": selectors.link_status(link),
        "interviewer": link.interviewer,
    }
    if token is not None:
        data["token"] = token
        data["url"] = f"/s/{token}/"
    return data


class ShareLinkListView(APIView):
    """The owner's links to one design; POST creates one and shows its token this one time."""

    @extend_schema(responses={200: dict})
    def get(self, request, design_id: int):
        design = design_selectors.design_get_for_user(request.user, design_id)
        return Response([link_as_dict(link) for link in selectors.share_links_for_design(design)])

    @extend_schema(request=ShareLinkCreateSerializer, responses={201: dict})
    def post(self, request, design_id: int):
        design = design_selectors.design_get_for_user(request.user, design_id)
        body = ShareLinkCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        link, token = services.share_link_create(design=design, **body.validated_data)
        return Response(link_as_dict(link, token), status=status.HTTP_201_CREATED)


class ShareLinkDetailView(APIView):
    @extend_schema(responses={204: None})
    def delete(self, request, design_id: int, link_id: int):
        design = design_selectors.design_get_for_user(request.user, design_id)
        link = ShareLink.objects.filter(pk=link_id, design=design).first()
        if link is None:
            raise NotFound("No such share link on this design.")
        services.share_link_revoke(link=link)
        return Response(status=status.HTTP_204_NO_CONTENT)


class DesignCommentsView(APIView):
    """The owner's view of a design's comments, oldest first."""

    @extend_schema(responses={200: dict})
    def get(self, request, design_id: int):
        design = design_selectors.design_get_for_user(request.user, design_id)
        return Response({"comments": [comment_as_dict(c) for c in selectors.comments_for_design(design.pk)]})


class GuestView(APIView):
    """Base for /api/s/<token>/...: the token in the path is the credential; bad tokens are 404/410."""

    authentication_classes = []
    permission_classes = [AllowAny]

    def access(self, request, token: str):
        name = request.session.get("share_name", "Guest")
        access, link_state = selectors.access_for_token(token, name)
        if access is None:
            if link_state == "unknown":
                raise NotFound("This share link is not valid.")
            raise Gone(f"This share link {'was revoked' if link_state == 'revoked' else 'has expired'}.")
        return access


class Gone(NotFound):
    status_code = status.HTTP_410_GONE


class GuestDesignView(GuestView):
    @extend_schema(responses={200: dict})
    def get(self, request, token: str):
        access = self.access(request, token)
        design = Design.objects.get(pk=access.design_id)
        return Response(
            {
                "id": design.pk,
                "title": design.title,
                "version": design.version,
                "document": design.document,
                "role": access.role,
            }
        )


class GuestOpsView(GuestView):
    """Edit-link guests over HTTP: the same operations and retry rule as the owner's ops endpoint."""

    @extend_schema(responses={200: dict})
    def get(self, request, token: str):
        access = self.access(request, token)
        design = Design.objects.get(pk=access.design_id)
        try:
            since = int(request.query_params.get("since", "0"))
        except ValueError:
            raise ValidationError({"detail": "since must be a whole number"}) from None
        batches = design_selectors.operations_since(design, since)
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
    def post(self, request, token: str):
        access = self.access(request, token)
        if not can(access.role, "edit"):
            raise PermissionDenied(f"A {access.role} link cannot change the design.")
        body = OpsSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            result = services.collab_apply_ops(
                access=access, ops=body.validated_data["ops"], client_op_id=body.validated_data.get("client_op_id", "")
            )
        except services.LinkClosed as exc:
            raise Gone(f"This share link is {exc.status}.") from None
        return Response({"version": result.version, "applied": result.applied, "duplicate": result.duplicate})


class GuestCommentsView(GuestView):
    @extend_schema(responses={200: dict})
    def get(self, request, token: str):
        access = self.access(request, token)
        return Response({"comments": [comment_as_dict(c) for c in selectors.comments_for_design(access.design_id)]})

    @extend_schema(request=dict, responses={201: dict})
    def post(self, request, token: str):
        """Comment-link and edit-link guests add a thread ({target, body}) or a reply ({parent, body})."""
        access = self.access(request, token)
        if not can(access.role, "comment"):
            raise PermissionDenied(f"A {access.role} link cannot comment.")
        data = request.data if isinstance(request.data, dict) else {}
        parent = data.get("parent")
        if parent is not None and (isinstance(parent, bool) or not isinstance(parent, int)):
            raise ValidationError({"detail": "parent must be a comment id"})
        try:
            comment = services.comment_create(
                access=access, target=data.get("target"), body=data.get("body"), parent_id=parent
            )
        except CommentInputError as exc:
            raise ValidationError({"detail": str(exc)}) from None
        except services.LinkClosed as exc:
            raise Gone(f"This share link is {exc.status}.") from None
        return Response(comment_as_dict(comment), status=status.HTTP_201_CREATED)


class GuestFindingsView(GuestView):
    @extend_schema(responses={200: dict})
    def get(self, request, token: str):
        access = self.access(request, token)
        design = Design.objects.get(pk=access.design_id)
        return Response(
            {"version": design.version, "findings": [f.as_dict() for f in validate_design(design.document)]}
        )
