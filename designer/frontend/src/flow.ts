// Converts the document into React Flow nodes and edges (absolute → parent-relative positions), reusing unchanged objects.
import { Position, type NodeHandle } from "@xyflow/react";
import { cardFor } from "./cards";
import { ANNOTATION_KINDS, CUSTOM_KIND, customKindLabel, edgeStroke, indexCatalog, type CatalogIndex } from "./catalog";
import type { DesignEdgeData, DesignFlowEdge, EdgePath } from "./components/edges";
import type { DesignFlowNode } from "./components/nodes";
import type { Catalog, DesignDocument, DesignEdge, DesignNode, Finding, Props, Severity } from "./types";

export type Box = { x: number; y: number; width: number; height: number };
export type Size = { width: number; height: number };
export type SizeOf = (node: Pick<DesignNode, "kind" | "label" | "width" | "height" | "props" | "role">) => Size;

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
function figuresOf(props: Props, defaults: Props): { figures: string[]; figuresTitle: string } {
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

export const isLocked = (node: Pick<DesignNode, "props">) => node.props?.locked === true;

const HANDLE = 10;

/** Where the four connection handles sit (React Flow's own box for each side), so edges draw before anything is measured. */
function handleBoxes(width: number, height: number): NodeHandle[] {
  const half = HANDLE / 2;
  const at = (id: string, position: Position, x: number, y: number): NodeHandle => ({ id, type: "source", position, x, y, width: HANDLE, height: HANDLE });
  return [
    at("top", Position.Top, width / 2 - half, -half),
    at("right", Position.Right, width - half, height / 2 - half),
    at("bottom", Position.Bottom, width / 2 - half, height - half),
    at("left", Position.Left, -half, height / 2 - half),
  ];
}

/** Everything a component card shows, and its size (grown to fit its label; a wider stored size is kept). */
export function componentCard(node: Pick<DesignNode, "kind" | "label" | "width" | "height" | "props" | "role">, index: CatalogIndex) {
  const kind = index.kinds.get(node.kind);
  const label = node.label ?? kind?.label ?? node.kind;
  const kindLabel = node.kind === CUSTOM_KIND ? customKindLabel(index.catalog, node.role) : (kind?.label ?? node.kind);
  const { figures, figuresTitle } = figuresOf(node.props ?? {}, kind?.defaults ?? {});
  const figureText = figures.join(" · ");
  // The kind line is left out when the label already says it ("Kafka" of kind Kafka).
  const layout = cardFor({ label, kind: kindLabel === label ? null : kindLabel, figures: figureText || null });
  return {
    label,
    kindLabel,
    figures: figureText,
    figuresTitle,
    farSize: layout.farSize,
    width: Math.max(layout.width, node.width ?? 0),
    height: Math.max(layout.height, node.height ?? 0),
  };
}

/** A node's size on the canvas: groups and notes as stored (or their defaults), components as their card. */
export function sizeOf(catalog: Catalog): SizeOf {
  const index = indexCatalog(catalog);
  return (node) => {
    if (node.kind === "group") return { width: node.width ?? 360, height: node.height ?? 240 };
    if (node.kind === "note") return { width: node.width ?? 200, height: node.height ?? 110 };
    if (node.kind === "text") return { width: node.width ?? 200, height: node.height ?? 48 };
    if (node.kind === "frame") return { width: node.width ?? 320, height: node.height ?? 200 };
    const { width, height } = componentCard(node, index);
    return { width, height };
  };
}

/** Absolute boxes of React Flow nodes (positions are parent-relative; parents come first). */
export function absoluteBoxes(nodes: DesignFlowNode[]): Map<string, Box> {
  const boxes = new Map<string, Box>();
  for (const n of nodes) {
    const parent = n.parentId ? boxes.get(n.parentId) : undefined;
    boxes.set(n.id, { x: n.position.x + (parent?.x ?? 0), y: n.position.y + (parent?.y ?? 0), width: n.width ?? 0, height: n.height ?? 0 });
  }
  return boxes;
}

/** The smallest box holding all of `boxes` (a zero box when there are none). */
export function boundsOf(boxes: Iterable<Box>): Box {
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const b of boxes) {
    left = Math.min(left, b.x);
    top = Math.min(top, b.y);
    right = Math.max(right, b.x + b.width);
    bottom = Math.max(bottom, b.y + b.height);
  }
  return left === Infinity ? { x: 0, y: 0, width: 0, height: 0 } : { x: left, y: top, width: right - left, height: bottom - top };
}

type Side = "top" | "right" | "bottom" | "left";

/** The sides two boxes face each other on: left/right when they are further apart across than down (relative to their size). */
export function facingSides(a: Box, b: Box): [Side, Side] {
  const dx = b.x + b.width / 2 - (a.x + a.width / 2);
  const dy = b.y + b.height / 2 - (a.y + a.height / 2);
  if (Math.abs(dx) / (a.width + b.width) >= Math.abs(dy) / (a.height + b.height)) return dx >= 0 ? ["right", "left"] : ["left", "right"];
  return dy >= 0 ? ["bottom", "top"] : ["top", "bottom"];
}

/** Edges attached to the sides their ends face (kept as the same objects when nothing changed, so they do not re-render). */
export function attachSides(edges: DesignFlowEdge[], boxes: Map<string, Box>): DesignFlowEdge[] {
  let changed = false;
  const out = edges.map((edge) => {
    const a = boxes.get(edge.source);
    const b = boxes.get(edge.target);
    if (!a || !b) return edge;
    const [sourceHandle, targetHandle] = facingSides(a, b);
    if (edge.sourceHandle === sourceHandle && edge.targetHandle === targetHandle) return edge;
    changed = true;
    return { ...edge, sourceHandle, targetHandle };
  });
  return changed ? out : edges;
}

/**
 * attachSides for the canvas, where the edge list is rebuilt apart from the nodes: each edge keeps its routed object while
 * its built object and its two sides stay the same, and the list keeps its identity while every edge does. (Routing the
 * built edges afresh on every node change gave all of them new objects: React Flow then re-rendered every edge on each
 * drag move and selection.)
 */
export class SideRouter {
  private routed = new WeakMap<DesignFlowEdge, DesignFlowEdge>();
  private last: DesignFlowEdge[] = [];

  route(edges: DesignFlowEdge[], boxes: Map<string, Box>): DesignFlowEdge[] {
    let changed = edges.length !== this.last.length;
    const out = edges.map((edge, i) => {
      const previous = this.routed.get(edge);
      const a = boxes.get(edge.source);
      const b = boxes.get(edge.target);
      let result = previous ?? edge;
      if (a && b) {
        const [sourceHandle, targetHandle] = facingSides(a, b);
        if (result.sourceHandle !== sourceHandle || result.targetHandle !== targetHandle) {
          result = { ...edge, sourceHandle, targetHandle };
          this.routed.set(edge, result);
        }
      }
      if (result !== this.last[i]) changed = true;
      return result;
    });
    if (changed) this.last = out;
    return this.last;
  }
}

/** Findings flags compared by what they show (a new review with the same findings re-renders nothing). */
const sameFlags = (a: Flags | undefined, b: Flags | undefined) => a === b || (!!a && !!b && a.severity === b.severity && a.count === b.count);

type CacheEntry = { source: DesignNode; parent: DesignNode | undefined; selected: boolean; flags: Flags | undefined; readOnly: boolean; flow: DesignFlowNode };

/** Builds flow nodes; keeps the previous object when nothing it depends on changed (memoised nodes then skip rendering). */
export class NodeBuilder {
  private cache = new Map<string, CacheEntry>();

  /**
   * `current` is what React Flow holds now: an unchanged node keeps that very object, so it does not re-render. Every node
   * carries its size as `measured` from the first build (cards are sized by cards.ts, the rule the CSS follows).
   * A change of selection alone is not rebuilt: a click or a drag start has React Flow mark the node selected itself
   * (onNodesChange) before the store hears of it, so the held object already says so and is kept; when the store selected
   * (Ctrl+A, a connection picked in the Inspector) the node gets a copy with only `selected` set. (Rebuilding the clicked
   * node gave React Flow a new object to adopt one commit after its own, and every selection rendered it twice.)
   */
  build(doc: DesignDocument, catalog: Catalog, selected: Set<string>, flags: Map<string, Flags>, readOnly: boolean, current: DesignFlowNode[]): DesignFlowNode[] {
    const index = indexCatalog(catalog);
    const size = sizeOf(catalog);
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
      if (previous && previous.source === node && previous.parent === parent && sameFlags(previous.flags, flag) && previous.readOnly === readOnly) {
        const held = live.get(node.id) ?? previous.flow;
        // While the store's selection of this node is as last built, React Flow's own flag stands (as before a click reaches the store).
        const reselect = previous.selected !== isSelected && !!held.selected !== isSelected;
        next.set(node.id, previous.selected === isSelected ? previous : { ...previous, selected: isSelected });
        out.push(reselect ? { ...held, selected: isSelected } : held);
        continue;
      }
      const kind = index.kinds.get(node.kind);
      const category = kind ? index.categories.get(kind.category) : undefined;
      const locked = isLocked(node);
      const annotation = ANNOTATION_KINDS.has(node.kind);
      const card = annotation ? null : componentCard(node, index);
      const { width, height } = card ?? size(node);
      const label = node.label ?? kind?.label ?? node.kind;
      const kindLabel = kind?.label ?? node.kind;
      const flow: DesignFlowNode = {
        id: node.id,
        type: annotation ? node.kind : "component",
        position: { x: node.x - (parent?.x ?? 0), y: node.y - (parent?.y ?? 0) },
        width,
        height,
        selected: isSelected,
        ariaLabel: `${label} (${kindLabel})`,
        data: {
          label,
          kindLabel: card && card.kindLabel !== label ? card.kindLabel : null,
          icon: node.icon ?? kind?.icon ?? "box",
          color: category?.color ?? "#f8fafc",
          stroke: category?.stroke ?? "#64748b",
          figures: card?.figures ?? "",
          figuresTitle: card?.figuresTitle ?? "",
          farSize: card?.farSize ?? 13,
          title: [label, kindLabel === label ? null : kindLabel, card?.figuresTitle || null, locked ? "Locked" : null].filter(Boolean).join("\n"),
          severity: flag?.severity ?? null,
          findingCount: flag?.count ?? 0,
          text: node.text ?? "",
          readOnly,
          locked,
        },
      };
      // Known size and handle boxes up front: React Flow then never renders a node just to measure it (with culling on,
      // an unmeasured node counts as visible), and fit view, which waits for every node's size, works at any size.
      flow.handles = card ? handleBoxes(width, height) : [];
      flow.measured = { width, height };
      if (locked) {
        flow.draggable = false;
        flow.deletable = false;
      }
      if (parent) flow.parentId = parent.id;
      if (node.kind === "group" || node.kind === "frame") flow.zIndex = -1;
      next.set(node.id, { source: node, parent, selected: isSelected, flags: flag, readOnly, flow });
      out.push(flow);
    }
    this.cache = next;
    // Nothing changed (a new review with the same findings): the very list React Flow holds, so nothing re-renders.
    return out.length === current.length && out.every((n, i) => n === current[i]) ? current : out;
  }
}

type EdgeEntry = { source: DesignEdge; selected: boolean; flags: Flags | undefined; readOnly: boolean; flow: DesignFlowEdge };

const PATHS: EdgePath[] = ["elbow", "curved", "straight"];

/** How an edge is drawn (its `path` prop; elbow when unset or unknown). */
export function edgePath(edge: Pick<DesignEdge, "props">): EdgePath {
  const value = edge.props?.path;
  return PATHS.includes(value as EdgePath) ? (value as EdgePath) : "elbow";
}

export class EdgeBuilder {
  private cache = new Map<string, EdgeEntry>();
  private last: DesignFlowEdge[] = [];

  build(doc: DesignDocument, catalog: Catalog, selected: Set<string>, flags: Map<string, Flags>, readOnly: boolean): DesignFlowEdge[] {
    const index = indexCatalog(catalog);
    const labels = new Map(doc.nodes.map((n) => [n.id, n.label ?? n.kind]));
    const next = new Map<string, EdgeEntry>();
    const out: DesignFlowEdge[] = [];
    for (const edge of doc.edges) {
      const isSelected = selected.has(edge.id);
      const flag = flags.get(edge.id);
      const previous = this.cache.get(edge.id);
      if (previous && previous.source === edge && previous.selected === isSelected && sameFlags(previous.flags, flag) && previous.readOnly === readOnly) {
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
        path: edgePath(edge),
        severity: flag?.severity ?? null,
        readOnly,
      };
      const flow: DesignFlowEdge = {
        id: edge.id,
        source: edge.source,
        target: edge.target,
        type: "design",
        selected: isSelected,
        // Its ends can be dragged to another component once it is selected: two anchors per edge instead of on every edge.
        reconnectable: isSelected && !readOnly,
        ariaLabel: `${kind?.label ?? edge.kind} from ${labels.get(edge.source)} to ${labels.get(edge.target)}`,
        data,
      };
      next.set(edge.id, { source: edge, selected: isSelected, flags: flag, readOnly, flow });
      out.push(flow);
    }
    this.cache = next;
    if (out.length !== this.last.length || out.some((e, i) => e !== this.last[i])) this.last = out;
    return this.last;
  }
}
