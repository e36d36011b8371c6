// Sync slice: the live session as the store sees it (docs/protocol.md, "Resync"). The transport hands
// every server message to `receive` and sends what the store gives it; the store keeps confirmed /
// version / the in-flight batch (document slice), settles each batch exactly once and resyncs on gaps.
import type { StateCreator } from "zustand";
import { applyPresence, peersFromWelcome, upsertComment } from "../collab/state";
import { applyOps, OpError } from "../ops";
import type { ClientMessage, ErrorMessage, Limits, OpAck, Problem, ServerMessage, SessionWelcome } from "../realtime/protocol";
import { backoffDelay, LiveSocket, type ConnectionInfo, type ConnectionStatus, type LiveSocketOptions } from "../transport";
import type { DesignDocument, Op } from "../types";
import { MESSAGE_BYTES, OPS_PER_BATCH } from "../generated/limits";
import { localView, type InFlight } from "./document";
import type { EditorState, EditorStore } from "./index";

export type SaveState = "saved" | "saving" | "offline" | "error";

/** Where the store sends its messages: the live socket. `send` is false while there is no live session. */
export interface SyncLink {
  send(message: ClientMessage): boolean;
}

/** Coalesce a drag's many small ops into one batch without making others wait noticeably. */
export const BATCH_DELAY_MS = 30;
/** An ack may overtake the broadcast of the version before it: wait this long before asking for the gap. */
export const GAP_WAIT_MS = 200;
/** A batch the server fails on this many times without refusing it (a server error each time) is given up. */
export const MAX_BATCH_FAILURES = 3;
/** The op.submit frame around the ops, generously: {"type":"op.submit","client_op_id":"…64…","base_version":…,"ops":[]}. */
const ENVELOPE_BYTES = 160;
// Close codes after which an unanswered batch counts as failed once: the server broke on it, or it was too big.
const FAILED_CLOSES = new Set([1009, 1011]);

export interface SyncSlice {
  saveState: SaveState;
  /** The live session's state; null before one was started. */
  connection: ConnectionStatus | null;
  /** Set when the server ended the session for good (revoked or expired link, logged out). */
  ended: { code: number; reason: string } | null;
  /** The server's limits, from the welcome. */
  limits: Limits | null;
  /** Bumped whenever the interview may have changed (a hint from the server, or a new session that missed hints). */
  interviewSignal: number;
  link: SyncLink | null;
  /** Send through `link` from now on (null: stop sending); a new link starts a new session. */
  attach: (link: SyncLink | null) => void;
  /** One message from the server, in arrival order. */
  receive: (message: ServerMessage) => void;
  /** The transport's connection state changed. */
  connectionChanged: (status: ConnectionStatus, info: ConnectionInfo) => void;
  /** Local ops were queued: batch and send them shortly. */
  requestSave: () => void;
}

let counter = 0;
function newClientOpId(): string {
  counter += 1;
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}-${counter}`;
}

const encoder = new TextEncoder();
const bytes = (value: unknown) => encoder.encode(JSON.stringify(value)).length;

const readable = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`);

/** A change in words, for messages about it: "adding “Ranker”", "editing “Kafka” and 2 more changes".
 * Names come from the first of `docs` that has the id (the confirmed document first: it has the names before the change). */
export function describeChange(ops: Op[], docs: DesignDocument[]): string {
  const nameOf = (id: string) => {
    for (const doc of docs) {
      const node = doc.nodes.find((n) => n.id === id);
      if (node) return `“${node.label || node.kind}”`;
      const edge = doc.edges.find((e) => e.id === id);
      if (edge) return edge.label ? `the connection “${edge.label}”` : "a connection";
    }
    return id;
  };
  const first = ops[0];
  let what: string;
  switch (first?.op) {
    case "node.add":
      what = `adding “${first.node.label || first.node.kind}”`;
      break;
    case "edge.add":
      what = `adding a connection from ${nameOf(first.edge.source)} to ${nameOf(first.edge.target)}`;
      break;
    case "node.update":
    case "edge.update":
      what = `editing ${nameOf(first.id)}`;
      break;
    case "node.remove":
    case "edge.remove":
      what = `deleting ${nameOf(first.id)}`;
      break;
    case "title.set":
      what = "renaming the design";
      break;
    case "problem.update":
      what = "editing the problem statement";
      break;
    case "settings.update":
      what = "changing the review settings";
      break;
    case "feature.add":
      what = `adding the feature “${first.feature.name}”`;
      break;
    case "signal.add":
      what = `adding the signal “${first.signal.name}”`;
      break;
    case "feature.update":
    case "feature.remove":
    case "feature.move":
      what = "editing the features";
      break;
    case "signal.update":
    case "signal.remove":
    case "signal.move":
      what = "editing the signals";
      break;
    default:
      what = "replacing the design";
  }
  return ops.length > 1 ? `${what} and ${ops.length - 1} more change${ops.length > 2 ? "s" : ""}` : what;
}

function problemsText(problems: Problem[]): string {
  if (!problems.length) return "";
  const [first] = problems;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? "s" : ""})` : "";
  return `${first.path}: ${first.message}${more}`;
}

export const createSyncSlice: StateCreator<EditorState, [], [], SyncSlice> = (set, get) => {
  // Versions that arrived before the one they follow: version → (ops, client_op_id).
  const buffer = new Map<number, { ops: Op[]; clientOpId: string }>();
  let syncOutstanding = false;
  let welcomedBefore = false;
  // After a batch of several changes was refused: how many of the next batches carry one change each.
  let isolate = 0;
  // The in-flight batch went out on this connection and its answer has not come yet.
  let awaitingAnswer = false;
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  let gapTimer: ReturnType<typeof setTimeout> | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  const send = (message: ClientMessage): boolean => get().link?.send(message) ?? false;
  const live = () => get().connection === "live";
  const clear = (timer: ReturnType<typeof setTimeout> | null) => timer !== null && clearTimeout(timer);

  const requestSync = (since: number) => {
    if (send({ type: "sync.request", since })) syncOutstanding = true;
  };

  const submitInflight = () => {
    const { inflight, version } = get();
    if (!inflight || inflight.version !== undefined || awaitingAnswer || retryTimer) return;
    if (send({ type: "op.submit", client_op_id: inflight.clientOpId, base_version: version, ops: inflight.ops })) {
      awaitingAnswer = true;
      set({ saveState: "saving" });
    } else set({ saveState: "offline" });
  };

  /** Take the next batch from pending: whole changes while they fit the server's ops per batch and one frame. */
  const takeBatch = (): InFlight | null => {
    const limits = get().limits;
    const maxOps = limits?.max_ops_per_batch ?? OPS_PER_BATCH;
    const room = (limits?.max_message_bytes ?? MESSAGE_BYTES) - ENVELOPE_BYTES;
    const opBytes = (op: Op) => bytes(op) + 1;
    for (;;) {
      const { pending, confirmed, doc } = get();
      if (!pending.length) return null;
      const actions: Op[][] = [];
      let ops = 0;
      let size = 0;
      for (const action of pending) {
        if (isolate > 0 && actions.length === 1) break;
        const actionBytes = action.reduce((n, op) => n + opBytes(op), 0);
        if (ops + action.length > maxOps || size + actionBytes > room) break;
        actions.push(action);
        ops += action.length;
        size += actionBytes;
      }
      let rest = pending.slice(actions.length);
      if (!actions.length) {
        // The first change alone is more than a batch may carry (a tidy-up of a big design): send what fits, the rest next.
        const [first] = pending;
        let count = 0;
        for (size = 0; count < Math.min(maxOps, first.length) && size + opBytes(first[count]) <= room; count++) size += opBytes(first[count]);
        if (count === 0) {
          // One op alone is bigger than a message may be: the server could never take it. Undo it here and say so.
          const remaining = first.length > 1 ? [first.slice(1), ...pending.slice(1)] : pending.slice(1);
          set({ pending: remaining, doc: localView(confirmed, null, remaining) });
          get().notify(
            `Not saved: ${describeChange([first[0]], [confirmed, doc])} is too big to send (${readable(bytes(first[0]))}; a change may be at most ${readable(room)}). It was undone; your other edits are kept.`,
            "error",
          );
          continue;
        }
        actions.push(first.slice(0, count));
        rest = [first.slice(count), ...pending.slice(1)];
      }
      if (isolate > 0) isolate -= 1;
      const batch = { clientOpId: newClientOpId(), ops: actions.flat(), actions, failures: 0 };
      set({ inflight: batch, pending: rest });
      return batch;
    }
  };

  /** Hand the next batch to the link (one at a time: the next goes once this one is settled). */
  const flush = () => {
    clear(flushTimer);
    flushTimer = null;
    const state = get();
    if (!live()) {
      if (state.pending.length || state.inflight) set({ saveState: "offline" });
      return;
    }
    if (!state.inflight && !takeBatch()) {
      if (state.saveState !== "saved") set({ saveState: "saved" });
      return;
    }
    submitInflight();
  };

  /** The in-flight batch is over: in the confirmed document already, or it changed nothing. */
  const settle = () => {
    awaitingAnswer = false;
    const { confirmed, pending } = get();
    set({ inflight: null, doc: localView(confirmed, null, pending) });
    flush();
  };

  /** The server will not take the in-flight batch: roll back only the change it cannot take, say which and why, go on with the rest. */
  const refuse = (reason: string) => {
    const { inflight, confirmed, pending, doc } = get();
    if (!inflight) return;
    awaitingAnswer = false;
    clear(retryTimer);
    retryTimer = null;
    if (inflight.actions.length > 1) {
      // Several changes went together: send them one per batch, so that only the one the server cannot take is lost.
      isolate = inflight.actions.length;
      set({ inflight: null, pending: [...inflight.actions, ...pending] });
      return flush();
    }
    set({ inflight: null, doc: localView(confirmed, null, pending) });
    get().notify(`Not saved: the server refused ${describeChange(inflight.ops, [confirmed, doc])} (${reason}). It was undone; your other edits are kept.`, "error");
    flush();
  };

  /** The server failed on the in-flight batch without refusing it: retry after a backoff, give up after a few times. */
  const failed = (reason: string) => {
    const { inflight } = get();
    if (!inflight) return;
    awaitingAnswer = false;
    const failures = inflight.failures + 1;
    if (failures >= MAX_BATCH_FAILURES) return refuse(`${reason}; tried ${failures} times`);
    set({ inflight: { ...inflight, failures }, saveState: "error" });
    clear(retryTimer);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      submitInflight();
    }, backoffDelay(failures - 1));
  };

  /** Apply buffered versions in order; settle our batch when its version is reached. */
  const drain = () => {
    const state = get();
    let { confirmed, version, inflight } = state;
    let drifted = false;
    while (buffer.has(version + 1)) {
      const next = buffer.get(version + 1)!;
      buffer.delete(version + 1);
      try {
        confirmed = applyOps(confirmed, next.ops);
      } catch (error) {
        if (!(error instanceof OpError)) throw error;
        drifted = true; // the server applied it, so our copy has drifted: start again from a snapshot
        break;
      }
      version += 1;
      if (inflight && next.clientOpId === inflight.clientOpId) inflight = null;
    }
    for (const v of [...buffer.keys()]) if (v <= version) buffer.delete(v);
    if (inflight?.version !== undefined && inflight.version <= version) inflight = null;
    if (drifted) {
      buffer.clear();
      requestSync(0);
    }
    const settled = state.inflight !== null && inflight === null;
    if (confirmed !== state.confirmed || settled) set({ confirmed, version, inflight, doc: localView(confirmed, inflight, state.pending) });
    if (settled) {
      awaitingAnswer = false;
      flush();
    }
  };

  const watchGap = () => {
    if (buffer.size === 0) {
      clear(gapTimer);
      gapTimer = null;
      return;
    }
    if (gapTimer || syncOutstanding) return;
    gapTimer = setTimeout(() => {
      gapTimer = null;
      if (buffer.size > 0 && !syncOutstanding) requestSync(get().version);
    }, GAP_WAIT_MS);
  };

  const welcomed = (welcome: SessionWelcome) => {
    buffer.clear();
    syncOutstanding = awaitingAnswer = false;
    clear(gapTimer);
    clear(retryTimer);
    gapTimer = retryTimer = null;
    const first = !welcomedBefore;
    welcomedBefore = true;
    const { version, inflight, pending, interviewSignal } = get();
    set({
      youId: welcome.you.id,
      role: welcome.role,
      peers: peersFromWelcome(welcome),
      comments: welcome.comments,
      limits: welcome.limits,
      interviewSignal: interviewSignal + 1,
    });
    if (first && welcome.version !== version) {
      set({ confirmed: welcome.document, version: welcome.version, doc: localView(welcome.document, inflight, pending) });
    } else if (!first && welcome.version !== version) {
      // Batches (not the welcome's document) keep the view's unchanged parts, and say whether our batch landed.
      requestSync(version);
    }
    flush(); // resends the unsettled batch with its client_op_id: the server applies it at most once
  };

  const acked = (ack: OpAck) => {
    const { inflight, version } = get();
    if (!inflight || ack.client_op_id !== inflight.clientOpId) return;
    awaitingAnswer = false;
    if ((!ack.changed && !ack.duplicate) || ack.version <= version) return settle();
    buffer.set(ack.version, { ops: inflight.ops, clientOpId: inflight.clientOpId });
    set({ inflight: { ...inflight, version: ack.version } });
  };

  const errored = (error: ErrorMessage & { client_op_id?: unknown }) => {
    const { inflight } = get();
    // The server failed on something or was too busy to start it: if it was our sync.request, no answer will come.
    // Ask again after the gap wait (versions are waiting in the buffer) or on the next pong; waiting for the lost
    // answer would leave this tab behind the room for good.
    if (error.code === "server_error" || error.code === "busy") {
      syncOutstanding = false;
      watchGap();
    }
    if (inflight && error.client_op_id === inflight.clientOpId) return refuse(error.message);
    // A server error while our batch waits for its answer is the batch failing: the handler raised on it.
    if (inflight && awaitingAnswer && error.code === "server_error") return failed(error.message);
    get().notify(error.message, "error");
  };

  return {
    saveState: "saved",
    connection: null,
    ended: null,
    limits: null,
    interviewSignal: 0,
    link: null,

    attach: (link) => {
      welcomedBefore = false;
      buffer.clear();
      syncOutstanding = awaitingAnswer = false;
      set({ link });
    },

    receive: (message) => {
      switch (message.type) {
        case "session.welcome":
          welcomed(message);
          return;
        case "op.applied":
          buffer.set(message.version, { ops: message.ops, clientOpId: message.client_op_id });
          break;
        case "op.ack":
          acked(message);
          break;
        case "op.reject": {
          const problems = problemsText(message.problems);
          if (get().inflight?.clientOpId === message.client_op_id) refuse(problems || message.code);
          return;
        }
        case "sync.batches":
          syncOutstanding = false;
          for (const b of message.batches) buffer.set(b.version, { ops: b.ops, clientOpId: b.client_op_id });
          break;
        case "sync.snapshot": {
          syncOutstanding = false;
          const { inflight, pending } = get();
          set({ confirmed: message.document, version: message.version, doc: localView(message.document, inflight, pending) });
          break;
        }
        case "session.pong":
          // Behind, and nothing on its way (no sync asked, no gap being waited for): a trailing broadcast was lost.
          if (message.version > get().version && !syncOutstanding && gapTimer === null) requestSync(get().version);
          return;
        case "presence.join":
        case "presence.update":
        case "presence.leave":
          set({ peers: applyPresence(get().peers, message) });
          return;
        case "comment.created":
        case "comment.updated":
          set({ comments: upsertComment(get().comments, message.comment) });
          return;
        case "interview.changed":
        case "interview.revealed":
          set({ interviewSignal: get().interviewSignal + 1 });
          return;
        case "error":
          errored(message);
          return;
      }
      drain();
      watchGap();
    },

    connectionChanged: (status, info) => {
      if (status !== "live") {
        // The answer to anything sent on the old socket is lost with it: the next welcome resends.
        if (awaitingAnswer && FAILED_CLOSES.has(info.code ?? 0)) failed(info.reason || `the connection closed with code ${info.code}`);
        awaitingAnswer = syncOutstanding = false;
        clear(gapTimer);
        clear(retryTimer);
        gapTimer = retryTimer = null;
      }
      // Presence is volatile: nobody is known to be here until the next welcome says so.
      if (status === "reconnecting") set({ connection: status, peers: {}, saveState: "offline" });
      else if (status === "closed") {
        set({ connection: status, peers: {}, saveState: "error", ended: { code: info.code ?? 1000, reason: info.reason || "The live session ended." } });
        get().notify(info.reason || "The live session ended.", "error");
      } else set({ connection: status });
    },

    requestSave: () => {
      if (get().saveState === "saved") set({ saveState: "saving" });
      if (!flushTimer) flushTimer = setTimeout(flush, BATCH_DELAY_MS);
    },
  };
};

/** Connect a store to the live session at `options.url`: the socket delivers to the store, the store sends through it. */
export function connectLive(store: EditorStore, options: Omit<LiveSocketOptions, "onMessage" | "onStatus">): { socket: LiveSocket; stop: () => void } {
  const socket = new LiveSocket({
    ...options,
    onMessage: (message) => store.getState().receive(message),
    onStatus: (status, info) => store.getState().connectionChanged(status, info),
  });
  store.getState().attach(socket);
  socket.start();
  return {
    socket,
    stop: () => {
      socket.stop();
      store.getState().attach(null);
    },
  };
}
