// Builders that turn user intentions (add, delete, move, group) into ops; pure functions of the document.
import type { CatalogKind, DesignDocument, DesignNode, Op } from "./types";
import { DEFAULT_NODE_HEIGHT, DEFAULT_NODE_WIDTH } from "./types";

/** A fresh id in the document's id alphabet (letters, digits, _ . : -). */
export function newId(prefix: "n" | "e"): string {
  const random = crypto.getRandomValues(new Uint32Array(2));
  return `${prefix}_${random[0].toString(36)}${random[1].toString(36)}`.slice(0, 20);
}

export function nodeSize(node: Pick<DesignNode, "kind" | "width" | "height">): { width: number; height: number } {
  if (node.kind === "group") return { width: node.width ?? 360, height: node.height ?? 240 };
  if (node.kind === "note") return { width: node.width ?? 200, height: node.height ?? 110 };
  return { width: node.width ?? DEFAULT_NODE_WIDTH, height: node.height ?? DEFAULT_NODE_HEIGHT };
}

/** The innermost group whose box contains the point, skipping `exclude` and its descendants. */
export function groupAt(doc: DesignDocument, x: number, y: number, exclude?: string): DesignNode | undefined {
  const banned = exclude ? new Set([exclude, ...descendants(doc, exclude)]) : new Set<string>();
  let best: DesignNode | undefined;
  for (const node of doc.nodes) {
    if (node.kind !== "group" || banned.has(node.id)) continue;
    const { width, height } = nodeSize(node);
    if (x >= node.x && x <= node.x + width && y >= node.y && y <= node.y + height) {
      if (!best || nodeSize(best).width * nodeSize(best).height > width * height) best = node;
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
export function addNodeOp(doc: DesignDocument, kind: CatalogKind, x: number, y: number): { op: Op; id: string } {
  const id = newId("n");
  let top = Math.round(y);
  const left = Math.round(x);
  while (doc.nodes.some((n) => Math.abs(n.x - left) < 12 && Math.abs(n.y - top) < 12)) top += 88;
  const node: DesignNode = { id, kind: kind.id, label: kind.label, x: left, y: top };
  if (kind.id === "note") Object.assign(node, { label: "Note", text: "", width: 200, height: 110 });
  if (kind.id === "group") Object.assign(node, { width: 360, height: 240 });
  const group = kind.id === "group" ? undefined : groupAt(doc, left + 10, top + 10);
  if (group) node.parent = group.id;
  return { op: { op: "node.add", node }, id };
}

/** Remove the selected edges and nodes (the server removes a node's edges with it). */
export function removeOps(nodes: string[], edges: string[]): Op[] {
  return [...edges.map((id): Op => ({ op: "edge.remove", id })), ...nodes.map((id): Op => ({ op: "node.remove", id }))];
}

/** Wrap the given nodes in a new group sized to their bounding box. */
export function groupOps(doc: DesignDocument, ids: string[]): { ops: Op[]; id: string } | null {
  const members = doc.nodes.filter((n) => ids.includes(n.id) && !ids.includes(n.parent ?? ""));
  if (!members.length) return null;
  const pad = 32;
  const left = Math.min(...members.map((n) => n.x)) - pad;
  const top = Math.min(...members.map((n) => n.y)) - pad - 16;
  const right = Math.max(...members.map((n) => n.x + nodeSize(n).width)) + pad;
  const bottom = Math.max(...members.map((n) => n.y + nodeSize(n).height)) + pad;
  const id = newId("n");
  const outer = members[0].parent;
  const group: DesignNode = { id, kind: "group", label: "Group", x: left, y: top, width: right - left, height: bottom - top };
  if (outer && members.every((m) => m.parent === outer)) group.parent = outer;
  return {
    id,
    ops: [{ op: "node.add", node: group }, ...members.map((m): Op => ({ op: "node.update", id: m.id, set: { parent: id } }))],
  };
}
