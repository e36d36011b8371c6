// View settings shared by the canvas, toolbar and shortcuts: the grid, how "fit" frames a design, zooming to the selection.
import { getViewportForBounds, type Edge, type Node, type ReactFlowInstance } from "@xyflow/react";
import { useEditorStore } from "../store";

/** The canvas grid (px): snapping, arrow-key steps (Shift: ×10) and placement all use it. */
export const GRID = 16;

/** Fit view: a thin margin so a wide design is drawn as large as the canvas allows. */
export const FIT_VIEW = { padding: "16px", duration: 250 } as const;
/** The canvas's zoom range (Canvas.tsx gives it to React Flow). */
export const MIN_ZOOM = 0.1;
export const MAX_ZOOM = 2.5;
const MARGIN = 16;

type Side = "top" | "right" | "bottom" | "left";

/**
 * Fit the whole design in view, clear of what floats over the canvas (the connection legend, the zoom control): each is
 * kept clear either above/below it or beside it, whichever leaves the design larger. Nothing to fit: nothing happens.
 */
export function fitAll<N extends Node, E extends Edge>(flow: Pick<ReactFlowInstance<N, E>, "getNodes" | "getNodesBounds" | "setViewport">, duration = 250, maxZoom = MAX_ZOOM): boolean {
  const pane = document.querySelector<HTMLElement>(".canvas .react-flow");
  const nodes = flow.getNodes();
  if (!pane || !nodes.length) return false;
  const box = pane.getBoundingClientRect();
  const bounds = flow.getNodesBounds(nodes);
  const overlays = [...pane.querySelectorAll<HTMLElement>(".legend, .zoom-control")].map((el) => el.getBoundingClientRect());
  let best: { x: number; y: number; zoom: number } | null = null;
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
  void flow.setViewport(best!, { duration });
  return true;
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
