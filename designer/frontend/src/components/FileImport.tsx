// Open a file into the editor: chosen with "Open…" or dropped on the canvas, a JSON document, an SVG exported
// here or Mermaid text becomes a new design (owners: the server creates it) or is added to this one (one undo step).
import { useReactFlow } from "@xyflow/react";
import { useEffect, useRef, useState } from "react";
import { indexCatalog } from "../catalog";
import type { EditorConfig } from "../config";
import { mergeOps, readDesignFile } from "../files";
import { sizeOf } from "../flow";
import { useEditorStore } from "../store";
import { FIT_VIEW } from "./view";

/** How long "As a new design" waits for this design's unsent changes to be saved before it leaves the page. */
const SAVE_WAIT_MS = 5000;

/** Resolves true once nothing is waiting to be sent or acknowledged, false after `ms`. */
function allSaved(ms: number): Promise<boolean> {
  const idle = () => {
    const s = useEditorStore.getState();
    return s.pending.length === 0 && s.inflight === null;
  };
  if (idle()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      stop();
      resolve(false);
    }, ms);
    const stop = useEditorStore.subscribe(() => {
      if (!idle()) return;
      clearTimeout(timer);
      stop();
      resolve(true);
    });
  });
}

const ACCEPT = ".json,.svg,.mmd,.mermaid,.md,.txt,application/json,image/svg+xml,text/plain";

export function FileImport({ config, readOnly }: { config: EditorConfig; readOnly: boolean }) {
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const flow = useReactFlow();
  const canCreate = Boolean(config.urls.importDesign);
  const canMerge = !readOnly && Boolean(config.urls.import);

  useEffect(() => {
    // Files dropped anywhere in the editor, the canvas above all (which itself handles palette drags only): a file
    // dropped beside it must not make the browser leave the editor to show the file.
    const onCanvas = (event: DragEvent) => Boolean(event.dataTransfer?.types.includes("Files"));
    const over = (event: DragEvent) => {
      if (!onCanvas(event)) return;
      event.preventDefault();
      event.dataTransfer!.dropEffect = "copy";
    };
    const drop = (event: DragEvent) => {
      if (!onCanvas(event)) return;
      event.preventDefault();
      const dropped = event.dataTransfer!.files[0];
      if (!dropped) return;
      if (canCreate || canMerge) setFile(dropped);
      else useEditorStore.getState().notify("This link can only look at the design: files cannot be opened here.", "error");
    };
    document.addEventListener("dragover", over);
    document.addEventListener("drop", drop);
    return () => {
      document.removeEventListener("dragover", over);
      document.removeEventListener("drop", drop);
    };
  }, [canCreate, canMerge]);

  useEffect(() => {
    if (file && !dialog.current?.open) dialog.current?.showModal();
  }, [file]);

  const close = () => {
    dialog.current?.close();
    setFile(null);
    if (input.current) input.current.value = "";
  };

  const merge = async (chosen: File) => {
    const { notify } = useEditorStore.getState();
    setBusy(true);
    try {
      const imported = await readDesignFile(config, chosen);
      const state = useEditorStore.getState();
      const catalog = state.catalog!;
      const { ops, nodeIds } = mergeOps(state.doc, imported, sizeOf(catalog), new Set(indexCatalog(catalog).kinds.keys()));
      if (!ops.length) return notify(`“${chosen.name}” holds no components to add.`, "error");
      if (state.dispatch(ops)) {
        state.select(nodeIds, []);
        notify(`Added ${nodeIds.length} components from “${chosen.name}”: press Ctrl+Z to undo.`);
        setTimeout(() => void flow.fitView(FIT_VIEW), 50);
      }
    } catch (error) {
      notify(`“${chosen.name}” could not be opened: ${(error as Error).message}`, "error");
    } finally {
      setBusy(false);
      close();
    }
  };

  // A new design: the server reads the file, creates the design and opens it (or lists every problem on My designs).
  // The page is left only once this design's last changes are saved: leaving must lose nothing.
  const create = async (chosen: File) => {
    setBusy(true);
    if (!(await allSaved(SAVE_WAIT_MS))) {
      setBusy(false);
      useEditorStore.getState().notify("Your last changes are not saved yet: try again once the toolbar says Saved.", "error");
      return;
    }
    const form = document.createElement("form");
    form.method = "post";
    form.action = config.urls.importDesign;
    form.enctype = "multipart/form-data";
    form.hidden = true;
    const token = Object.assign(document.createElement("input"), { type: "hidden", name: "csrfmiddlewaretoken", value: config.csrfToken });
    const field = Object.assign(document.createElement("input"), { type: "file", name: "file" });
    const files = new DataTransfer();
    files.items.add(chosen);
    field.files = files.files;
    form.append(token, field);
    document.body.append(form);
    form.submit();
  };

  if (!canCreate && !canMerge) return null;
  return (
    <>
      <button type="button" className="tool" onClick={() => input.current?.click()} title="Open a JSON document, an exported SVG or Mermaid text (or drop it on the canvas)">
        Open…
      </button>
      <input ref={input} type="file" accept={ACCEPT} hidden aria-label="Open a file" onChange={(e) => e.target.files?.[0] && setFile(e.target.files[0])} />
      <dialog ref={dialog} className="file-dialog" aria-labelledby="file-dialog-title" onClose={() => setFile(null)}>
        <h2 id="file-dialog-title">Open “{file?.name}”</h2>
        <p>A JSON document, an SVG exported from MLSD Designer or Mermaid flowchart text.</p>
        <div className="row">
          {canCreate ? (
            <button type="button" className="tool primary" disabled={busy} onClick={() => file && void create(file)}>
              As a new design
            </button>
          ) : null}
          {canMerge ? (
            <button type="button" className="tool" disabled={busy} onClick={() => file && void merge(file)}>
              {busy ? "Adding…" : "Add to this design"}
            </button>
          ) : null}
          <button type="button" className="tool" onClick={close}>
            Cancel
          </button>
        </div>
      </dialog>
    </>
  );
}
