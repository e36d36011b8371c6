// Test support: a scripted stand-in for the browser WebSocket (the server's side is played by the test).
import type { SessionWelcome } from "./realtime/protocol";
import type { WebSocketLike } from "./transport";

export class FakeSocket implements WebSocketLike {
  readyState = 0;
  sent: Record<string, unknown>[] = [];
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.readyState = 3;
  }
  /** The server speaks. */
  deliver(message: Record<string, unknown>) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  openWith(welcome: Partial<SessionWelcome>) {
    this.readyState = 1;
    this.onopen?.({});
    this.deliver({
      type: "session.welcome",
      protocol: 1,
      role: "edit",
      participants: [],
      comments: [],
      you: { id: "me" },
      limits: { max_message_bytes: 1048576, rate_per_second: 50, rate_burst: 100, max_ops_per_batch: 500, sync_max_batches: 1000, comment_chars: 2000, document_bytes: 5242880 },
      ...welcome,
    });
  }
  drop(code: number, reason = "") {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }
}
