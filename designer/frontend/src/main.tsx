// Entry point: starts loading the design and mounts the editor (composed in App.tsx) on #editor-root with the page's config.
import "@xyflow/react/dist/style.css";
import "./editor.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App, loadEditor } from "./App";
import { readEditorConfig } from "./config";

const root = document.getElementById("editor-root");
if (root) {
  const config = readEditorConfig(document.getElementById("editor-config"));
  // Started before React's first render, not in an effect after it.
  const loading = loadEditor(config);
  createRoot(root).render(
    <StrictMode>
      <App config={config} loading={loading} />
    </StrictMode>,
  );
}
