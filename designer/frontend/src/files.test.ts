// Vitest: a file merged into a design lands right of it with new ids, and files are sent as the type import reads.
import { describe, expect, it } from "vitest";
import { mergeOps, importMediaType, exportUrl } from "./files";
import { applyOps } from "./ops";
import type { DesignDocument } from "./types";
import type { EditorConfig } from "./config";

const size = () => ({ width: 180, height: 64 });
const kinds = new Set(["app_service", "cache", "model_server", "group"]);

const doc: DesignDocument = {
  format: "mlsd-design/1",
  nodes: [
    { id: "app", kind: "app_service", label: "App", x: 0, y: 100 },
    { id: "ranker", kind: "model_server", label: "Ranker", x: 300, y: 140 },
  ],
  edges: [{ id: "e1", source: "app", target: "ranker", kind: "request" }],
};

const file: DesignDocument = {
  format: "mlsd-design/1",
  nodes: [
    { id: "app", kind: "app_service", label: "Other app", x: -50, y: 0 },
    { id: "c", kind: "cache", label: "Cache", x: 200, y: 30 },
    { id: "x", kind: "unknown_kind", label: "Lost", x: 0, y: 0 },
  ],
  edges: [{ id: "e1", source: "app", target: "c", kind: "request" }],
};

describe("mergeOps", () => {
  it("adds the file's known components right of the design, tops aligned, with new ids and their edges", () => {
    const { ops, nodeIds } = mergeOps(doc, file, size, kinds);
    const merged = applyOps(doc, ops);
    expect(nodeIds).toHaveLength(2);
    const added = merged.nodes.filter((n) => nodeIds.includes(n.id));
    expect(added.map((n) => [n.label, n.x, n.y])).toEqual([
      ["Other app", 600, 100],
      ["Cache", 850, 130],
    ]);
    expect(added.every((n) => n.id !== "app" && n.id !== "c")).toBe(true);
    const edge = merged.edges.find((e) => e.id !== "e1")!;
    expect([edge.source, edge.target]).toEqual(nodeIds);
    expect(merged.nodes.map((n) => n.id).slice(0, 2)).toEqual(["app", "ranker"]);
  });

  it("keeps the file's positions on an empty canvas and adds nothing from a file without known components", () => {
    const empty: DesignDocument = { format: "mlsd-design/1", nodes: [], edges: [] };
    const merged = applyOps(empty, mergeOps(empty, file, size, kinds).ops);
    expect(merged.nodes.map((n) => [n.x, n.y])).toEqual([
      [-50, 0],
      [200, 30],
    ]);
    expect(mergeOps(doc, { ...file, nodes: [file.nodes[2]] }, size, kinds)).toEqual({ ops: [], nodeIds: [] });
  });
});

describe("files", () => {
  it("sends each file as the media type the import endpoint reads", () => {
    expect(importMediaType({ name: "design.JSON", type: "" })).toBe("application/json");
    expect(importMediaType({ name: "export.svg", type: "" })).toBe("image/svg+xml");
    expect(importMediaType({ name: "flow.mmd", type: "" })).toBe("text/plain");
    expect(importMediaType({ name: "noext", type: "application/json" })).toBe("application/json");
  });

  it("asks for the selection, the layout, the findings, the features and a PNG's scale", () => {
    const config = { urls: { export: "/api/s/tok/export" } } as unknown as EditorConfig;
    expect(exportUrl(config, { format: "png", auto: true, findings: false, features: true, scale: 3, nodes: ["a", "b:c"] })).toBe(
      "/api/s/tok/export?format=png&layout=auto&findings=0&features=1&scale=3&nodes=a%2Cb%3Ac",
    );
    expect(exportUrl(config, { format: "svg", auto: false, findings: true, scale: 3, nodes: null })).toBe("/api/s/tok/export?format=svg&layout=drawn&findings=1&features=0");
  });
});
