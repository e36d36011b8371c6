// Editor keyboard shortcuts (undo/redo, delete, copy/paste, duplicate, group, note, fit, help), ignored while typing.
import { useReactFlow } from "@xyflow/react";
import { useEffect } from "react";
import { addNodeOp, groupOps, removeOps } from "../actions";
import { indexCatalog } from "../catalog";
import { CLIPBOARD_KEY, copySelection, parseSnippet, pasteOps, type Snippet } from "../clipboard";
import { useEditorStore } from "../store";
import type { Catalog } from "../types";

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));
}

let pasteCount = 0;

/** Paste a snippet with new ids, shifted a little more each time so repeated pastes do not stack. */
export function pasteSnippet(snippet: Snippet, catalog: Catalog) {
  const state = useEditorStore.getState();
  pasteCount += 1;
  const { ops, nodeIds, edgeIds } = pasteOps(snippet, 32 * pasteCount, new Set(indexCatalog(catalog).kinds.keys()));
  if (ops.length && state.dispatch(ops)) state.select(nodeIds, edgeIds);
}

export function useShortcuts(catalog: Catalog | null, readOnly: boolean) {
  const flow = useReactFlow();
  useEffect(() => {
    if (!catalog) return;
    const copy = () => {
      const { doc, selection } = useEditorStore.getState();
      if (!selection.nodes.length) return null;
      const snippet = copySelection(doc, selection.nodes);
      const text = JSON.stringify(snippet);
      // localStorage carries it to other designs in this browser; the system clipboard to other browsers.
      localStorage.setItem(CLIPBOARD_KEY, text);
      void navigator.clipboard?.writeText(text).catch(() => undefined);
      pasteCount = 0;
      return snippet;
    };
    const onKey = (event: KeyboardEvent) => {
      if (typing(event.target) || event.defaultPrevented) return;
      const state = useEditorStore.getState();
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (state.shortcutsOpen || state.pendingConnection) {
        if (key === "escape") {
          state.setShortcutsOpen(false);
          state.setPendingConnection(null);
        }
        return;
      }
      if (key === "?" || (event.shiftKey && key === "/")) {
        state.setShortcutsOpen(true);
      } else if (key === "escape") {
        state.select([], []);
      } else if (!mod && key === "f") {
        void flow.fitView({ padding: 0.2, duration: 250 });
      } else if (mod && key === "c") {
        copy();
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
        if (!state.selection.nodes.length && !state.selection.edges.length) return;
        state.dispatch(removeOps(state.selection.nodes, state.selection.edges));
        state.select([], []);
      } else if (mod && key === "x") {
        if (copy()) {
          state.dispatch(removeOps(state.selection.nodes, state.selection.edges));
          state.select([], []);
        }
      } else if (mod && key === "v") {
        const snippet = parseSnippet(localStorage.getItem(CLIPBOARD_KEY));
        if (snippet) pasteSnippet(snippet, catalog);
        else return;
      } else if (mod && key === "d") {
        if (!state.selection.nodes.length) return;
        pasteSnippet(copySelection(state.doc, state.selection.nodes), catalog);
      } else if (mod && key === "g") {
        const grouped = groupOps(state.doc, state.selection.nodes);
        if (grouped && state.dispatch(grouped.ops)) state.select([grouped.id], []);
      } else if (key === "enter" && state.selection.edges.length === 1 && !state.selection.nodes.length) {
        state.editEdgeLabel(state.selection.edges[0]);
      } else if (!mod && key === "n") {
        const note = indexCatalog(catalog).kinds.get("note");
        const centre = document.querySelector(".canvas")?.getBoundingClientRect();
        if (!note || !centre) return;
        const at = flow.screenToFlowPosition({ x: centre.left + centre.width / 2, y: centre.top + centre.height / 2 });
        const { op, id } = addNodeOp(state.doc, note, at.x - 100, at.y - 55);
        if (state.dispatch([op])) state.select([id], []);
      } else {
        return;
      }
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [catalog, readOnly, flow]);
}
