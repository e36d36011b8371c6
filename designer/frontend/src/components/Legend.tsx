// The connection legend: one line sample per edge kind, drawn exactly as edges are, with the number key that picks it.
import { Panel } from "@xyflow/react";
import { useState } from "react";
import { edgeStroke } from "../catalog";
import type { EdgeKind } from "../types";
import { markerId } from "./edges";

const REMEMBER = "mlsd.legend.open";

/** Open on a wide window, collapsed (one line) where the full legend would cover components; the user's choice is remembered. */
function initiallyOpen(): boolean {
  const saved = window.localStorage.getItem(REMEMBER);
  return saved === null ? window.innerWidth >= 1400 : saved === "1";
}

export function Legend({ kinds }: { kinds: EdgeKind[] }) {
  const [open, setOpenState] = useState(initiallyOpen);
  const setOpen = (value: boolean) => {
    setOpenState(value);
    window.localStorage.setItem(REMEMBER, value ? "1" : "0");
  };
  return (
    <Panel position="top-right" className="legend">
      <button type="button" className="legend-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        Connections
      </button>
      {open ? (
        <ul aria-label="Connection kinds">
          {kinds.map((k, i) => {
            const stroke = edgeStroke(k);
            return (
              <li key={k.id} title={k.help}>
                <svg width="44" height="12" aria-hidden="true">
                  <line x1="2" y1="6" x2="34" y2="6" stroke={k.color} strokeWidth={stroke.width} strokeDasharray={stroke.dash} markerEnd={`url(#${markerId(k.id)})`} />
                </svg>
                {k.label}
                <kbd title={`Press ${i + 1} to give the selected connections this kind`}>{i + 1}</kbd>
              </li>
            );
          })}
        </ul>
      ) : null}
    </Panel>
  );
}
