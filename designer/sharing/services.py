"""Writes for sharing: links (create, revoke), comments, and edits made through a link.

Every guest write re-checks its link inside the same transaction (row lock), so a revocation
wins even when the broadcast that closes the guest's socket is lost.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from designer.broadcast import broadcast_comment, broadcast_link_closed
from designer.models import Design
from designer.services import OpsResult, design_apply_ops

from .access import Access, link_status
from .comments import CommentInputError, clean_body, clean_target, comment_as_dict
from .models import Comment, ShareLink
from .roles import LINK_ROLES, can
from .tokens import token_hash, token_new

LABEL_MAX_CHARS = 100
#: Leading an interview means writing notes and scores, so a read-only link never leads one.
INTERVIEWER_ROLES = ("comment", "edit")


class LinkClosed(Exception):
    """The share link behind this request was revoked or has expired (status in `.status`)."""

    def __init__(self, status: str):
        self.status = status
        super().__init__(f"share link {status}")


class NotAllowed(Exception):
    """The role cannot do this (a view link cannot comment, a comment link cannot edit)."""


@transaction.atomic
def share_link_create(
    *, design: Design, role: str, label: str = "", expires_at: datetime | None = None, interviewer: bool = False
) -> tuple[ShareLink, str]:
    """A new link and its raw token: the token is returned once and never stored."""
    if role not in LINK_ROLES:
        raise ValueError(f"role must be one of {', '.join(LINK_ROLES)}")
    if interviewer and role not in INTERVIEWER_ROLES:
        raise ValueError(f"a {role} link cannot be the interviewer")
    token = token_new()
    link = ShareLink.objects.create(
        design=design,
        role=role,
        label=label[:LABEL_MAX_CHARS],
        expires_at=expires_at,
        token_hash=token_hash(token),
        interviewer=interviewer,
    )
    return link, token


@transaction.atomic
def share_link_revoke(*, link: ShareLink) -> ShareLink:
    """Revoke a link; open sockets through it are told to close once this commits."""
    link = ShareLink.objects.select_for_update().get(pk=link.pk)
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
        design_id, link_id = link.design_id, link.pk
        transaction.on_commit(lambda: broadcast_link_closed(design_id, link_id, "revoked"))
    return link


def share_link_lock_live(link_id: int | None) -> None:
    """Inside a transaction: lock the guest's link row and refuse when it is no longer live (None: no link)."""
    if link_id is None:
        return
    link = ShareLink.objects.select_for_update().only("revoked_at", "expires_at").filter(pk=link_id).first()
    status = link_status(link)
    if status != "ok":
        raise LinkClosed(status)


def collab_apply_ops(*, access: Access, ops: list, client_op_id: str) -> OpsResult:
    """Apply a batch for an owner or an edit-link guest, re-checking the link in the same transaction."""
    if not can(access.role, "edit"):
        raise NotAllowed(f"a {access.role} link cannot edit")
    return design_apply_ops(
        design_id=access.design_id,
        ops=ops,
        author=access.name,
        user=access.user,
        client_op_id=client_op_id,
        author_key=access.author_key,
        guard=lambda: share_link_lock_live(access.link_id),
    )


def _comment_saved(comment: Comment, event: str) -> None:
    payload = comment_as_dict(comment)
    transaction.on_commit(lambda: broadcast_comment(comment.design_id, event, payload))


@transaction.atomic
def comment_create(*, access: Access, target, body, parent_id: int | None = None) -> Comment:
    """A new thread (pinned to `target`) or, with `parent_id`, a reply in that thread."""
    if not can(access.role, "comment"):
        raise NotAllowed(f"a {access.role} link cannot comment")
    share_link_lock_live(access.link_id)
    body = clean_body(body)
    parent = None
    if parent_id is not None:
        parent = Comment.objects.filter(pk=parent_id, design_id=access.design_id).first()
        if parent is None:
            raise CommentInputError(f"there is no comment {parent_id} on this design")
        parent = parent.parent or parent  # threads are one level deep: a reply to a reply joins the thread
        target = parent.target
    else:
        target = clean_target(target)
    comment = Comment.objects.create(
        design_id=access.design_id,
        parent=parent,
        author_name=access.name[:100],
        target=target,
        body=body,
        author_user=access.user if getattr(access.user, "is_authenticated", False) else None,
        share_link_id=access.link_id,
    )
    _comment_saved(comment, "comment.created")
    return comment


@transaction.atomic
def comment_set_resolved(*, access: Access, comment_id, resolved: bool) -> Comment:
    """Resolve or reopen a thread (its root comment)."""
    if not can(access.role, "comment"):
        raise NotAllowed(f"a {access.role} link cannot comment")
    share_link_lock_live(access.link_id)
    if isinstance(comment_id, bool) or not isinstance(comment_id, int):
        raise CommentInputError("comment_id must be a whole number")
    comment = Comment.objects.select_for_update().filter(pk=comment_id, design_id=access.design_id).first()
    if comment is None:
        raise CommentInputError(f"there is no comment {comment_id} on this design")
    if comment.parent_id is not None:
        raise CommentInputError("only a thread's first comment can be resolved or reopened")
    if comment.resolved != resolved:
        comment.resolved = resolved
        comment.save(update_fields=["resolved", "updated_at"])
        _comment_saved(comment, "comment.updated")
    return comment
