"""Share-link and comment API: the owner manages links; the owner and every link read comments, and
comment and edit links (and the owner) add them. Access comes from sharing/http.py."""

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from designer.models import Design

from . import selectors, services
from .comments import comment_as_dict
from .http import DesignAPIView
from .models import ShareLink
from .roles import LINK_ROLES


class ShareLinkCreateSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=LINK_ROLES)
    label = serializers.CharField(max_length=services.LABEL_MAX_CHARS, required=False, allow_blank=True, default="")  # type: ignore[assignment]  # a field named like Field.label
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


class ShareLinkOutSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    role = serializers.ChoiceField(choices=LINK_ROLES)
    label = serializers.CharField(allow_blank=True)  # type: ignore[assignment]  # a field named like Field.label
    expires_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()
    revoked_at = serializers.DateTimeField(allow_null=True)
    status = serializers.ChoiceField(choices=["ok", "revoked", "expired"])
    interviewer = serializers.BooleanField()


class ShareLinkCreatedSerializer(ShareLinkOutSerializer):
    token = serializers.CharField(help_text="shown this once: only its sha256 is stored")
    url = serializers.CharField(help_text="the share page, /s/<token>/")


class CommentOutSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    parent = serializers.IntegerField(allow_null=True, help_text="the thread's first comment, for a reply")  # type: ignore[assignment]  # a field named like .parent
    author = serializers.CharField(help_text="an account's username, or a guest's name marked \"(guest)\"")
    target = serializers.JSONField(help_text='{"node": id} | {"edge": id} | {"point": {"x", "y"}}')
    body = serializers.CharField()
    resolved = serializers.BooleanField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class CommentListSerializer(serializers.Serializer):
    comments = CommentOutSerializer(many=True)


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
        data["url"] = reverse("design-editor", kwargs={"token": token})
    return data


class ShareLinkListView(DesignAPIView):
    """The owner's links to one design; POST creates one and shows its token this one time."""

    abilities = {"GET": "own", "POST": "own"}

    @extend_schema(responses=ShareLinkOutSerializer(many=True))
    def get(self, request, **route):
        design = Design.objects.get(pk=self.access.design_id)
        return Response([link_as_dict(link) for link in selectors.share_links_for_design(design)])

    @extend_schema(request=ShareLinkCreateSerializer, responses={201: ShareLinkCreatedSerializer})
    def post(self, request, **route):
        body = ShareLinkCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        design = Design.objects.get(pk=self.access.design_id)
        link, token = services.share_link_create(design=design, **body.validated_data)
        return Response(link_as_dict(link, token), status=status.HTTP_201_CREATED)


class ShareLinkDetailView(DesignAPIView):
    abilities = {"DELETE": "own"}

    @extend_schema(responses={204: None})
    def delete(self, request, link_id: int, **route):
        link = ShareLink.objects.filter(pk=link_id, design_id=self.access.design_id).first()
        if link is None:
            raise NotFound("No such share link on this design.")
        services.share_link_revoke(link=link)
        return Response(status=status.HTTP_204_NO_CONTENT)


class CommentCreateSerializer(serializers.Serializer):
    """A new thread ({target, body}) or a reply ({parent, body}); targets and bodies are checked by comments.py."""

    target = serializers.JSONField(required=False, help_text='{"node": id} | {"edge": id} | {"point": {"x", "y"}}')
    body = serializers.JSONField(required=False, help_text="plain text, 1–2,000 characters")
    parent = serializers.IntegerField(required=False, allow_null=True, help_text="the comment this replies to")  # type: ignore[assignment]  # a field named like .parent

    def validate_parent(self, value):
        if isinstance(self.initial_data.get("parent"), bool | str):
            raise serializers.ValidationError("parent must be a comment id")
        return value


class DesignCommentsView(DesignAPIView):
    """A design's comments, oldest first; comment and edit links (and the owner) add threads and replies."""

    abilities = {"GET": "read", "POST": "comment"}

    @extend_schema(responses=CommentListSerializer)
    def get(self, request, **route):
        return Response(
            {"comments": [comment_as_dict(c) for c in selectors.comments_for_design(self.access.design_id)]}
        )

    @extend_schema(request=CommentCreateSerializer, responses={201: CommentOutSerializer})
    def post(self, request, **route):
        body = CommentCreateSerializer(data=request.data)
        if not body.is_valid():
            field, errors = next(iter(body.errors.items()))
            message = errors[0] if isinstance(errors, list) else errors
            detail = message if field == "non_field_errors" else f"{field}: {message}"
            return Response({"detail": detail}, status=status.HTTP_400_BAD_REQUEST)
        comment = services.comment_create(
            access=self.access,
            target=body.validated_data.get("target"),
            body=body.validated_data.get("body"),
            parent_id=body.validated_data.get("parent"),
        )
        return Response(comment_as_dict(comment), status=status.HTTP_201_CREATED)
