// The realtime client against a scripted fake socket: acks, out-of-order versions, gaps, reconnects, final closes.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DesignDocument, Op } from "../types";
import { RealtimeClient, type ConnectionStatus } from "./socket";
import { FakeSocket } from "./testing";

const doc = (x = 0): DesignDocument => ({ format: "mlsd-design/1", nodes: [{ id: "n1", kind: "app_service", label: "App", x, y: 0 }], edges: [] });
const move = (x: number): Op[] => [{ op: "node.update", id: "n1", set: { x } }];

function setup() {
  const sockets: FakeSocket[] = [];
  const events: string[] = [];
  const statuses: [ConnectionStatus, { code?: number; reason?: string; retryInMs?: number }][] = [];
  const client = new RealtimeClient({
    url: "ws://127.0.0.1/ws/designs/1/",
    sessionId: "t",
    random: () => 0.5, // no jitter: exact backoff delays
    createSocket: () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket;
    },
    handlers: {
      status: (status, info) => statuses.push([status, info]),
      snapshot: (_d, v) => events.push(`snapshot ${v}`),
      remote: (ops, v, author) => events.push(`remote ${v} ${author} x=${(ops[0] as { set: { x: number } }).set.x}`),
      confirmed: (id, v) => events.push(`confirmed ${id} ${v}`),
      rejected: (id, code) => events.push(`rejected ${id} ${code}`),
    },
  });
  client.start();
  return { client, sockets, events, statuses, last: () => sockets[sockets.length - 1] };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("RealtimeClient", () => {
  it("takes the welcome's document, sends a batch and confirms it on ack", () => {
    const { client, last, events, statuses } = setup();
    last().openWith({ version: 4, document: doc() });
    expect(statuses.map(([s]) => s)).toEqual(["connecting", "live"]);
    const id = client.submit(move(10));
    expect(id).toBe("t-1");
    expect(last().sent).toEqual([{ type: "op.submit", client_op_id: "t-1", base_version: 4, ops: move(10) }]);
    expect(client.localDocument()!.nodes[0].x).toBe(10);
    last().deliver({ type: "op.ack", client_op_id: "t-1", version: 5, duplicate: false, changed: true });
    expect(events).toEqual(["snapshot 4", "confirmed t-1 5"]);
    expect([client.version, client.pending.length, client.confirmedDocument!.nodes[0].x]).toEqual([5, 0, 10]);
  });

  it("applies an ack that overtook the previous broadcast in version order, without a resync", () => {
    const { client, last, events } = setup();
    last().openWith({ version: 1, document: doc() });
    client.submit(move(30));
    last().deliver({ type: "op.ack", client_op_id: "t-1", version: 3, duplicate: false, changed: true });
    expect(client.version).toBe(1);
    last().deliver({ type: "op.applied", version: 2, ops: move(20), author: "grace", client_op_id: "g-1" });
    expect(events).toEqual(["snapshot 1", "remote 2 grace x=20", "confirmed t-1 3"]);
    vi.advanceTimersByTime(1000);
    expect(last().sent.filter((m) => m.type === "sync.request")).toEqual([]);
    expect(client.confirmedDocument!.nodes[0].x).toBe(30);
  });

  it("asks for the missing versions after a gap and replays them in order", () => {
    const { client, last, events } = setup();
    last().openWith({ version: 1, document: doc() });
    last().deliver({ type: "op.applied", version: 3, ops: move(3), author: "grace", client_op_id: "g-2" });
    vi.advanceTimersByTime(199);
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
    expect(events).toEqual(["snapshot 1", "remote 2 grace x=2", "remote 3 grace x=3"]);
    expect(client.version).toBe(3);
  });

  it("resyncs when a pong shows a trailing broadcast was lost", () => {
    const { client, last } = setup();
    last().openWith({ version: 1, document: doc() });
    last().deliver({ type: "session.pong", version: 2 });
    expect(last().sent).toEqual([{ type: "sync.request", since: 1 }]);
    last().deliver({ type: "sync.snapshot", version: 2, document: doc(99) });
    expect([client.version, client.confirmedDocument!.nodes[0].x]).toEqual([2, 99]);
  });

  it("shows Reconnecting, backs off exponentially, then resyncs and resends unacknowledged batches", () => {
    const { client, sockets, last, events, statuses } = setup();
    last().openWith({ version: 1, document: doc() });
    client.submit(move(5));
    client.submit(move(6));
    last().drop(1011, "");
    expect(statuses[statuses.length - 1]).toEqual(["reconnecting", { code: 1011, reason: "", retryInMs: 500 }]);
    client.submit(move(7)); // while offline: kept, sent after the reconnect
    vi.advanceTimersByTime(500);
    expect(sockets.length).toBe(2);
    last().drop(1006, "");
    expect(statuses[statuses.length - 1][1].retryInMs).toBe(1000);
    vi.advanceTimersByTime(1000);
    last().openWith({ version: 2, document: doc(5) });
    expect(last().sent).toEqual([
      { type: "sync.request", since: 1 },
      { type: "op.submit", client_op_id: "t-1", base_version: 1, ops: move(5) },
      { type: "op.submit", client_op_id: "t-2", base_version: 1, ops: move(6) },
      { type: "op.submit", client_op_id: "t-3", base_version: 1, ops: move(7) },
    ]);
    // t-1 landed before the drop: the batches say so, and its retry comes back as a duplicate.
    last().deliver({ type: "sync.batches", version: 2, batches: [{ version: 2, ops: move(5), author: "ada", client_op_id: "t-1" }] });
    last().deliver({ type: "op.ack", client_op_id: "t-1", version: 2, duplicate: true, changed: false });
    last().deliver({ type: "op.ack", client_op_id: "t-2", version: 3, duplicate: false, changed: true });
    last().deliver({ type: "op.ack", client_op_id: "t-3", version: 4, duplicate: false, changed: true });
    expect(events).toEqual(["snapshot 1", "confirmed t-1 2", "confirmed t-2 3", "confirmed t-3 4"]);
    expect([client.version, client.pending, client.confirmedDocument!.nodes[0].x]).toEqual([4, [], 7]);
    expect(statuses.map(([s]) => s)).toEqual(["connecting", "live", "reconnecting", "reconnecting", "live"]);
  });

  it("stops on a revoked link and reports the server's reason", () => {
    const { sockets, last, statuses } = setup();
    last().openWith({ version: 1, document: doc() });
    last().drop(4403, "This share link was revoked");
    vi.advanceTimersByTime(60_000);
    expect(sockets.length).toBe(1);
    expect(statuses[statuses.length - 1]).toEqual(["closed", { code: 4403, reason: "This share link was revoked" }]);
  });

  it("drops a rejected batch and one that changed nothing", () => {
    const { client, last, events } = setup();
    last().openWith({ version: 1, document: doc() });
    client.submit(move(1));
    client.submit([{ op: "node.remove", id: "gone" }]);
    last().deliver({ type: "op.reject", client_op_id: "t-1", code: "forbidden", problems: [{ path: "$", message: "a view link cannot edit" }] });
    last().deliver({ type: "op.ack", client_op_id: "t-2", version: 1, duplicate: false, changed: false });
    expect(events).toEqual(["snapshot 1", "rejected t-1 forbidden", "confirmed t-2 null"]);
    expect([client.pending, client.version]).toEqual([[], 1]);
  });

  it("coalesces presence updates to one per 50 ms, latest wins", () => {
    const { client, last } = setup();
    last().openWith({ version: 1, document: doc() });
    for (let x = 1; x <= 10; x++) client.updatePresence({ x, y: 0 }, ["n1"]);
    expect(last().sent).toEqual([{ type: "presence.update", cursor: { x: 1, y: 0 }, selection: ["n1"] }]);
    vi.advanceTimersByTime(50);
    expect(last().sent.slice(1)).toEqual([{ type: "presence.update", cursor: { x: 10, y: 0 }, selection: ["n1"] }]);
    vi.advanceTimersByTime(500);
    expect(last().sent.length).toBe(2);
  });

  it("ignores frames it does not understand", () => {
    const { client, last } = setup();
    last().openWith({ version: 1, document: doc() });
    last().onmessage?.({ data: "{not json" });
    last().onmessage?.({ data: JSON.stringify({ type: "future.thing" }) });
    expect([client.version, client.status]).toEqual([1, "live"]);
  });
});
