// A framework-free live-collaboration client: reconnects with backoff, resends unacknowledged batches,
// detects version gaps and resyncs (the algorithm of docs/protocol.md, modelled by tests/realtime/model.py).
import { applyOps as defaultApplyOps } from "../ops";
import type { DesignDocument, Op } from "../types";
import {
  FINAL_CLOSE_CODES,
  parseServerMessage,
  type ClientMessage,
  type CommentEvent,
  type CommentTarget,
  type InterviewChanged,
  type Point,
  type PresenceEvent,
  type Problem,
  type ServerMessage,
  type SessionWelcome,
} from "./protocol";

/** What the browser's WebSocket offers and this client uses (tests pass a fake). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export type ConnectionStatus = "connecting" | "live" | "reconnecting" | "closed";

export interface RealtimeHandlers {
  /** Connection state for the UI: show "Reconnecting…" while `reconnecting`; `closed` carries the server's reason. */
  status?(status: ConnectionStatus, info: { code?: number; reason?: string; retryInMs?: number }): void;
  welcome?(welcome: SessionWelcome): void;
  /** The confirmed document was replaced (first welcome, or a snapshot after falling far behind). */
  snapshot?(document: DesignDocument, version: number): void;
  /** Someone else's batch, in version order, already applied to the confirmed document. */
  remote?(ops: Op[], version: number, author: string): void;
  /** One of our batches is confirmed at `version` (null: it changed nothing, every target was gone). */
  confirmed?(clientOpId: string, version: number | null, ops: Op[]): void;
  rejected?(clientOpId: string, code: string, problems: Problem[]): void;
  presence?(event: PresenceEvent): void;
  comment?(event: CommentEvent): void;
  interview?(event: InterviewChanged): void;
  error?(code: string, message: string): void;
}

export interface RealtimeOptions {
  /** Absolute ws:// or wss:// URL (see absoluteWsUrl). */
  url: string;
  handlers?: RealtimeHandlers;
  createSocket?: (url: string) => WebSocketLike;
  applyOps?: (doc: DesignDocument, ops: Op[]) => DesignDocument;
  /** Reconnect delays: initial, doubled per attempt up to max, ± jitter share. */
  backoff?: { initialMs: number; maxMs: number; jitter: number };
  /** How long an out-of-order version may wait for the missing one before asking for a resync. */
  gapWaitMs?: number;
  pingIntervalMs?: number;
  /** Presence updates are coalesced to one per interval (the server allows 50 messages a second in all). */
  presenceIntervalMs?: number;
  random?: () => number;
  /** Prefix of client_op_ids; unique per tab. */
  sessionId?: string;
  /** Where the browser announces `offline` / `online` (window); null to ignore the network state. */
  network?: EventTarget | null;
}

type Buffered = { ops: Op[]; clientOpId: string; author: string };
const OPEN = 1;

export class RealtimeClient {
  /** The document in server order, as of `version` (pending batches not included). */
  confirmedDocument: DesignDocument | null = null;
  version = 0;
  /** Batches sent or waiting to be sent, oldest first; resent with the same ids after a reconnect. */
  pending: { clientOpId: string; ops: Op[] }[] = [];
  status: ConnectionStatus = "connecting";

  private socket: WebSocketLike | null = null;
  private buffer = new Map<number, Buffered>();
  private syncOutstanding = false;
  private gapTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private presenceTimer: ReturnType<typeof setTimeout> | null = null;
  private presenceLatest: ClientMessage | null = null;
  private attempt = 0;
  private counter = 0;
  private stopped = false;
  private readonly opts: Required<Omit<RealtimeOptions, "handlers">> & { handlers: RealtimeHandlers };

  constructor(options: RealtimeOptions) {
    this.opts = {
      handlers: {},
      createSocket: (url) => new WebSocket(url) as unknown as WebSocketLike,
      applyOps: defaultApplyOps,
      backoff: { initialMs: 500, maxMs: 10_000, jitter: 0.2 },
      gapWaitMs: 200,
      pingIntervalMs: 15_000,
      presenceIntervalMs: 50,
      random: Math.random,
      sessionId: Math.random().toString(36).slice(2, 10),
      network: typeof window === "undefined" ? null : window,
      ...options,
    };
  }

  start(): void {
    this.stopped = false;
    this.opts.network?.addEventListener("offline", this.wentOffline);
    this.opts.network?.addEventListener("online", this.cameOnline);
    this.setStatus("connecting", {});
    this.open();
  }

  stop(): void {
    this.stopped = true;
    this.opts.network?.removeEventListener("offline", this.wentOffline);
    this.opts.network?.removeEventListener("online", this.cameOnline);
    this.clearTimers();
    this.socket?.close(1000, "bye");
    this.socket = null;
  }

  /** Queue a batch (sent at once when live, else after the reconnect); returns its client_op_id. */
  submit(ops: Op[], clientOpId = `${this.opts.sessionId}-${++this.counter}`): string {
    this.pending.push({ clientOpId, ops });
    this.send({ type: "op.submit", client_op_id: clientOpId, base_version: this.version, ops });
    return clientOpId;
  }

  /** The document the user sees: confirmed plus pending batches (one that no longer applies is skipped). */
  localDocument(): DesignDocument | null {
    if (!this.confirmedDocument) return null;
    let doc = this.confirmedDocument;
    for (const batch of this.pending) {
      try {
        doc = this.opts.applyOps(doc, batch.ops);
      } catch {
        // The server will reject it or a concurrent change made it moot; its ack or reject settles it.
      }
    }
    return doc;
  }

  /** Share cursor and selection; at most one message per presenceIntervalMs (the latest wins), to stay under the rate limit. */
  updatePresence(cursor: Point | null, selection: string[]): void {
    this.presenceLatest = { type: "presence.update", cursor, selection };
    if (this.presenceTimer) return;
    this.flushPresence();
  }

  private flushPresence(): void {
    if (!this.presenceLatest) return;
    this.send(this.presenceLatest);
    this.presenceLatest = null;
    this.presenceTimer = setTimeout(() => {
      this.presenceTimer = null;
      this.flushPresence();
    }, this.opts.presenceIntervalMs);
  }

  createComment(target: CommentTarget, body: string): void {
    this.send({ type: "comment.create", target, body });
  }

  replyToComment(parentId: number, body: string): void {
    this.send({ type: "comment.reply", parent_id: parentId, body });
  }

  setCommentResolved(commentId: number, resolved: boolean): void {
    this.send(resolved ? { type: "comment.resolve", comment_id: commentId } : { type: "comment.reopen", comment_id: commentId });
  }

  // --- connection ---------------------------------------------------------------------------

  private open(): void {
    const socket = this.opts.createSocket(this.opts.url);
    this.socket = socket;
    socket.onmessage = (event) => {
      if (this.socket === socket) this.receive(parseServerMessage(event.data));
    };
    socket.onclose = (event) => {
      if (this.socket === socket) this.closed(event.code, event.reason);
    };
    socket.onerror = () => undefined; // a close event always follows; that is where we act
    socket.onopen = () => undefined; // live only once the welcome arrives
  }

  // A socket whose network went away often gets no close event for minutes (its frames just stall):
  // drop it at once so the user sees "Reconnecting…" and pending batches wait for the new connection.
  private readonly wentOffline = (): void => {
    const socket = this.socket;
    if (!socket || this.stopped) return;
    this.socket = null;
    socket.close(4000, "offline");
    this.closed(1006, "offline");
  };

  // Back online: retry now rather than at the end of a backoff that grew while the network was down.
  private readonly cameOnline = (): void => {
    if (this.stopped || !this.retryTimer) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.attempt = 0;
    this.open();
  };

  private closed(code: number, reason: string): void {
    this.socket = null;
    this.clearTimers();
    this.syncOutstanding = false;
    if (this.stopped) return;
    if (FINAL_CLOSE_CODES.has(code)) {
      this.setStatus("closed", { code, reason });
      return;
    }
    const { initialMs, maxMs, jitter } = this.opts.backoff;
    const base = Math.min(maxMs, initialMs * 2 ** this.attempt);
    const delay = Math.round(base * (1 + jitter * (2 * this.opts.random() - 1)));
    this.attempt += 1;
    this.setStatus("reconnecting", { code, reason, retryInMs: delay });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.open();
    }, delay);
  }

  private welcomed(welcome: SessionWelcome): void {
    this.attempt = 0;
    this.buffer.clear();
    this.syncOutstanding = false;
    this.setStatus("live", {});
    this.opts.handlers.welcome?.(welcome);
    if (this.confirmedDocument === null) {
      this.confirmedDocument = welcome.document;
      this.version = welcome.version;
      this.opts.handlers.snapshot?.(welcome.document, welcome.version);
    } else if (welcome.version !== this.version) {
      // Batches (not the welcome's document) tell which of our pending batches already landed.
      this.requestSync();
    }
    for (const batch of this.pending) {
      this.send({ type: "op.submit", client_op_id: batch.clientOpId, base_version: this.version, ops: batch.ops });
    }
    this.pingTimer = setInterval(() => this.send({ type: "session.ping" }), this.opts.pingIntervalMs);
  }

  // --- from the server ----------------------------------------------------------------------

  private receive(message: ServerMessage | null): void {
    if (message === null) return;
    const h = this.opts.handlers;
    switch (message.type) {
      case "session.welcome":
        this.welcomed(message);
        return;
      case "op.applied":
        this.buffer.set(message.version, { ops: message.ops, clientOpId: message.client_op_id, author: message.author });
        break;
      case "op.ack": {
        const batch = this.pending.find((b) => b.clientOpId === message.client_op_id);
        if (!batch) break;
        if (!message.changed && !message.duplicate) {
          this.drop(batch.clientOpId);
          h.confirmed?.(batch.clientOpId, null, batch.ops);
        } else if (message.version <= this.version) {
          this.drop(batch.clientOpId); // already in the confirmed document, seen through a resync
        } else {
          this.buffer.set(message.version, { ops: batch.ops, clientOpId: batch.clientOpId, author: "" });
        }
        break;
      }
      case "op.reject":
        this.drop(message.client_op_id);
        h.rejected?.(message.client_op_id, message.code, message.problems);
        break;
      case "sync.batches":
        this.syncOutstanding = false;
        for (const b of message.batches) this.buffer.set(b.version, { ops: b.ops, clientOpId: b.client_op_id, author: b.author });
        break;
      case "sync.snapshot":
        this.syncOutstanding = false;
        this.confirmedDocument = message.document;
        this.version = message.version;
        h.snapshot?.(message.document, message.version);
        break;
      case "session.pong":
        if (message.version > this.version && this.buffer.size === 0) this.requestSync();
        break;
      case "presence.join":
      case "presence.update":
      case "presence.leave":
        h.presence?.(message);
        return;
      case "comment.created":
      case "comment.updated":
        h.comment?.(message);
        return;
      case "interview.changed":
        h.interview?.(message);
        return;
      case "error":
        h.error?.(message.code, message.message);
        return;
    }
    this.drain();
    this.watchGap();
  }

  private drain(): void {
    while (this.buffer.has(this.version + 1) && this.confirmedDocument) {
      const next = this.buffer.get(this.version + 1)!;
      this.buffer.delete(this.version + 1);
      try {
        this.confirmedDocument = this.opts.applyOps(this.confirmedDocument, next.ops);
      } catch {
        // The server applied it, so our copy has drifted: start again from a snapshot.
        this.buffer.clear();
        this.send({ type: "sync.request", since: 0 });
        this.syncOutstanding = true;
        return;
      }
      this.version += 1;
      const mine = this.pending.some((b) => b.clientOpId === next.clientOpId);
      if (mine) {
        this.drop(next.clientOpId);
        this.opts.handlers.confirmed?.(next.clientOpId, this.version, next.ops);
      } else {
        this.opts.handlers.remote?.(next.ops, this.version, next.author);
      }
    }
    for (const v of [...this.buffer.keys()]) if (v <= this.version) this.buffer.delete(v);
  }

  private watchGap(): void {
    if (this.buffer.size === 0) {
      if (this.gapTimer) clearTimeout(this.gapTimer);
      this.gapTimer = null;
      return;
    }
    if (this.gapTimer || this.syncOutstanding) return;
    // An ack may overtake the broadcast of the version before it: wait a moment before asking.
    this.gapTimer = setTimeout(() => {
      this.gapTimer = null;
      if (this.buffer.size > 0 && !this.syncOutstanding) this.requestSync();
    }, this.opts.gapWaitMs);
  }

  private requestSync(): void {
    this.syncOutstanding = true;
    this.send({ type: "sync.request", since: this.version });
  }

  private drop(clientOpId: string): void {
    this.pending = this.pending.filter((b) => b.clientOpId !== clientOpId);
  }

  private send(message: ClientMessage): void {
    if (this.socket && this.socket.readyState === OPEN && this.status === "live") this.socket.send(JSON.stringify(message));
  }

  private setStatus(status: ConnectionStatus, info: { code?: number; reason?: string; retryInMs?: number }): void {
    this.status = status;
    this.opts.handlers.status?.(status, info);
  }

  private clearTimers(): void {
    for (const timer of [this.gapTimer, this.retryTimer, this.presenceTimer]) if (timer) clearTimeout(timer);
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.gapTimer = this.retryTimer = this.pingTimer = this.presenceTimer = null;
  }
}
