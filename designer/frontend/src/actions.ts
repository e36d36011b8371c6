// Builders that turn user intentions (add, place, move, align, group, lock, delete) into ops; pure functions of the document.
import { isLocked, type Box, type SizeOf } from "./flow";
import { inverseOp } from "./ops";
import type { CatalogKind, DesignDocument, DesignNode, Op } from "./types";

/** A fresh id in the document's id alphabet (letters, digits, _ . : -). */
export function newId(prefix: "n" | "e"): string {
  const random = crypto.getRandomValues(new Uint32Array(2));
  return `${prefix}_${random[0].toString(36)}${random[1].toString(36)}`.slice(0, 20);
}

const boxOf = (node: DesignNode, size: SizeOf): Box => ({ x: node.x, y: node.y, ...size(node) });

/** The innermost group whose box contains the point, skipping `exclude` and its descendants. */
export function groupAt(doc: DesignDocument, x: number, y: number, size: SizeOf, exclude?: string): DesignNode | undefined {
  const banned = exclude ? new Set([exclude, ...descendants(doc, exclude)]) : new Set<string>();
  let best: DesignNode | undefined;
  for (const node of doc.nodes) {
    if (node.kind !== "group" || banned.has(node.id)) continue;
    const { width, height } = size(node);
    if (x >= node.x && x <= node.x + width && y >= node.y && y <= node.y + height) {
      if (!best || size(best).width * size(best).height > width * height) best = node;
    }
  }
  return best;
}

/** Ids of every node nested (at any depth) inside the group `id`. */
export function descendants(doc: DesignDocument, id: string): string[] {
  const out: string[] = [];
  const queue = [id];
  while (queue.length) {
    const current = queue.shift();
    for (const node of doc.nodes) {
      if (node.parent === current && !out.includes(node.id)) {
        out.push(node.id);
        queue.push(node.id);
      }
    }
  }
  return out;
}

/** A new node of `kind` with its top-left corner at (x, y), nudged down so it never sits exactly on another. */
export function addNodeOp(doc: DesignDocument, kind: CatalogKind, x: number, y: number, size: SizeOf): { op: Op; id: string } {
  const id = newId("n");
  let top = Math.round(y);
  const left = Math.round(x);
  while (doc.nodes.some((n) => Math.abs(n.x - left) < 12 && Math.abs(n.y - top) < 12)) top += 88;
  const node: DesignNode = { id, kind: kind.id, label: kind.label, x: left, y: top };
  if (kind.id === "note") Object.assign(node, { label: "Note", text: "", width: 200, height: 110 });
  if (kind.id === "group") Object.assign(node, { width: 360, height: 240 });
  if (kind.id === "frame") Object.assign(node, { width: 320, height: 200 });
  if (kind.id === "text") {
    delete node.label;
    Object.assign(node, { text: "Text", width: 200, height: 48 });
  }
  const group = kind.id === "group" ? undefined : groupAt(doc, left + 10, top + 10, size);
  if (group) node.parent = group.id;
  return { op: { op: "node.add", node }, id };
}

const overlaps = (a: Box, b: Box, gap: number) =>
  a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;

/**
 * The free spot nearest to `want` (a top-left corner) for a box of `size`: on the `step` grid, at least `gap` away from
 * every box in `taken`, searched ring by ring outwards (at most `rings` rings; past that, `want` itself).
 */
export function freeSpot(want: { x: number; y: number }, size: { width: number; height: number }, taken: Box[], gap = 24, step = 16, rings = 60): { x: number; y: number } {
  const reach = (rings * step + Math.max(size.width, size.height)) * 1.5;
  const near = taken.filter((b) => Math.abs(b.x - want.x) < reach + b.width && Math.abs(b.y - want.y) < reach + b.height);
  const snap = (v: number) => Math.round(v / step) * step;
  const origin = { x: snap(want.x), y: snap(want.y) };
  const free = (x: number, y: number) => !near.some((b) => overlaps({ x, y, ...size }, b, gap));
  for (let ring = 0; ring <= rings; ring++) {
    const candidates: Array<[number, number]> = [];
    for (let i = -ring; i <= ring; i++) {
      for (let j = -ring; j <= ring; j++) {
        if (Math.max(Math.abs(i), Math.abs(j)) === ring) candidates.push([i, j]);
      }
    }
    // Within a ring, nearest first; rightwards and downwards before leftwards and upwards on ties (reading order).
    candidates.sort((a, b) => a[0] ** 2 + a[1] ** 2 - (b[0] ** 2 + b[1] ** 2) || b[1] - a[1] || b[0] - a[0]);
    for (const [i, j] of candidates) {
      const x = origin.x + i * step;
      const y = origin.y + j * step;
      if (free(x, y)) return { x, y };
    }
  }
  return origin;
}

/**
 * How far down and right (the same in x and y, from `from` px in `step` px steps) pasted or duplicated nodes go so that
 * none of them covers a component or note already in `doc` (groups may hold them). Past `tries` steps, the last offset.
 */
export function pasteOffset(doc: DesignDocument, nodes: DesignNode[], size: SizeOf, from = 32, step = 16, tries = 200): number {
  const taken = doc.nodes.filter((n) => n.kind !== "group").map((n) => boxOf(n, size));
  const moving = nodes.filter((n) => n.kind !== "group").map((n) => boxOf(n, size));
  let offset = from;
  for (let i = 0; i < tries; i++, offset += step) {
    if (!moving.some((m) => taken.some((t) => overlaps({ ...m, x: m.x + offset, y: m.y + offset }, t, step)))) return offset;
  }
  return offset - step;
}

/** A new node of `kind` centred as near to `centre` as it can be without covering another component or note. */
export function placeNodeOp(doc: DesignDocument, kind: CatalogKind, centre: { x: number; y: number }, size: SizeOf): { op: Op; id: string } {
  const probe: DesignNode = { id: "_", kind: kind.id, label: kind.label, x: 0, y: 0 };
  const own = size(probe);
  const taken = doc.nodes.filter((n) => n.kind !== "group").map((n) => boxOf(n, size));
  const at = freeSpot({ x: centre.x - own.width / 2, y: centre.y - own.height / 2 }, own, taken);
  return addNodeOp(doc, kind, at.x, at.y, size);
}

/** The nodes a change to `ids` moves: unlocked ones not inside another moved group, plus everything inside moved groups. */
function moving(doc: DesignDocument, ids: string[]): DesignNode[] {
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const chosen = new Set(ids.filter((id) => byId.has(id) && !isLocked(byId.get(id)!)));
  const inside = (node: DesignNode) => {
    let parent = node.parent ? byId.get(node.parent) : undefined;
    for (let depth = 0; parent && depth < 50; depth++) {
      if (chosen.has(parent.id)) return true;
      parent = parent.parent ? byId.get(parent.parent) : undefined;
    }
    return false;
  };
  const roots = [...chosen].filter((id) => !inside(byId.get(id)!));
  const all = new Set(roots);
  for (const id of roots) if (byId.get(id)!.kind === "group") for (const inner of descendants(doc, id)) all.add(inner);
  return doc.nodes.filter((n) => all.has(n.id));
}

/** Move the given nodes (and what their groups hold) by (dx, dy); locked nodes stay. */
export function moveOps(doc: DesignDocument, ids: string[], dx: number, dy: number): Op[] {
  if (!dx && !dy) return [];
  return moving(doc, ids).map((n): Op => ({ op: "node.update", id: n.id, set: { x: n.x + dx, y: n.y + dy } }));
}

export type Alignment = "left" | "center" | "right" | "top" | "middle" | "bottom";

/** Line the selection up on one edge or centre of its bounding box (groups carry their members along). */
export function alignOps(doc: DesignDocument, ids: string[], how: Alignment, size: SizeOf): Op[] {
  const items = roots(doc, ids).map((n) => ({ node: n, box: boxOf(n, size) }));
  if (items.length < 2) return [];
  const left = Math.min(...items.map((i) => i.box.x));
  const right = Math.max(...items.map((i) => i.box.x + i.box.width));
  const top = Math.min(...items.map((i) => i.box.y));
  const bottom = Math.max(...items.map((i) => i.box.y + i.box.height));
  const ops: Op[] = [];
  for (const { node, box } of items) {
    const target = {
      left: { x: left, y: box.y },
      center: { x: Math.round((left + right) / 2 - box.width / 2), y: box.y },
      right: { x: right - box.width, y: box.y },
      top: { x: box.x, y: top },
      middle: { x: box.x, y: Math.round((top + bottom) / 2 - box.height / 2) },
      bottom: { x: box.x, y: bottom - box.height },
    }[how];
    ops.push(...moveOps(doc, [node.id], target.x - box.x, target.y - box.y));
  }
  return ops;
}

/** Spread the selection so the gaps between neighbours are equal, keeping the outermost two where they are. */
export function distributeOps(doc: DesignDocument, ids: string[], axis: "horizontal" | "vertical", size: SizeOf): Op[] {
  const items = roots(doc, ids).map((n) => ({ node: n, box: boxOf(n, size) }));
  if (items.length < 3) return [];
  const pos = (b: Box) => (axis === "horizontal" ? b.x : b.y);
  const len = (b: Box) => (axis === "horizontal" ? b.width : b.height);
  items.sort((a, b) => pos(a.box) - pos(b.box));
  const first = items[0].box;
  const last = items[items.length - 1].box;
  const total = items.reduce((sum, i) => sum + len(i.box), 0);
  const gap = (pos(last) + len(last) - pos(first) - total) / (items.length - 1);
  const ops: Op[] = [];
  let at = pos(first);
  for (const { node, box } of items) {
    const delta = Math.round(at) - pos(box);
    ops.push(...moveOps(doc, [node.id], axis === "horizontal" ? delta : 0, axis === "vertical" ? delta : 0));
    at += len(box) + gap;
  }
  return ops;
}

/** The selected, unlocked nodes that are not inside another selected group. */
function roots(doc: DesignDocument, ids: string[]): DesignNode[] {
  const all = new Set(moving(doc, ids).map((n) => n.id));
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  return ids.filter((id) => all.has(id) && !(byId.get(id)!.parent && all.has(byId.get(id)!.parent!))).map((id) => byId.get(id)!);
}

/** Draw the given components above the others: they move to the end of the document (with their edges and members kept). */
export function bringToFrontOps(doc: DesignDocument, ids: string[]): Op[] {
  const chosen = doc.nodes.filter((n) => ids.includes(n.id) && n.kind !== "group");
  const last = doc.nodes.filter((n) => n.kind !== "group").slice(-chosen.length);
  if (!chosen.length || chosen.every((n, i) => last[i] === n)) return [];
  // Removing and re-adding in one batch restores the node, its edges and its members exactly as undoing a removal does.
  return chosen.flatMap((node): Op[] => {
    const remove: Op = { op: "node.remove", id: node.id };
    return [remove, ...inverseOp(doc, remove)];
  });
}

/** Lock or unlock the given nodes (a locked node is neither dragged, nudged nor deleted). */
export function lockOps(doc: DesignDocument, ids: string[], locked: boolean): Op[] {
  return doc.nodes
    .filter((n) => ids.includes(n.id) && isLocked(n) !== locked)
    .map((n): Op => (locked ? { op: "node.update", id: n.id, props: { locked: true } } : { op: "node.update", id: n.id, unset: ["locked"] }));
}

/** Remove the selected edges and nodes (the server removes a node's edges with it); locked nodes are kept. */
export function removeOps(doc: DesignDocument, nodes: string[], edges: string[]): Op[] {
  const locked = new Set(doc.nodes.filter(isLocked).map((n) => n.id));
  return [...edges.map((id): Op => ({ op: "edge.remove", id })), ...nodes.filter((id) => !locked.has(id)).map((id): Op => ({ op: "node.remove", id }))];
}

/** Wrap the given nodes in a new group sized to their bounding box. */
export function groupOps(doc: DesignDocument, ids: string[], size: SizeOf): { ops: Op[]; id: string } | null {
  const members = doc.nodes.filter((n) => ids.includes(n.id) && !ids.includes(n.parent ?? ""));
  if (!members.length) return null;
  const pad = 32;
  const left = Math.min(...members.map((n) => n.x)) - pad;
  const top = Math.min(...members.map((n) => n.y)) - pad - 16;
  const right = Math.max(...members.map((n) => n.x + size(n).width)) + pad;
  const bottom = Math.max(...members.map((n) => n.y + size(n).height)) + pad;
  const id = newId("n");
  const outer = members[0].parent;
  const group: DesignNode = { id, kind: "group", label: "Group", x: left, y: top, width: right - left, height: bottom - top };
  if (outer && members.every((m) => m.parent === outer)) group.parent = outer;
  return {
    id,
    ops: [{ op: "node.add", node: group }, ...members.map((m): Op => ({ op: "node.update", id: m.id, set: { parent: id } }))],
  };
}
