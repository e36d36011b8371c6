// The connection edge (styled per catalog edge kind, label editable in place) and the SVG arrowheads it uses.
import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, type Edge, type EdgeProps } from "@xyflow/react";
import { memo, useState } from "react";
import { useEditorStore } from "../store";
import type { EdgeKind, Severity } from "../types";

export type DesignEdgeData = {
  kind: string;
  color: string;
  dash?: string;
  width: number;
  label: string;
  severity: Severity | null;
  readOnly: boolean;
};

export type DesignFlowEdge = Edge<DesignEdgeData>;

export const SEVERITY_COLORS: Record<Severity, string> = { error: "#dc2626", warning: "#d97706", info: "#2563eb" };

export const markerId = (kind: string) => `mlsd-arrow-${kind}`;

/** One arrowhead per edge kind, shaped by the catalog's arrowhead (normal, vee, dot, empty). */
export function EdgeMarkers({ kinds }: { kinds: EdgeKind[] }) {
  return (
    <svg className="mlsd-markers" aria-hidden="true" width="0" height="0">
      <defs>
        {kinds.map((k) => (
          <marker key={k.id} id={markerId(k.id)} viewBox="0 0 12 12" refX="10" refY="6" markerWidth="12" markerHeight="12" markerUnits="userSpaceOnUse" orient="auto-start-reverse">
            {k.arrowhead === "dot" ? (
              <circle cx="7" cy="6" r="3.5" fill={k.color} />
            ) : k.arrowhead === "vee" ? (
              <path d="M1 1 L10 6 L1 11" fill="none" stroke={k.color} strokeWidth="1.8" />
            ) : k.arrowhead === "tee" ? (
              <path d="M9 1 L9 11 M1 6 L9 6" fill="none" stroke={k.color} strokeWidth="2.2" />
            ) : k.arrowhead === "empty" ? (
              <path d="M1 1 L11 6 L1 11 Z" fill="#fff" stroke={k.color} strokeWidth="1.6" />
            ) : (
              <path d="M1 1 L11 6 L1 11 Z" fill={k.color} />
            )}
          </marker>
        ))}
      </defs>
    </svg>
  );
}

export const DesignEdgeView = memo(function DesignEdgeView(props: EdgeProps<DesignFlowEdge>) {
  const { id, data, selected, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition } = props;
  const editing = useEditorStore((s) => s.editingEdge === id);
  const [path, labelX, labelY] = getSmoothStepPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, borderRadius: 10 });
  if (!data) return null;
  return (
    <>
      {data.severity ? <path d={path} className="mlsd-edge-flag" stroke={SEVERITY_COLORS[data.severity]} /> : null}
      <BaseEdge
        id={id}
        path={path}
        markerEnd={`url(#${markerId(data.kind)})`}
        style={{ stroke: data.color, strokeWidth: selected ? data.width + 1.5 : data.width, strokeDasharray: data.dash }}
      />
      {editing || data.label ? (
        <EdgeLabelRenderer>
          <div className="mlsd-edge-label nodrag nopan" style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`, borderColor: data.color }}>
            {editing ? <EdgeLabelEditor id={id} initial={data.label} /> : <span onDoubleClick={() => !data.readOnly && useEditorStore.getState().editEdgeLabel(id)}>{data.label}</span>}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
});

function EdgeLabelEditor({ id, initial }: { id: string; initial: string }) {
  const [value, setValue] = useState(initial);
  const finish = (save: boolean) => {
    const state = useEditorStore.getState();
    state.editEdgeLabel(null);
    const label = value.trim();
    if (save && label !== initial) state.dispatch([{ op: "edge.update", id, set: { label: label || null } }]);
  };
  return (
    <input
      className="mlsd-edge-label-input"
      aria-label="Edit connection label in place"
      autoFocus
      value={value}
      maxLength={200}
      onChange={(e) => setValue(e.target.value)}
      onBlur={() => finish(true)}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === "Enter") finish(true);
        if (e.key === "Escape") finish(false);
      }}
    />
  );
}

export const edgeTypes = { design: DesignEdgeView };
