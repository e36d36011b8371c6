"""Share links and comments: fields and small properties only."""

from django.conf import settings
from django.db import models

from designer.limits import COMMENT_CHARS
from designer.models import Design

ROLE_CHOICES = [("view", "View"), ("comment", "Comment"), ("edit", "Edit")]


class ShareLink(models.Model):
    """A capability URL to one design with a role; only the sha256 of its token is stored."""

    design = models.ForeignKey(Design, on_delete=models.CASCADE, related_name="share_links")
    role = models.CharField(max_length=10, choices=ROLE_CHOICES)
    label = models.CharField(max_length=100, blank=True, default="")
    expires_at = models.DateTimeField(null=True, blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    interviewer = models.BooleanField(
        default=False, help_text="its holders lead the design's interviews (comment and edit links only)"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(interviewer=True, role="view"), name="sharelink_view_never_interviewer"
            )
        ]

    def __str__(self) -> str:
        return f"{self.role} link #{self.pk} to design {self.design_id}"


class Comment(models.Model):
    """A comment pinned to a node, an edge or a canvas point; replies point at their thread's root."""

    design = models.ForeignKey(Design, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies")
    author_name = models.CharField(max_length=100)
    author_user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    share_link = models.ForeignKey(ShareLink, null=True, blank=True, on_delete=models.SET_NULL)
    target = models.JSONField(default=dict, help_text='{"node": id} | {"edge": id} | {"point": {"x", "y"}}')
    body = models.TextField(max_length=COMMENT_CHARS)
    resolved = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["design", "created_at"])]

    def __str__(self) -> str:
        return f"comment #{self.pk} on design {self.design_id}"
