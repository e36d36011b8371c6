// The top toolbar: back to My designs, title, save state, undo/redo, fit, tidy up, export, shortcuts and the items App.tsx passes.
import { useReactFlow } from "@xyflow/react";
import { useState } from "react";
import type { EditorConfig } from "../config";
import { requestJson } from "../transport";
import { useEditorStore } from "../store";
import type { Op } from "../types";
import { toggleTheme, useDark } from "../hooks/useScreen";
import { ExportMenu } from "./ExportMenu";
import { TextField } from "./fields";
import { fitAll } from "./view";

const SAVE_TEXT = { saved: "Saved", saving: "Saving…", offline: "Offline, retrying", error: "Not saved, retrying" } as const;

export function SaveIndicator() {
  // "Saved" only when nothing is waiting to be sent or acknowledged, whatever the transport reports.
  const state = useEditorStore((s) => (s.saveState === "saved" && (s.pending.length > 0 || s.inflight !== null) ? "saving" : s.saveState));
  return (
    <span className={`save-state save-${state}`} role="status" aria-live="polite">
      <span className="dot" aria-hidden="true" />
      {SAVE_TEXT[state]}
    </span>
  );
}

export function Toolbar({ config, readOnly, children }: { config: EditorConfig; readOnly: boolean; children?: React.ReactNode }) {
  const title = useEditorStore((s) => s.doc.title ?? "");
  const canUndo = useEditorStore((s) => s.undoStack.length > 0);
  const canRedo = useEditorStore((s) => s.redoStack.length > 0);
  const flow = useReactFlow();
  return (
    <header className="toolbar" aria-label="Editor toolbar">
      <a className="back" href={config.urls.designs} aria-label="My designs">
        ←
      </a>
      <div className="title-field">
        {/* The page's one h1: the title, shown as text to those who cannot edit it, read out to everyone. */}
        <h1 className={readOnly ? undefined : "sr-only"}>{title}</h1>
        {readOnly ? null : (
          <TextField label="Design title" value={title} onCommit={(t) => t.trim() && useEditorStore.getState().dispatch([{ op: "title.set", title: t.trim() }])} />
        )}
      </div>
      <SaveIndicator />
      {/* Undo and redo are edits: a view or comment link's guest has none to undo. */}
      {readOnly ? null : (
        <div className="toolbar-group" role="group" aria-label="History">
          <button type="button" className="tool" onClick={() => useEditorStore.getState().undo()} disabled={!canUndo} title="Undo (Ctrl+Z)">
            Undo
          </button>
          <button type="button" className="tool" onClick={() => useEditorStore.getState().redo()} disabled={!canRedo} title="Redo (Ctrl+Shift+Z)">
            Redo
          </button>
        </div>
      )}
      <div className="toolbar-group" role="group" aria-label="View">
        <button type="button" className="tool" onClick={() => fitAll(flow)} title="Fit the whole design in view (Shift+1)">
          Fit view
        </button>
        {!readOnly ? <TidyUp config={config} /> : null}
        <ExportMenu config={config} />
      </div>
      {children}
      <ThemeToggle />
      <button type="button" className="tool" onClick={() => useEditorStore.getState().setShortcutsOpen(true)} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
        ?
      </button>
    </header>
  );
}

/** Dark mode: follows the system until toggled. */
function ThemeToggle() {
  const dark = useDark();
  return (
    <button type="button" className="tool theme-toggle" aria-pressed={dark} onClick={() => toggleTheme(dark)} aria-label="Dark mode" title={dark ? "Switch to light mode" : "Switch to dark mode"}>
      {dark ? "☀" : "☾"}
    </button>
  );
}

function TidyUp({ config }: { config: EditorConfig }) {
  const [busy, setBusy] = useState(false);
  const flow = useReactFlow();
  const run = async () => {
    const state = useEditorStore.getState();
    setBusy(true);
    try {
      const response = await requestJson(config, config.urls.layout, { method: "POST", body: JSON.stringify(state.doc) });
      if (response.status === 404) return state.notify("Tidy up is not available on this server yet.", "error");
      if (!response.ok) {
        const body = (await response.json().catch(() => ({}))) as { detail?: string };
        return state.notify(`Tidy up failed: ${body.detail ?? `HTTP ${response.status}`}`, "error");
      }
      const body = (await response.json()) as { positions: Record<string, { x: number; y: number; width?: number; height?: number }> };
      const current = useEditorStore.getState().doc;
      const ops: Op[] = [];
      for (const node of current.nodes) {
        const p = body.positions[node.id];
        if (!p) continue;
        const set: Record<string, number> = { x: Math.round(p.x), y: Math.round(p.y) };
        if (p.width) set.width = Math.round(p.width);
        if (p.height) set.height = Math.round(p.height);
        ops.push({ op: "node.update", id: node.id, set });
      }
      if (ops.length) {
        useEditorStore.getState().dispatch(ops);
        useEditorStore.getState().notify("Tidied up: press Ctrl+Z to undo.");
        setTimeout(() => fitAll(flow), 50);
      }
    } catch {
      state.notify("Tidy up failed: the server could not be reached.", "error");
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className="tool" onClick={() => void run()} disabled={busy} title="Arrange the design automatically">
      {busy ? "Tidying…" : "Tidy up"}
    </button>
  );
}
