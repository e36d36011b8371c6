// Entry point: registers optional modules (./plugins) first, then mounts the editor on #editor-root.
import "./plugins";
import "@xyflow/react/dist/style.css";
import "./editor.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { readEditorConfig } from "./extensions";

const root = document.getElementById("editor-root");
if (root) {
  const config = readEditorConfig(document.getElementById("editor-config"));
  createRoot(root).render(
    <StrictMode>
      <App config={config} />
    </StrictMode>,
  );
}
