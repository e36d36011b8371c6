// The Transport interface: how local ops reach the server and remote ops reach the store.
import type { EditorConfig } from "../extensions";
import type { EditorStore } from "../store";

export interface Transport {
  /** Get ready to send (the app has already loaded the document): open sockets, install unload guards. */
  start(): void;
  /** Local ops were queued in the store: send them soon. */
  notify(): void;
  /** Stop timers and sockets (page unload, tests). */
  stop(): void;
}

export type TransportFactory = (store: EditorStore, config: EditorConfig) => Transport;

/** Fetch JSON with the CSRF header Django wants on unsafe methods. */
export async function requestJson(config: EditorConfig, url: string, init: RequestInit = {}): Promise<Response> {
  return fetch(url, {
    credentials: "same-origin",
    ...init,
    headers: { Accept: "application/json", "Content-Type": "application/json", "X-CSRFToken": config.csrfToken, ...(init.headers ?? {}) },
  });
}
