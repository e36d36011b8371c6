"""Writes: every change to a design goes through these functions (persist first, then broadcast)."""

from __future__ import annotations

import copy
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from . import limits, offload
from .broadcast import broadcast_operations
from .document import blank_document, validate_document
from .models import Design, Operation
from .ops import apply_ops


class VersionConflict(Exception):
    """A write based on an older version than the stored one."""

    def __init__(self, design: Design):
        self.design = design
        super().__init__(f"design {design.pk} is at version {design.version}")


@dataclass
class OpsResult:
    version: int
    applied: list[bool]
    duplicate: bool = False


def _title_of(document: dict) -> str:
    return (document.get("title") or "").strip() or "Untitled design"


@transaction.atomic
def design_create(*, owner, document: dict | None = None, title: str | None = None) -> Design:
    """Create a design from a valid document (or a blank one)."""
    document = copy.deepcopy(document) if document is not None else blank_document(title or "Untitled design")
    if title is not None:
        document["title"] = title
    validate_document(document)
    design = Design.objects.create(owner=owner, title=_title_of(document), document=document, version=1)
    # Version 1 is logged as a replace, so the history replays from the very first state.
    Operation.objects.create(
        design=design,
        version=1,
        ops=[{"op": "document.replace", "document": document}],
        author=owner.get_username()[:100],
        user=owner,
    )
    return design


@transaction.atomic
def design_replace(*, design_id: int, owner, document: dict, expected_version: int | None, author: str = "") -> Design:
    """Replace a design's whole document; refuse (VersionConflict) when `expected_version` is stale."""
    validate_document(document)
    design = Design.objects.select_for_update().get(pk=design_id, owner=owner)
    if expected_version is not None and expected_version != design.version:
        raise VersionConflict(design)
    op = {"op": "document.replace", "document": document}
    _commit(design, document, [op], author=author, user=owner)
    return design


@transaction.atomic
def design_rename(*, design: Design, title: str, author: str = "") -> Design:
    """Rename a design (its document title follows)."""
    result = design_apply_ops(
        design_id=design.pk, ops=[{"op": "title.set", "title": title}], author=author, user=design.owner
    )
    design.refresh_from_db()
    assert result.version == design.version
    return design


@transaction.atomic
def design_duplicate(*, design: Design, owner) -> Design:
    """A copy of a design, owned by `owner`, titled "<title> (copy)"."""
    document = copy.deepcopy(design.document)
    document["title"] = f"{_title_of(document)} (copy)"[: limits.LABEL_CHARS]
    return design_create(owner=owner, document=document)


@transaction.atomic
def design_delete(*, design: Design) -> None:
    design.delete()


def _commit(
    design: Design, document: dict, ops: list[dict], *, author: str, user, client_op_id: str = "", author_key: str = ""
) -> None:
    design.document = document
    design.title = _title_of(document)
    design.version += 1
    design.save(update_fields=["document", "title", "version", "updated_at"])
    Operation.objects.create(
        design=design,
        version=design.version,
        ops=ops,
        client_op_id=client_op_id,
        author_key=author_key,
        author=author[:100],
        user=user if getattr(user, "is_authenticated", False) else None,
    )
    version = design.version
    transaction.on_commit(
        lambda: broadcast_operations(
            design.pk, version, ops, author=author, client_op_id=client_op_id, author_key=author_key
        )
    )


def design_apply_ops(
    *, design_id: int, ops: list, author: str = "", user=None, client_op_id: str = "", author_key: str = ""
) -> OpsResult:
    """Apply a batch of operations atomically: validate, persist, log, then broadcast.

    A batch whose `client_op_id` the same author (`author_key`, see Access) already applied is not
    applied again: the result points at the version it produced (retries after a lost
    acknowledgement are safe). Another author's batch with that id is a different batch.
    """
    try:
        with transaction.atomic():
            design = Design.objects.select_for_update().get(pk=design_id)
            if client_op_id:
                done = Operation.objects.filter(design=design, author_key=author_key, client_op_id=client_op_id).first()
                if done is not None:
                    return OpsResult(version=done.version, applied=[], duplicate=True)
            # A large design's check runs in a worker process (designer/offload.py), off this process's GIL.
            document, applied = offload.run(apply_ops, design.document, ops)
            if not any(applied):
                return OpsResult(version=design.version, applied=applied)
            _commit(design, document, ops, author=author, user=user, client_op_id=client_op_id, author_key=author_key)
            return OpsResult(version=design.version, applied=applied)
    except IntegrityError:
        # A concurrent retry of the same batch committed first; any other integrity failure is the
        # caller's to report (the batch was rolled back).
        done = (
            Operation.objects.filter(design_id=design_id, author_key=author_key, client_op_id=client_op_id).first()
            if client_op_id
            else None
        )
        if done is None:
            raise
        return OpsResult(version=done.version, applied=[], duplicate=True)
