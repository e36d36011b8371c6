// View settings shared by the canvas, toolbar and shortcuts: the grid, how "fit" frames a design, zooming to the selection.
import type { ReactFlowInstance } from "@xyflow/react";
import { useEditorStore } from "../store";

/** The canvas grid (px): snapping, arrow-key steps (Shift: ×10) and placement all use it. */
export const GRID = 16;

/** Fit view: a thin margin so a wide design is drawn as large as the canvas allows. */
export const FIT_VIEW = { padding: "16px", duration: 250 } as const;

/** Frame the selected components (and the ends of selected connections); nothing selected: nothing happens. */
export function zoomToSelection(flow: Pick<ReactFlowInstance, "fitView">, maxZoom = 1.5): boolean {
  const { selection, doc } = useEditorStore.getState();
  const ids = new Set(selection.nodes);
  for (const e of doc.edges) if (selection.edges.includes(e.id)) ids.add(e.source).add(e.target);
  if (!ids.size) return false;
  void flow.fitView({ nodes: [...ids].map((id) => ({ id })), padding: "48px", duration: 250, maxZoom });
  return true;
}
