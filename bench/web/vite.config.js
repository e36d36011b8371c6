// Builds the reference pages of bench/editor.py into dist/ (never committed). Excalidraw's fonts are copied
// beside them so the page loads nothing from outside (EXCALIDRAW_ASSET_PATH points at this server).
import { cpSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  plugins: [
    react(),
    {
      name: "excalidraw-fonts",
      closeBundle() {
        cpSync(here("node_modules/@excalidraw/excalidraw/dist/prod/fonts"), here("dist/fonts"), { recursive: true });
      },
    },
  ],
  base: "/",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 5000,
    rollupOptions: { input: { flow: here("flow.html"), excalidraw: here("excalidraw.html") } },
  },
});
