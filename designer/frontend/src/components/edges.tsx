// The connection edge (styled per catalog edge kind, drawn elbow/curved/straight, label along it and editable in place) and its arrowheads.
import { BaseEdge, EdgeLabelRenderer, getBezierPath, getSmoothStepPath, getStraightPath, Position, type Edge, type EdgeProps, type ReactFlowState } from "@xyflow/react";
import { memo, useContext, useState } from "react";
import { FAR_ZOOM, lineCount, pageText } from "../cards";
import { useEditorStore } from "../store";
import type { EdgeKind, Severity } from "../types";
import { LABEL_CHARS } from "../generated/limits";
import { FarZoom } from "./nodes";

export type EdgePath = "elbow" | "curved" | "straight";

export type DesignEdgeData = {
  kind: string;
  color: string;
  dash?: string;
  width: number;
  label: string;
  path: EdgePath;
  severity: Severity | null;
  readOnly: boolean;
  /** Where the label is drawn (flow coordinates), set by LabelPlacer for every labelled connection at once. */
  labelAt?: LabelSpot;
};

export type DesignFlowEdge = Edge<DesignEdgeData>;

export const SEVERITY_COLORS: Record<Severity, string> = { error: "#dc2626", warning: "#d97706", info: "#2563eb" };

export const markerId = (kind: string) => `mlsd-arrow-${kind}`;

/** One arrowhead per edge kind, shaped by the catalog's arrowhead (normal, vee, dot, empty). */
export function EdgeMarkers({ kinds }: { kinds: EdgeKind[] }) {
  return (
    <svg className="mlsd-markers" aria-hidden="true" width="0" height="0">
      <defs>
        {kinds.map((k) => (
          <marker key={k.id} id={markerId(k.id)} viewBox="0 0 12 12" refX="10" refY="6" markerWidth="12" markerHeight="12" markerUnits="userSpaceOnUse" orient="auto-start-reverse">
            {k.arrowhead === "dot" ? (
              <circle cx="7" cy="6" r="3.5" fill={k.color} />
            ) : k.arrowhead === "vee" ? (
              <path d="M1 1 L10 6 L1 11" fill="none" stroke={k.color} strokeWidth="1.8" />
            ) : k.arrowhead === "tee" ? (
              <path d="M9 1 L9 11 M1 6 L9 6" fill="none" stroke={k.color} strokeWidth="2.2" />
            ) : k.arrowhead === "empty" ? (
              <path d="M1 1 L11 6 L1 11 Z" fill="#fff" stroke={k.color} strokeWidth="1.6" />
            ) : (
              <path d="M1 1 L11 6 L1 11 Z" fill={k.color} />
            )}
          </marker>
        ))}
      </defs>
    </svg>
  );
}

/** Handles stick out 5 px past a card's side; the line starts and ends on the card itself. */
const INSET = 5;
const inward = (x: number, y: number, side: Position): [number, number] =>
  side === Position.Left ? [x + INSET, y] : side === Position.Right ? [x - INSET, y] : side === Position.Top ? [x, y + INSET] : [x, y - INSET];

type Ends = { sourceX: number; sourceY: number; targetX: number; targetY: number; sourcePosition: Position; targetPosition: Position };

/** The line's path data and React Flow's own label point (its middle). */
function pathFor(style: EdgePath, p: Ends): [string, number, number] {
  const [d, x, y] = style === "straight" ? getStraightPath(p) : style === "curved" ? getBezierPath(p) : getSmoothStepPath({ ...p, borderRadius: 10 });
  return [d, x, y];
}

export const DesignEdgeView = memo(function DesignEdgeView(props: EdgeProps<DesignFlowEdge>) {
  const { id, data, selected, sourcePosition, targetPosition } = props;
  const editing = useEditorStore((s) => s.editingEdge === id);
  const far = useContext(FarZoom);
  const [sourceX, sourceY] = inward(props.sourceX, props.sourceY, sourcePosition);
  const [targetX, targetY] = inward(props.targetX, props.targetY, targetPosition);
  const [path, midX, midY] = pathFor(data?.path ?? "elbow", { sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  if (!data) return null;
  // Zoomed out below FAR_ZOOM the labels hide (the cards' labels are drawn large instead); a selected connection shows its own.
  const showLabel = editing || (data.label && (!far || selected));
  const at = editing ? { x: midX, y: midY, wrap: null, scale: 1 } : showLabel ? (data.labelAt ?? { x: midX, y: midY, wrap: null, scale: 1 }) : null;
  return (
    <>
      {data.severity && !far ? <path d={path} className="mlsd-edge-flag" stroke={SEVERITY_COLORS[data.severity]} /> : null}
      <BaseEdge
        id={id}
        path={path}
        markerEnd={`url(#${markerId(data.kind)})`}
        style={{ stroke: data.color, strokeWidth: selected ? data.width + 1.5 : data.width, strokeDasharray: data.dash }}
      />
      {at ? (
        <EdgeLabelRenderer>
          <div
            className={`mlsd-edge-label nodrag nopan${at.wrap && !editing ? " wrapped" : ""}`}
            style={{ transform: `translate(-50%, -50%) translate(${at.x}px, ${at.y}px)${at.scale !== 1 ? ` scale(${at.scale})` : ""}`, borderColor: data.color, maxWidth: at.wrap && !editing ? at.wrap + LABEL.padX : undefined }}
          >
            {editing ? <EdgeLabelEditor id={id} initial={data.label} /> : <span onDoubleClick={() => !data.readOnly && useEditorStore.getState().editEdgeLabel(id)}>{data.label}</span>}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
});

type Box = { x: number; y: number; width: number; height: number };

/** Cards and notes a label must not cover (groups and frames may sit under a label). */
const OBSTACLE_TYPES = new Set(["component", "note", "text"]);

/** The end of a connection on a card's side: the middle of that side (where flow.ts puts its handle), as React Flow
 * hands it to DesignEdgeView once `inward` has brought it from the handle's outer edge back onto the card. */
function sidePoint(box: Box, side: string | null | undefined): [number, number, Position] {
  if (side === "top") return [box.x + box.width / 2, box.y, Position.Top];
  if (side === "bottom") return [box.x + box.width / 2, box.y + box.height, Position.Bottom];
  if (side === "left") return [box.x, box.y + box.height / 2, Position.Left];
  return [box.x + box.width, box.y + box.height / 2, Position.Right];
}

type Placed = { d: string; label: string; spot: LabelSpot; box: Box; input: DesignFlowEdge; output: DesignFlowEdge };

/**
 * Places every connection's label at once, so that no label covers a card, a note or another label: each label takes
 * the free point along its line nearest its middle (wrapping narrower, then moving beside the line when the line is too
 * short). A label keeps its spot while its line and text do not change and the spot stays free, so labels do not jump
 * while something else is dragged. Done here rather than in each edge because an edge alone cannot see the other
 * labels (React Flow renders every edge on its own).
 */
export class LabelPlacer {
  private placed = new Map<string, Placed>();

  /** `scale`: how much larger than 11 px labels are drawn at the current zoom (labelScale). */
  place(edges: DesignFlowEdge[], nodes: Array<{ id: string; type?: string }>, boxes: Map<string, Box>, scale = 1): DesignFlowEdge[] {
    const obstacles: Box[] = [];
    for (const n of nodes) if (OBSTACLE_TYPES.has(n.type ?? "")) obstacles.push(boxes.get(n.id)!);
    const lines = new Map<string, { d: string; length: number }>();
    for (const edge of edges) {
      const a = boxes.get(edge.source);
      const b = boxes.get(edge.target);
      if (!edge.data?.label || !a || !b) continue;
      const [sourceX, sourceY, sourcePosition] = sidePoint(a, edge.sourceHandle);
      const [targetX, targetY, targetPosition] = sidePoint(b, edge.targetHandle);
      const d = pathFor(edge.data.path, { sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition })[0];
      lines.set(edge.id, { d, length: Math.abs(targetX - sourceX) + Math.abs(targetY - sourceY) });
    }
    // Short lines first: they have the fewest free points; a long line finds room further along.
    const order = [...lines.keys()].sort((x, y) => lines.get(x)!.length - lines.get(y)!.length || (x < y ? -1 : 1));
    const taken: Box[] = [];
    const next = new Map<string, Placed>();
    const byId = new Map(edges.map((e) => [e.id, e]));
    for (const id of order) {
      const edge = byId.get(id)!;
      const { d } = lines.get(id)!;
      const label = edge.data!.label;
      const before = this.placed.get(id);
      const keep = before && before.d === d && before.label === label && before.spot.scale === scale && isFree(before.box, obstacles, taken);
      const found = keep ? { spot: before.spot, box: before.box } : labelSpot(d, label, obstacles, taken, scale);
      taken.push(found.box);
      const same = before && before.input === edge && before.spot.x === found.spot.x && before.spot.y === found.spot.y && before.spot.wrap === found.spot.wrap && before.spot.scale === found.spot.scale;
      const output = same ? before.output : { ...edge, data: { ...edge.data!, labelAt: found.spot } };
      next.set(id, { d, label, spot: found.spot, box: found.box, input: edge, output });
    }
    this.placed = next;
    let changed = false;
    const out = edges.map((edge) => {
      const p = next.get(edge.id);
      if (!p || p.output === edge) return edge;
      changed = true;
      return p.output;
    });
    return changed ? out : edges;
  }

  /** The boxes (flow coordinates) of the labels placed last. */
  boxes(): Box[] {
    return [...this.placed.values()].map((p) => p.box);
  }
}

/** Labels keep this much space (px) from cards and from each other. */
const GAP = 2;
const grown = (b: Box): Box => ({ x: b.x - GAP, y: b.y - GAP, width: b.width + 2 * GAP, height: b.height + 2 * GAP });
const isFree = (box: Box, obstacles: Box[], taken: Box[]) => {
  const wide = grown(box);
  return !obstacles.some((o) => intersects(o, wide)) && !taken.some((t) => intersects(t, wide));
};

const intersects = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

let probe: SVGPathElement | null = null;

/** A hidden path element that measures path data (length, points along it). */
function measurePath(d: string): SVGPathElement {
  if (!probe) {
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("aria-hidden", "true");
    // Through the CSSOM: the page's Content-Security-Policy refuses style attributes set as markup.
    svg.style.cssText = "position:absolute;width:0;height:0;visibility:hidden;pointer-events:none";
    probe = document.createElementNS("http://www.w3.org/2000/svg", "path");
    svg.appendChild(probe);
    document.body.appendChild(svg);
  }
  probe.setAttribute("d", d);
  return probe;
}

/** Where along the line the label goes: the middle, else the nearest point to it whose label box covers no component. */
const SPOTS = [0.5, ...Array.from({ length: 11 }, (_, i) => [0.5 - (i + 1) * 0.04, 0.5 + (i + 1) * 0.04]).flat()];
/** Widths (px of text) a label may wrap to when it is too wide for the gap its line crosses. */
const WRAPS = [Infinity, 96, 64, 44, 30];
/** .mlsd-edge-label: 11 px text, 14 px lines, padding 1 px 6 px, a 1 px border. */
const LABEL = { size: 11, line: 14, padX: 14, padY: 4 };

/** Where a label's centre goes, the text width it wraps to (null: one line) and how much it is enlarged (labelScale). */
export type LabelSpot = { x: number; y: number; wrap: number | null; scale: number };

/** Labels are drawn at least this large on screen (px) while they show (down to FAR_ZOOM), enlarged in steps. */
const LABEL_MIN_PX = 9;
const LABEL_STEP = 0.25;

/**
 * How much larger than 11 px the labels are drawn at the view's zoom, so that they stay readable when zoomed out: 1 at
 * 82 % and above, then 1.25, 1.5 (in steps, so the labels are placed again only when the step changes, not every frame).
 */
export const labelScaleAt = (zoom: number) => {
  const need = LABEL_MIN_PX / (LABEL.size * Math.max(zoom, FAR_ZOOM));
  return need <= 1 ? 1 : Math.ceil(need / LABEL_STEP - 1e-9) * LABEL_STEP;
};
export const labelScale = (s: ReactFlowState) => labelScaleAt(s.transform[2]);

function labelSpot(d: string, text: string, cards: Box[], labels: Box[], scale: number): { spot: LabelSpot; box: Box } {
  const line = measurePath(d);
  const length = line.getTotalLength();
  const { measure, family } = pageText();
  const font = `400 ${LABEL.size}px ${family}`;
  const natural = measure(text, font) + 1;
  const shapes = WRAPS.filter((w) => w === Infinity || w < natural).map((w) => {
    const lines = w === Infinity ? 1 : lineCount(text, w, font, measure);
    return { wrap: w === Infinity ? null : w, width: (Math.min(natural, w) + LABEL.padX) * scale, height: (lines * LABEL.line + LABEL.padY) * scale };
  });
  const start = line.getPointAtLength(0);
  const end = line.getPointAtLength(length);
  const reach = natural * scale + 160;
  const area = { x: Math.min(start.x, end.x) - reach, y: Math.min(start.y, end.y) - reach, width: Math.abs(end.x - start.x) + 2 * reach, height: Math.abs(end.y - start.y) + 2 * reach };
  const boxes = [...cards, ...labels].filter((b) => intersects(b, area)).map(grown);
  let best: { spot: LabelSpot; box: Box; cover: number } | null = null;
  const free = (x: number, y: number, shape: (typeof shapes)[number]) => {
    const box = { x: x - shape.width / 2, y: y - shape.height / 2, width: shape.width, height: shape.height };
    const cover = boxes.reduce((sum, b) => sum + overlap(b, box), 0);
    const found = { spot: { x, y, wrap: shape.wrap, scale }, box };
    if (cover === 0) return found;
    if (!best || cover < best.cover) best = { ...found, cover };
    return null;
  };
  // Every point along the line on one line first, then narrower wrapped shapes: the first that covers nothing wins.
  for (const shape of shapes) {
    for (const t of SPOTS) {
      const p = line.getPointAtLength(length * t);
      const found = free(p.x, p.y, shape);
      if (found) return found;
    }
  }
  // A line too short for its label (between cards side by side), or crowded: beside the line, as close to its middle as there is room.
  for (const t of SPOTS.slice(0, 9)) {
    const p = line.getPointAtLength(length * t);
    const q = line.getPointAtLength(Math.min(length, length * t + 1));
    const along = Math.hypot(q.x - p.x, q.y - p.y) || 1;
    const [nx, ny] = [-(q.y - p.y) / along, (q.x - p.x) / along];
    for (const shape of shapes.slice(0, 2)) {
      for (let step = 1; step <= 16; step++) {
        for (const sign of [-1, 1]) {
          const off = sign * ((Math.abs(nx) * shape.width + Math.abs(ny) * shape.height) / 2 + 2 + step * 6);
          const found = free(p.x + nx * off, p.y + ny * off, shape);
          if (found) return found;
        }
      }
    }
  }
  const { spot, box } = best!;
  return { spot, box };
}

const overlap = (a: Box, b: Box) => Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

function EdgeLabelEditor({ id, initial }: { id: string; initial: string }) {
  const [value, setValue] = useState(initial);
  const finish = (save: boolean) => {
    const state = useEditorStore.getState();
    state.editEdgeLabel(null);
    const label = value.trim();
    if (save && label !== initial) state.dispatch([{ op: "edge.update", id, set: { label: label || null } }]);
  };
  return (
    <input
      className="mlsd-edge-label-input"
      aria-label="Edit connection label in place"
      autoFocus
      value={value}
      maxLength={LABEL_CHARS}
      onChange={(e) => setValue(e.target.value)}
      onBlur={() => finish(true)}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === "Enter") finish(true);
        if (e.key === "Escape") finish(false);
      }}
    />
  );
}

export const edgeTypes = { design: DesignEdgeView };
