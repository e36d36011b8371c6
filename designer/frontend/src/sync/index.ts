// The one place that chooses how this editor talks to the server, and wires the store to it.
import type { EditorConfig } from "../extensions";
import type { EditorStore } from "../store";
import { createHttpTransport } from "./http";
import type { Transport, TransportFactory } from "./transport";

export type { Transport, TransportFactory } from "./transport";

/** The transport for this page; HTTP batches until a live transport is added here. */
export function chooseTransport(): TransportFactory {
  return createHttpTransport;
}

/** Start the transport and tell it whenever local ops are queued. Returns a stop function. */
export function connectSync(store: EditorStore, config: EditorConfig): () => void {
  const transport: Transport = chooseTransport()(store, config);
  transport.start();
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.pending !== previous.pending && state.pending.length) transport.notify();
  });
  return () => {
    unsubscribe();
    transport.stop();
  };
}
