// The connection legend: one line sample per edge kind, drawn exactly as edges are, with the number key that picks it.
import { Panel } from "@xyflow/react";
import { useState } from "react";
import { edgeStroke } from "../catalog";
import type { EdgeKind } from "../types";
import { markerId } from "./edges";

export function Legend({ kinds }: { kinds: EdgeKind[] }) {
  const [open, setOpen] = useState(true);
  return (
    <Panel position="top-right" className="legend">
      <button type="button" className="legend-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        Connections
      </button>
      {open ? (
        <ul aria-label="Connection kinds">
          {kinds.map((k, i) => {
            const stroke = edgeStroke(k.style);
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
