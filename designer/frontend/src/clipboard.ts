// Copy and paste: a self-contained snippet (nodes + the edges between them) that pastes with new ids, also into another design.
import { descendants, newId } from "./actions";
import type { DesignDocument, DesignEdge, DesignNode, Op } from "./types";

export const CLIPBOARD_FORMAT = "mlsd-clipboard/1";
export const CLIPBOARD_KEY = "mlsd-designer.clipboard";

export interface Snippet {
  format: typeof CLIPBOARD_FORMAT;
  nodes: DesignNode[];
  edges: DesignEdge[];
}

/** The selected nodes (with everything inside selected groups) and the edges whose both ends are copied. */
export function copySelection(doc: DesignDocument, nodeIds: string[]): Snippet {
  const ids = new Set(nodeIds);
  for (const id of nodeIds) for (const inner of descendants(doc, id)) ids.add(inner);
  const nodes = doc.nodes.filter((n) => ids.has(n.id)).map((n) => structuredClone(n));
  const edges = doc.edges.filter((e) => ids.has(e.source) && ids.has(e.target)).map((e) => structuredClone(e));
  return { format: CLIPBOARD_FORMAT, nodes, edges };
}

/** Parse clipboard text; anything that is not a snippet yields null. */
export function parseSnippet(text: string | null): Snippet | null {
  if (!text) return null;
  try {
    const data = JSON.parse(text) as Snippet;
    if (data?.format !== CLIPBOARD_FORMAT || !Array.isArray(data.nodes) || !Array.isArray(data.edges)) return null;
    return data;
  } catch {
    return null;
  }
}

/** Ops that add the snippet shifted by `offset`, with new ids; groups keep their children, dangling parents are dropped. */
export function pasteOps(snippet: Snippet, offset: number, knownKinds?: Set<string>): { ops: Op[]; nodeIds: string[]; edgeIds: string[] } {
  const idMap = new Map<string, string>();
  const nodes = snippet.nodes.filter((n) => !knownKinds || knownKinds.has(n.kind));
  for (const node of nodes) idMap.set(node.id, newId("n"));
  // Parents are added before their children so every node.add refers to a node that exists.
  const ordered = [...nodes].sort((a, b) => depth(nodes, a) - depth(nodes, b));
  const ops: Op[] = ordered.map((node) => {
    const copy: DesignNode = { ...structuredClone(node), id: idMap.get(node.id)!, x: node.x + offset, y: node.y + offset };
    if (node.parent && idMap.has(node.parent)) copy.parent = idMap.get(node.parent)!;
    else delete copy.parent;
    return { op: "node.add", node: copy };
  });
  const edgeIds: string[] = [];
  for (const edge of snippet.edges) {
    if (!idMap.has(edge.source) || !idMap.has(edge.target)) continue;
    const id = newId("e");
    edgeIds.push(id);
    ops.push({ op: "edge.add", edge: { ...structuredClone(edge), id, source: idMap.get(edge.source)!, target: idMap.get(edge.target)! } });
  }
  return { ops, nodeIds: [...idMap.values()], edgeIds };
}

function depth(nodes: DesignNode[], node: DesignNode): number {
  let d = 0;
  let current: DesignNode | undefined = node;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  while (current?.parent && byId.has(current.parent) && d < 50) {
    current = byId.get(current.parent);
    d += 1;
  }
  return d;
}
