// Editor keyboard shortcuts (undo/redo, delete, copy/paste, group, align, distribute, lock, arrows, zoom, connection kinds, note, text, help), ignored while typing.
import { useReactFlow } from "@xyflow/react";
import { useEffect } from "react";
import { placeNodeOp, type Alignment } from "../actions";
import { indexCatalog } from "../catalog";
import {
  alignSelection,
  copyToClipboard,
  deleteSelection,
  distributeSelection,
  duplicateSelection,
  groupSelection,
  lockSelection,
  nudgeSelection,
  pasteFromClipboard,
  setSelectedEdgeKind,
} from "../commands";
import { fitAll, GRID, zoomToSelection } from "../components/view";
import { isLocked, sizeOf } from "../flow";
import { useEditorStore } from "../store";
import type { Catalog } from "../types";

/** Typing in a field, or a modal dialog is open (it owns the keys: Esc must reach it untouched). */
function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (document.querySelector("dialog[open]")) return true;
  return !!el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));
}

/** Ctrl/⌘ + Shift + an arrow lines the selection up on that side. */
const ALIGN_KEYS: Record<string, Alignment> = { ArrowLeft: "left", ArrowRight: "right", ArrowUp: "top", ArrowDown: "bottom" };

const ARROWS: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

/** Keys pressed on the canvas or the page itself (not in a panel, a menu or a form). */
function onCanvas(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !el || el === document.body || !!el.closest?.(".react-flow");
}

/** Keys pressed inside a modal dialog (the comparison with the reference, Share, the shortcut sheet) are the dialog's, not the canvas's. */
function inDialog(target: EventTarget | null): boolean {
  return !!(target as HTMLElement | null)?.closest?.('dialog[open], [aria-modal="true"]');
}

export function useShortcuts(catalog: Catalog | null, readOnly: boolean) {
  const flow = useReactFlow();
  useEffect(() => {
    if (!catalog) return;
    // Arrow keys are taken before React Flow sees them: its own nudge moves nodes on screen only and is never saved.
    const onArrow = (event: KeyboardEvent) => {
      const step = ARROWS[event.key];
      if (!step || readOnly || event.ctrlKey || event.metaKey || event.altKey || typing(event.target) || !onCanvas(event.target) || inDialog(event.target)) return;
      const factor = event.shiftKey ? 10 : 1;
      if (!nudgeSelection(step[0] * GRID * factor, step[1] * GRID * factor, performance.now())) return;
      event.preventDefault();
      event.stopPropagation();
    };
    const onKey = (event: KeyboardEvent) => {
      if (typing(event.target) || event.defaultPrevented || inDialog(event.target)) return;
      const state = useEditorStore.getState();
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (state.shortcutsOpen) {
        if (key === "escape") state.setShortcutsOpen(false);
        return;
      }
      // Zoom works wherever focus is (the browser's page zoom would otherwise take these keys).
      if (mod && (key === "=" || key === "+" || event.code === "Equal" || event.code === "NumpadAdd")) {
        void flow.zoomIn({ duration: 150 });
      } else if (mod && (key === "-" || event.code === "Minus" || event.code === "NumpadSubtract")) {
        void flow.zoomOut({ duration: 150 });
      } else if (mod && (key === "0" || event.code === "Digit0" || event.code === "Numpad0")) {
        void flow.zoomTo(1, { duration: 150 });
      } else if (key === "?" || (event.shiftKey && key === "/")) {
        state.setShortcutsOpen(true);
      } else if (key === "escape") {
        state.select([], []);
      } else if (event.shiftKey && !mod && event.code === "Digit1") {
        fitAll(flow);
      } else if (event.shiftKey && !mod && event.code === "Digit2") {
        zoomToSelection(flow);
      } else if (!mod && !event.shiftKey && key === "f") {
        fitAll(flow);
      } else if (mod && key === "c") {
        copyToClipboard();
      } else if (!mod && !event.altKey && (event.key === "[" || event.key === "]")) {
        // [ and ]: hide or show the palette and the sidebar.
        state.togglePanel(event.key === "[" ? "palette" : "sidebar");
      } else if (mod && key === "a") {
        state.select(state.doc.nodes.map((n) => n.id), state.doc.edges.map((e) => e.id));
      } else if (readOnly) {
        return;
      } else if (mod && key === "z") {
        if (event.shiftKey) state.redo();
        else state.undo();
      } else if (mod && key === "y") {
        state.redo();
      } else if (key === "delete" || key === "backspace") {
        if (!deleteSelection()) return;
      } else if (mod && key === "x") {
        if (copyToClipboard()) deleteSelection();
      } else if (mod && key === "v") {
        if (!pasteFromClipboard(catalog)) return;
      } else if (mod && key === "d") {
        if (!duplicateSelection(catalog)) return;
      } else if (mod && key === "g") {
        groupSelection();
      } else if (mod && event.shiftKey && event.key in ALIGN_KEYS) {
        if (!alignSelection(ALIGN_KEYS[event.key])) return;
      } else if (event.altKey && !mod && (event.code === "KeyH" || event.code === "KeyV")) {
        if (!distributeSelection(event.code === "KeyH" ? "horizontal" : "vertical")) return;
      } else if (mod && event.shiftKey && event.code === "KeyL") {
        const chosen = state.doc.nodes.filter((n) => state.selection.nodes.includes(n.id));
        if (!chosen.length || !lockSelection(chosen.some((n) => !isLocked(n)))) return;
      } else if (!mod && !event.altKey && !event.shiftKey && /^Digit[1-9]$/.test(event.code) && onCanvas(event.target)) {
        // 1–5: the kind of the selected connections, in the catalog's order (the legend's order).
        if (!setSelectedEdgeKind(Number(event.code.slice(5)) - 1)) return;
      } else if (key === "enter" && state.selection.edges.length === 1 && !state.selection.nodes.length) {
        state.editEdgeLabel(state.selection.edges[0]);
      } else if (!mod && !event.altKey && (key === "n" || key === "t")) {
        const note = indexCatalog(catalog).kinds.get(key === "n" ? "note" : "text");
        const pane = document.querySelector(".canvas")?.getBoundingClientRect();
        if (!note || !pane) return;
        const centre = flow.screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 });
        const { op, id } = placeNodeOp(state.doc, note, centre, sizeOf(catalog));
        if (state.dispatch([op])) state.select([id], []);
      } else {
        return;
      }
      event.preventDefault();
    };
    window.addEventListener("keydown", onArrow, true);
    window.addEventListener("keydown", onKey);
    return () => {
      window.removeEventListener("keydown", onArrow, true);
      window.removeEventListener("keydown", onKey);
    };
  }, [catalog, readOnly, flow]);
}
