// The websocket wire contract, mirroring designer/realtime/protocol.py (docs/protocol.md); change them together.
import type { DesignDocument, Op } from "../types";

export const PROTOCOL_VERSION = 1;

export const CLOSE = {
  TOO_BIG: 1009,
  SERVER_ERROR: 1011,
  NOT_AUTHENTICATED: 4401,
  REVOKED: 4403,
  NOT_FOUND: 4404,
  EXPIRED: 4410,
  RATE_LIMITED: 4429,
} as const;

/** Close codes after which reconnecting cannot help: the credential is gone. */
export const FINAL_CLOSE_CODES: ReadonlySet<number> = new Set([CLOSE.NOT_AUTHENTICATED, CLOSE.REVOKED, CLOSE.NOT_FOUND, CLOSE.EXPIRED]);

export type ErrorCode = "bad_json" | "unknown_type" | "bad_message" | "forbidden" | "invalid_ops" | "rate_limited" | "server_error" | "too_big";

export type Role = "owner" | "edit" | "comment" | "view";
export type Point = { x: number; y: number };
export type Participant = { id: string; name: string; role: Role; colour: string };
export type Problem = { path: string; message: string };
export type CommentTarget = { node: string } | { edge: string } | { point: Point };
export type Comment = {
  id: number;
  parent: number | null;
  author: string;
  target: CommentTarget;
  /** Plain text: render as text, never as HTML. */
  body: string;
  resolved: boolean;
  created_at: string;
  updated_at: string;
};
export type Batch = { version: number; ops: Op[]; author: string; client_op_id: string };
export type Limits = {
  max_message_bytes: number;
  rate_per_second: number;
  rate_burst: number;
  max_ops_per_batch: number;
  sync_max_batches: number;
  comment_chars: number;
  document_bytes: number;
};

// Server → client.
export type SessionWelcome = {
  type: "session.welcome";
  protocol: number;
  version: number;
  document: DesignDocument;
  role: Role;
  you: Participant;
  participants: Participant[];
  comments: Comment[];
  limits: Limits;
};
export type SessionPong = { type: "session.pong"; version: number };
export type OpAck = { type: "op.ack"; client_op_id: string; version: number; duplicate: boolean; changed: boolean };
export type OpReject = { type: "op.reject"; client_op_id: string; code: "invalid_ops" | "forbidden"; problems: Problem[] };
export type OpApplied = { type: "op.applied"; version: number; ops: Op[]; author: string; client_op_id: string };
export type SyncBatches = { type: "sync.batches"; version: number; batches: Batch[] };
export type SyncSnapshot = { type: "sync.snapshot"; version: number; document: DesignDocument };
export type PresenceJoin = { type: "presence.join"; participant: Participant; cursor: Point | null; selection: string[] };
export type PresenceUpdate = { type: "presence.update"; id: string; cursor: Point | null; selection: string[] };
export type PresenceLeave = { type: "presence.leave"; id: string };
export type CommentCreated = { type: "comment.created"; comment: Comment };
export type CommentUpdated = { type: "comment.updated"; comment: Comment };
/** An interview on the design started, changed step, ended or was shared: fetch it again over HTTP. */
export type InterviewChanged = { type: "interview.changed"; session: number };
export type ErrorMessage = { type: "error"; code: ErrorCode; message: string };

export type PresenceEvent = PresenceJoin | PresenceUpdate | PresenceLeave;
export type CommentEvent = CommentCreated | CommentUpdated;
export type ServerMessage =
  | SessionWelcome
  | SessionPong
  | OpAck
  | OpReject
  | OpApplied
  | SyncBatches
  | SyncSnapshot
  | PresenceEvent
  | CommentEvent
  | InterviewChanged
  | ErrorMessage;

export const SERVER_TYPES: ReadonlySet<string> = new Set([
  "session.welcome", "session.pong", "op.ack", "op.reject", "op.applied", "sync.batches", "sync.snapshot",
  "presence.join", "presence.update", "presence.leave", "comment.created", "comment.updated", "interview.changed",
  "error",
]);

// Client → server.
export type ClientMessage =
  | { type: "op.submit"; client_op_id: string; base_version: number; ops: Op[] }
  | { type: "sync.request"; since: number }
  | { type: "presence.update"; cursor: Point | null; selection: string[] }
  | { type: "comment.create"; target: CommentTarget; body: string }
  | { type: "comment.reply"; parent_id: number; body: string }
  | { type: "comment.resolve"; comment_id: number }
  | { type: "comment.reopen"; comment_id: number }
  | { type: "session.ping" };

/** 1–64 characters of A–Z a–z 0–9 _ . : - (the server refuses anything else). */
export const CLIENT_OP_ID_RE = /^[A-Za-z0-9_.:-]{1,64}$/;

/** A server frame as a typed message, or null for anything this client does not understand. */
export function parseServerMessage(raw: unknown): ServerMessage | null {
  if (typeof raw !== "string") return null;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) return null;
  const type = (data as { type?: unknown }).type;
  return typeof type === "string" && SERVER_TYPES.has(type) ? (data as ServerMessage) : null;
}

/** The page's wsUrl (a path such as /ws/s/<token>/) as an absolute ws:// or wss:// URL. */
export function absoluteWsUrl(path: string, location: { protocol: string; host: string }): string {
  return `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}${path}`;
}
