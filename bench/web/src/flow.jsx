// Bare React Flow: the bench graph with default nodes and edges, React Flow's defaults otherwise (Background and
// Controls as in the editor, the editor's zoom range, F fits the view with the editor's options). `?visible` turns
// on onlyRenderVisibleElements, as the editor does above 300 components.
import { Background, Controls, ReactFlow, ReactFlowProvider, useEdgesState, useNodesState, useReactFlow } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useEffect } from "react";
import { createRoot } from "react-dom/client";
import { loadGraph, pageParams } from "./page.js";

function Flow({ graph, viewport, visible }) {
  const [nodes, , onNodesChange] = useNodesState(graph.nodes.map((n) => ({ id: n.id, position: { x: n.x, y: n.y }, data: { label: n.label } })));
  const [edges, , onEdgesChange] = useEdgesState(graph.edges.map((e) => ({ id: e.id, source: e.source, target: e.target })));
  const flow = useReactFlow();
  useEffect(() => {
    const onKey = (event) => {
      if (event.key.toLowerCase() === "f") void flow.fitView({ padding: 0.2, duration: 250 });
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [flow]);
  return (
    <ReactFlow nodes={nodes} edges={edges} onNodesChange={onNodesChange} onEdgesChange={onEdgesChange} defaultViewport={viewport} minZoom={0.1} maxZoom={2.5} onlyRenderVisibleElements={visible}>
      <Background />
      <Controls />
    </ReactFlow>
  );
}

const { n, box, viewport, visible } = pageParams();
loadGraph(n).then((graph) =>
  createRoot(box).render(
    <ReactFlowProvider>
      <Flow graph={graph} viewport={viewport} visible={visible} />
    </ReactFlowProvider>,
  ),
);
