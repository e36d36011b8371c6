// The websocket transport wired to the real editor store: local edits flow out, remote ones in, in order.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createEditorStore } from "../store";
import type { DesignDocument } from "../types";
import { FakeSocket } from "./testing";
import { createWebSocketTransport, LIVE_BATCH_DELAY_MS } from "./transport";

const doc = (): DesignDocument => ({ format: "mlsd-design/1", nodes: [{ id: "n1", kind: "app_service", label: "App", x: 0, y: 0 }], edges: [] });
const config = { designId: 1, title: "T", role: "edit", user: "ada", csrfToken: "x", wsUrl: "/ws/s/tok/", urls: {} as never };

function setup() {
  const store = createEditorStore();
  store.getState().resetFromServer(doc(), 3);
  const sockets: FakeSocket[] = [];
  const transport = createWebSocketTransport(store, config, {
    url: "ws://127.0.0.1/ws/s/tok/",
    random: () => 0.5,
    createSocket: () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket;
    },
  });
  transport.start();
  return { store, transport, last: () => sockets[sockets.length - 1] };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("createWebSocketTransport", () => {
  it("sends the store's batch, confirms it on ack and applies others' ops in version order", () => {
    const { store, transport, last } = setup();
    last().openWith({ version: 3, document: doc() });
    store.getState().dispatch([{ op: "node.update", id: "n1", set: { x: 40 } }]);
    transport.notify();
    vi.advanceTimersByTime(LIVE_BATCH_DELAY_MS);
    const sent = last().sent[0] as { client_op_id: string; ops: unknown[] };
    expect(sent.ops).toEqual([{ op: "node.update", id: "n1", set: { x: 40 } }]);
    expect(sent.client_op_id).toBe(store.getState().inflight!.clientOpId);
    expect(store.getState().saveState).toBe("saving");

    last().deliver({ type: "op.ack", client_op_id: sent.client_op_id, version: 5, duplicate: false, changed: true });
    last().deliver({ type: "op.applied", version: 4, ops: [{ op: "node.update", id: "n1", set: { label: "Edge app" } }], author: "grace", client_op_id: "g-1" });
    const after = store.getState();
    expect([after.version, after.inflight, after.saveState]).toEqual([5, null, "saved"]);
    expect([after.confirmed.nodes[0].x, after.confirmed.nodes[0].label]).toEqual([40, "Edge app"]);
  });

  it("shows offline while reconnecting and an error notice when the link is revoked", () => {
    const { store, last } = setup();
    last().openWith({ version: 3, document: doc() });
    last().drop(1011);
    expect(store.getState().saveState).toBe("offline");
    vi.advanceTimersByTime(500);
    last().openWith({ version: 3, document: doc() });
    expect(store.getState().saveState).toBe("saved");
    last().drop(4403, "This share link was revoked");
    expect(store.getState().saveState).toBe("error");
    expect(store.getState().notice).toEqual({ text: "This share link was revoked", tone: "error" });
  });
});
