// Node components for React Flow, defined at module scope and memoised so a change re-renders only the nodes it touches.
import { Handle, NodeResizer, Position, type Node, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import { useEditorStore } from "../store";
import type { Severity } from "../types";
import { Icon } from "./icons";

export type DesignNodeData = {
  label: string;
  kindLabel: string;
  icon: string;
  color: string;
  stroke: string;
  figures: string[];
  figuresTitle: string;
  severity: Severity | null;
  findingCount: number;
  text: string;
  readOnly: boolean;
};

export type DesignFlowNode = Node<DesignNodeData>;

function SeverityBadge({ severity, count }: { severity: Severity | null; count: number }) {
  if (!severity) return null;
  const word = count === 1 ? "finding" : "findings";
  return (
    <span className={`severity-badge sev-${severity}`} title={`${count} ${word} (${severity})`} aria-label={`${count} ${word}, worst: ${severity}`}>
      {severity === "info" ? "i" : "!"}
      {count > 1 ? <small>{count}</small> : null}
    </span>
  );
}

export const ComponentNode = memo(function ComponentNode({ data, selected }: NodeProps<DesignFlowNode>) {
  return (
    <div
      className={`mlsd-node${selected ? " selected" : ""}${data.severity ? ` flagged sev-${data.severity}` : ""}`}
      style={{ "--cat-bg": data.color, "--cat-stroke": data.stroke } as React.CSSProperties}
    >
      <Handle type="target" position={Position.Left} aria-label={`Connect into ${data.label}`} isConnectable={!data.readOnly} />
      <span className="mlsd-node-icon">
        <Icon name={data.icon} size={20} />
      </span>
      <span className="mlsd-node-text">
        <span className="mlsd-node-label">{data.label}</span>
        <span className="mlsd-node-kind">{data.kindLabel}</span>
        {data.figures.length ? (
          <span className="mlsd-node-figures" title={data.figuresTitle}>
            {data.figures.join(" · ")}
          </span>
        ) : null}
      </span>
      <SeverityBadge severity={data.severity} count={data.findingCount} />
      <Handle type="source" position={Position.Right} aria-label={`Connect from ${data.label}`} isConnectable={!data.readOnly} />
    </div>
  );
});

function resizeEnd(id: string, x: number, y: number, width: number, height: number) {
  const { doc, dispatch } = useEditorStore.getState();
  const node = doc.nodes.find((n) => n.id === id);
  if (!node) return;
  const parent = node.parent ? doc.nodes.find((n) => n.id === node.parent) : undefined;
  dispatch([{ op: "node.update", id, set: { x: Math.round(x + (parent?.x ?? 0)), y: Math.round(y + (parent?.y ?? 0)), width: Math.round(width), height: Math.round(height) } }]);
}

export const NoteNode = memo(function NoteNode({ id, data, selected }: NodeProps<DesignFlowNode>) {
  return (
    <div className={`mlsd-note${selected ? " selected" : ""}`}>
      <NodeResizer isVisible={selected && !data.readOnly} minWidth={120} minHeight={60} onResizeEnd={(_, p) => resizeEnd(id, p.x, p.y, p.width, p.height)} />
      {data.text ? <p>{data.text}</p> : <p className="placeholder">Empty note: write in the Inspector</p>}
    </div>
  );
});

export const GroupNode = memo(function GroupNode({ id, data, selected }: NodeProps<DesignFlowNode>) {
  return (
    <div className={`mlsd-group${selected ? " selected" : ""}${data.severity ? ` flagged sev-${data.severity}` : ""}`}>
      <NodeResizer isVisible={selected && !data.readOnly} minWidth={160} minHeight={100} onResizeEnd={(_, p) => resizeEnd(id, p.x, p.y, p.width, p.height)} />
      <span className="mlsd-group-label">
        <Icon name="frame" size={14} /> {data.label}
      </span>
    </div>
  );
});

export const nodeTypes = { component: ComponentNode, note: NoteNode, group: GroupNode };
