// UI slice: selection, catalog, config, the sidebar tab, collapsed panels and theme (remembered), dialogs and transient messages.
import type { StateCreator } from "zustand";
import type { EditorConfig } from "../config";
import type { Catalog, RuleInfo } from "../types";
import type { EditorState } from "./index";

export type Selection = { nodes: string[]; edges: string[] };
/** Which side panels are open (the palette, the sidebar). */
export type Panels = { palette: boolean; sidebar: boolean };
/** "system" follows the operating system's light/dark setting. */
export type Theme = "system" | "light" | "dark";

const PANELS_KEY = "mlsd.panels";
const THEME_KEY = "mlsd.theme";

/** What this browser remembered (nothing outside a browser, or when storage is refused or holds something else). */
function remembered<T>(key: string, valid: (value: unknown) => value is T, fallback: T): T {
  try {
    const raw = typeof localStorage === "undefined" ? null : localStorage.getItem(key);
    const value: unknown = raw === null ? null : JSON.parse(raw);
    return valid(value) ? value : fallback;
  } catch {
    return fallback;
  }
}

function remember(key: string, value: unknown) {
  try {
    if (typeof localStorage !== "undefined") localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Private mode or a full quota: the choice holds for this page only.
  }
}

const isPanels = (v: unknown): v is Panels =>
  typeof v === "object" && v !== null && typeof (v as Panels).palette === "boolean" && typeof (v as Panels).sidebar === "boolean";
const isTheme = (v: unknown): v is Theme => v === "system" || v === "light" || v === "dark";

export interface UiSlice {
  config: EditorConfig | null;
  catalog: Catalog | null;
  rules: Record<string, RuleInfo>;
  selection: Selection;
  sidebarTab: string;
  shortcutsOpen: boolean;
  panels: Panels;
  theme: Theme;
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
  togglePanel: (panel: keyof Panels) => void;
  setTheme: (theme: Theme) => void;
}

const same = (a: string[], b: string[]) => a.length === b.length && a.every((id, i) => id === b[i]);

export const createUiSlice: StateCreator<EditorState, [], [], UiSlice> = (set, get) => ({
  config: null,
  catalog: null,
  rules: {},
  selection: { nodes: [], edges: [] },
  sidebarTab: "inspector",
  shortcutsOpen: false,
  panels: remembered(PANELS_KEY, isPanels, { palette: true, sidebar: true }),
  theme: remembered(THEME_KEY, isTheme, "system"),
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
  togglePanel: (panel) => {
    const panels = { ...get().panels, [panel]: !get().panels[panel] };
    remember(PANELS_KEY, panels);
    set({ panels });
  },
  setTheme: (theme) => {
    remember(THEME_KEY, theme);
    set({ theme });
  },
});
