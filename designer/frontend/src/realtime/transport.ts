// The websocket Transport for the editor store: the drop-in live replacement for the HTTP transport
// (src/sync/index.ts chooses it when the page config has a wsUrl). Presence and comments go through `client`.
import type { EditorConfig } from "../extensions";
import type { EditorStore } from "../store";
import type { Transport } from "../sync/transport";
import { absoluteWsUrl, type CommentEvent, type InterviewChanged, type PresenceEvent, type SessionWelcome } from "./protocol";
import { RealtimeClient, type RealtimeHandlers, type RealtimeOptions } from "./socket";
import { OPS_PER_BATCH } from "../generated/limits";

/** The server's per-batch limit (designer/ops.py MAX_OPS_PER_BATCH). */
const MAX_OPS_PER_BATCH = OPS_PER_BATCH;
/** Coalesce a drag's many small ops into one batch without making others wait noticeably. */
export const LIVE_BATCH_DELAY_MS = 30;

export type LiveTransport = Transport & { client: RealtimeClient };

export type LiveOptions = Partial<Omit<RealtimeOptions, "handlers">> & {
  presence?: (event: PresenceEvent) => void;
  comment?: (event: CommentEvent) => void;
  status?: RealtimeHandlers["status"];
};

/** What UI packages (src/collab) hear from the page's live session, whoever created it. */
export type LiveListener = {
  welcome?(welcome: SessionWelcome): void;
  presence?(event: PresenceEvent): void;
  comment?(event: CommentEvent): void;
  interview?(event: InterviewChanged): void;
  status?: RealtimeHandlers["status"];
  error?(code: string, message: string): void;
};

const liveListeners = new Set<LiveListener>();
let liveClient: RealtimeClient | null = null;

/** Hear the live session's welcome, presence, comments, interview changes, status and errors; returns an unsubscribe function. */
export function subscribeLive(listener: LiveListener): () => void {
  liveListeners.add(listener);
  return () => liveListeners.delete(listener);
}

/** The running live client (to send presence and comments), or null on an HTTP-only page. */
export function currentLiveClient(): RealtimeClient | null {
  return liveClient;
}

export function createWebSocketTransport(store: EditorStore, config: EditorConfig, options: LiveOptions = {}): LiveTransport {
  const path = typeof config.wsUrl === "string" ? config.wsUrl : `/ws/designs/${config.designId}/`;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let sentId: string | null = null;
  const state = () => store.getState();

  // The store keeps one batch in flight; the client keeps it until the server settles it, across reconnects.
  const sendNext = () => {
    if (sentId) return;
    const batch = state().takeBatch(MAX_OPS_PER_BATCH);
    if (!batch) {
      if (client.status === "live") state().setSaveState("saved");
      return;
    }
    sentId = client.submit(batch.ops, batch.clientOpId);
    state().setSaveState(client.status === "live" ? "saving" : "offline");
  };

  const settled = () => {
    sentId = null;
    sendNext();
  };

  const client: RealtimeClient = new RealtimeClient({
    ...options,
    url: options.url ?? absoluteWsUrl(path, window.location),
    handlers: {
      status: (status, info) => {
        if (status === "live") state().setSaveState(sentId ? "saving" : "saved");
        else if (status === "reconnecting") state().setSaveState("offline");
        else if (status === "closed") {
          state().setSaveState("error");
          state().notify(info.reason || "The live session ended.", "error");
        }
        options.status?.(status, info);
        for (const l of liveListeners) l.status?.(status, info);
      },
      welcome: (welcome) => {
        for (const l of liveListeners) l.welcome?.(welcome);
      },
      error: (code, message) => {
        for (const l of liveListeners) l.error?.(code, message);
      },
      snapshot: (document, version) => {
        if (version !== state().version) state().rebaseOnServer(document, version);
      },
      remote: (ops, version) => state().applyRemote(ops, version),
      confirmed: (clientOpId, version, ops) => {
        if (state().inflight?.clientOpId === clientOpId) state().ackBatch(version ?? state().version);
        // A snapshot replaced the store's document while this batch was out: it arrives like anyone's.
        else if (version !== null) state().applyRemote(ops, version);
        if (clientOpId === sentId) settled();
      },
      rejected: (clientOpId, _code, problems) => {
        if (state().inflight?.clientOpId === clientOpId) state().dropBatch();
        const problem = problems[0];
        state().notify(`Not saved: ${problem ? `${problem.path}: ${problem.message}` : "the server refused the change"}`, "error");
        if (clientOpId === sentId) settled();
      },
      presence: (event) => {
        options.presence?.(event);
        for (const l of liveListeners) l.presence?.(event);
      },
      comment: (event) => {
        options.comment?.(event);
        for (const l of liveListeners) l.comment?.(event);
      },
      interview: (event) => {
        for (const l of liveListeners) l.interview?.(event);
      },
    },
  });

  return {
    client,
    start() {
      liveClient = client;
      client.start();
    },
    notify() {
      // Say "Saving…" from the moment ops are queued, not only once the batch delay has passed.
      if (state().saveState === "saved") state().setSaveState("saving");
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        sendNext();
      }, LIVE_BATCH_DELAY_MS);
    },
    stop() {
      if (timer) clearTimeout(timer);
      client.stop();
      if (liveClient === client) liveClient = null;
    },
  };
}
