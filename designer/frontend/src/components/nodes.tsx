// Node components for React Flow, defined at module scope and memoised so a change re-renders only the nodes it touches.
import { Handle, NodeResizer, Position, type Node, type NodeProps, type ReactFlowState } from "@xyflow/react";
import { createContext, memo, useContext } from "react";
import { create } from "zustand";
import { FAR_ZOOM } from "../cards";
import { useEditorStore } from "../store";
import type { Severity } from "../types";
import { Icon } from "./icons";

export type DesignNodeData = {
  label: string;
  /** The kind's name, or null when the label already says it. */
  kindLabel: string | null;
  icon: string;
  color: string;
  stroke: string;
  /** Short key figures ("p99 40 ms · ×2"), or "". */
  figures: string;
  figuresTitle: string;
  /** The label's size (px) when zoomed out below FAR_ZOOM: as large as the card holds. */
  farSize: number;
  /** The tooltip: full label, kind and figures. */
  title: string;
  severity: Severity | null;
  findingCount: number;
  text: string;
  readOnly: boolean;
  locked: boolean;
};

/** True while the canvas is zoomed out below FAR_ZOOM (a boolean, so nodes re-render only when it flips). */
export const zoomedOut = (s: ReactFlowState) => s.transform[2] < FAR_ZOOM;

/**
 * zoomedOut, read once by the canvas and handed to every card and connection. Read by each of them from React Flow's
 * store, it was 600 more selectors run on every frame of a pan at 200 components (~1 µs each, with React Flow's own per
 * node, handle and edge: the pan's script time per mouse move was 6.1 ms against 3.3 ms on a bare React Flow page).
 */
export const FarZoom = createContext(false);

const SIDES = [
  [Position.Top, "top"],
  [Position.Right, "right"],
  [Position.Bottom, "bottom"],
  [Position.Left, "left"],
] as const;

export type DesignFlowNode = Node<DesignNodeData>;

function SeverityBadge({ severity, count }: { severity: Severity | null; count: number }) {
  if (!severity) return null;
  const word = count === 1 ? "finding" : "findings";
  return (
    <span className={`severity-badge sev-${severity}`} title={`${count} ${word} (${severity})`} aria-label={`${count} ${word}, worst: ${severity}`}>
      {severity === "info" ? "i" : "!"}
      {count > 1 ? <small>{count}</small> : null}
    </span>
  );
}

/**
 * The card the pointer is over and whether a connection is being drawn (the canvas sets both): the cards whose handles
 * are React Flow's own <Handle>s, which start and end connections. The others carry MeasuredHandles.
 */
export const useLiveHandles = create<{ hovered: string | null; connecting: boolean }>(() => ({ hovered: null, connecting: false }));

/**
 * A handle that only marks where the side's handle is (hidden by CSS). React Flow measures a node's handles from its
 * elements (`.source` with data-handleid and data-handlepos) whenever it observes the node, and then ignores the boxes
 * given up front, so every card keeps four such elements, even read-only and zoomed out (a card mounted without them drew
 * no edges at all: a share link's guest saw components and no connections). Written by hand rather than a <Handle>:
 * each <Handle> runs a React Flow store selector on every frame of a pan, and 800 of them at 200 cards (with a selector
 * per card and connection for the far zoom, now FarZoom) made the pan's script per mouse move 1.8× a bare React Flow
 * page's (6.1 against 3.3 ms, Chrome trace); without them 1.1–1.2×, and 90 → 106 pan frames (bench/editor.py, bare page
 * 110). A card swaps in real ones while it is pointed at
 * or selected, and all cards do while a connection is drawn; the box is the same, so nothing is re-measured.
 */
function MeasuredHandle({ nodeId, side, position, label }: { nodeId: string; side: string; position: Position; label: string }) {
  return <div className={`react-flow__handle react-flow__handle-${position} source`} data-handleid={side} data-nodeid={nodeId} data-handlepos={position} aria-label={`Connect ${label} (${side})`} />;
}

/**
 * A component card: icon, label (wrapping, never cut), kind and figures; zoomed out, the label alone, drawn large.
 * Four handles, one per side, each both a start and an end (the canvas connects in loose mode).
 */
export const ComponentNode = memo(function ComponentNode({ id, data, selected }: NodeProps<DesignFlowNode>) {
  const far = useContext(FarZoom);
  const live = useLiveHandles((s) => s.connecting || s.hovered === id);
  const style = { "--cat-bg": data.color, "--cat-stroke": data.stroke, ...(far ? { "--far-size": `${data.farSize}px` } : {}) } as React.CSSProperties;
  return (
    <>
      <div className={`mlsd-node${far ? " far" : ""}${selected ? " selected" : ""}${data.severity ? ` flagged sev-${data.severity}` : ""}`} style={style} title={data.title}>
        {far ? null : (
          <span className="mlsd-node-icon">
            <Icon name={data.icon} size={20} />
          </span>
        )}
        {far ? (
          // Zoomed out the label is the card's only text: one element is both (many cards are mounted at once there).
          <span className="mlsd-node-text mlsd-node-label">{data.label}</span>
        ) : (
          <span className="mlsd-node-text">
            <span className="mlsd-node-label">{data.label}</span>
            {data.kindLabel ? <span className="mlsd-node-kind">{data.kindLabel}</span> : null}
            {data.figures ? <span className="mlsd-node-figures">{data.figures}</span> : null}
          </span>
        )}
        {data.locked && !far ? (
          <span className="mlsd-node-lock" aria-label="Locked">
            <Icon name="lock" size={12} />
          </span>
        ) : null}
        <SeverityBadge severity={data.severity} count={data.findingCount} />
      </div>
      {SIDES.map(([position, side]) =>
        (live || selected) && !data.readOnly ? (
          <Handle key={side} id={side} type="source" position={position} aria-label={`Connect ${data.label} (${side})`} />
        ) : (
          <MeasuredHandle key={side} nodeId={id} side={side} position={position} label={data.label} />
        ),
      )}
    </>
  );
});

function resizeEnd(id: string, x: number, y: number, width: number, height: number) {
  const { doc, dispatch } = useEditorStore.getState();
  const node = doc.nodes.find((n) => n.id === id);
  if (!node) return;
  const parent = node.parent ? doc.nodes.find((n) => n.id === node.parent) : undefined;
  dispatch([{ op: "node.update", id, set: { x: Math.round(x + (parent?.x ?? 0)), y: Math.round(y + (parent?.y ?? 0)), width: Math.round(width), height: Math.round(height) } }]);
}

export const NoteNode = memo(function NoteNode({ id, data, selected }: NodeProps<DesignFlowNode>) {
  return (
    <div className={`mlsd-note${selected ? " selected" : ""}`}>
      <NodeResizer isVisible={selected && !data.readOnly} minWidth={120} minHeight={60} onResizeEnd={(_, p) => resizeEnd(id, p.x, p.y, p.width, p.height)} />
      {data.text ? <p>{data.text}</p> : <p className="placeholder">Empty note: write in the Inspector</p>}
    </div>
  );
});

export const GroupNode = memo(function GroupNode({ id, data, selected }: NodeProps<DesignFlowNode>) {
  return (
    <div className={`mlsd-group${selected ? " selected" : ""}${data.severity ? ` flagged sev-${data.severity}` : ""}`}>
      <NodeResizer isVisible={selected && !data.readOnly} minWidth={160} minHeight={100} onResizeEnd={(_, p) => resizeEnd(id, p.x, p.y, p.width, p.height)} />
      <span className="mlsd-group-label">
        <Icon name="frame" size={14} /> {data.label}
      </span>
    </div>
  );
});

/** Free text on the canvas: no box, resizable; the text wraps to the width. */
export const TextNode = memo(function TextNode({ id, data, selected }: NodeProps<DesignFlowNode>) {
  return (
    <div className={`mlsd-text${selected ? " selected" : ""}`} title={data.locked ? "Locked" : undefined}>
      <NodeResizer isVisible={selected && !data.readOnly && !data.locked} minWidth={60} minHeight={28} onResizeEnd={(_, p) => resizeEnd(id, p.x, p.y, p.width, p.height)} />
      {data.text ? <p>{data.text}</p> : <p className="placeholder">Empty text: write in the Inspector</p>}
    </div>
  );
});

/** A plain rectangle outlining an area, its label top-left; unlike a group it holds nothing. */
export const FrameNode = memo(function FrameNode({ id, data, selected }: NodeProps<DesignFlowNode>) {
  return (
    <div className={`mlsd-frame${selected ? " selected" : ""}`}>
      <NodeResizer isVisible={selected && !data.readOnly && !data.locked} minWidth={60} minHeight={40} onResizeEnd={(_, p) => resizeEnd(id, p.x, p.y, p.width, p.height)} />
      {data.label ? <span className="mlsd-frame-label">{data.label}</span> : null}
    </div>
  );
});

export const nodeTypes = { component: ComponentNode, note: NoteNode, group: GroupNode, text: TextNode, frame: FrameNode };
