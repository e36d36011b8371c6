// UI slice: selection, catalog, config, the sidebar tab, dialogs and transient messages.
import type { StateCreator } from "zustand";
import type { EditorConfig } from "../config";
import type { Catalog, RuleInfo } from "../types";
import type { EditorState } from "./index";

export type Selection = { nodes: string[]; edges: string[] };

export interface UiSlice {
  config: EditorConfig | null;
  catalog: Catalog | null;
  rules: Record<string, RuleInfo>;
  selection: Selection;
  sidebarTab: string;
  shortcutsOpen: boolean;
  /** A short message for the status line (errors from export, tidy up, a refused save). */
  notice: { text: string; tone: "info" | "error" } | null;
  /** The edge whose label is being edited in place. */
  editingEdge: string | null;
  /** Bumped to ask the canvas to zoom to the current selection. */
  focusRequest: number;
  select: (nodes: string[], edges: string[]) => void;
  editEdgeLabel: (id: string | null) => void;
  setSidebarTab: (tab: string) => void;
  setShortcutsOpen: (open: boolean) => void;
  notify: (text: string, tone?: "info" | "error") => void;
  focusSelection: () => void;
}

const same = (a: string[], b: string[]) => a.length === b.length && a.every((id, i) => id === b[i]);

export const createUiSlice: StateCreator<EditorState, [], [], UiSlice> = (set, get) => ({
  config: null,
  catalog: null,
  rules: {},
  selection: { nodes: [], edges: [] },
  sidebarTab: "inspector",
  shortcutsOpen: false,
  notice: null,
  focusRequest: 0,
  editingEdge: null,
  editEdgeLabel: (editingEdge) => set({ editingEdge }),
  select: (nodes, edges) => {
    const current = get().selection;
    if (same(current.nodes, nodes) && same(current.edges, edges)) return;
    // Keep the unchanged half identical so the canvas does not rebuild 2,000 edges when only a node was picked.
    set({ selection: { nodes: same(current.nodes, nodes) ? current.nodes : nodes, edges: same(current.edges, edges) ? current.edges : edges } });
  },
  setSidebarTab: (sidebarTab) => set({ sidebarTab }),
  setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),
  notify: (text, tone = "info") => set({ notice: { text, tone } }),
  focusSelection: () => set({ focusRequest: get().focusRequest + 1 }),
});
