// The React Flow canvas: renders the document, turns drags, connections, reconnections and drops into ops through the store.
import {
  Background,
  BackgroundVariant,
  ConnectionMode,
  MiniMap,
  ReactFlow,
  SelectionMode,
  ViewportPortal,
  applyEdgeChanges,
  applyNodeChanges,
  useReactFlow,
  useStore,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type OnSelectionChangeParams,
  type ReactFlowState,
} from "@xyflow/react";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { addNodeOp, descendants, groupAt, newId } from "../actions";
import { ANNOTATION_KINDS, defaultEdgeKind, indexCatalog } from "../catalog";
import { isReadOnly, type EditorConfig } from "../config";
import { absoluteBoxes, EdgeBuilder, NodeBuilder, SideRouter, flagsFromFindings, sizeOf } from "../flow";
import { snapToGuides, type Guide } from "../guides";
import { NO_MINIMAP, PHONE, SMALL_SCREEN, useDark, useMediaQuery } from "../hooks/useScreen";
import { useEditorStore } from "../store";
import type { Catalog, Op } from "../types";
import { ContextMenu, type MenuAt } from "./ContextMenu";
import { EdgeMarkers, edgeTypes, LabelPlacer, labelScale, SEVERITY_COLORS, type DesignFlowEdge } from "./edges";
import { Legend } from "./Legend";
import { FarZoom, nodeTypes, useLiveHandles, zoomedOut, type DesignFlowNode } from "./nodes";
import { BIG_DESIGN, fitDesign, GRID, MAX_ZOOM, MIN_ZOOM } from "./view";
import { ZoomControl } from "./ZoomControl";

export const KIND_MIME = "application/x-mlsd-kind";
const SNAP: [number, number] = [GRID, GRID];
/** Snap guides catch within this many screen pixels. */
const GUIDE_REACH = 6;

// Props given to <ReactFlow> are module constants or memoised: React Flow hands most of them to every edge and node
// wrapper, so a new function or array on each Canvas render (a selection, every drag move) re-rendered all of them
// (measured: every EdgeWrapper re-rendered at the start of each drag, ~120 ms of a 250 ms first drag frame at 200 components).
const MIDDLE_BUTTON = [1];
const MULTI_SELECT_KEYS = ["Shift", "Meta", "Control"];
const PRO_OPTIONS = { hideAttribution: true };
const ARIA_LABELS = { "node.a11yDescription.default": "Press Enter or Space to select a component; arrow keys move it by the grid (Shift: ten steps)." };
const SMALL_MINIMAP = { width: 150, height: 100 };
const minimapFill = (n: DesignFlowNode) => (n.type === "group" || n.type === "frame" || n.type === "text" ? "transparent" : n.data.stroke);
const minimapStroke = (n: DesignFlowNode) => (n.data.severity ? SEVERITY_COLORS[n.data.severity] : "#94a3b8");

/** True when some component lies outside the view: only then is the minimap worth the corner it covers. */
const partlyOutOfView = (s: ReactFlowState) => {
  if (s.nodeLookup.size > BIG_DESIGN) return false;
  const [tx, ty, zoom] = s.transform;
  for (const n of s.nodeLookup.values()) {
    const { x, y } = n.internals.positionAbsolute;
    const right = (x + (n.measured.width ?? 0)) * zoom + tx;
    const bottom = (y + (n.measured.height ?? 0)) * zoom + ty;
    if (x * zoom + tx < 0 || y * zoom + ty < 0 || right > s.width || bottom > s.height) return true;
  }
  return false;
};

// The card under the pointer gets React Flow's own handles (nodes.tsx, MeasuredHandle).
const pointAtNode = (_: React.MouseEvent, node: DesignFlowNode) => useLiveHandles.setState({ hovered: node.id });
const leaveNode = () => useLiveHandles.setState({ hovered: null });
// While a connection is drawn every card offers its handles as ends (and the canvas shows them all).
const startConnecting = () => useLiveHandles.setState({ connecting: true });
const stopConnecting = () => useLiveHandles.setState({ connecting: false });

/** `children` render inside <ReactFlow> (they may use React Flow hooks such as useViewport). */
export function Canvas({ config, catalog, readOnly = isReadOnly(config), children }: { config: EditorConfig; catalog: Catalog; readOnly?: boolean; children?: React.ReactNode }) {
  // A phone is a viewer: one finger pans. Smaller screens get a smaller minimap, or none.
  const phone = useMediaQuery(PHONE);
  const smallScreen = useMediaQuery(SMALL_SCREEN);
  const noMinimap = useMediaQuery(NO_MINIMAP);
  const dark = useDark();
  const outOfView = useStore(partlyOutOfView);
  const doc = useEditorStore((s) => s.doc);
  const findings = useEditorStore((s) => s.findings);
  const focusRequest = useEditorStore((s) => s.focusRequest);
  const flow = useReactFlow<DesignFlowNode, DesignFlowEdge>();
  const nodeBuilder = useRef(new NodeBuilder());
  const edgeBuilder = useRef(new EdgeBuilder());
  const [nodes, setNodes] = useState<DesignFlowNode[]>([]);
  const [edges, setEdges] = useState<DesignFlowEdge[]>([]);
  const [guides, setGuides] = useState<Guide[]>([]);
  const [menu, setMenu] = useState<MenuAt | null>(null);
  // While a connection is being drawn every card shows its handles.
  const connecting = useLiveHandles((s) => s.connecting);
  const flags = useMemo(() => flagsFromFindings(findings), [findings]);
  const size = useMemo(() => sizeOf(catalog), [catalog]);
  // What React Flow holds now, for the builder and the handlers (a layout effect runs before the effects below).
  const nodesRef = useRef(nodes);
  useLayoutEffect(() => {
    nodesRef.current = nodes;
  }, [nodes]);
  // Set when a press on a node turned into a drag, so the click that follows does not narrow the selection.
  const dragged = useRef(false);
  // Where each dragged node was last put (absolute, after the snap guides): read at drag stop, because React Flow's
  // internal positions can still lag behind the last moves when the drag ends quickly on a busy page (the move was lost).
  const dragTo = useRef(new Map<string, { x: number; y: number }>());

  // Fit the loaded design once; an empty design keeps the default viewport so the first drop lands where it was dropped.
  const fitted = useRef(doc.nodes.length === 0 || doc.nodes.length > BIG_DESIGN);
  // A big design opens on its top-left corner at a readable zoom (drawing all of it first would cost seconds); F fits it all.
  const [initialViewport] = useState(() => {
    if (doc.nodes.length <= BIG_DESIGN) return { x: 0, y: 0, zoom: 1 };
    const left = Math.min(...doc.nodes.map((n) => n.x));
    const top = Math.min(...doc.nodes.map((n) => n.y));
    return { x: 40 - left * 0.75, y: 40 - top * 0.75, zoom: 0.75 };
  });
  // Canvas reads the store's selection, it does not subscribe to it: a click or a drag start selects the node in React
  // Flow first (onNodesChange), and the store's selection that follows changes no flow node, so neither the canvas nor
  // <ReactFlow> re-renders for it (they did, once more per selection). A selection made in the store (Ctrl+A, a connection
  // picked in the Inspector) is built into the nodes and edges by the subscription below.
  useEffect(() => {
    const { doc: current, selection } = useEditorStore.getState();
    const built = nodeBuilder.current.build(current, catalog, new Set(selection.nodes), flags.nodes, readOnly, nodesRef.current);
    if (!fitted.current && built.length) {
      // Fitted before the cards exist (every size is known up front): the first render of the cards is at the fitted zoom,
      // instead of rendering them at 100 %, laying them out to fit, and rendering them again zoomed out.
      fitted.current = true;
      // The connections' labels are framed too.
      const viewport = fitDesign(built, new SideRouter().route(new EdgeBuilder().build(current, catalog, new Set(), new Map(), readOnly), absoluteBoxes(built)), 1);
      if (viewport) void flow.setViewport(viewport);
    }
    setNodes(built);
    // The node builder reads doc.nodes only: an edge's change does not rebuild the nodes.
  }, [doc.nodes, catalog, flags, readOnly, flow]);
  useEffect(() => {
    const { doc: current, selection } = useEditorStore.getState();
    setEdges(edgeBuilder.current.build(current, catalog, new Set(selection.edges), flags.edges, readOnly));
    // Rebuilt when the edges change, not on every node move (the builder reads node labels for aria-labels).
  }, [doc.edges, catalog, flags, readOnly]);
  useEffect(
    () =>
      useEditorStore.subscribe((state, before) => {
        if (state.selection.nodes !== before.selection.nodes) {
          const built = nodeBuilder.current.build(state.doc, catalog, new Set(state.selection.nodes), flags.nodes, readOnly, nodesRef.current);
          // React Flow's own selection gives back the very list held: nothing to set, and the drag's position changes that
          // may be queued by now (this runs in React Flow's effect, flushed before the next render) are not overwritten.
          if (built !== nodesRef.current) setNodes(built);
        }
        if (state.selection.edges !== before.selection.edges) setEdges(edgeBuilder.current.build(state.doc, catalog, new Set(state.selection.edges), flags.edges, readOnly));
      }),
    [catalog, flags, readOnly],
  );
  // Every edge leaves and enters on the sides its two ends face, live while nodes are dragged; its label goes where it covers no card or other label.
  // (The router remembers its last routing: an edge keeps its object while its sides stay.)
  const [router] = useState(() => new SideRouter());
  const [labelPlacer] = useState(() => new LabelPlacer());
  const labelSize = useStore(labelScale);
  const far = useStore(zoomedOut);
  const routed = useMemo(() => {
    const boxes = absoluteBoxes(nodes);
    return labelPlacer.place(router.route(edges, boxes), nodes, boxes, labelSize);
  }, [edges, nodes, router, labelPlacer, labelSize]);

  // Drags and selection changes stay local to React Flow until they finish: the store hears one op per drag.
  const onNodesChange = useCallback(
    (changes: NodeChange<DesignFlowNode>[]) => {
      const moves = changes.filter((c) => c.type === "position" && c.dragging && c.position);
      const remember = () => {
        const boxes = absoluteBoxes(nodesRef.current);
        for (const c of moves) {
          if (c.type !== "position" || !c.position) continue;
          const parentId = nodesRef.current.find((n) => n.id === c.id)?.parentId;
          const parent = parentId ? boxes.get(parentId) : undefined;
          dragTo.current.set(c.id, { x: c.position.x + (parent?.x ?? 0), y: c.position.y + (parent?.y ?? 0) });
        }
      };
      if (moves.length === 1 && moves[0].type === "position" && moves[0].position) {
        // One component dragged: snap its edges and centre to the components around it, and show the guides.
        const change = moves[0];
        const current = nodesRef.current;
        const boxes = absoluteBoxes(current);
        const node = current.find((n) => n.id === change.id);
        const parent = node?.parentId ? boxes.get(node.parentId) : undefined;
        if (node && node.type !== "group") {
          const zoom = flow.getViewport().zoom;
          const box = { x: change.position!.x + (parent?.x ?? 0), y: change.position!.y + (parent?.y ?? 0), width: node.width ?? 0, height: node.height ?? 0 };
          const reach = 400 / zoom;
          const others = current
            .filter((n) => n.id !== node.id && n.type !== "group")
            .map((n) => boxes.get(n.id)!)
            .filter((b) => Math.abs(b.x - box.x) < reach && Math.abs(b.y - box.y) < reach);
          const snap = snapToGuides(box, others, GUIDE_REACH / zoom);
          change.position = { x: change.position!.x + snap.dx, y: change.position!.y + snap.dy };
          setGuides(snap.guides);
        }
      }
      remember();
      setNodes((ns) => applyNodeChanges(changes, ns));
    },
    [flow],
  );
  const onEdgesChange = useCallback((changes: EdgeChange<DesignFlowEdge>[]) => setEdges((es) => applyEdgeChanges(changes, es)), []);
  const onSelectionChange = useCallback(({ nodes: n, edges: e }: OnSelectionChangeParams) => {
    useEditorStore.getState().select(n.map((x) => x.id), e.map((x) => x.id));
  }, []);

  const onNodeDragStart = useCallback(() => {
    dragged.current = true;
    dragTo.current.clear();
    setMenu(null);
  }, []);

  const onNodeDragStop = useCallback(
    (_: unknown, __: DesignFlowNode, moved: DesignFlowNode[]) => {
      setGuides([]);
      const state = useEditorStore.getState();
      const ops: Op[] = [];
      const done = new Set<string>();
      const last = new Map(dragTo.current);
      dragTo.current.clear();
      // A dragged group's members move by the group's own offset.
      const offsets = new Map<string, { dx: number; dy: number }>();
      for (const [id, at] of last) {
        const node = state.doc.nodes.find((n) => n.id === id);
        if (node?.kind === "group") for (const inner of descendants(state.doc, id)) offsets.set(inner, { dx: at.x - node.x, dy: at.y - node.y });
      }
      const absolute = (id: string) => {
        const at = last.get(id);
        if (at) return at;
        const offset = offsets.get(id);
        const node = offset ? state.doc.nodes.find((n) => n.id === id) : undefined;
        if (offset && node) return { x: node.x + offset.dx, y: node.y + offset.dy };
        return flow.getInternalNode(id)?.internals.positionAbsolute;
      };
      const move = (id: string, set: Record<string, unknown> = {}) => {
        const at = absolute(id);
        const node = state.doc.nodes.find((n) => n.id === id);
        if (!at || !node || done.has(id)) return;
        done.add(id);
        const x = Math.round(at.x);
        const y = Math.round(at.y);
        if (x !== node.x || y !== node.y || Object.keys(set).length) ops.push({ op: "node.update", id, set: { x, y, ...set } });
      };
      for (const item of moved) {
        const node = state.doc.nodes.find((n) => n.id === item.id);
        const at = absolute(item.id);
        if (!node || !at) continue;
        // Dropping a node inside a group makes it a member; dragging it out releases it.
        const draggedParent = moved.some((d) => d.id === node.parent);
        const { width, height } = size(node);
        const target = draggedParent ? undefined : groupAt(state.doc, at.x + width / 2, at.y + height / 2, size, node.id);
        const newParent = draggedParent ? node.parent : target?.id;
        move(item.id, (newParent ?? null) !== (node.parent ?? null) ? { parent: newParent ?? null } : {});
        if (node.kind === "group") for (const inner of descendants(state.doc, node.id)) move(inner);
      }
      if (ops.length) state.dispatch(ops);
    },
    [flow, size],
  );

  // Clicking one component of a multi-selection (without Shift/Ctrl, and without dragging) narrows the selection to it.
  const onNodeClick = useCallback((event: React.MouseEvent, node: DesignFlowNode) => {
    const wasDrag = dragged.current;
    dragged.current = false;
    if (wasDrag || event.shiftKey || event.ctrlKey || event.metaKey) return;
    const { selection: sel, select } = useEditorStore.getState();
    if (sel.nodes.length + sel.edges.length > 1 && sel.nodes.includes(node.id)) select([node.id], []);
  }, []);

  const connectable = useCallback((source: string | null | undefined, target: string | null | undefined) => {
    const doc = useEditorStore.getState().doc;
    const ends = [source, target].map((id) => doc.nodes.find((n) => n.id === id));
    return source !== target && ends.every((n) => n && !ANNOTATION_KINDS.has(n.kind));
  }, []);

  // A new connection gets the kind its two roles call for (the catalog's connection defaults); 1–5 change it.
  const onConnect = useCallback(
    (connection: Connection) => {
      if (!connectable(connection.source, connection.target)) return;
      const state = useEditorStore.getState();
      const byId = (id: string) => state.doc.nodes.find((n) => n.id === id);
      const kind = defaultEdgeKind(catalog, byId(connection.source), byId(connection.target));
      const id = newId("e");
      if (!state.dispatch([{ op: "edge.add", edge: { id, source: connection.source, target: connection.target, kind } }])) return;
      state.select([], [id]);
      const label = indexCatalog(catalog).edgeKinds.get(kind)?.label ?? kind;
      state.notify(`${label} connection. Press 1–${catalog.edge_kinds.length} to change its kind.`);
    },
    [catalog, connectable],
  );

  // Dragging an end of a connection onto another component moves that end (one op, so one undo step).
  const onReconnect = useCallback(
    (old: DesignFlowEdge, connection: Connection) => {
      if (!connectable(connection.source, connection.target)) return;
      if (connection.source === old.source && connection.target === old.target) return;
      useEditorStore.getState().dispatch([{ op: "edge.update", id: old.id, set: { source: connection.source, target: connection.target } }]);
    },
    [connectable],
  );

  const isValidConnection = useCallback((c: Connection | DesignFlowEdge) => connectable(c.source, c.target), [connectable]);

  const onDrop = useCallback(
    (event: React.DragEvent) => {
      const kindId = event.dataTransfer.getData(KIND_MIME);
      const kind = indexCatalog(catalog).kinds.get(kindId);
      if (!kind || readOnly) return;
      event.preventDefault();
      const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const own = size({ kind: kind.id, label: kind.label });
      const state = useEditorStore.getState();
      const snapped = (v: number) => Math.round(v / GRID) * GRID;
      const { op, id } = addNodeOp(state.doc, kind, snapped(at.x - own.width / 2), snapped(at.y - own.height / 2), size);
      if (state.dispatch([op])) state.select([id], []);
    },
    [catalog, flow, readOnly, size],
  );

  const onDragOver = useCallback((event: React.DragEvent) => {
    if (event.dataTransfer.types.includes(KIND_MIME)) {
      event.preventDefault();
      event.dataTransfer.dropEffect = "copy";
    }
  }, []);

  const onEdgeDoubleClick = useCallback(
    (_: unknown, edge: DesignFlowEdge) => {
      if (!readOnly) useEditorStore.getState().editEdgeLabel(edge.id);
    },
    [readOnly],
  );

  // Right-click: on a component outside the selection it becomes the selection first.
  const onNodeContextMenu = useCallback((event: React.MouseEvent, node: DesignFlowNode) => {
    event.preventDefault();
    const state = useEditorStore.getState();
    if (!state.selection.nodes.includes(node.id)) state.select([node.id], []);
    setMenu({ x: event.clientX, y: event.clientY, on: "selection" });
  }, []);
  const onSelectionContextMenu = useCallback((event: React.MouseEvent) => {
    event.preventDefault();
    setMenu({ x: event.clientX, y: event.clientY, on: "selection" });
  }, []);
  const onEdgeContextMenu = useCallback((event: React.MouseEvent, edge: DesignFlowEdge) => {
    event.preventDefault();
    useEditorStore.getState().select([], [edge.id]);
    setMenu({ x: event.clientX, y: event.clientY, on: "edge" });
  }, []);
  const onPaneContextMenu = useCallback((event: React.MouseEvent | MouseEvent) => {
    event.preventDefault();
    setMenu({ x: event.clientX, y: event.clientY, on: "pane" });
  }, []);
  const closeMenu = useCallback(() => setMenu(null), []);

  useEffect(() => {
    if (!focusRequest) return;
    const { selection: sel, doc: current } = useEditorStore.getState();
    const ids = new Set(sel.nodes);
    for (const e of current.edges) if (sel.edges.includes(e.id)) ids.add(e.source).add(e.target);
    if (ids.size) void flow.fitView({ nodes: [...ids].map((id) => ({ id })), padding: 0.4, duration: 250, maxZoom: 1.2 });
  }, [focusRequest, flow]);

  const big = doc.nodes.length > BIG_DESIGN;
  return (
    <div
      className={`canvas${connecting ? " connecting" : ""}`}
      onDrop={onDrop}
      onDragOver={onDragOver}
      onPointerDownCapture={() => {
        dragged.current = false;
      }}
    >
      <EdgeMarkers kinds={catalog.edge_kinds} />
      <FarZoom.Provider value={far}>
        <ReactFlow<DesignFlowNode, DesignFlowEdge>
          nodes={nodes}
          edges={routed}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onSelectionChange={onSelectionChange}
          onNodeDragStart={onNodeDragStart}
          onNodeDragStop={onNodeDragStop}
          onNodeClick={onNodeClick}
          onConnect={onConnect}
          onNodeMouseEnter={pointAtNode}
          onNodeMouseLeave={leaveNode}
          onConnectStart={startConnecting}
          onConnectEnd={stopConnecting}
          onReconnectStart={startConnecting}
          onReconnectEnd={stopConnecting}
          onReconnect={readOnly ? undefined : onReconnect}
          isValidConnection={isValidConnection}
          onEdgeDoubleClick={onEdgeDoubleClick}
          onNodeContextMenu={onNodeContextMenu}
          onSelectionContextMenu={onSelectionContextMenu}
          onEdgeContextMenu={onEdgeContextMenu}
          onPaneContextMenu={onPaneContextMenu}
          onMoveStart={closeMenu}
          nodesDraggable={!readOnly}
          nodesConnectable={!readOnly}
          connectionMode={ConnectionMode.Loose}
          edgesReconnectable={!readOnly}
          reconnectRadius={14}
          deleteKeyCode={null}
          // As on every whiteboard: a drag on the empty canvas draws a selection box; space+drag, the middle button or two fingers pan.
          selectionOnDrag={!phone}
          panOnDrag={phone ? true : MIDDLE_BUTTON}
          panActivationKeyCode="Space"
          selectionKeyCode="Shift"
          multiSelectionKeyCode={MULTI_SELECT_KEYS}
          selectionMode={SelectionMode.Partial}
          snapToGrid
          snapGrid={SNAP}
          onlyRenderVisibleElements={big}
          defaultViewport={initialViewport}
          minZoom={MIN_ZOOM}
          maxZoom={MAX_ZOOM}
          proOptions={PRO_OPTIONS}
          colorMode={dark ? "dark" : "light"}
          zoomOnDoubleClick={false}
          ariaLabelConfig={ARIA_LABELS}
        >
          <Background variant={BackgroundVariant.Dots} gap={GRID} size={1.2} color={dark ? "#334155" : "#cbd5e1"} />
          <ZoomControl />
          {big || !doc.nodes.length || noMinimap || !outOfView ? null : (
            <MiniMap
              style={smallScreen ? SMALL_MINIMAP : undefined}
              position="bottom-right"
              pannable
              zoomable
              ariaLabel="Minimap"
              nodeColor={minimapFill}
              nodeStrokeColor={minimapStroke}
              maskColor={dark ? "rgba(15,23,42,0.7)" : "rgba(241,245,249,0.7)"}
            />
          )}
          <Legend kinds={catalog.edge_kinds} />
          {guides.length ? <Guides guides={guides} /> : null}
          {children}
        </ReactFlow>
      </FarZoom.Provider>
      {!doc.nodes.length && !readOnly ? (
        <div className="canvas-empty">
          <strong>Start your design</strong>
          <span>Drag a component from the palette onto the canvas, or focus one and press Enter.</span>
          <span>Then drag from any side of a component to another to connect them. Press ? for shortcuts.</span>
        </div>
      ) : null}
      {menu ? <ContextMenu at={menu} config={config} catalog={catalog} readOnly={readOnly} onClose={closeMenu} /> : null}
    </div>
  );
}

/** The snap guides of the drag in progress, drawn in flow coordinates one screen pixel wide. */
function Guides({ guides }: { guides: Guide[] }) {
  return (
    <ViewportPortal>
      <svg className="snap-guides" aria-hidden="true">
        {guides.map((g, i) =>
          g.axis === "x" ? <line key={i} x1={g.at} x2={g.at} y1={g.from - 12} y2={g.to + 12} /> : <line key={i} x1={g.from - 12} x2={g.to + 12} y1={g.at} y2={g.at} />,
        )}
      </svg>
    </ViewportPortal>
  );
}
