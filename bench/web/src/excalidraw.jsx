// Excalidraw 0.18 with the bench graph: one rectangle with bound text per component, one bound arrow per connection.
// `?prepare` converts the graph once (convertToExcalidrawElements) and posts the scene to the bench server; the timed
// loads read that scene, as Excalidraw opens a saved file. The page tells the bench hook when the scene is drawn
// (Excalidraw paints on a canvas, so there is no DOM node to observe).
import { Excalidraw, convertToExcalidrawElements } from "@excalidraw/excalidraw";
import "@excalidraw/excalidraw/index.css";
import { createRoot } from "react-dom/client";
import { loadGraph, pageParams } from "./page.js";

const { n, box, viewport, prepare } = pageParams();

async function prepareScene() {
  const graph = await loadGraph(n);
  const skeleton = [
    ...graph.nodes.map((c) => ({ type: "rectangle", id: c.id, x: c.x, y: c.y, width: c.width, height: c.height, label: { text: c.label } })),
    ...graph.edges.map((e) => ({ type: "arrow", id: e.id, x: 0, y: 0, start: { id: e.source }, end: { id: e.target } })),
  ];
  const elements = convertToExcalidrawElements(skeleton);
  const response = await fetch(`/scene/${n}.json`, { method: "POST", body: JSON.stringify(elements) });
  window.__benchPrepared = response.ok ? elements.length : -1;
}

async function open() {
  const response = await fetch(`/scene/${n}.json`);
  const elements = await response.json();
  const appState = { scrollX: viewport.x / viewport.zoom, scrollY: viewport.y / viewport.zoom, zoom: { value: viewport.zoom } };
  window.__benchViewport = () => {
    const s = window.__excalidraw?.getAppState();
    return s ? `${s.scrollX},${s.scrollY},${s.zoom.value}` : "";
  };
  const onChange = (els, state) => {
    if (els.length) window.__benchShown = true;
    window.__benchSelected = Object.keys(state.selectedElementIds).length > 0;
    window.__bench?.poke();
  };
  createRoot(box).render(
    <Excalidraw handleKeyboardGlobally initialData={{ elements, appState, scrollToContent: false }} excalidrawAPI={(api) => (window.__excalidraw = api)} onChange={onChange} />,
  );
}

void (prepare ? prepareScene() : open());
