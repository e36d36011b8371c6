"""Reads: resolving a share token or an owner into an Access, listing links and comments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from designer import selectors as design_selectors
from designer.models import Design

from .models import Comment, ShareLink
from .tokens import token_hash, token_well_formed

COMMENTS_LIMIT = 1000


@dataclass(frozen=True)
class Access:
    """Who is acting on which design, in which role (and through which link, for guests)."""

    design_id: int
    role: str
    name: str
    user: object | None = None
    link_id: int | None = None
    expires_at: datetime | None = None


def link_status(link: ShareLink | None, now: datetime | None = None) -> str:
    """ "ok", "revoked", "expired" or "unknown" (no such link)."""
    if link is None:
        return "unknown"
    if link.revoked_at is not None:
        return "revoked"
    if link.expires_at is not None and link.expires_at <= (now or timezone.now()):
        return "expired"
    return "ok"


def share_link_by_token(token: str) -> ShareLink | None:
    if not token_well_formed(token):
        return None
    return ShareLink.objects.select_related("design").filter(token_hash=token_hash(token)).first()


def share_link_status(link_id: int) -> str:
    """The link's status now: the per-connection check of open guest sockets (one indexed query)."""
    return link_status(ShareLink.objects.filter(pk=link_id).only("revoked_at", "expires_at").first())


def live_links():
    now = timezone.now()
    return ShareLink.objects.filter(revoked_at__isnull=True).filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))


def access_for_token(token: str, name: str) -> tuple[Access | None, str]:
    """(Access, "ok") for a live link; (None, status) otherwise."""
    link = share_link_by_token(token)
    status = link_status(link)
    if status != "ok":
        return None, status
    return Access(
        design_id=link.design_id, role=link.role, name=name, link_id=link.pk, expires_at=link.expires_at
    ), status


def access_for_owner(user, design_id: int) -> Access | None:
    if not getattr(user, "is_authenticated", False):
        return None
    if not Design.objects.filter(pk=design_id, owner=user).exists():
        return None
    return Access(design_id=design_id, role="owner", name=user.get_username(), user=user)


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


def design_sync_since(design_id: int, since: int, max_batches: int) -> dict | None:
    """The batches after `since` when there are at most `max_batches` of them, else the document."""
    design = Design.objects.filter(pk=design_id).only("document", "version").first()
    if design is None:
        return None
    if 1 <= since <= design.version and design.version - since <= max_batches:
        batches = design_selectors.operations_since(design, since, limit=max_batches)
        return {
            "version": design.version,
            "batches": [
                {"version": b.version, "ops": b.ops, "author": b.author, "client_op_id": b.client_op_id}
                for b in batches
            ],
        }
    return {"version": design.version, "document": design.document}
