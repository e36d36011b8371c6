// The one place that chooses how this editor talks to the server, and wires the store to it.
import type { EditorConfig } from "../extensions";
import { createWebSocketTransport } from "../realtime/transport";
import type { EditorStore } from "../store";
import { createHttpTransport } from "./http";
import type { Transport, TransportFactory } from "./transport";

export type { Transport, TransportFactory } from "./transport";

/** Live collaboration over a websocket when the page offers one (config.wsUrl), else HTTP batches. */
export function chooseTransport(config: EditorConfig): TransportFactory {
  return typeof config.wsUrl === "string" && config.wsUrl ? createWebSocketTransport : createHttpTransport;
}

/** Start the transport and tell it whenever local ops are queued. Returns a stop function. */
export function connectSync(store: EditorStore, config: EditorConfig): () => void {
  const transport: Transport = chooseTransport(config)(store, config);
  transport.start();
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.pending !== previous.pending && state.pending.length) transport.notify();
  });
  return () => {
    unsubscribe();
    transport.stop();
  };
}
