// The extension contract: other packages (realtime, interview, sharing) register side panels, canvas overlays and toolbar items here.
import type React from "react";
import type { DesignDocument, Finding } from "./types";

/** The parsed #editor-config; unknown keys added by other packages are kept and typed loosely. */
export type EditorConfig = {
  designId: number;
  title: string;
  role: "owner" | "edit" | "view" | "comment" | string;
  user: string;
  csrfToken: string;
  urls: {
    design: string;
    ops: string;
    findings: string;
    validate: string;
    catalog: string;
    rules: string;
    designs: string;
    [key: string]: string;
  };
  [key: string]: unknown;
};

export type SidePanelProps = { config: EditorConfig; doc: DesignDocument; version: number; findings: Finding[] };

export type SidePanel = { id: string; title: string; Component: React.ComponentType<SidePanelProps> };

export const sidePanels: Array<SidePanel> = [];
export const canvasOverlays: Array<React.ComponentType<{ config: EditorConfig }>> = [];
export const toolbarItems: Array<React.ComponentType<{ config: EditorConfig }>> = [];

/** Add a tab to the right sidebar (after Inspector / Problem / Findings); a repeated id replaces the earlier panel. */
export function registerSidePanel(panel: SidePanel): void {
  const at = sidePanels.findIndex((p) => p.id === panel.id);
  if (at >= 0) sidePanels[at] = panel;
  else sidePanels.push(panel);
}

/** Render a component inside <ReactFlow> (it may use React Flow hooks such as useViewport). */
export function registerCanvasOverlay(component: React.ComponentType<{ config: EditorConfig }>): void {
  if (!canvasOverlays.includes(component)) canvasOverlays.push(component);
}

/** Render a component at the end of the top toolbar. */
export function registerToolbarItem(component: React.ComponentType<{ config: EditorConfig }>): void {
  if (!toolbarItems.includes(component)) toolbarItems.push(component);
}

/** Parse the config the Django template writes with json_script, tolerating extra keys. */
export function readEditorConfig(element: Element | null): EditorConfig {
  if (!element?.textContent) throw new Error("the page has no #editor-config");
  const config = JSON.parse(element.textContent) as EditorConfig;
  return { ...config, urls: { ...config.urls } };
}

/** True when the user may only look (and perhaps comment): no dragging, connecting, deleting or editing. */
export function isReadOnly(config: Pick<EditorConfig, "role">): boolean {
  return config.role === "view" || config.role === "comment";
}
