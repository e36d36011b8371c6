// The Export menu: download the design (or the selection) as SVG, PNG (at a scale), PDF, Mermaid, DOT or JSON,
// or copy it to the clipboard as PNG or SVG; every share link may export.
import { useEffect, useRef, useState } from "react";
import type { EditorConfig } from "../config";
import { copyExport, fetchExport, type ExportOptions } from "../files";
import { useEditorStore } from "../store";

const FORMATS = [
  { format: "svg", label: "SVG image" },
  { format: "png", label: "PNG image" },
  { format: "pdf", label: "PDF document" },
  { format: "mermaid", label: "Mermaid" },
  { format: "dot", label: "Graphviz DOT" },
  { format: "json", label: "JSON document" },
];
const SCALES = [1, 2, 3, 4];

export function ExportMenu({ config }: { config: EditorConfig }) {
  const [open, setOpen] = useState(false);
  const [auto, setAuto] = useState(false);
  const [withFindings, setWithFindings] = useState(true);
  const [withFeatures, setWithFeatures] = useState(true);
  const [scale, setScale] = useState(2);
  const [onlySelection, setOnlySelection] = useState(false);
  const selected = useEditorStore((s) => s.selection.nodes);
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!menu.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    return () => document.removeEventListener("mousedown", close);
  }, [open]);
  const options = (format: string): ExportOptions => ({ format, auto, findings: withFindings, features: withFeatures, scale, nodes: onlySelection && selected.length ? selected : null });

  const download = async (format: string) => {
    setOpen(false);
    try {
      const { blob, name } = await fetchExport(config, options(format));
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    } catch (error) {
      useEditorStore.getState().notify(`Export failed: ${(error as Error).message}`, "error");
    }
  };
  const copy = async (format: "png" | "svg") => {
    setOpen(false);
    const { notify } = useEditorStore.getState();
    const what = options(format).nodes ? "the selection" : "the design";
    try {
      await copyExport(config, options(format));
      notify(`Copied ${what} as ${format.toUpperCase()}.`);
    } catch (error) {
      notify(`Copy as ${format.toUpperCase()} failed: ${(error as Error).message}`, "error");
    }
  };
  return (
    <div className="menu" ref={menu}>
      <button type="button" className="tool" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
        Export ▾
      </button>
      {open ? (
        <div className="menu-popup" role="menu" aria-label="Export">
          {FORMATS.map((f) => (
            <button key={f.format} type="button" role="menuitem" onClick={() => void download(f.format)}>
              {f.label}
            </button>
          ))}
          <button type="button" role="menuitem" onClick={() => void copy("png")}>
            Copy as PNG
          </button>
          <button type="button" role="menuitem" onClick={() => void copy("svg")}>
            Copy as SVG
          </button>
          <label className="menu-option">
            <input type="checkbox" checked={onlySelection && selected.length > 0} disabled={!selected.length} onChange={(e) => setOnlySelection(e.target.checked)} /> Only the selection
            {selected.length ? ` (${selected.length})` : ""}
          </label>
          <label className="menu-option">
            <input type="checkbox" checked={auto} onChange={(e) => setAuto(e.target.checked)} /> Auto layout
          </label>
          <label className="menu-option">
            <input type="checkbox" checked={withFindings} onChange={(e) => setWithFindings(e.target.checked)} /> Mark findings
          </label>
          <label className="menu-option">
            <input type="checkbox" checked={withFeatures} onChange={(e) => setWithFeatures(e.target.checked)} /> Features table
          </label>
          <label className="menu-option">
            PNG scale{" "}
            <select value={scale} onChange={(e) => setScale(Number(e.target.value))} aria-label="PNG scale">
              {SCALES.map((s) => (
                <option key={s} value={s}>
                  {s}×
                </option>
              ))}
            </select>
          </label>
        </div>
      ) : null}
    </div>
  );
}
