// The editor's one transport module: HTTP calls to its server, and the live websocket. It moves messages
// and nothing else: the store (src/store/sync.ts) decides what they mean and what to send.
import type { EditorConfig } from "./config";
import { FINAL_CLOSE_CODES, parseServerMessage, type ClientMessage, type ServerMessage } from "./realtime/protocol";

// --- HTTP ---------------------------------------------------------------------------------------

/** A refusal from the server: its status and the reason it gave (DRF's `detail`, or the fields it named). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly body: unknown,
  ) {
    super(detail);
  }
}

/** Every HTTP call the editor makes: same-origin cookies, JSON by default, and the CSRF header Django wants on writes. */
export function requestJson(config: Pick<EditorConfig, "csrfToken">, url: string, init: RequestInit = {}): Promise<Response> {
  return fetch(url, {
    credentials: "same-origin",
    ...init,
    headers: { Accept: "application/json", "Content-Type": "application/json", "X-CSRFToken": config.csrfToken, ...(init.headers ?? {}) },
  });
}

function detailOf(body: unknown): string {
  if (typeof body !== "object" || body === null) return "";
  const { detail } = body as { detail?: unknown };
  if (typeof detail === "string") return detail;
  return Object.entries(body)
    .map(([key, value]) => `${key}: ${String(value)}`)
    .join("; ");
}

/** requestJson, then the answer's body as T; a refusal throws an HttpError with the server's reason. */
export async function fetchJson<T>(config: Pick<EditorConfig, "csrfToken">, url: string, init: RequestInit = {}): Promise<T> {
  const response = await requestJson(config, url, init);
  const body: unknown = await response.json().catch(() => ({}));
  if (!response.ok) throw new HttpError(response.status, detailOf(body) || `HTTP ${response.status}`, body);
  return body as T;
}

// --- backoff ------------------------------------------------------------------------------------

/** The one retry policy: 0.5 s doubling to 10 s, ± 20 % jitter so that a room's clients do not come back in step. */
export const BACKOFF = { initialMs: 500, maxMs: 10_000, jitter: 0.2 } as const;

/** How long to wait before retry number `attempt` (0 for the first). */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(BACKOFF.maxMs, BACKOFF.initialMs * 2 ** attempt);
  return Math.round(base * (1 + BACKOFF.jitter * (2 * random() - 1)));
}

// --- websocket ----------------------------------------------------------------------------------

/** What the browser's WebSocket offers and this transport uses (tests and the Node fuzz pass their own). */
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
export type ConnectionInfo = { code?: number; reason?: string; retryInMs?: number };

export interface LiveSocketOptions {
  /** Absolute ws:// or wss:// URL (see absoluteWsUrl). */
  url: string;
  /** Every server message this client understands, in arrival order. */
  onMessage: (message: ServerMessage) => void;
  /** `live` from the welcome on; `reconnecting` with the close code and the retry delay; `closed` for good. */
  onStatus: (status: ConnectionStatus, info: ConnectionInfo) => void;
  createSocket?: (url: string) => WebSocketLike;
  /** Where the browser announces `offline` / `online` (window); null to ignore the network state. */
  network?: EventTarget | null;
  random?: () => number;
  pingIntervalMs?: number;
}

const OPEN = 1;

/** A websocket that reconnects with backoff until the server says the link is gone, and pings while live. */
export class LiveSocket {
  status: ConnectionStatus = "connecting";
  private socket: WebSocketLike | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private attempt = 0;
  private stopped = true;
  private readonly createSocket: (url: string) => WebSocketLike;
  private readonly network: EventTarget | null;
  private readonly random: () => number;
  private readonly pingIntervalMs: number;

  constructor(private readonly options: LiveSocketOptions) {
    this.createSocket = options.createSocket ?? ((url) => new WebSocket(url) as unknown as WebSocketLike);
    this.network = options.network !== undefined ? options.network : typeof window === "undefined" ? null : window;
    this.random = options.random ?? Math.random;
    this.pingIntervalMs = options.pingIntervalMs ?? 15_000;
  }

  start(): void {
    this.stopped = false;
    this.network?.addEventListener("offline", this.wentOffline);
    this.network?.addEventListener("online", this.cameOnline);
    this.setStatus("connecting", {});
    this.open();
  }

  stop(): void {
    this.stopped = true;
    this.network?.removeEventListener("offline", this.wentOffline);
    this.network?.removeEventListener("online", this.cameOnline);
    this.clearTimers();
    this.socket?.close(1000, "bye");
    this.socket = null;
  }

  /** Send now if the session is live; false when it is not (the store keeps the message's content and resends it after the next welcome). */
  send(message: ClientMessage): boolean {
    if (!this.socket || this.socket.readyState !== OPEN || this.status !== "live") return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  private open(): void {
    const socket = this.createSocket(this.options.url);
    this.socket = socket;
    socket.onmessage = (event) => {
      if (this.socket !== socket) return;
      const message = parseServerMessage(event.data);
      if (message === null) return;
      if (message.type === "session.welcome") this.welcomed();
      this.options.onMessage(message);
    };
    socket.onclose = (event) => {
      if (this.socket === socket) this.closed(event.code, event.reason);
    };
    socket.onerror = () => undefined; // a close event always follows; that is where we act
    socket.onopen = () => undefined; // live only once the welcome arrives
  }

  private welcomed(): void {
    this.attempt = 0;
    this.setStatus("live", {});
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => this.send({ type: "session.ping" }), this.pingIntervalMs);
  }

  // A socket whose network went away often gets no close event for minutes (its frames just stall):
  // drop it at once so the user sees "Reconnecting…" and edits wait for the new connection.
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

  // Any close the server did not mark final (server errors, a client that fell behind, rate limits, codes
  // added later) means: reconnect after a backoff and resync.
  private closed(code: number, reason: string): void {
    this.socket = null;
    this.clearTimers();
    if (this.stopped) return;
    if (FINAL_CLOSE_CODES.has(code)) {
      this.setStatus("closed", { code, reason });
      return;
    }
    const delay = backoffDelay(this.attempt, this.random);
    this.attempt += 1;
    this.setStatus("reconnecting", { code, reason, retryInMs: delay });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.open();
    }, delay);
  }

  private setStatus(status: ConnectionStatus, info: ConnectionInfo): void {
    this.status = status;
    this.options.onStatus(status, info);
  }

  private clearTimers(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.retryTimer = this.pingTimer = null;
  }
}
