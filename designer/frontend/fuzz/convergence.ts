// Convergence fuzz: the shipped sync client (the editor store + its websocket transport) under Node against a real
// server. Seeded random edits by 2–4 clients with disconnects, frames that never leave and lost broadcasts; at the
// end every client must hold the server's document. tests/realtime/test_fuzz.py starts the server, hands the
// rooms over (see Spec), and checks the database against what this prints.
import type { DesignDocument, Op } from "../src/types";
import { newRecord, Peer, sleep, type ClientResult, type Refusal } from "./peer";

export type Room = { seed: number; designId: number; ownerCookie: string; editToken: string; guestCookies: string[] };
export type Spec = { server: string; origin: string; steps: number; concurrency: number; loss: number; rooms: Room[] };
export type SeedResult = {
  seed: number;
  designId: number;
  clients: ClientResult[];
  /** Ops the users made (dispatched into their editors). */
  dispatched: number;
  sent: string[];
  committed: string[];
  unchanged: string[];
  refused: string[];
  refusals: Refusal[];
  /** Every error notice a user saw ("Not saved: …"). */
  notices: string[];
  error?: string;
};

const KINDS = ["app_service", "cache", "model_server", "feature_store", "note"];
/** The heal fails when the clients' state (connections, versions, unsaved work) has not moved for this long. */
const STALL_MS = 60_000;

/** A small seeded generator (mulberry32): the same seed gives the same choices. */
export function seeded(seed: number) {
  let a = seed >>> 0 || 0x9e3779b9;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const choice = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const sample2 = <T>(items: readonly T[]): [T, T] => {
    const i = Math.floor(random() * items.length);
    let j = Math.floor(random() * (items.length - 1));
    if (j >= i) j += 1;
    return [items[i], items[j]];
  };
  return { random, int, choice, sample2 };
}
type Rng = ReturnType<typeof seeded>;

/** `count` ops against what this client sees: adds, moves, renames, removals, connections, problem and title edits.
 * Connections join components only (a note cannot be connected): every refusal the run meets is a real conflict with
 * another client's edit, never an edit that was invalid where it was made. */
export function randomOps(rng: Rng, doc: DesignDocument, name: string, counter: { n: number }, count: number): Op[] {
  const nodes = doc.nodes.filter((n) => n.kind !== "group").map((n) => n.id);
  const components = doc.nodes.filter((n) => n.kind !== "group" && n.kind !== "note").map((n) => n.id);
  const edges = doc.edges.map((e) => e.id);
  const ops: Op[] = [];
  for (let k = count; k > 0; k--) {
    counter.n += 1;
    const uid = `${name}-${counter.n}`;
    const roll = rng.random();
    if (roll < 0.25 || !nodes.length) {
      const kind = rng.choice(KINDS);
      ops.push({ op: "node.add", node: { id: uid, kind, label: uid, x: rng.int(0, 2000), y: rng.int(0, 2000) } });
      nodes.push(uid);
      if (kind !== "note") components.push(uid);
    } else if (roll < 0.5) {
      const field = rng.choice(["x", "y", "label"] as const);
      ops.push({ op: "node.update", id: rng.choice(nodes), set: { [field]: field === "label" ? `${name} ${counter.n}` : rng.int(0, 2000) } });
    } else if (roll < 0.6) {
      const gone = rng.choice(nodes);
      ops.push({ op: "node.remove", id: gone });
      nodes.splice(nodes.indexOf(gone), 1);
      if (components.includes(gone)) components.splice(components.indexOf(gone), 1);
    } else if (roll < 0.75 && components.length >= 2) {
      const [source, target] = rng.sample2(components);
      ops.push({ op: "edge.add", edge: { id: uid, source, target, kind: "request" } });
    } else if (roll < 0.85 && edges.length) {
      ops.push({ op: "edge.update", id: rng.choice(edges), set: { label: `${name} ${counter.n}` } });
    } else if (roll < 0.9 && edges.length) {
      ops.push({ op: "edge.remove", id: rng.choice(edges) });
    } else if (roll < 0.95) {
      ops.push({ op: "problem.update", set: { statement: `${name} says ${counter.n}` } });
    } else {
      ops.push({ op: "title.set", title: `${name}'s title ${counter.n}` });
    }
  }
  return ops;
}

export async function runSeed(spec: Spec, room: Room): Promise<SeedResult> {
  // Separate streams: what the users do (the schedule: who edits when, how many ops) does not depend on what the
  // network did (lost broadcasts, backoff jitter) or on the documents the clients saw, so every run of a seed makes
  // the same number of edits however loaded the machine is.
  const rng = seeded(room.seed);
  const content = seeded(room.seed + 1_000_003);
  const network = seeded(room.seed + 2_000_003);
  const record = newRecord();
  const peers: Peer[] = [];
  const count = rng.int(2, 4);
  let dispatched = 0;
  for (let i = 0; i < count; i++) {
    const owner = i % 2 === 0;
    const path = owner ? `/ws/designs/${room.designId}/` : `/ws/s/${room.editToken}/`;
    const cookie = owner ? room.ownerCookie : room.guestCookies[(i - 1) / 2];
    peers.push(new Peer(`s${room.seed}${owner ? "o" : "g"}${i}`, `${spec.server}${path}`, spec.origin, cookie, network.random, spec.loss, record));
  }
  const outcome = (): SeedResult => ({
    seed: room.seed,
    designId: room.designId,
    clients: peers.map((p) => p.result()),
    dispatched,
    sent: [...record.sent],
    committed: [...record.committed],
    unchanged: [...record.unchanged],
    refused: [...record.refused],
    refusals: record.refusals,
    notices: record.notices,
  });
  try {
    for (let step = 0; step < spec.steps; step++) {
      const connected = peers.filter((p) => !p.offline);
      const roll = rng.random();
      if (roll < 0.55) {
        // Anyone edits, connected or not: edits made offline wait for the reconnect.
        const peer = rng.choice(peers);
        const ops = randomOps(content, peer.store.getState().doc, peer.name, peer.counter, rng.choice([1, 1, 1, 2, 3]));
        if (peer.store.getState().dispatch(ops)) dispatched += ops.length;
        if (rng.random() < 0.05) peer.loseNextSubmit = true;
      } else if (roll < 0.62 && connected.length) {
        rng.choice(connected).goOffline();
      } else if (roll < 0.8 && connected.length < peers.length) {
        rng.choice(peers.filter((p) => p.offline)).goOnline();
      } else if (connected.length) {
        rng.choice(connected).ping();
      }
      // Mostly slower than the 30 ms batch delay, sometimes faster: some edits share a batch, most get their own.
      await sleep(rng.choice([0, 5, 40, 40, 60]));
    }

    // Heal: everyone back online; pings reveal trailing gaps; wait until every client has settled on one version.
    // A loaded server settles late but keeps moving; only a client whose state stops moving short of the room's
    // version is stuck (the run fails then, naming where each client stands).
    for (const peer of peers) {
      peer.loseNextSubmit = false;
      peer.goOnline();
    }
    const where = () =>
      peers.map((p) => {
        const s = p.store.getState();
        return [p.name, s.connection, p.transitions, s.version, p.pongVersion, s.pending.length, s.inflight?.clientOpId ?? null, s.inflight?.failures ?? 0];
      });
    let last = "";
    let movedAt = Date.now();
    for (let round = 0; ; round++) {
      await sleep(10);
      // A ping every half second: a pong that takes longer than that (a loaded server) still counts.
      if (round % 50 === 0) for (const peer of peers) if (peer.idle) peer.ping();
      const versions = new Set(peers.map((p) => p.pongVersion));
      if (peers.every((p) => p.idle && p.pongVersion === p.store.getState().version) && versions.size === 1) break;
      const now = JSON.stringify(where());
      if (now !== last) [last, movedAt] = [now, Date.now()];
      else if (Date.now() - movedAt > STALL_MS) throw new Error(`clients did not settle (no progress for ${STALL_MS / 1000} s): ${now}`);
    }
    return outcome();
  } catch (error) {
    return { ...outcome(), error: String(error) };
  } finally {
    for (const peer of peers) peer.stop();
  }
}

/** Run every room, `concurrency` at a time; one result per room, in seed order. */
export async function runAll(spec: Spec, report: (result: SeedResult) => void = () => undefined): Promise<SeedResult[]> {
  const results: SeedResult[] = [];
  const queue = [...spec.rooms];
  const worker = async () => {
    for (let room = queue.shift(); room; room = queue.shift()) {
      const result = await runSeed(spec, room);
      results.push(result);
      report(result);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, spec.concurrency) }, worker));
  return results.sort((a, b) => a.seed - b.seed);
}
