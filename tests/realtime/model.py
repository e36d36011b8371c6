"""A pure-Python model of the client sync algorithm, kept only for the Redis restart test until it drives the TypeScript client (e-editor-state).

It keeps the confirmed document (server order), the unacknowledged batches, and a buffer of
versions that arrived out of order; it asks for a resync when a version is missing.
"""

from __future__ import annotations

import contextlib
import copy

from designer.ops import OpError, apply_ops


class ModelClient:
    def __init__(self, name: str):
        self.name = name
        self.confirmed: dict | None = None
        self.version = 0
        self.pending: list[tuple[str, list]] = []  # sent or to be sent, oldest first
        self.buffer: dict[int, tuple[list, str]] = {}
        self.acked: set[str] = set()
        self.committed: set[str] = set()  # acknowledged with a version of their own
        self.rejected: set[str] = set()
        self.sync_outstanding = False
        self.outbox: list[dict] = []

    # -- local edits ----------------------------------------------------------------------
    def local(self) -> dict:
        """The document the user sees: confirmed plus pending batches (a batch that no longer applies is skipped)."""
        doc = copy.deepcopy(self.confirmed)
        for _, ops in self.pending:
            with contextlib.suppress(OpError):
                doc, _ = apply_ops(doc, ops)
        return doc

    def submit(self, client_op_id: str, ops: list) -> dict:
        self.pending.append((client_op_id, ops))
        return {"type": "op.submit", "client_op_id": client_op_id, "base_version": self.version, "ops": ops}

    # -- connection -----------------------------------------------------------------------
    def on_connected(self, welcome: dict) -> list[dict]:
        """Messages to send after a (re)connect: a resync from where we were, then every pending batch again."""
        self.sync_outstanding = False
        self.buffer.clear()
        out: list[dict] = []
        if self.confirmed is None:
            self.confirmed, self.version = welcome["document"], welcome["version"]
        elif welcome["version"] != self.version:
            out.append({"type": "sync.request", "since": self.version})
            self.sync_outstanding = True
        out += [
            {"type": "op.submit", "client_op_id": cid, "base_version": self.version, "ops": ops}
            for cid, ops in self.pending
        ]
        return out

    # -- from the server ------------------------------------------------------------------
    def on_message(self, message: dict) -> list[dict]:
        kind = message["type"]
        if kind == "op.applied":
            self.buffer[message["version"]] = (message["ops"], message["client_op_id"])
        elif kind == "op.ack":
            cid = message["client_op_id"]
            batch = next((ops for pid, ops in self.pending if pid == cid), None)
            self.acked.add(cid)
            if message["changed"] or message["duplicate"]:
                self.committed.add(cid)
            if batch is None:
                pass
            elif not message["changed"] and not message["duplicate"]:
                self._drop(cid)  # every target was already gone: no version was produced
            elif message["version"] <= self.version:
                self._drop(cid)  # already part of the confirmed document (seen through a resync)
            else:
                self.buffer[message["version"]] = (batch, cid)
        elif kind == "op.reject":
            self.rejected.add(message["client_op_id"])
            self._drop(message["client_op_id"])
        elif kind == "sync.batches":
            self.sync_outstanding = False
            for batch in message["batches"]:
                self.buffer[batch["version"]] = (batch["ops"], batch["client_op_id"])
        elif kind == "sync.snapshot":
            self.sync_outstanding = False
            self.confirmed, self.version = message["document"], message["version"]
        elif kind == "session.pong" and message["version"] > self.version and not self.buffer:
            self.buffer[message["version"]] = None  # a marker: something up to there is missing
        self._drain()
        return self._gap()

    def _drop(self, cid: str) -> None:
        self.pending = [(pid, ops) for pid, ops in self.pending if pid != cid]

    def _drain(self) -> None:
        while self.buffer.get(self.version + 1) is not None:
            ops, cid = self.buffer.pop(self.version + 1)
            self.confirmed, _ = apply_ops(self.confirmed, ops)
            self.version += 1
            if cid:
                self._drop(cid)
        for version in [v for v in self.buffer if v <= self.version]:
            del self.buffer[version]

    def _gap(self) -> list[dict]:
        if self.buffer and not self.sync_outstanding:
            self.sync_outstanding = True
            return [{"type": "sync.request", "since": self.version}]
        return []

    @property
    def settled(self) -> bool:
        return not self.pending and not self.buffer and not self.sync_outstanding
