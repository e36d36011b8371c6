"""Writes: every change to a design goes through these functions (persist first, then broadcast)."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from . import limits, offload
from .broadcast import broadcast_operations
from .db import JSONText, StoredJSON, stored_text
from .document import blank_document, canonical_document, validate_document
from .models import Design, Operation
from .ops import OpError, apply_ops


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
    ops = [{"op": "document.replace", "document": document}]
    _commit(
        design,
        JSONText(json.dumps(document)),
        _title_of(document),
        JSONText(json.dumps(ops)),
        author=author,
        user=owner,
    )
    design.document = document
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
    design: Design,
    document: JSONText,
    title: str,
    ops: JSONText,
    *,
    author: str,
    user,
    client_op_id: str = "",
    author_key: str = "",
) -> None:
    """Store `document` as `design`'s next version, log `ops`, and broadcast them once committed: both as
    JSON text, written and relayed as they are."""
    design.document = StoredJSON(document)  # an expression, written as it is
    design.title = title
    design.version += 1
    design.save(update_fields=["document", "title", "version", "updated_at"])
    del design.document  # read back from the database if it is used again (a deferred field)
    Operation.objects.create(
        design=design,
        version=design.version,
        ops=StoredJSON(ops),
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


def apply_encoded(document: str, ops: list | JSONText) -> tuple[JSONText, str, JSONText, list[bool]]:
    """`apply_ops` on a stored document's JSON text: (the new document's text, its title, the ops' text,
    which ops applied). A worker process's job when the design or the batch is large (designer/offload.py)."""
    parsed = json.loads(ops) if isinstance(ops, JSONText) else ops
    result, applied = apply_ops(canonical_document(json.loads(document)), parsed)
    ops_text = ops if isinstance(ops, JSONText) else JSONText(json.dumps(parsed))
    return JSONText(json.dumps(result)), _title_of(result), ops_text, applied


class _CheckFirst(Exception):
    """Leaves the write transaction, writing nothing, to check a large batch outside it."""

    def __init__(self, version: int, text: str):
        self.version, self.text = version, text


def _check(text: str, ops: list | JSONText):
    """`apply_encoded`'s result, or the OpError it raised (to be raised where the write would be)."""
    try:
        return offload.run(apply_encoded, text, ops)
    except OpError as exc:
        return exc


def design_apply_ops(
    *,
    design_id: int,
    ops: list | JSONText,
    author: str = "",
    user=None,
    client_op_id: str = "",
    author_key: str = "",
    guard: Callable[[], None] | None = None,
) -> OpsResult:
    """Apply a batch of operations atomically: validate, persist, log, then broadcast.

    A batch whose `client_op_id` the same author (`author_key`, see Access) already applied is not
    applied again: the result points at the version it produced (retries after a lost
    acknowledgement are safe). Another author's batch with that id is a different batch. `guard` runs
    first inside the transaction (the share link's re-check), and may refuse by raising.

    `ops` may be given as their JSON text (a large websocket frame, parsed and shape-checked in a worker):
    the stored document is read, checked and written as text too, so a large design's check runs in a
    worker process (designer/offload.py) and this process only moves strings. That check runs outside
    the write transaction: SQLite has one writer for the whole database, and a transaction that held it
    while a worker checked a 5,000-node document (0.5 s) stalled every other room's edits. The
    transaction then writes the outcome if the design is still at the version checked, else checks
    again inside it.
    """
    ahead = None
    while True:
        try:
            return _apply(design_id, ops, author, user, client_op_id, author_key, guard, ahead)
        except _CheckFirst as first:
            ahead = (first.version, _check(first.text, ops))


def _apply(design_id, ops, author, user, client_op_id, author_key, guard, ahead) -> OpsResult:
    try:
        with transaction.atomic():
            if guard is not None:
                guard()
            design = (
                Design.objects.select_for_update()
                .defer("document")
                .annotate(document_text=stored_text("document"))
                .get(pk=design_id)
            )
            if client_op_id:
                done = Operation.objects.filter(design=design, author_key=author_key, client_op_id=client_op_id).first()
                if done is not None:
                    return OpsResult(version=done.version, applied=[], duplicate=True)
            if ahead is not None and ahead[0] == design.version:
                outcome = ahead[1]
            elif ahead is None and offload.large(design.document_text, ops):
                raise _CheckFirst(design.version, design.document_text)
            else:  # small, or changed since it was checked
                outcome = _check(design.document_text, ops)
            if isinstance(outcome, OpError):
                raise outcome
            document, title, ops_text, applied = outcome
            if not any(applied):
                return OpsResult(version=design.version, applied=applied)
            _commit(
                design,
                document,
                title,
                ops_text,
                author=author,
                user=user,
                client_op_id=client_op_id,
                author_key=author_key,
            )
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
