// Presence folding, comment threads and pin placement: the pure half of the collaboration UI.
import { describe, expect, it } from "vitest";
import type { Comment } from "../realtime/protocol";
import { applyPresence, clearSpot, expiryFrom, initials, keepClear, peersFromWelcome, pinPosition, pinSpot, remoteSelections, threadsOf, upsertComment } from "./state";

const ada = { id: "a", name: "ada", role: "owner" as const, colour: "#e6194b" };
const grace = { id: "g", name: "Grace", role: "edit" as const, colour: "#4363d8" };
const bob = { id: "b", name: "Bob", role: "view" as const, colour: "#3cb44b" };

const comment = (id: number, parent: number | null, resolved = false, body = `c${id}`): Comment => ({
  id, parent, author: "ada", target: { node: "ranker" }, body, resolved, created_at: "", updated_at: "",
});

describe("presence", () => {
  it("upserts joins, moves cursors, ignores unknown updates and removes leavers", () => {
    let peers = peersFromWelcome({ participants: [ada] });
    peers = applyPresence(peers, { type: "presence.join", participant: grace, cursor: null, selection: [] });
    peers = applyPresence(peers, { type: "presence.join", participant: grace, cursor: { x: 1, y: 2 }, selection: ["n1"] });
    peers = applyPresence(peers, { type: "presence.update", id: "g", cursor: { x: 5, y: 6 }, selection: ["n2"] });
    const same = applyPresence(peers, { type: "presence.update", id: "zz", cursor: null, selection: [] });
    expect(same).toBe(peers);
    expect(peers.g).toEqual({ ...grace, cursor: { x: 5, y: 6 }, selection: ["n2"] });
    peers = applyPresence(peers, { type: "presence.leave", id: "g" });
    expect(Object.keys(peers)).toEqual(["a"]);
  });

  it("outlines each id in the colour of the first other participant by name who selected it, never in one's own", () => {
    const peers = {
      a: { ...ada, cursor: null, selection: ["n1"] },
      g: { ...grace, cursor: null, selection: ["n1", "n2"] },
      b: { ...bob, cursor: null, selection: ["n2"] },
    };
    const marks = remoteSelections(peers, "a");
    expect([...marks].map(([id, p]) => [id, p.name])).toEqual([["n2", "Bob"], ["n1", "Grace"]]);
  });
});

describe("comments", () => {
  it("groups replies under their thread, newest thread first, and filters by the root's state", () => {
    let list: Comment[] = [];
    for (const c of [comment(3, 1), comment(1, null), comment(2, null, true), comment(4, 1)]) list = upsertComment(list, c);
    list = upsertComment(list, { ...comment(1, null), body: "edited" });
    expect(list.map((c) => c.id)).toEqual([1, 2, 3, 4]);
    expect(threadsOf(list).map((t) => [t.root.id, t.root.body, t.replies.map((r) => r.id)])).toEqual([[2, "c2", []], [1, "edited", [3, 4]]]);
    expect(threadsOf(list, "open").map((t) => t.root.id)).toEqual([1]);
    expect(threadsOf(list, "resolved").map((t) => t.root.id)).toEqual([2]);
  });

  it("pins a node's thread at its top-right corner, an edge's at the middle of its ends, and drops gone targets", () => {
    const boxes: Record<string, { x: number; y: number; width: number; height: number }> = {
      a: { x: 0, y: 0, width: 100, height: 40 },
      b: { x: 300, y: 200, width: 100, height: 40 },
    };
    const boxOf = (id: string) => boxes[id] ?? null;
    const ends = (id: string): [string, string] | null => (id === "e1" ? ["a", "b"] : id === "e2" ? ["a", "gone"] : null);
    expect(pinPosition({ node: "b" }, boxOf, ends)).toEqual({ x: 400, y: 200 });
    expect(pinPosition({ edge: "e1" }, boxOf, ends)).toEqual({ x: 200, y: 120 });
    expect(pinPosition({ point: { x: 7, y: 8 } }, boxOf, ends)).toEqual({ x: 7, y: 8 });
    expect([pinPosition({ node: "gone" }, boxOf, ends), pinPosition({ edge: "e2" }, boxOf, ends), pinPosition({ edge: "e9" }, boxOf, ends)]).toEqual([null, null, null]);
  });
});

it("makes avatar initials and link expiry timestamps", () => {
  expect([initials("Grace Hopper"), initials("ada"), initials("  "), initials("émile zola")]).toEqual(["GH", "AD", "?", "ÉZ"]);
  // A share-link guest's name carries "(guest)": the avatar shows the name's letters, not the bracket.
  expect([initials("Grace (guest)"), initials("Ada Lovelace (guest)"), initials("(guest)")]).toEqual(["GR", "AL", "?"]);
  const now = new Date("2026-11-23T12:00:00Z");
  expect([expiryFrom(now, null), expiryFrom(now, 24)]).toEqual([null, "2026-11-24T12:00:00.000Z"]);
});

describe("name tags and pins keep clear of cards and badges", () => {
  const card = { x: 0, y: 0, width: 180, height: 64 };
  const clear = keepClear([card, { x: 220, y: 0, width: 180, height: 64 }]);
  const overlaps = (p: { x: number; y: number }, size: number) =>
    clear.some((o) => p.x < o.x + o.width && o.x < p.x + size && p.y < o.y + o.height && o.y < p.y + size);

  it("puts a pin on a component beside its top-right corner, past the badge, and elsewhere when that spot is taken", () => {
    const beside = pinSpot({ x: 180, y: 0 }, 28, keepClear([card]), true);
    expect([beside.x, beside.y].map((v) => Math.round(v * 10) / 10)).toEqual([192.6, -32.2]);
    // A card 20 px to the right takes that spot: the pin moves to the next clear one.
    const crowded = keepClear([card, { x: 200, y: -40, width: 180, height: 64 }]);
    const spot = pinSpot({ x: 180, y: 0 }, 28, crowded, true);
    expect(crowded.some((o) => spot.x < o.x + o.width && o.x < spot.x + 28 && spot.y < o.y + o.height && o.y < spot.y + 28)).toBe(false);
  });

  it("moves a point pin off a card that now sits under it", () => {
    const spot = pinSpot({ x: 200, y: 30 }, 28, clear, false);
    expect(overlaps(spot, 28)).toBe(false);
  });

  it("gives no spot when every one covers a card", () => {
    expect(clearSpot([{ x: 10, y: 10 }, { x: 300, y: 20 }], { width: 40, height: 16 }, clear)).toBeNull();
    expect(clearSpot([{ x: 10, y: 10 }, { x: 10, y: 80 }], { width: 40, height: 16 }, clear)).toEqual({ x: 10, y: 80 });
  });
});
