// The realtime client follows the browser's offline/online events: a stalled socket is dropped at once and retried on return.
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import type { DesignDocument } from "../types";
import { RealtimeClient, type ConnectionStatus } from "./socket";
import { FakeSocket } from "./testing";

const doc: DesignDocument = { format: "mlsd-design/1", nodes: [], edges: [] };

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

it("drops the socket when the browser goes offline, resends on the reconnect it makes when back online", () => {
  const network = new EventTarget();
  const sockets: FakeSocket[] = [];
  const statuses: ConnectionStatus[] = [];
  const client = new RealtimeClient({
    url: "ws://127.0.0.1/ws/designs/1/",
    sessionId: "t",
    random: () => 0.5,
    network,
    createSocket: () => {
      sockets.push(new FakeSocket());
      return sockets[sockets.length - 1];
    },
    handlers: { status: (status) => statuses.push(status) },
  });
  client.start();
  sockets[0].openWith({ version: 3, document: doc });
  network.dispatchEvent(new Event("offline"));
  expect(sockets[0].readyState).toBe(3);
  expect(statuses).toEqual(["connecting", "live", "reconnecting"]);
  client.submit([{ op: "title.set", title: "Offline edit" }]);
  expect(sockets[0].sent).toEqual([]);

  // Still offline: the retry fails and the backoff grows to 1 s; coming back online retries at once.
  vi.advanceTimersByTime(500);
  sockets[1].drop(1006);
  network.dispatchEvent(new Event("online"));
  expect(sockets.length).toBe(3);
  sockets[2].openWith({ version: 3, document: doc });
  expect(sockets[2].sent).toEqual([{ type: "op.submit", client_op_id: "t-1", base_version: 3, ops: [{ op: "title.set", title: "Offline edit" }] }]);
  expect(statuses).toEqual(["connecting", "live", "reconnecting", "reconnecting", "live"]);

  client.stop();
  network.dispatchEvent(new Event("offline"));
  expect(statuses[statuses.length - 1]).toBe("live");
});
