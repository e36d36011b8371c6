"""Reads: which designs a user may see, and their history."""

from django.shortcuts import get_object_or_404

from .models import Design, Operation


def design_list_for_user(user):
    return Design.objects.filter(owner=user).only("id", "title", "version", "created_at", "updated_at")


def design_get_for_user(user, design_id) -> Design:
    """The user's own design, or 404 (never reveal that someone else's exists)."""
    return get_object_or_404(Design, pk=design_id, owner=user)


def operations_since(design: Design, version: int, limit: int = 1000):
    """Operations after `version`, oldest first (what a client that missed broadcasts replays)."""
    return list(Operation.objects.filter(design=design, version__gt=version).order_by("version")[:limit])


def batch_as_seen_by(operation: Operation, author_key: str) -> dict:
    """A logged batch as a client sees it: its `client_op_id` only when that client's author wrote it
    (ids are unique per author, so another's could match one of theirs and settle it wrongly)."""
    return {
        "version": operation.version,
        "ops": operation.ops,
        "author": operation.author,
        "client_op_id": operation.client_op_id if operation.author_key == author_key else "",
    }
