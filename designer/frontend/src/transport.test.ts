// The transport on its own: the websocket's reconnects (one backoff policy), offline/online, final closes, pings; the fetch helper's errors.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DesignDocument } from "./types";
import { FakeSocket } from "./testing";
import { backoffDelay, fetchJson, HttpError, LiveSocket, type ConnectionInfo, type ConnectionStatus } from "./transport";

const doc: DesignDocument = { format: "mlsd-design/1", nodes: [], edges: [] };

function setup(network: EventTarget | null = null) {
  const sockets: FakeSocket[] = [];
  const statuses: [ConnectionStatus, ConnectionInfo][] = [];
  const heard: string[] = [];
  const socket = new LiveSocket({
    url: "ws://127.0.0.1/ws/designs/1/",
    random: () => 0.5, // no jitter: exact backoff delays
    network,
    createSocket: () => {
      sockets.push(new FakeSocket());
      return sockets[sockets.length - 1];
    },
    onMessage: (message) => heard.push(message.type),
    onStatus: (status, info) => statuses.push([status, info]),
  });
  socket.start();
  return { socket, sockets, statuses, heard, last: () => sockets[sockets.length - 1] };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("LiveSocket", () => {
  it("is live from the welcome on, sends only then, and delivers the messages it understands", () => {
    const { socket, last, statuses, heard } = setup();
    expect(socket.send({ type: "session.ping" })).toBe(false);
    last().openWith({ version: 1, document: doc });
    expect(socket.send({ type: "session.ping" })).toBe(true);
    last().onmessage?.({ data: "{not json" });
    last().onmessage?.({ data: JSON.stringify({ type: "future.thing" }) });
    last().deliver({ type: "session.pong", version: 1 });
    expect(statuses.map(([s]) => s)).toEqual(["connecting", "live"]);
    expect(heard).toEqual(["session.welcome", "session.pong"]);
    expect(last().sent).toEqual([{ type: "session.ping" }]);
  });

  it("reconnects after any close the server did not mark final, backing off 0.5 s, 1 s, 2 s … up to 10 s", () => {
    const { sockets, last, statuses } = setup();
    last().openWith({ version: 1, document: doc });
    const delays: (number | undefined)[] = [];
    for (const code of [1011, 1006, 4429, 4999, 1006, 1006, 1006, 1006]) {
      last().drop(code);
      delays.push(statuses[statuses.length - 1][1].retryInMs);
      vi.advanceTimersByTime(delays[delays.length - 1]!);
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 10000, 10000, 10000]);
    expect(sockets.length).toBe(9);
    last().openWith({ version: 1, document: doc });
    last().drop(1011);
    expect(statuses[statuses.length - 1]).toEqual(["reconnecting", { code: 1011, reason: "", retryInMs: 500 }]);
  });

  it("stops on a revoked, expired, unknown or logged-out link and reports the server's reason", () => {
    const { sockets, last, statuses } = setup();
    last().openWith({ version: 1, document: doc });
    last().drop(4403, "This share link was revoked");
    vi.advanceTimersByTime(60_000);
    expect(sockets.length).toBe(1);
    expect(statuses[statuses.length - 1]).toEqual(["closed", { code: 4403, reason: "This share link was revoked" }]);
  });

  it("does not retry a socket refused for its page's origin (4003): reconnecting from that page cannot help", () => {
    const { sockets, last, statuses } = setup();
    last().drop(4003, "Refused: this page's origin (scheme, host and port) is not this site's");
    vi.advanceTimersByTime(60_000);
    expect(sockets.length).toBe(1);
    expect(statuses[statuses.length - 1]).toEqual(["closed", { code: 4003, reason: "Refused: this page's origin (scheme, host and port) is not this site's" }]);
  });

  it("drops the socket when the browser goes offline and retries at once when it is back online", () => {
    const network = new EventTarget();
    const { socket, sockets, statuses } = setup(network);
    sockets[0].openWith({ version: 3, document: doc });
    network.dispatchEvent(new Event("offline"));
    expect(sockets[0].readyState).toBe(3);
    expect(statuses.map(([s]) => s)).toEqual(["connecting", "live", "reconnecting"]);
    // Still offline: the retry fails and the backoff grows to 1 s; coming back online retries at once.
    vi.advanceTimersByTime(500);
    sockets[1].drop(1006);
    network.dispatchEvent(new Event("online"));
    expect(sockets.length).toBe(3);
    sockets[2].openWith({ version: 3, document: doc });
    expect(statuses.map(([s]) => s)).toEqual(["connecting", "live", "reconnecting", "reconnecting", "live"]);
    socket.stop();
    network.dispatchEvent(new Event("offline"));
    expect(statuses[statuses.length - 1][0]).toBe("live");
  });

  it("pings every 15 s while live, and reconnects when a whole interval passes without any answer", () => {
    const { sockets, last, statuses } = setup();
    last().openWith({ version: 1, document: doc });
    for (let i = 0; i < 3; i++) {
      vi.advanceTimersByTime(15_000);
      last().deliver({ type: "session.pong", version: 1 });
    }
    expect(last().sent).toEqual([{ type: "session.ping" }, { type: "session.ping" }, { type: "session.ping" }]);
    vi.advanceTimersByTime(15_000);
    expect(statuses[statuses.length - 1][0]).toBe("live");
    vi.advanceTimersByTime(15_000); // the fourth ping had no answer
    expect([sockets[0].readyState, statuses[statuses.length - 1]]).toEqual([3, ["reconnecting", { code: 1006, reason: "the server stopped answering", retryInMs: 500 }]]);
    vi.advanceTimersByTime(500);
    expect(sockets.length).toBe(2);
  });
});

it("jitters the backoff by at most ±20 %", () => {
  expect([backoffDelay(0, () => 0), backoffDelay(0, () => 1), backoffDelay(3, () => 0.5), backoffDelay(30, () => 0.5)]).toEqual([400, 600, 4000, 10000]);
});

it("fetchJson sends the CSRF header with same-origin cookies and turns a refusal into the server's reason", async () => {
  const calls: [string, RequestInit][] = [];
  const answers = [
    new Response(JSON.stringify({ version: 3 }), { status: 200 }),
    new Response(JSON.stringify({ detail: "You do not have permission." }), { status: 403 }),
    new Response(JSON.stringify({ duration_min: ["Ensure this value is at least 5."] }), { status: 400 }),
  ];
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => (calls.push([url, init]), answers.shift()!));
  const config = { csrfToken: "tok" };
  expect(await fetchJson(config, "/api/designs/1/")).toEqual({ version: 3 });
  expect(calls[0][1]).toMatchObject({ credentials: "same-origin", headers: { Accept: "application/json", "X-CSRFToken": "tok" } });
  const refusals = [];
  for (const url of ["/a/", "/b/"]) refusals.push(await fetchJson(config, url, { method: "POST", body: "{}" }).catch((e: HttpError) => [e.status, e.message]));
  expect(refusals).toEqual([
    [403, "You do not have permission."],
    [400, "duration_min: Ensure this value is at least 5."],
  ]);
});
