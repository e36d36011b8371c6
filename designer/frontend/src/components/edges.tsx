// The connection edge (styled per catalog edge kind, drawn elbow/curved/straight, label along it and editable in place) and its arrowheads.
import { BaseEdge, EdgeLabelRenderer, getBezierPath, getSmoothStepPath, getStraightPath, Position, useStore, useStoreApi, type Edge, type EdgeProps } from "@xyflow/react";
import { memo, useState } from "react";
import { lineCount, pageText } from "../cards";
import { useEditorStore } from "../store";
import type { EdgeKind, Severity } from "../types";
import { LABEL_CHARS } from "../generated/limits";
import { zoomedOut } from "./nodes";

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

function pathFor(style: EdgePath, p: { sourceX: number; sourceY: number; targetX: number; targetY: number; sourcePosition: Position; targetPosition: Position }): string {
  if (style === "straight") return getStraightPath(p)[0];
  if (style === "curved") return getBezierPath(p)[0];
  return getSmoothStepPath({ ...p, borderRadius: 10 })[0];
}

export const DesignEdgeView = memo(function DesignEdgeView(props: EdgeProps<DesignFlowEdge>) {
  const { id, data, selected, sourcePosition, targetPosition } = props;
  const editing = useEditorStore((s) => s.editingEdge === id);
  const far = useStore(zoomedOut);
  const store = useStoreApi();
  const [sourceX, sourceY] = inward(props.sourceX, props.sourceY, sourcePosition);
  const [targetX, targetY] = inward(props.targetX, props.targetY, targetPosition);
  const path = pathFor(data?.path ?? "elbow", { sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  if (!data) return null;
  const showLabel = editing || (data.label && !far);
  const ends = { x: Math.min(sourceX, targetX), y: Math.min(sourceY, targetY), width: Math.abs(targetX - sourceX), height: Math.abs(targetY - sourceY) };
  const at = showLabel ? (editing ? { ...labelSpot(path, "Edit the label", store.getState().nodeLookup, ends), wrap: null } : labelSpot(path, data.label, store.getState().nodeLookup, ends)) : null;
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
            style={{ transform: `translate(-50%, -50%) translate(${at.x}px, ${at.y}px)`, borderColor: data.color, maxWidth: at.wrap && !editing ? at.wrap + LABEL.padX : undefined }}
          >
            {editing ? <EdgeLabelEditor id={id} initial={data.label} /> : <span onDoubleClick={() => !data.readOnly && useEditorStore.getState().editEdgeLabel(id)}>{data.label}</span>}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
});

type Box = { x: number; y: number; width: number; height: number };
type NodeLookup = ReturnType<ReturnType<typeof useStoreApi>["getState"]>["nodeLookup"];

/** Boxes of the components and notes near the line (groups may sit under a label). */
function obstaclesNear(lookup: NodeLookup, area: Box): Box[] {
  const out: Box[] = [];
  for (const node of lookup.values()) {
    if (node.type === "group") continue;
    const { x, y } = node.internals.positionAbsolute;
    const box = { x, y, width: node.measured.width ?? node.width ?? 0, height: node.measured.height ?? node.height ?? 0 };
    if (intersects(box, area)) out.push(box);
  }
  return out;
}

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

export type LabelSpot = { x: number; y: number; wrap: number | null };

function labelSpot(d: string, text: string, lookup: NodeLookup, ends: Box): LabelSpot {
  const line = measurePath(d);
  const length = line.getTotalLength();
  const { measure, family } = pageText();
  const font = `400 ${LABEL.size}px ${family}`;
  const natural = measure(text, font) + 1;
  const shapes = WRAPS.filter((w) => w === Infinity || w < natural).map((w) => {
    const lines = w === Infinity ? 1 : lineCount(text, w, font, measure);
    return { wrap: w === Infinity ? null : w, width: Math.min(natural, w) + LABEL.padX, height: lines * LABEL.line + LABEL.padY };
  });
  const reach = natural + 60;
  const area = { x: ends.x - reach, y: ends.y - reach, width: ends.width + 2 * reach, height: ends.height + 2 * reach };
  const boxes = obstaclesNear(lookup, area);
  let best: { spot: LabelSpot; cover: number } | null = null;
  const free = (x: number, y: number, shape: (typeof shapes)[number]): LabelSpot | null => {
    const box = { x: x - shape.width / 2, y: y - shape.height / 2, width: shape.width, height: shape.height };
    const cover = boxes.reduce((sum, b) => sum + overlap(b, box), 0);
    const spot = { x, y, wrap: shape.wrap };
    if (cover === 0) return spot;
    if (!best || cover < best.cover) best = { spot, cover };
    return null;
  };
  // Every point along the line on one line first, then narrower wrapped shapes: the first that covers no component wins.
  for (const shape of shapes) {
    for (const t of SPOTS) {
      const p = line.getPointAtLength(length * t);
      const spot = free(p.x, p.y, shape);
      if (spot) return spot;
    }
  }
  // A line too short for its label (between cards side by side): beside the line, as close to its middle as there is room.
  for (const t of SPOTS.slice(0, 5)) {
    const p = line.getPointAtLength(length * t);
    const q = line.getPointAtLength(Math.min(length, length * t + 1));
    const along = Math.hypot(q.x - p.x, q.y - p.y) || 1;
    const [nx, ny] = [-(q.y - p.y) / along, (q.x - p.x) / along];
    for (const shape of shapes.slice(0, 2)) {
      for (let step = 1; step <= 16; step++) {
        for (const sign of [-1, 1]) {
          const d = sign * ((Math.abs(nx) * shape.width + Math.abs(ny) * shape.height) / 2 + 2 + step * 6);
          const spot = free(p.x + nx * d, p.y + ny * d, shape);
          if (spot) return spot;
        }
      }
    }
  }
  return best!.spot;
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
