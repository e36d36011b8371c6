// subscribeLive / currentLiveClient (UI packages hear the page's live session) and the save state while a batch waits.
import { afterEach, expect, it, vi } from "vitest";
import { createEditorStore } from "../store";
import type { DesignDocument } from "../types";
import { FakeSocket } from "./testing";
import { createWebSocketTransport, currentLiveClient, LIVE_BATCH_DELAY_MS, subscribeLive } from "./transport";

const doc: DesignDocument = { format: "mlsd-design/1", nodes: [], edges: [] };
const config = { designId: 1, title: "T", role: "edit", user: "ada", csrfToken: "x", wsUrl: "/ws/s/tok/", urls: {} as never };

it("relays welcome, presence, comments, interview changes, errors and status to subscribers and exposes the running client", () => {
  const heard: string[] = [];
  const unsubscribe = subscribeLive({
    welcome: (w) => heard.push(`welcome ${w.you.id}`),
    presence: (e) => heard.push(e.type),
    comment: (e) => heard.push(`${e.type} ${e.comment.id}`),
    interview: (e) => heard.push(`${e.type} ${e.session}`),
    error: (code) => heard.push(`error ${code}`),
    status: (s, info) => heard.push(`status ${s}${info.code ? ` ${info.code}` : ""}`),
  });
  const socket = new FakeSocket();
  const transport = createWebSocketTransport(createEditorStore(), config, { url: "ws://x/", network: null, createSocket: () => socket });
  expect(currentLiveClient()).toBe(null);
  transport.start();
  expect(currentLiveClient()).toBe(transport.client);
  socket.openWith({ version: 1, document: doc });
  socket.deliver({ type: "presence.leave", id: "p2" });
  socket.deliver({ type: "comment.created", comment: { id: 7 } });
  socket.deliver({ type: "interview.changed", session: 3 });
  socket.deliver({ type: "error", code: "forbidden", message: "no" });
  unsubscribe();
  socket.deliver({ type: "presence.leave", id: "p3" });
  socket.drop(4403, "This share link was revoked");
  expect(heard).toEqual(["status connecting", "status live", "welcome me", "presence.leave", "comment.created 7", "interview.changed 3", "error forbidden"]);
  transport.stop();
  expect(currentLiveClient()).toBe(null);
});

afterEach(() => vi.useRealTimers());

it("says Saving… from the moment an edit is queued, before the batch delay sends it", () => {
  vi.useFakeTimers();
  const store = createEditorStore();
  store.getState().resetFromServer(doc, 1);
  const socket = new FakeSocket();
  const transport = createWebSocketTransport(store, config, { url: "ws://x/", network: null, createSocket: () => socket });
  transport.start();
  socket.openWith({ version: 1, document: doc });
  expect(store.getState().saveState).toBe("saved");
  store.getState().dispatch([{ op: "title.set", title: "Renamed" }]);
  transport.notify();
  expect([store.getState().saveState, socket.sent.length]).toEqual(["saving", 0]);
  vi.advanceTimersByTime(LIVE_BATCH_DELAY_MS);
  expect(socket.sent.length).toBe(1);
  transport.stop();
});
