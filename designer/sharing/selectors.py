"""Reads for sharing: links, comments and what a websocket room starts from (access is in access.py)."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from designer import selectors as design_selectors
from designer.models import Design

from .access import Access as Access  # re-exported: the websocket consumer's annotations name it here
from .access import link_status
from .models import Comment, ShareLink

COMMENTS_LIMIT = 1000


def share_link_status(link_id: int) -> str:
    """The link's status now: the per-connection check of open guest sockets (one indexed query)."""
    return link_status(ShareLink.objects.filter(pk=link_id).only("revoked_at", "expires_at").first())


def live_links():
    now = timezone.now()
    return ShareLink.objects.filter(revoked_at__isnull=True).filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))


def interviewer_link_for_design(design: Design) -> ShareLink | None:
    """The newest live link marked interviewer: it leads the interviews the owner starts without naming anyone."""
    return live_links().filter(design=design, interviewer=True).order_by("-created_at", "-id").first()


def share_links_for_design(design: Design):
    return ShareLink.objects.filter(design=design)


def comments_for_design(design_id: int) -> list[Comment]:
    return list(Comment.objects.filter(design_id=design_id).order_by("created_at", "id")[:COMMENTS_LIMIT])


def design_version(design_id: int) -> int | None:
    return Design.objects.filter(pk=design_id).values_list("version", flat=True).first()


def room_state(design_id: int) -> dict | None:
    """What a new websocket session starts from: the document, its version and the comments."""
    design = Design.objects.filter(pk=design_id).only("document", "version").first()
    if design is None:
        return None
    return {"version": design.version, "document": design.document, "comments": comments_for_design(design_id)}


def design_sync_since(design_id: int, since: int, max_batches: int, author_key: str = "") -> dict | None:
    """The batches after `since` when there are at most `max_batches` of them (as `author_key` sees
    them: its own with their client_op_ids), else the document."""
    design = Design.objects.filter(pk=design_id).only("document", "version").first()
    if design is None:
        return None
    if 1 <= since <= design.version and design.version - since <= max_batches:
        batches = design_selectors.operations_since(design, since, limit=max_batches)
        return {
            "version": design.version,
            "batches": [design_selectors.batch_as_seen_by(b, author_key) for b in batches],
        }
    return {"version": design.version, "document": design.document}
