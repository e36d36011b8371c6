/// <reference types="vitest/config" />
// Vite builds the editor in app mode into static/designer/ with a manifest the Django vite_entry tag reads.
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

export default defineConfig({
  plugins: [react()],
  base: "/static/designer/",
  build: {
    outDir: "../../static/designer",
    emptyOutDir: true,
    manifest: "manifest.json",
    rollupOptions: { input: "src/main.tsx" },
  },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
