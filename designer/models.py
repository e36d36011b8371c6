"""Designs and their operation log: fields and small properties only."""

from django.conf import settings
from django.db import models

from . import limits
from .document import canonical_document


class DocumentField(models.JSONField):
    """A design document read back with its keys in the documented order, whatever the database."""

    def from_db_value(self, value, expression, connection):
        document = super().from_db_value(value, expression, connection)
        return canonical_document(document) if isinstance(document, dict) else document


class Design(models.Model):
    """A design document owned by one account; `version` grows with every saved change."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="designs")
    title = models.CharField(max_length=limits.LABEL_CHARS)
    document = DocumentField()
    version = models.PositiveBigIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["owner", "-updated_at"])]

    def __str__(self) -> str:
        return f"{self.title} (#{self.pk}, v{self.version})"


class Operation(models.Model):
    """One accepted batch of operations on a design, in server order: the history replay reads."""

    design = models.ForeignKey(Design, on_delete=models.CASCADE, related_name="operations")
    version = models.PositiveBigIntegerField(help_text="the design version this operation produced")
    ops = models.JSONField(help_text="the batch of operations, in order")
    client_op_id = models.CharField(max_length=64, blank=True, default="")
    author_key = models.CharField(
        max_length=100,
        blank=True,
        default="",
        help_text="who wrote it (Access.author_key): client_op_ids are unique per author, not per design",
    )
    author = models.CharField(max_length=100, blank=True, default="")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["design", "version"]
        constraints = [
            models.UniqueConstraint(fields=["design", "version"], name="operation_unique_version"),
            models.UniqueConstraint(
                fields=["design", "author_key", "client_op_id"],
                condition=~models.Q(client_op_id=""),
                name="operation_unique_client_op_per_author",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.design_id}@{self.version} ({len(self.ops)} ops)"
