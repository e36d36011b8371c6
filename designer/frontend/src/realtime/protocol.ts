// The websocket wire contract (docs/protocol.md). The messages, close codes and types are generated from
// designer/realtime/protocol.py into ../generated/protocol.ts (`make contracts`); this module re-exports
// them under the names the editor imports and adds the client-side helpers.
import { CLOSE, SERVER_TYPES } from "../generated/protocol";
import type { PresenceJoin, PresenceLeave, PresenceUpdate, CommentCreated, CommentUpdated, ServerMessage } from "../generated/protocol";
import { ID_RE } from "../generated/limits";

export { CLIENT_TYPES, CLOSE, PROTOCOL_VERSION, SERVER_TYPES } from "../generated/protocol";
export type {
  Batch,
  ClientMessage,
  Comment,
  CommentCreated,
  CommentTarget,
  CommentUpdated,
  ErrorCode,
  ErrorMessage,
  InterviewChanged,
  Limits,
  OpAck,
  OpApplied,
  OpReject,
  Participant,
  Point,
  PresenceJoin,
  PresenceLeave,
  PresenceUpdate,
  Problem,
  Role,
  ServerMessage,
  SessionPong,
  SessionWelcome,
  SyncBatches,
  SyncSnapshot,
} from "../generated/protocol";

/** Close codes after which reconnecting cannot help: the credential is gone, or this page may not connect. */
export const FINAL_CLOSE_CODES: ReadonlySet<number> = new Set([CLOSE.NOT_AUTHENTICATED, CLOSE.REVOKED, CLOSE.NOT_FOUND, CLOSE.EXPIRED, CLOSE.ORIGIN]);

export type PresenceEvent = PresenceJoin | PresenceUpdate | PresenceLeave;
export type CommentEvent = CommentCreated | CommentUpdated;

/** 1–64 characters of A–Z a–z 0–9 _ . : - (the server refuses anything else). */
export const CLIENT_OP_ID_RE = ID_RE;

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
