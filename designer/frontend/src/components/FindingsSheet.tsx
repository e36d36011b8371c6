// On a phone: the reviewer's findings in a bottom sheet under the canvas, folded to one line until opened.
import { useState } from "react";
import { useEditorStore } from "../store";
import { FindingsPanel } from "./FindingsPanel";

export function FindingsSheet({ rulesUrl }: { rulesUrl: string }) {
  const [open, setOpen] = useState(false);
  const count = useEditorStore((s) => s.findings.length);
  return (
    <section className="bottom-sheet" aria-label="Findings">
      <button type="button" className="bottom-sheet-toggle" aria-expanded={open} aria-controls="findings-sheet" onClick={() => setOpen(!open)}>
        Findings ({count}) {open ? "▾" : "▴"}
      </button>
      {open ? (
        <div className="tab-panel" id="findings-sheet">
          <FindingsPanel rulesUrl={rulesUrl} />
        </div>
      ) : null}
    </section>
  );
}
