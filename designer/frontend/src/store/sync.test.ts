// The store in a live session over a scripted socket: batches out, acks and others' ops in (in version order),
// gaps and resyncs, reconnects, presence and comments, and batches the server refuses or fails on.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakeSocket } from "../testing";
import type { DesignDocument, Op } from "../types";
import { BATCH_DELAY_MS, GAP_WAIT_MS, MAX_BATCH_FAILURES } from "./sync";
import { connectLive, createEditorStore } from "./index";

const doc = (x = 0): DesignDocument => ({ format: "mlsd-design/1", nodes: [{ id: "n1", kind: "app_service", label: "App", x, y: 0 }], edges: [] });
const move = (x: number): Op[] => [{ op: "node.update", id: "n1", set: { x } }];
const submits = (socket: FakeSocket) => socket.sent.filter((m) => m.type === "op.submit") as { client_op_id: string; base_version: number; ops: Op[] }[];

function setup(version = 3) {
  const store = createEditorStore();
  store.getState().resetFromServer(doc(), version);
  const sockets: FakeSocket[] = [];
  const { socket, stop } = connectLive(store, {
    url: "ws://127.0.0.1/ws/s/tok/",
    random: () => 0.5,
    network: null,
    createSocket: () => {
      sockets.push(new FakeSocket());
      return sockets[sockets.length - 1];
    },
  });
  const edit = (x: number) => {
    store.getState().dispatch(move(x));
    vi.advanceTimersByTime(BATCH_DELAY_MS);
  };
  const x = () => [store.getState().doc.nodes[0].x, store.getState().confirmed.nodes[0].x];
  return { store, socket, stop, sockets, edit, x, last: () => sockets[sockets.length - 1] };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("batches and acknowledgements", () => {
  it("says Saving… from the moment an edit is queued, sends it after the batch delay and is Saved on the ack", () => {
    const { store, edit, last, x } = setup();
    last().openWith({ version: 3, document: doc() });
    expect(store.getState().saveState).toBe("saved");
    store.getState().dispatch(move(40));
    expect([store.getState().saveState, last().sent.length]).toEqual(["saving", 0]);
    vi.advanceTimersByTime(BATCH_DELAY_MS);
    const [sent] = submits(last());
    expect([sent.base_version, sent.ops, sent.client_op_id]).toEqual([3, move(40), store.getState().inflight!.clientOpId]);
    edit(50); // waits: one batch at a time
    expect(submits(last())).toHaveLength(1);
    last().deliver({ type: "op.ack", client_op_id: sent.client_op_id, version: 4, duplicate: false, changed: true });
    const [, next] = submits(last());
    expect([next.base_version, next.ops]).toEqual([4, move(50)]);
    last().deliver({ type: "op.ack", client_op_id: next.client_op_id, version: 5, duplicate: false, changed: true });
    expect([store.getState().version, store.getState().inflight, store.getState().saveState, x()]).toEqual([5, null, "saved", [50, 50]]);
  });

  it("takes the welcome's document when it is newer than the one loaded, keeping edits made meanwhile", () => {
    const { store, last, x } = setup(1);
    store.getState().dispatch([{ op: "title.set", title: "Mine" }]);
    vi.advanceTimersByTime(BATCH_DELAY_MS);
    expect(store.getState().saveState).toBe("offline");
    last().openWith({ version: 4, document: doc(9) });
    expect([store.getState().version, x(), store.getState().doc.title]).toEqual([4, [9, 9], "Mine"]);
    expect(submits(last())[0]).toMatchObject({ base_version: 4, ops: [{ op: "title.set", title: "Mine" }] });
  });

  it("applies an ack that overtook the previous broadcast in version order, without a resync", () => {
    const { store, edit, last, x } = setup(1);
    last().openWith({ version: 1, document: doc() });
    edit(30);
    const [sent] = submits(last());
    last().deliver({ type: "op.ack", client_op_id: sent.client_op_id, version: 3, duplicate: false, changed: true });
    expect(store.getState().version).toBe(1);
    last().deliver({ type: "op.applied", version: 2, ops: [{ op: "node.update", id: "n1", set: { label: "Edge app" } }], author: "grace", client_op_id: "g-1" });
    vi.advanceTimersByTime(1000);
    expect(last().sent.filter((m) => m.type === "sync.request")).toEqual([]);
    expect([store.getState().version, store.getState().inflight, x(), store.getState().confirmed.nodes[0].label]).toEqual([3, null, [30, 30], "Edge app"]);
  });

  it("keeps local edits on top of others' ops, and settles a batch that changed nothing", () => {
    const { store, edit, last, x } = setup(1);
    last().openWith({ version: 1, document: doc() });
    edit(5);
    last().deliver({ type: "op.applied", version: 2, ops: move(99), author: "grace", client_op_id: "g-1" });
    expect(x()).toEqual([5, 99]);
    const [sent] = submits(last());
    last().deliver({ type: "op.ack", client_op_id: sent.client_op_id, version: 2, duplicate: false, changed: false });
    expect([store.getState().version, store.getState().inflight, x(), store.getState().saveState]).toEqual([2, null, [99, 99], "saved"]);
  });
});

describe("gaps and resyncs", () => {
  it("asks for the missing versions after a gap and replays them in order", () => {
    const { store, last, x } = setup(1);
    last().openWith({ version: 1, document: doc() });
    last().deliver({ type: "op.applied", version: 3, ops: move(3), author: "grace", client_op_id: "g-2" });
    vi.advanceTimersByTime(GAP_WAIT_MS - 1);
    expect(last().sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(last().sent).toEqual([{ type: "sync.request", since: 1 }]);
    last().deliver({
      type: "sync.batches",
      version: 3,
      batches: [
        { version: 2, ops: move(2), author: "grace", client_op_id: "g-1" },
        { version: 3, ops: move(3), author: "grace", client_op_id: "g-2" },
      ],
    });
    expect([store.getState().version, x()]).toEqual([3, [3, 3]]);
  });

  it("resyncs when a pong shows a trailing broadcast was lost, and takes a snapshot", () => {
    const { store, last, x } = setup(1);
    last().openWith({ version: 1, document: doc() });
    last().deliver({ type: "session.pong", version: 2 });
    expect(last().sent).toEqual([{ type: "sync.request", since: 1 }]);
    last().deliver({ type: "sync.snapshot", version: 2, document: doc(99) });
    expect([store.getState().version, x()]).toEqual([2, [99, 99]]);
  });

  it("asks again on the next pong when the server failed on its sync request", () => {
    const { store, last } = setup(1);
    last().openWith({ version: 1, document: doc() });
    last().deliver({ type: "session.pong", version: 2 });
    last().deliver({ type: "session.pong", version: 2 });
    last().deliver({ type: "error", code: "server_error", message: "the server could not handle this message; try again" });
    last().deliver({ type: "session.pong", version: 2 });
    expect(last().sent).toEqual([{ type: "sync.request", since: 1 }, { type: "sync.request", since: 1 }]);
    last().deliver({ type: "sync.batches", version: 2, batches: [{ version: 2, ops: move(2), author: "grace", client_op_id: "g-1" }] });
    expect(store.getState().version).toBe(2);
  });

  it("asks again after the gap wait when the server was too busy to answer its sync request (it does not stay behind)", () => {
    const { store, last } = setup(1);
    last().openWith({ version: 1, document: doc() });
    last().deliver({ type: "op.applied", version: 3, ops: move(3), author: "grace", client_op_id: "g-2" });
    vi.advanceTimersByTime(GAP_WAIT_MS);
    last().deliver({ type: "error", code: "busy", message: "the server is busy; try again in a moment" });
    last().deliver({ type: "session.pong", version: 3 }); // the gap wait is running again: no second request yet
    expect(last().sent).toEqual([{ type: "sync.request", since: 1 }]);
    vi.advanceTimersByTime(GAP_WAIT_MS);
    expect(last().sent).toEqual([
      { type: "sync.request", since: 1 },
      { type: "sync.request", since: 1 },
    ]);
    last().deliver({ type: "sync.batches", version: 3, batches: [{ version: 2, ops: move(2), author: "grace", client_op_id: "g-1" }] });
    expect([store.getState().version, store.getState().confirmed.nodes[0].x]).toEqual([3, 3]);
  });

  it("asks again on the next pong when the server was too busy to answer the sync request a pong started", () => {
    const { store, last } = setup(1);
    last().openWith({ version: 1, document: doc() });
    last().deliver({ type: "session.pong", version: 2 });
    last().deliver({ type: "error", code: "busy", message: "the server is busy; try again in a moment" });
    last().deliver({ type: "session.pong", version: 2 });
    expect(last().sent).toEqual([
      { type: "sync.request", since: 1 },
      { type: "sync.request", since: 1 },
    ]);
    last().deliver({ type: "sync.batches", version: 2, batches: [{ version: 2, ops: move(2), author: "grace", client_op_id: "g-1" }] });
    expect(store.getState().version).toBe(2);
  });

  it("starts again from a snapshot when a broadcast does not apply to its copy (it has drifted)", () => {
    const { store, last } = setup(1);
    last().openWith({ version: 1, document: doc() });
    last().deliver({ type: "op.applied", version: 2, ops: [{ op: "node.add", node: { id: "n1", kind: "cache", label: "Dup", x: 0, y: 0 } }], author: "g", client_op_id: "g-1" });
    expect(last().sent).toEqual([{ type: "sync.request", since: 0 }]);
    last().deliver({ type: "sync.snapshot", version: 2, document: doc(7) });
    expect(store.getState().version).toBe(2);
  });
});

describe("reconnecting", () => {
  it("shows Offline while reconnecting, then resyncs and resends the unsettled batch with its client_op_id", () => {
    const { store, sockets, edit, last, x } = setup(1);
    last().openWith({ version: 1, document: doc() });
    edit(5);
    const [first] = submits(last());
    edit(6);
    last().drop(1006, "");
    expect([store.getState().saveState, store.getState().connection]).toEqual(["offline", "reconnecting"]);
    edit(7); // while offline: kept, sent after the reconnect
    vi.advanceTimersByTime(500);
    last().drop(1006, "");
    vi.advanceTimersByTime(1000);
    expect(sockets.length).toBe(3);
    last().openWith({ version: 2, document: doc(5) });
    expect(last().sent).toEqual([
      { type: "sync.request", since: 1 },
      { type: "op.submit", client_op_id: first.client_op_id, base_version: 1, ops: move(5) },
    ]);
    // The first batch landed before the drop: the batches say so, and its retry comes back as a duplicate.
    last().deliver({ type: "sync.batches", version: 2, batches: [{ version: 2, ops: move(5), author: "ada", client_op_id: first.client_op_id }] });
    last().deliver({ type: "op.ack", client_op_id: first.client_op_id, version: 2, duplicate: true, changed: false });
    const [, rest] = submits(last());
    expect([rest.base_version, rest.ops]).toEqual([2, [...move(6), ...move(7)]]);
    last().deliver({ type: "op.ack", client_op_id: rest.client_op_id, version: 3, duplicate: false, changed: true });
    expect([store.getState().version, store.getState().pending, store.getState().inflight, x(), store.getState().saveState]).toEqual([3, [], null, [7, 7], "saved"]);
  });

  it("ends the session on a revoked link: Not saved, the reason as a notice, no reconnect", () => {
    const { store, sockets, last } = setup();
    last().openWith({ version: 3, document: doc(), participants: [{ id: "me", name: "ada", role: "edit", colour: "#e6194b" }] });
    last().drop(4403, "This share link was revoked");
    vi.advanceTimersByTime(60_000);
    const s = store.getState();
    expect([sockets.length, s.connection, s.saveState, s.notice, s.ended, s.peers]).toEqual([
      1, "closed", "error", { text: "This share link was revoked", tone: "error" }, { code: 4403, reason: "This share link was revoked" }, {},
    ]);
  });
});

describe("presence, comments and hints", () => {
  const ada = { id: "a", name: "ada", role: "owner" as const, colour: "#e6194b" };
  const grace = { id: "g", name: "Grace", role: "edit" as const, colour: "#4363d8" };
  const comment = (id: number, parent: number | null, resolved = false) => ({ id, parent, author: "ada", target: { node: "n1" }, body: `c${id}`, resolved, created_at: "", updated_at: "" });

  it("folds the welcome, presence, comments, interview hints and errors into the store", () => {
    const { store, last } = setup();
    last().openWith({ version: 3, document: doc(), you: ada, role: "owner", participants: [ada, grace], comments: [comment(1, null)] });
    last().deliver({ type: "presence.update", id: "g", cursor: { x: 5, y: 6 }, selection: ["n1"] });
    last().deliver({ type: "comment.updated", comment: comment(1, null, true) });
    last().deliver({ type: "comment.created", comment: comment(2, 1) });
    last().deliver({ type: "interview.changed", session: 3 });
    last().deliver({ type: "interview.revealed", session: 3, reveal: { kind: "hint", step: "data", level: 1, text: "Where do labels come from?", at: "" } });
    last().deliver({ type: "error", code: "forbidden", message: "a view link cannot comment" });
    const s = store.getState();
    expect([s.youId, s.role, s.peers.g.cursor, s.comments.map((c) => [c.id, c.resolved]), s.interviewSignal, s.notice]).toEqual([
      "a", "owner", { x: 5, y: 6 }, [[1, true], [2, false]], 3, { text: "a view link cannot comment", tone: "error" },
    ]);
    last().deliver({ type: "presence.leave", id: "g" });
    expect(Object.keys(store.getState().peers)).toEqual(["a"]);
  });

  it("coalesces presence to one message per 50 ms (latest wins) and sends comment actions", () => {
    const { store, last } = setup();
    last().openWith({ version: 3, document: doc() });
    for (let x = 1; x <= 10; x++) store.getState().sharePresence({ x, y: 0 }, ["n1"]);
    expect(last().sent).toEqual([{ type: "presence.update", cursor: { x: 1, y: 0 }, selection: ["n1"] }]);
    vi.advanceTimersByTime(50);
    expect(last().sent.slice(1)).toEqual([{ type: "presence.update", cursor: { x: 10, y: 0 }, selection: ["n1"] }]);
    vi.advanceTimersByTime(500);
    store.getState().createComment({ node: "n1" }, "Why?");
    store.getState().replyToComment(4, "Because.");
    store.getState().setCommentResolved(4, true);
    store.getState().setCommentResolved(4, false);
    expect(last().sent.slice(2)).toEqual([
      { type: "comment.create", target: { node: "n1" }, body: "Why?" },
      { type: "comment.reply", parent_id: 4, body: "Because." },
      { type: "comment.resolve", comment_id: 4 },
      { type: "comment.reopen", comment_id: 4 },
    ]);
  });
});

describe("batches the server refuses or fails on (issue 14.2)", () => {
  const label = (text: string): Op[] => [{ op: "node.update", id: "n1", set: { label: text } }];

  it("rolls back only a rejected batch, says which change and why, and sends the edits made meanwhile", () => {
    const { store, last } = setup();
    last().openWith({ version: 3, document: doc() });
    store.getState().dispatch(label("Bad\u0000"));
    vi.advanceTimersByTime(BATCH_DELAY_MS);
    store.getState().dispatch([{ op: "title.set", title: "Kept" }]);
    const [bad] = submits(last());
    last().deliver({ type: "op.reject", client_op_id: bad.client_op_id, code: "invalid_ops", problems: [{ path: "ops[0].set.label", message: "must not contain NUL characters" }] });
    const s = store.getState();
    expect([s.doc.nodes[0].label, s.doc.title, s.notice?.text]).toEqual([
      "App", "Kept", "Not saved: the server refused editing “App” (ops[0].set.label: must not contain NUL characters). It was undone; your other edits are kept.",
    ]);
    const [, kept] = submits(last());
    expect(kept.ops).toEqual([{ op: "title.set", title: "Kept" }]);
    last().deliver({ type: "op.ack", client_op_id: kept.client_op_id, version: 4, duplicate: false, changed: true });
    expect([store.getState().saveState, store.getState().confirmed.title]).toEqual(["saved", "Kept"]);
  });

  it("resends a refused batch of several changes one change per batch, so that only the bad change is lost", () => {
    const { store, last } = setup();
    last().openWith({ version: 3, document: doc() });
    store.getState().dispatch(move(10));
    store.getState().dispatch(label("Bad\u0000"));
    store.getState().dispatch([{ op: "title.set", title: "Kept" }]);
    vi.advanceTimersByTime(BATCH_DELAY_MS);
    const [together] = submits(last());
    expect(together.ops).toHaveLength(3);
    const reject = (id: string) => last().deliver({ type: "op.reject", client_op_id: id, code: "invalid_ops", problems: [{ path: "ops[0].set.label", message: "must not contain NUL characters" }] });
    reject(together.client_op_id);
    expect(store.getState().notice).toBeNull();
    const ack = (version: number) => last().deliver({ type: "op.ack", client_op_id: submits(last())[version - 3].client_op_id, version, duplicate: false, changed: true });
    expect(submits(last())[1].ops).toEqual(move(10));
    ack(4);
    expect(submits(last())[2].ops).toEqual(label("Bad\u0000"));
    reject(submits(last())[2].client_op_id);
    expect(submits(last())[3].ops).toEqual([{ op: "title.set", title: "Kept" }]);
    last().deliver({ type: "op.ack", client_op_id: submits(last())[3].client_op_id, version: 5, duplicate: false, changed: true });
    const s = store.getState();
    expect([s.confirmed.nodes[0].x, s.confirmed.nodes[0].label, s.confirmed.title, s.saveState, s.notice?.text]).toEqual([
      10, "App", "Kept", "saved", "Not saved: the server refused editing “App” (ops[0].set.label: must not contain NUL characters). It was undone; your other edits are kept.",
    ]);
  });

  it("cuts one change bigger than a batch (a tidy-up of a big design) at the server's ops per batch", () => {
    const { store, last } = setup();
    last().openWith({ version: 3, document: doc() });
    store.getState().dispatch(Array.from({ length: 501 }, (_, i) => move(i)[0]));
    vi.advanceTimersByTime(BATCH_DELAY_MS);
    const [first] = submits(last());
    last().deliver({ type: "op.ack", client_op_id: first.client_op_id, version: 4, duplicate: false, changed: true });
    expect(submits(last()).map((m) => m.ops.length)).toEqual([500, 1]);
  });

  it("gives up a batch the server answers with a server error every time, instead of Saving… forever, even across reconnects", () => {
    const { store, edit, last } = setup();
    last().openWith({ version: 3, document: doc() });
    store.getState().dispatch(label("Bad\u0000"));
    vi.advanceTimersByTime(BATCH_DELAY_MS);
    const [bad] = submits(last());
    edit(8);
    const serverError = { type: "error", code: "server_error", message: "the server could not handle this message; try again" };
    last().deliver(serverError);
    expect(store.getState().saveState).toBe("error"); // "Not saved, retrying"
    vi.advanceTimersByTime(600); // the backoff: 0.5 s ± 20 %
    expect(submits(last()).map((m) => m.client_op_id)).toEqual([bad.client_op_id, bad.client_op_id]);
    last().deliver(serverError);
    last().drop(1006); // after a reconnect the same batch is sent again
    vi.advanceTimersByTime(500);
    last().openWith({ version: 3, document: doc() });
    expect(submits(last()).map((m) => m.client_op_id)).toEqual([bad.client_op_id]);
    expect(MAX_BATCH_FAILURES).toBe(3);
    last().deliver(serverError);
    const s = store.getState();
    expect([s.doc.nodes[0].label, s.doc.nodes[0].x, s.notice?.text]).toEqual([
      "App", 8, "Not saved: the server refused editing “App” (the server could not handle this message; try again; tried 3 times). It was undone; your other edits are kept.",
    ]);
    const [, later] = submits(last());
    expect(later.ops).toEqual(move(8));
    last().deliver({ type: "op.ack", client_op_id: later.client_op_id, version: 4, duplicate: false, changed: true });
    expect([store.getState().saveState, store.getState().inflight, store.getState().pending]).toEqual(["saved", null, []]);
  });

  it("refuses at once a batch an error message names, and counts a server close (1011) on the waiting batch as a failure", () => {
    const { store, last } = setup();
    last().openWith({ version: 3, document: doc() });
    store.getState().dispatch(label("A"));
    vi.advanceTimersByTime(BATCH_DELAY_MS);
    const [a] = submits(last());
    last().deliver({ type: "error", code: "server_error", message: "the database refused it", client_op_id: a.client_op_id });
    expect(store.getState().notice?.text).toBe("Not saved: the server refused editing “App” (the database refused it). It was undone; your other edits are kept.");
    store.getState().dispatch(label("B"));
    vi.advanceTimersByTime(BATCH_DELAY_MS);
    for (let i = 0; i < MAX_BATCH_FAILURES; i++) {
      last().drop(1011, "server error");
      vi.advanceTimersByTime(10_000);
      last().openWith({ version: 3, document: doc() });
    }
    expect([store.getState().inflight, store.getState().doc.nodes[0].label, store.getState().saveState]).toEqual([null, "App", "saved"]);
  });

  it("never sends a frame the server would close the socket for: a batch is cut to fit, one op too big alone is undone here", () => {
    const { store, last } = setup();
    last().openWith({ version: 3, document: doc(), limits: { max_message_bytes: 2000, rate_per_second: 50, rate_burst: 100, max_ops_per_batch: 500, sync_max_batches: 1000, comment_chars: 2000, document_bytes: 5242880 } });
    store.getState().dispatch(label("x".repeat(3000)));
    store.getState().dispatch(label("y".repeat(900)));
    store.getState().dispatch(label("z".repeat(900)));
    vi.advanceTimersByTime(BATCH_DELAY_MS);
    expect(store.getState().notice?.text).toBe("Not saved: editing “App” is too big to send (3 KB; a change may be at most 2 KB). It was undone; your other edits are kept.");
    const [first] = submits(last());
    expect(first.ops).toEqual(label("y".repeat(900)));
    last().deliver({ type: "op.ack", client_op_id: first.client_op_id, version: 4, duplicate: false, changed: true });
    expect(submits(last())[1].ops).toEqual(label("z".repeat(900)));
  });
});
