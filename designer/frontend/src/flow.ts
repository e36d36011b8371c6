// Converts the document into React Flow nodes and edges (absolute → parent-relative positions), reusing unchanged objects.
import { indexCatalog } from "./catalog";
import { edgeStroke } from "./catalog";
import { nodeSize } from "./actions";
import type { DesignEdgeData, DesignFlowEdge } from "./components/edges";
import type { DesignFlowNode } from "./components/nodes";
import type { Catalog, DesignDocument, DesignEdge, DesignNode, Finding, Props, Severity } from "./types";

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export type Flags = { severity: Severity; count: number };

/** The worst severity and number of findings touching each node and edge. */
export function flagsFromFindings(findings: Finding[]): { nodes: Map<string, Flags>; edges: Map<string, Flags> } {
  const nodes = new Map<string, Flags>();
  const edges = new Map<string, Flags>();
  const add = (map: Map<string, Flags>, id: string, severity: Severity) => {
    const current = map.get(id);
    if (!current) map.set(id, { severity, count: 1 });
    else map.set(id, { severity: RANK[severity] > RANK[current.severity] ? severity : current.severity, count: current.count + 1 });
  };
  for (const f of findings) {
    for (const id of f.nodes) add(nodes, id, f.severity);
    for (const id of f.edges) add(edges, id, f.severity);
  }
  return { nodes, edges };
}

/** A node's key figures, short enough for the card ("p99 50 ms", "×2"), and spelled out for its tooltip. */
function figures(props: Props, defaults: Props): { figures: string[]; figuresTitle: string } {
  const value = (name: string) => props[name] ?? defaults[name];
  const short: string[] = [];
  const long: string[] = [];
  const latency = value("latency_ms");
  if (typeof latency === "number" && latency > 0) {
    short.push(`p99 ${latency} ms`);
    long.push(`p99 latency ${latency} ms`);
  }
  const replicas = value("replicas");
  if (typeof replicas === "number") {
    short.push(`×${replicas}`);
    long.push(`${replicas} ${replicas === 1 ? "replica" : "replicas"}`);
  }
  return { figures: short, figuresTitle: long.join(" · ") };
}

type CacheEntry = { source: DesignNode; parent: DesignNode | undefined; selected: boolean; flags: Flags | undefined; readOnly: boolean; flow: DesignFlowNode };

/** Builds flow nodes; keeps the previous object when nothing it depends on changed (memoised nodes then skip rendering). */
export class NodeBuilder {
  private cache = new Map<string, CacheEntry>();

  /**
   * `current` is what React Flow holds now: an unchanged node keeps that very object and a changed one keeps its
   * `measured` size, so React Flow neither re-measures nodes nor drops and redraws their edges.
   */
  build(doc: DesignDocument, catalog: Catalog, selected: Set<string>, flags: Map<string, Flags>, readOnly: boolean, current: DesignFlowNode[]): DesignFlowNode[] {
    const index = indexCatalog(catalog);
    const live = new Map(current.map((n) => [n.id, n]));
    const byId = new Map(doc.nodes.map((n) => [n.id, n]));
    const depth = (node: DesignNode) => {
      let d = 0;
      let current = node;
      while (current.parent && byId.has(current.parent) && d < 25) {
        current = byId.get(current.parent)!;
        d += 1;
      }
      return d;
    };
    // React Flow wants parents before children; plain components stay in document order after the groups.
    const groups = doc.nodes.filter((n) => n.kind === "group").sort((a, b) => depth(a) - depth(b));
    const others = doc.nodes.filter((n) => n.kind !== "group");
    const next = new Map<string, CacheEntry>();
    const out: DesignFlowNode[] = [];
    for (const node of [...groups, ...others]) {
      const parent = node.parent ? byId.get(node.parent) : undefined;
      const isSelected = selected.has(node.id);
      const flag = flags.get(node.id);
      const previous = this.cache.get(node.id);
      if (previous && previous.source === node && previous.parent === parent && previous.selected === isSelected && previous.flags === flag && previous.readOnly === readOnly) {
        next.set(node.id, previous);
        out.push(live.get(node.id) ?? previous.flow);
        continue;
      }
      const kind = index.kinds.get(node.kind);
      const category = kind ? index.categories.get(kind.category) : undefined;
      const { width, height } = nodeSize(node);
      const label = node.label ?? kind?.label ?? node.kind;
      const kindLabel = kind?.label ?? node.kind;
      const flow: DesignFlowNode = {
        id: node.id,
        type: node.kind === "group" ? "group" : node.kind === "note" ? "note" : "component",
        position: { x: node.x - (parent?.x ?? 0), y: node.y - (parent?.y ?? 0) },
        width,
        height,
        selected: isSelected,
        ariaLabel: `${label} (${kindLabel})`,
        data: {
          label,
          kindLabel,
          icon: kind?.icon ?? "box",
          color: category?.color ?? "#f8fafc",
          stroke: category?.stroke ?? "#64748b",
          ...figures(node.props ?? {}, kind?.defaults ?? {}),
          severity: flag?.severity ?? null,
          findingCount: flag?.count ?? 0,
          text: node.text ?? "",
          readOnly,
        },
      };
      if (parent) flow.parentId = parent.id;
      if (node.kind === "group") flow.zIndex = -1;
      const measured = live.get(node.id)?.measured;
      if (measured) flow.measured = measured;
      next.set(node.id, { source: node, parent, selected: isSelected, flags: flag, readOnly, flow });
      out.push(flow);
    }
    this.cache = next;
    return out;
  }
}

type EdgeEntry = { source: DesignEdge; selected: boolean; flags: Flags | undefined; readOnly: boolean; flow: DesignFlowEdge };

export class EdgeBuilder {
  private cache = new Map<string, EdgeEntry>();

  build(doc: DesignDocument, catalog: Catalog, selected: Set<string>, flags: Map<string, Flags>, readOnly: boolean): DesignFlowEdge[] {
    const index = indexCatalog(catalog);
    const labels = new Map(doc.nodes.map((n) => [n.id, n.label ?? n.kind]));
    const next = new Map<string, EdgeEntry>();
    const out: DesignFlowEdge[] = [];
    for (const edge of doc.edges) {
      const isSelected = selected.has(edge.id);
      const flag = flags.get(edge.id);
      const previous = this.cache.get(edge.id);
      if (previous && previous.source === edge && previous.selected === isSelected && previous.flags === flag && previous.readOnly === readOnly) {
        next.set(edge.id, previous);
        out.push(previous.flow);
        continue;
      }
      const kind = index.edgeKinds.get(edge.kind);
      const stroke = edgeStroke(kind);
      const data: DesignEdgeData = {
        kind: edge.kind,
        color: kind?.color ?? "#64748b",
        dash: stroke.dash,
        width: stroke.width,
        label: edge.label ?? "",
        severity: flag?.severity ?? null,
        readOnly,
      };
      const flow: DesignFlowEdge = {
        id: edge.id,
        source: edge.source,
        target: edge.target,
        type: "design",
        selected: isSelected,
        ariaLabel: `${kind?.label ?? edge.kind} from ${labels.get(edge.source)} to ${labels.get(edge.target)}`,
        data,
      };
      next.set(edge.id, { source: edge, selected: isSelected, flags: flag, readOnly, flow });
      out.push(flow);
    }
    this.cache = next;
    return out;
  }
}
