// HTTP transport: batches local ops every ≤ 300 ms, POSTs them with a client_op_id, retries until acknowledged.
import type { EditorConfig } from "../extensions";
import type { EditorStore } from "../store";
import type { DesignDocument, Op } from "../types";
import { requestJson, type Transport } from "./transport";
import { OPS_PER_BATCH } from "../generated/limits";

export const BATCH_DELAY_MS = 300;
/** The server's per-batch limit (designer/limits.py OPS_PER_BATCH). */
export const MAX_OPS_PER_BATCH = OPS_PER_BATCH;
const MAX_BACKOFF_MS = 15000;

type OpsResponse = { version: number; applied: boolean[]; duplicate: boolean };
type Batch = { version: number; ops: Op[]; client_op_id: string; author: string };

class TransientError extends Error {}

export function createHttpTransport(store: EditorStore, config: EditorConfig): Transport {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let sending = false;
  let backoff = 1000;
  let stopped = false;

  const schedule = (delay: number) => {
    if (timer || stopped) return;
    timer = setTimeout(() => {
      timer = null;
      void flush();
    }, delay);
  };

  /** Replay the batches saved since our version (another tab or user saved meanwhile). */
  const catchUp = async () => {
    const since = store.getState().version;
    const response = await requestJson(config, `${config.urls.ops}?since=${since}`);
    if (!response.ok) throw new TransientError(`catch-up failed: HTTP ${response.status}`);
    const body = (await response.json()) as { version: number; batches: Batch[] };
    for (const batch of body.batches) {
      const { inflight, version } = store.getState();
      if (batch.version <= version) continue;
      if (inflight && batch.client_op_id === inflight.clientOpId) store.getState().ackBatch(batch.version);
      else store.getState().applyRemote(batch.ops, batch.version);
    }
    // Our batch changed nothing on the server (every op hit something already gone): it has no log entry.
    if (store.getState().inflight) store.getState().ackBatch(Math.max(body.version, store.getState().version));
  };

  const resync = async () => {
    const response = await requestJson(config, config.urls.design);
    if (!response.ok) throw new TransientError(`reload failed: HTTP ${response.status}`);
    const body = (await response.json()) as { version: number; document: DesignDocument };
    store.getState().rebaseOnServer(body.document, body.version);
  };

  const send = async () => {
    const batch = store.getState().takeBatch(MAX_OPS_PER_BATCH);
    if (!batch) return false;
    const before = store.getState().version;
    store.getState().setSaveState("saving");
    let response: Response;
    try {
      response = await requestJson(config, config.urls.ops, {
        method: "POST",
        body: JSON.stringify({ ops: batch.ops, client_op_id: batch.clientOpId }),
      });
    } catch {
      throw new TransientError("network");
    }
    if (response.status >= 500 || response.status === 429 || response.status === 408) throw new TransientError(`HTTP ${response.status}`);
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as { detail?: string; problems?: { path: string; message: string }[] };
      const problem = body.problems?.[0];
      store.getState().dropBatch();
      store.getState().notify(
        `Not saved: ${body.detail ?? `HTTP ${response.status}`}${problem ? ` (${problem.path}: ${problem.message})` : ""} Reloaded the saved design.`,
        "error",
      );
      await resync();
      return true;
    }
    const body = (await response.json()) as OpsResponse;
    const changed = body.applied.some(Boolean);
    if (body.version === before + 1 && (changed || body.duplicate)) store.getState().ackBatch(body.version);
    else if (body.version === before && !changed) store.getState().ackBatch(body.version);
    else await catchUp();
    return true;
  };

  const flush = async () => {
    if (sending || stopped) return;
    sending = true;
    try {
      while (await send()) backoff = 1000;
      store.getState().setSaveState("saved");
    } catch (error) {
      // Never drop a batch on a transient failure: keep it in flight and retry the same client_op_id.
      store.getState().setSaveState(error instanceof TransientError ? "offline" : "error");
      const delay = backoff;
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      sending = false;
      schedule(delay);
      return;
    }
    sending = false;
    const { pending } = store.getState();
    if (pending.length) schedule(BATCH_DELAY_MS);
  };

  const unsavedWarning = (event: BeforeUnloadEvent) => {
    const { pending, inflight } = store.getState();
    if (pending.length || inflight) event.preventDefault();
  };

  return {
    start() {
      window.addEventListener("beforeunload", unsavedWarning);
    },
    notify() {
      if (store.getState().saveState === "saved") store.getState().setSaveState("saving");
      schedule(BATCH_DELAY_MS);
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      window.removeEventListener("beforeunload", unsavedWarning);
    },
  };
}
