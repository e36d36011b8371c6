// The React Flow canvas: renders the document, turns drags, connections and drops into ops through the store.
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  SelectionMode,
  applyEdgeChanges,
  applyNodeChanges,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type OnSelectionChangeParams,
} from "@xyflow/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { addNodeOp, descendants, groupAt, nodeSize } from "../actions";
import { indexCatalog } from "../catalog";
import { isReadOnly, type EditorConfig } from "../config";
import { EdgeBuilder, NodeBuilder, flagsFromFindings } from "../flow";
import { useEditorStore } from "../store";
import type { Catalog, Op } from "../types";
import { ConnectionChooser } from "./ConnectionChooser";
import { EdgeMarkers, edgeTypes, SEVERITY_COLORS, type DesignFlowEdge } from "./edges";
import { Legend } from "./Legend";
import { nodeTypes, type DesignFlowNode } from "./nodes";

export const KIND_MIME = "application/x-mlsd-kind";
const GRID: [number, number] = [16, 16];
/** Above this many nodes only the nodes in view are rendered. */
const BIG_DESIGN = 300;

/** `children` render inside <ReactFlow> (they may use React Flow hooks such as useViewport). */
export function Canvas({ config, catalog, children }: { config: EditorConfig; catalog: Catalog; children?: React.ReactNode }) {
  const readOnly = isReadOnly(config);
  const doc = useEditorStore((s) => s.doc);
  const selection = useEditorStore((s) => s.selection);
  const findings = useEditorStore((s) => s.findings);
  const focusRequest = useEditorStore((s) => s.focusRequest);
  const flow = useReactFlow<DesignFlowNode, DesignFlowEdge>();
  const nodeBuilder = useRef(new NodeBuilder());
  const edgeBuilder = useRef(new EdgeBuilder());
  const [nodes, setNodes] = useState<DesignFlowNode[]>([]);
  const [edges, setEdges] = useState<DesignFlowEdge[]>([]);
  const flags = useMemo(() => flagsFromFindings(findings), [findings]);
  const nodesRef = useRef(nodes);
  nodesRef.current = nodes;

  // Fit the loaded design once; an empty design keeps the default viewport so the first drop lands where it was dropped.
  const fitted = useRef(doc.nodes.length === 0 || doc.nodes.length > BIG_DESIGN);
  // A big design opens on its top-left corner at a readable zoom (drawing all of it first would cost seconds); F fits it all.
  const [initialViewport] = useState(() => {
    if (doc.nodes.length <= BIG_DESIGN) return { x: 0, y: 0, zoom: 1 };
    const left = Math.min(...doc.nodes.map((n) => n.x));
    const top = Math.min(...doc.nodes.map((n) => n.y));
    return { x: 40 - left * 0.75, y: 40 - top * 0.75, zoom: 0.75 };
  });
  useEffect(() => {
    const built = nodeBuilder.current.build(doc, catalog, new Set(selection.nodes), flags.nodes, readOnly, nodesRef.current);
    setNodes(built);
    if (!fitted.current && built.length) {
      fitted.current = true;
      requestAnimationFrame(() => void flow.fitView({ padding: 0.2, maxZoom: 1 }));
    }
  }, [doc.nodes, catalog, selection.nodes, flags, readOnly, flow]);
  useEffect(() => {
    setEdges(edgeBuilder.current.build(doc, catalog, new Set(selection.edges), flags.edges, readOnly));
  }, [doc.edges, catalog, selection.edges, flags, readOnly]);

  // Drags and selection changes stay local to React Flow until they finish: the store hears one op per drag.
  const onNodesChange = useCallback((changes: NodeChange<DesignFlowNode>[]) => setNodes((ns) => applyNodeChanges(changes, ns)), []);
  const onEdgesChange = useCallback((changes: EdgeChange<DesignFlowEdge>[]) => setEdges((es) => applyEdgeChanges(changes, es)), []);
  const onSelectionChange = useCallback(({ nodes: n, edges: e }: OnSelectionChangeParams) => {
    useEditorStore.getState().select(n.map((x) => x.id), e.map((x) => x.id));
  }, []);

  const onNodeDragStop = useCallback(
    (_: unknown, __: DesignFlowNode, dragged: DesignFlowNode[]) => {
      const state = useEditorStore.getState();
      const ops: Op[] = [];
      const moved = new Set<string>();
      const absolute = (id: string) => flow.getInternalNode(id)?.internals.positionAbsolute;
      const move = (id: string, set: Record<string, unknown> = {}) => {
        const at = absolute(id);
        const node = state.doc.nodes.find((n) => n.id === id);
        if (!at || !node || moved.has(id)) return;
        moved.add(id);
        const x = Math.round(at.x);
        const y = Math.round(at.y);
        if (x !== node.x || y !== node.y || Object.keys(set).length) ops.push({ op: "node.update", id, set: { x, y, ...set } });
      };
      for (const item of dragged) {
        const node = state.doc.nodes.find((n) => n.id === item.id);
        const at = absolute(item.id);
        if (!node || !at) continue;
        // Dropping a node inside a group makes it a member; dragging it out releases it.
        const draggedParent = dragged.some((d) => d.id === node.parent);
        const { width, height } = nodeSize(node);
        const target = draggedParent ? undefined : groupAt(state.doc, at.x + width / 2, at.y + height / 2, node.id);
        const newParent = draggedParent ? node.parent : target?.id;
        move(item.id, (newParent ?? null) !== (node.parent ?? null) ? { parent: newParent ?? null } : {});
        if (node.kind === "group") for (const inner of descendants(state.doc, node.id)) move(inner);
      }
      if (ops.length) state.dispatch(ops);
    },
    [flow],
  );

  const onConnect = useCallback((connection: Connection) => {
    if (!connection.source || !connection.target || connection.source === connection.target) return;
    const state = useEditorStore.getState();
    const target = flow.getInternalNode(connection.target);
    const at = target ? flow.flowToScreenPosition({ x: target.internals.positionAbsolute.x, y: target.internals.positionAbsolute.y }) : { x: 200, y: 200 };
    state.setPendingConnection({ source: connection.source, target: connection.target, x: at.x, y: at.y });
  }, [flow]);

  const isValidConnection = useCallback((c: Connection | DesignFlowEdge) => {
    const doc = useEditorStore.getState().doc;
    const ends = [c.source, c.target].map((id) => doc.nodes.find((n) => n.id === id));
    return c.source !== c.target && ends.every((n) => n && n.kind !== "note" && n.kind !== "group");
  }, []);

  const onDrop = useCallback(
    (event: React.DragEvent) => {
      const kindId = event.dataTransfer.getData(KIND_MIME);
      const kind = indexCatalog(catalog).kinds.get(kindId);
      if (!kind || readOnly) return;
      event.preventDefault();
      const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const size = nodeSize({ kind: kind.id });
      const state = useEditorStore.getState();
      const snapped = (v: number) => Math.round(v / GRID[0]) * GRID[0];
      const { op, id } = addNodeOp(state.doc, kind, snapped(at.x - size.width / 2), snapped(at.y - size.height / 2));
      if (state.dispatch([op])) state.select([id], []);
    },
    [catalog, flow, readOnly],
  );

  const onDragOver = useCallback((event: React.DragEvent) => {
    if (event.dataTransfer.types.includes(KIND_MIME)) {
      event.preventDefault();
      event.dataTransfer.dropEffect = "copy";
    }
  }, []);

  const onEdgeDoubleClick = useCallback((_: unknown, edge: DesignFlowEdge) => {
    if (!readOnly) useEditorStore.getState().editEdgeLabel(edge.id);
  }, [readOnly]);

  useEffect(() => {
    if (!focusRequest) return;
    const { selection: sel, doc: current } = useEditorStore.getState();
    const ids = new Set(sel.nodes);
    for (const e of current.edges) if (sel.edges.includes(e.id)) ids.add(e.source).add(e.target);
    if (ids.size) void flow.fitView({ nodes: [...ids].map((id) => ({ id })), padding: 0.4, duration: 250, maxZoom: 1.2 });
  }, [focusRequest, flow]);

  const big = doc.nodes.length > BIG_DESIGN;
  return (
    <div className="canvas" onDrop={onDrop} onDragOver={onDragOver}>
      <EdgeMarkers kinds={catalog.edge_kinds} />
      <ReactFlow<DesignFlowNode, DesignFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onSelectionChange={onSelectionChange}
        onNodeDragStop={onNodeDragStop}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        onEdgeDoubleClick={onEdgeDoubleClick}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        edgesReconnectable={false}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={["Shift", "Meta", "Control"]}
        selectionMode={SelectionMode.Partial}
        snapToGrid
        snapGrid={GRID}
        onlyRenderVisibleElements={big}
        defaultViewport={initialViewport}
        minZoom={0.1}
        maxZoom={2.5}
        proOptions={{ hideAttribution: true }}
        zoomOnDoubleClick={false}
        ariaLabelConfig={{ "node.a11yDescription.default": "Press Enter or Space to select a component; arrow keys move it." }}
      >
        <Background variant={BackgroundVariant.Dots} gap={GRID[0]} size={1.2} color="#cbd5e1" />
        <Controls position="bottom-left" showInteractive={false} aria-label="Zoom controls" />
        {big || !doc.nodes.length ? null : <MiniMap
          position="bottom-right"
          pannable
          zoomable
          ariaLabel="Minimap"
          nodeColor={(n) => (n.type === "group" ? "transparent" : (n.data as { stroke: string }).stroke)}
          nodeStrokeColor={(n) => ((n.data as { severity: keyof typeof SEVERITY_COLORS | null }).severity ? SEVERITY_COLORS[(n.data as { severity: keyof typeof SEVERITY_COLORS }).severity] : "#94a3b8")}
          maskColor="rgba(241,245,249,0.7)"
        />}
        <Legend kinds={catalog.edge_kinds} />
        {children}
      </ReactFlow>
      {!doc.nodes.length && !readOnly ? (
        <div className="canvas-empty">
          <strong>Start your design</strong>
          <span>Drag a component from the palette onto the canvas, or focus one and press Enter.</span>
          <span>Then drag from a component’s right handle to another to connect them. Press ? for shortcuts.</span>
        </div>
      ) : null}
      <ConnectionChooser kinds={catalog.edge_kinds} />
    </div>
  );
}
