// View settings shared by the canvas, toolbar and shortcuts: the grid, how "fit" frames a design, zooming to the selection.
import { getViewportForBounds, type Edge, type Node, type ReactFlowInstance, type Viewport } from "@xyflow/react";
import { absoluteBoxes, boundsOf, type Box } from "../flow";
import { LabelPlacer, labelScaleAt, type DesignFlowEdge } from "./edges";
import type { DesignFlowNode } from "./nodes";
import { useEditorStore } from "../store";

/** The canvas grid (px): snapping, arrow-key steps (Shift: ×10) and placement all use it. */
export const GRID = 16;

/** The canvas's zoom range (Canvas.tsx gives it to React Flow). */
export const MIN_ZOOM = 0.1;
export const MAX_ZOOM = 2.5;
/** Above this many nodes the canvas renders only the nodes in view (onlyRenderVisibleElements), and fit view jumps. */
export const BIG_DESIGN = 300;
/** Fit view's margin: thin, so a wide design is drawn as large as the canvas allows. */
const MARGIN = 16;

type Side = "top" | "right" | "bottom" | "left";

/**
 * Fit the whole design in view — its components and its connections' labels (a label beside a line at the design's
 * edge was cut off by the canvas's side) — clear of what floats over the canvas. Nothing to fit: nothing happens.
 */
export function fitAll<N extends Node, E extends Edge>(
  flow: Pick<ReactFlowInstance<N, E>, "getNodes" | "setViewport"> & { getEdges?: () => E[] },
  duration?: number,
  maxZoom = MAX_ZOOM,
): boolean {
  const nodes = flow.getNodes() as Node[] as DesignFlowNode[];
  const viewport = fitDesign(nodes, (flow.getEdges?.() ?? []) as Edge[] as DesignFlowEdge[], maxZoom);
  if (!viewport) return false;
  // A big design jumps instead of animating: with culling on, every frame of a zoom-out animation mounted the cards that
  // came into view and re-rendered those already there (bench/editor.py at 1,000 components: see bench/README.md).
  void flow.setViewport(viewport, { duration: duration ?? (nodes.length > BIG_DESIGN ? 0 : 250) });
  return true;
}

/** The viewport that fits the cards and the labels of `edges` (routed), each label placed as it will be drawn at that zoom. */
export function fitDesign(nodes: DesignFlowNode[], edges: DesignFlowEdge[], maxZoom = MAX_ZOOM): Viewport | null {
  if (!nodes.length) return null;
  const boxes = absoluteBoxes(nodes);
  const cards = boundsOf(boxes.values());
  const first = fitViewport(cards, maxZoom);
  if (!first || !edges.some((e) => e.data?.label)) return first;
  // Labels are drawn larger when zoomed out and placed where they cover no card: placed at the zoom that fits the
  // cards, then the cards and labels fitted together.
  const placer = new LabelPlacer();
  placer.place(edges, nodes, boxes, labelScaleAt(first.zoom));
  const labels = placer.boxes();
  return labels.length ? (fitViewport(boundsOf([cards, ...labels]), maxZoom) ?? first) : first;
}

/**
 * The viewport that shows `bounds` (flow coordinates) as large as the canvas allows, clear of what floats over it (the
 * connection legend, the zoom control): each is kept clear either above/below it or beside it, whichever leaves the
 * design larger. No canvas on the page: null.
 */
export function fitViewport(bounds: Box, maxZoom = MAX_ZOOM): Viewport | null {
  const pane = document.querySelector<HTMLElement>(".canvas .react-flow");
  if (!pane) return null;
  const box = pane.getBoundingClientRect();
  const overlays = [...pane.querySelectorAll<HTMLElement>(".legend, .zoom-control")].map((el) => el.getBoundingClientRect());
  let best: Viewport | null = null;
  for (let choice = 0; choice < 1 << overlays.length; choice++) {
    const pad: Record<Side, number> = { top: MARGIN, right: MARGIN, bottom: MARGIN, left: MARGIN };
    overlays.forEach((o, i) => {
      const upper = o.top + o.height / 2 < box.top + box.height / 2;
      const righter = o.left + o.width / 2 > box.left + box.width / 2;
      if (choice & (1 << i)) {
        if (upper) pad.top = Math.max(pad.top, o.bottom - box.top + 8);
        else pad.bottom = Math.max(pad.bottom, box.bottom - o.top + 8);
      } else if (righter) pad.right = Math.max(pad.right, box.right - o.left + 8);
      else pad.left = Math.max(pad.left, o.right - box.left + 8);
    });
    const padding = { top: `${pad.top}px`, right: `${pad.right}px`, bottom: `${pad.bottom}px`, left: `${pad.left}px` } as const;
    const viewport = getViewportForBounds(bounds, box.width, box.height, MIN_ZOOM, maxZoom, padding);
    if (!best || viewport.zoom > best.zoom + 1e-9) best = viewport;
  }
  return best;
}

/** Frame the selected components (and the ends of selected connections); nothing selected: nothing happens. */
export function zoomToSelection(flow: Pick<ReactFlowInstance, "fitView">, maxZoom = 1.5): boolean {
  const { selection, doc } = useEditorStore.getState();
  const ids = new Set(selection.nodes);
  for (const e of doc.edges) if (selection.edges.includes(e.id)) ids.add(e.source).add(e.target);
  if (!ids.size) return false;
  void flow.fitView({ nodes: [...ids].map((id) => ({ id })), padding: "48px", duration: 250, maxZoom });
  return true;
}
