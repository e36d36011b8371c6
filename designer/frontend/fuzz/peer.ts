// One client for the harnesses in this folder: an editor store connected through the shipped transport
// (src/store + src/transport.ts), over a real `ws` socket that the harness can cut, and whose broadcasts it can lose.
import WebSocket from "ws";
import { connectLive, createEditorStore, type EditorStore } from "../src/store";
import type { WebSocketLike } from "../src/transport";
import type { DesignDocument } from "../src/types";

export type ClientResult = { name: string; version: number; confirmed: DesignDocument; doc: DesignDocument; pending: number; inflight: boolean };
/** A batch the server refused: its ops, the version the client based it on, and the server's reasons. */
export type Refusal = { id: string; code: string; base: number; ops: unknown[]; problems: { path: string; message: string }[] };
/** What the harness saw go by: op.submit ids sent, ids acknowledged with a version, acknowledged as changing nothing,
 * refused (with the refusal), and every error notice a user would have read. */
export type Seen = { sent: Set<string>; committed: Set<string>; unchanged: Set<string>; refused: Set<string>; refusals: Refusal[]; notices: string[] };

export const newRecord = (): Seen => ({ sent: new Set(), committed: new Set(), unchanged: new Set(), refused: new Set(), refusals: [], notices: [] });

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** One client: an editor store connected through the shipped transport, over a real socket this harness can cut. */
export class Peer {
  readonly store: EditorStore = createEditorStore();
  readonly network = new EventTarget();
  readonly counter = { n: 0 };
  offline = false;
  /** The next op.submit never leaves: the connection dies with it (the reconnect must resend it). */
  loseNextSubmit = false;
  /** The version in the last pong (-1 before the first). */
  pongVersion = -1;
  /** Times the connection changed state (connecting, live, reconnecting…): the heal's progress check counts them. */
  transitions = 0;
  // What each op.submit id carried when it last went out (a refusal is recorded with it).
  private readonly submitted = new Map<string, { base: number; ops: unknown[] }>();
  private readonly live: ReturnType<typeof connectLive>;

  constructor(
    readonly name: string,
    url: string,
    origin: string,
    cookie: string,
    random: () => number,
    loss: number,
    record: Seen,
  ) {
    const createSocket = (): WebSocketLike => {
      const wrapper: WebSocketLike & { readyState: number } = {
        readyState: 0,
        onopen: null,
        onmessage: null,
        onclose: null,
        onerror: null,
        send: () => undefined,
        close: () => undefined,
      };
      if (this.offline) {
        // No network: the connection attempt fails, as a browser's does.
        setTimeout(() => ((wrapper.readyState = 3), wrapper.onclose?.({ code: 1006, reason: "offline" })), 1);
        return wrapper;
      }
      const ws = new WebSocket(url, { origin, headers: cookie ? { Cookie: cookie } : {} });
      const sync = () => (wrapper.readyState = ws.readyState);
      ws.onopen = () => (sync(), wrapper.onopen?.({}));
      ws.onerror = () => wrapper.onerror?.({});
      ws.onclose = (event) => (sync(), wrapper.onclose?.({ code: event.code, reason: event.reason }));
      ws.onmessage = (event) => {
        const message = JSON.parse(String(event.data));
        if (message.type === "op.applied" && random() < loss) return; // the channel layer is at-most-once
        if (message.type === "op.ack" && (message.changed || message.duplicate)) record.committed.add(message.client_op_id);
        if (message.type === "op.ack" && !message.changed && !message.duplicate) record.unchanged.add(message.client_op_id);
        if (message.type === "op.reject") {
          record.refused.add(message.client_op_id);
          const batch = this.submitted.get(message.client_op_id) ?? { base: -1, ops: [] };
          record.refusals.push({ id: message.client_op_id, code: message.code, problems: message.problems, ...batch });
        }
        if (message.type === "session.pong") this.pongVersion = message.version;
        wrapper.onmessage?.({ data: String(event.data) });
      };
      wrapper.send = (data: string) => {
        const message = JSON.parse(data);
        if (message.type === "op.submit") {
          record.sent.add(message.client_op_id);
          this.submitted.set(message.client_op_id, { base: message.base_version, ops: message.ops });
          if (this.loseNextSubmit) {
            this.loseNextSubmit = false;
            this.goOffline();
            return;
          }
        }
        if (ws.readyState === WebSocket.OPEN) ws.send(data);
      };
      wrapper.close = (code?: number, reason?: string) => {
        ws.close(code, reason);
        sync();
      };
      return wrapper;
    };
    this.store.subscribe((state, previous) => {
      if (state.connection !== previous.connection) this.transitions += 1;
      if (state.notice && state.notice !== previous.notice && state.notice.tone === "error") record.notices.push(`${name}: ${state.notice.text}`);
    });
    this.live = connectLive(this.store, { url, createSocket, network: this.network, random, pingIntervalMs: 5_000 });
  }

  get idle(): boolean {
    const s = this.store.getState();
    return s.connection === "live" && !s.pending.length && s.inflight === null;
  }

  goOffline() {
    this.offline = true;
    this.network.dispatchEvent(new Event("offline"));
  }

  goOnline() {
    this.offline = false;
    this.network.dispatchEvent(new Event("online"));
  }

  ping() {
    this.live.socket.send({ type: "session.ping" });
  }

  result(): ClientResult {
    const s = this.store.getState();
    return { name: this.name, version: s.version, confirmed: s.confirmed, doc: s.doc, pending: s.pending.length, inflight: s.inflight !== null };
  }

  stop() {
    this.live.stop();
  }
}
