// Editor commands shared by keyboard shortcuts, the right-click menu and the Inspector: each reads the store and dispatches ops.
import { alignOps, bringToFrontOps, distributeOps, groupOps, lockOps, moveOps, pasteOffset, removeOps, type Alignment } from "./actions";
import { indexCatalog } from "./catalog";
import { CLIPBOARD_KEY, copySelection, parseSnippet, pasteOps, type Snippet } from "./clipboard";
import type { EditorConfig } from "./config";
import { copyExport } from "./files";
import { sizeOf } from "./flow";
import { useEditorStore } from "./store";
import type { Catalog } from "./types";

const state = () => useEditorStore.getState();
const size = () => sizeOf(state().catalog!);

/** Paste a snippet with new ids, shifted down and right until it covers no component (repeated pastes line up, never stack). */
export function pasteSnippet(snippet: Snippet, catalog: Catalog) {
  const offset = pasteOffset(state().doc, snippet.nodes, size());
  const { ops, nodeIds, edgeIds } = pasteOps(snippet, offset, new Set(indexCatalog(catalog).kinds.keys()));
  if (ops.length && state().dispatch(ops)) state().select(nodeIds, edgeIds);
}

/** Copy the selected components (with the edges between them) for pasting here or into another design; null if none. */
export function copyToClipboard(): Snippet | null {
  const { doc, selection } = state();
  if (!selection.nodes.length) return null;
  const snippet = copySelection(doc, selection.nodes);
  const text = JSON.stringify(snippet);
  // localStorage carries it to other designs in this browser; the system clipboard to other browsers.
  localStorage.setItem(CLIPBOARD_KEY, text);
  void navigator.clipboard?.writeText(text).catch(() => undefined);
  return snippet;
}

export function pasteFromClipboard(catalog: Catalog): boolean {
  const snippet = parseSnippet(localStorage.getItem(CLIPBOARD_KEY));
  if (snippet) pasteSnippet(snippet, catalog);
  return !!snippet;
}

export function duplicateSelection(catalog: Catalog): boolean {
  const { doc, selection } = state();
  if (!selection.nodes.length) return false;
  pasteSnippet(copySelection(doc, selection.nodes), catalog);
  return true;
}

/** Delete the selection (locked components stay, and say so). */
export function deleteSelection(): boolean {
  const { doc, selection, dispatch, select, notify } = state();
  if (!selection.nodes.length && !selection.edges.length) return false;
  const ops = removeOps(doc, selection.nodes, selection.edges);
  const kept = selection.nodes.filter((id) => !ops.some((op) => op.op === "node.remove" && op.id === id));
  if (ops.length) dispatch(ops);
  select(kept, []);
  if (kept.length) notify(kept.length === 1 ? "That component is locked: unlock it to delete it." : `${kept.length} locked components were kept: unlock them to delete them.`);
  return true;
}

export function groupSelection(): boolean {
  const { doc, selection, dispatch, select } = state();
  const grouped = groupOps(doc, selection.nodes, size());
  if (grouped && dispatch(grouped.ops)) select([grouped.id], []);
  return !!grouped;
}

export function bringSelectionToFront(): boolean {
  const { doc, selection, dispatch } = state();
  return dispatch(bringToFrontOps(doc, selection.nodes));
}

export function lockSelection(locked: boolean): boolean {
  const { doc, selection, dispatch } = state();
  return dispatch(lockOps(doc, selection.nodes, locked));
}

export function alignSelection(how: Alignment): boolean {
  const { doc, selection, dispatch } = state();
  return dispatch(alignOps(doc, selection.nodes, how, size()));
}

export function distributeSelection(axis: "horizontal" | "vertical"): boolean {
  const { doc, selection, dispatch } = state();
  return dispatch(distributeOps(doc, selection.nodes, axis, size()));
}

/** Give the selected connections the n-th catalog edge kind (keys 1–5). */
export function setSelectedEdgeKind(index: number): boolean {
  const { doc, selection, catalog, dispatch } = state();
  const kind = catalog?.edge_kinds[index];
  const ids = selection.edges.filter((id) => doc.edges.some((e) => e.id === id && e.kind !== kind?.id));
  if (!kind || !selection.edges.length) return false;
  if (ids.length) dispatch(ids.map((id) => ({ op: "edge.update" as const, id, set: { kind: kind.id } })));
  return true;
}

/** Time (ms) after the last arrow-key press that still counts as the same burst (one undo step). */
export const NUDGE_BURST_MS = 1000;
let nudgeBurst = 0;
let lastNudge = -Infinity;
let lastNudgeSelection: string[] = [];

/** Move the selection by (dx, dy), saved and shared like a drag; presses in quick succession undo as one step. */
export function nudgeSelection(dx: number, dy: number, now: number): boolean {
  const { doc, selection, dispatch } = state();
  if (!selection.nodes.length) return false;
  if (now - lastNudge > NUDGE_BURST_MS || selection.nodes !== lastNudgeSelection) nudgeBurst += 1;
  lastNudge = now;
  lastNudgeSelection = selection.nodes;
  const ops = moveOps(doc, selection.nodes, dx, dy);
  if (ops.length) dispatch(ops, { coalesce: `nudge-${nudgeBurst}` });
  return true;
}

/** Put an image of the design on the clipboard, from the server's export (the whole design). */
export async function copyImage(config: EditorConfig, format: "png" | "svg"): Promise<void> {
  const { notify } = state();
  try {
    await copyExport(config, { format, auto: false, findings: true, scale: 2, nodes: null });
    notify(`Copied the design as ${format.toUpperCase()}.`);
  } catch (error) {
    notify(`Copy as ${format.toUpperCase()} failed: ${(error as Error).message}`, "error");
  }
}
