// Pure collaboration state: who is here (cursors, selections) and comment threads, folded from protocol messages.
import type { Comment, CommentTarget, Participant, Point, PresenceEvent, SessionWelcome } from "../realtime/protocol";

export type Peer = Participant & { cursor: Point | null; selection: string[] };
export type Peers = Record<string, Peer>;

/** Everyone the welcome names, keyed by id (the welcome includes this client). */
export function peersFromWelcome(welcome: Pick<SessionWelcome, "participants">): Peers {
  const peers: Peers = {};
  for (const p of welcome.participants) peers[p.id] = { ...p, cursor: null, selection: [] };
  return peers;
}

/** Fold one presence message in; a join is an upsert, an update for an unknown id is ignored. */
export function applyPresence(peers: Peers, event: PresenceEvent): Peers {
  switch (event.type) {
    case "presence.join":
      return { ...peers, [event.participant.id]: { ...event.participant, cursor: event.cursor, selection: event.selection } };
    case "presence.update": {
      const peer = peers[event.id];
      if (!peer) return peers;
      return { ...peers, [event.id]: { ...peer, cursor: event.cursor, selection: event.selection } };
    }
    case "presence.leave": {
      if (!peers[event.id]) return peers;
      const rest = { ...peers };
      delete rest[event.id];
      return rest;
    }
  }
}

/** This client first, then the others by name (stable for the toolbar). */
export function orderedPeers(peers: Peers, youId: string | null): Peer[] {
  return Object.values(peers).sort((a, b) => (a.id === youId ? -1 : b.id === youId ? 1 : a.name.localeCompare(b.name) || a.id.localeCompare(b.id)));
}

/** The colour each selected id is outlined in: the first other participant (by name) who selected it. */
export function remoteSelections(peers: Peers, youId: string | null): Map<string, Peer> {
  const marks = new Map<string, Peer>();
  for (const peer of orderedPeers(peers, youId)) {
    if (peer.id === youId) continue;
    for (const id of peer.selection) if (!marks.has(id)) marks.set(id, peer);
  }
  return marks;
}

/** Insert or replace a comment by id, keeping the list ordered by id (the server's creation order). */
export function upsertComment(comments: Comment[], comment: Comment): Comment[] {
  const rest = comments.filter((c) => c.id !== comment.id);
  rest.push(comment);
  return rest.sort((a, b) => a.id - b.id);
}

export type Thread = { root: Comment; replies: Comment[] };
export type ThreadFilter = "open" | "resolved" | "all";

/** Group comments into threads (a root and its replies, oldest first); newest thread first; filtered by the root's state. */
export function threadsOf(comments: Comment[], filter: ThreadFilter = "all"): Thread[] {
  const threads = new Map<number, Thread>();
  const sorted = [...comments].sort((a, b) => a.id - b.id);
  for (const c of sorted) if (c.parent === null) threads.set(c.id, { root: c, replies: [] });
  for (const c of sorted) if (c.parent !== null) threads.get(c.parent)?.replies.push(c);
  return [...threads.values()]
    .filter((t) => filter === "all" || (filter === "resolved") === t.root.resolved)
    .sort((a, b) => b.root.id - a.root.id);
}

export type Box = { x: number; y: number; width: number; height: number };

/** Where a thread's pin sits in flow coordinates: a node's top-right corner, an edge's midpoint, or the point; null if its target is gone. */
export function pinPosition(target: CommentTarget, boxOf: (nodeId: string) => Box | null, edgeEnds: (edgeId: string) => [string, string] | null): Point | null {
  if ("point" in target) return target.point;
  if ("node" in target) {
    const box = boxOf(target.node);
    return box ? { x: box.x + box.width, y: box.y } : null;
  }
  const ends = edgeEnds(target.edge);
  const a = ends && boxOf(ends[0]);
  const b = ends && boxOf(ends[1]);
  if (!a || !b) return null;
  return { x: (a.x + a.width / 2 + b.x + b.width / 2) / 2, y: (a.y + a.height / 2 + b.y + b.height / 2) / 2 };
}

/** Initials for an avatar: first letters of the first two words, or the first two letters of one word; a note in
 * parentheses ("Grace (guest)") and punctuation are not part of the name. */
export function initials(name: string): string {
  const words = name
    .replace(/\([^)]*\)/g, " ")
    .split(/\s+/)
    .map((w) => w.replace(/[^\p{L}\p{N}]/gu, ""))
    .filter(Boolean);
  if (!words.length) return "?";
  const letters = words.length > 1 ? [...words[0]].slice(0, 1).concat([...words[1]].slice(0, 1)) : [...words[0]].slice(0, 2);
  return letters.join("").toUpperCase();
}

/** A link's expiry choice as an ISO timestamp (null: never). */
export function expiryFrom(now: Date, hours: number | null): string | null {
  return hours === null ? null : new Date(now.getTime() + hours * 3_600_000).toISOString();
}

/** A card's finding badge sits on its top-right corner, 9 px out (editor.css .severity-badge): keep that corner clear too. */
const BADGE_REACH = 10;

/** What a name tag or a pin must not cover: each card (label and text) grown by its badge's corner. */
export function keepClear(cards: Box[]): Box[] {
  return cards.map((b) => ({ x: b.x, y: b.y - BADGE_REACH, width: b.width + BADGE_REACH, height: b.height + BADGE_REACH }));
}

const covers = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The first spot (a top-left corner) where a box of `size` covers none of `obstacles`, or null when every spot covers one. */
export function clearSpot(spots: Point[], size: { width: number; height: number }, obstacles: Box[]): Point | null {
  return spots.find((p) => !obstacles.some((o) => covers({ x: p.x, y: p.y, ...size }, o))) ?? null;
}

/**
 * A comment pin's top-left corner (flow units) for a pin `size` flow units square pointing at `at`: beside its element's
 * top-right corner (past the badge) or with its tip on the point; when that covers a card or a badge, the nearest clear
 * spot on rings around it; the first spot if nothing within six pin sizes is clear.
 */
export function pinSpot(at: Point, size: number, obstacles: Box[], onElement: boolean): Point {
  const first = onElement ? { x: at.x + size * 0.45, y: at.y - size * 1.15 } : { x: at.x - size * 0.2, y: at.y - size };
  const rings: Point[] = [first];
  for (let ring = 1; ring <= 6; ring++) {
    const steps = 8 * ring;
    for (let i = 0; i < steps; i++) {
      const angle = (-Math.PI / 2) + (2 * Math.PI * i) / steps;
      rings.push({ x: first.x + Math.cos(angle) * ring * size * 0.75, y: first.y + Math.sin(angle) * ring * size * 0.75 });
    }
  }
  return clearSpot(rings, { width: size, height: size }, obstacles) ?? first;
}
