// After a handle-to-handle drag, the user picks what the connection means (a catalog edge kind: request, data, telemetry, deploy, control).
import { useEffect, useRef } from "react";
import { newId } from "../actions";
import { edgeStroke } from "../catalog";
import { useEditorStore } from "../store";
import type { EdgeKind } from "../types";
import { markerId } from "./edges";

export function ConnectionChooser({ kinds }: { kinds: EdgeKind[] }) {
  const pending = useEditorStore((s) => s.pendingConnection);
  const lastKind = useEditorStore((s) => s.lastEdgeKind);
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (pending) first.current?.focus();
  }, [pending]);
  if (!pending) return null;
  const state = useEditorStore.getState;
  const names = (id: string) => state().doc.nodes.find((n) => n.id === id)?.label ?? id;
  const choose = (kind: string) => {
    const { dispatch, setPendingConnection, setLastEdgeKind, select } = state();
    const id = newId("e");
    setPendingConnection(null);
    setLastEdgeKind(kind);
    if (dispatch([{ op: "edge.add", edge: { id, source: pending.source, target: pending.target, kind } }])) select([], [id]);
  };
  const ordered = [...kinds].sort((a, b) => (a.id === lastKind ? -1 : b.id === lastKind ? 1 : 0));
  return (
    <div
      className="chooser"
      role="dialog"
      aria-label="Connection kind"
      style={{ left: Math.max(8, pending.x - 40), top: Math.max(8, pending.y - 20) }}
      onKeyDown={(e) => {
        if (e.key === "Escape") state().setPendingConnection(null);
      }}
    >
      <p>
        {names(pending.source)} → {names(pending.target)}
      </p>
      {ordered.map((k, i) => {
        const stroke = edgeStroke(k);
        return (
          <button key={k.id} ref={i === 0 ? first : undefined} type="button" title={k.help} onClick={() => choose(k.id)}>
            <svg width="36" height="12" aria-hidden="true">
              <line x1="2" y1="6" x2="26" y2="6" stroke={k.color} strokeWidth={stroke.width} strokeDasharray={stroke.dash} markerEnd={`url(#${markerId(k.id)})`} />
            </svg>
            {k.label}
          </button>
        );
      })}
      <button type="button" className="ghost" onClick={() => state().setPendingConnection(null)}>
        Cancel
      </button>
    </div>
  );
}
