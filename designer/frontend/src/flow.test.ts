// Vitest: document → React Flow conversion (parent-relative positions, accessible names, severity) and object reuse.
import { describe, expect, it } from "vitest";
import { flagsFromFindings, NodeBuilder } from "./flow";
import type { Catalog, DesignDocument, Finding } from "./types";

const catalog: Catalog = {
  categories: [{ id: "serving", label: "Model serving", color: "#fce7f3", stroke: "#be185d", shape: "box" }],
  kinds: [
    { id: "model_server", label: "Model server", category: "serving", role: "model_server", icon: "brain", description: "", defaults: { latency_ms: 50, replicas: 2 }, technologies: [] },
    { id: "group", label: "Group", category: "serving", role: "group", icon: "frame", description: "", defaults: {}, technologies: [] },
  ],
  props: {},
  edge_props: {},
  edge_kinds: [],
};

const doc: DesignDocument = {
  format: "mlsd-design/1",
  nodes: [
    { id: "ranker", kind: "model_server", label: "Ranker", x: 140, y: 90, parent: "g", props: { latency_ms: 40 } },
    { id: "g", kind: "group", label: "Online", x: 100, y: 50, width: 400, height: 200 },
  ],
  edges: [],
};

const findings: Finding[] = [
  { rule: "missing-monitoring", severity: "error", message: "", fix: "", nodes: ["ranker"], edges: [] },
  { rule: "no-fallback", severity: "warning", message: "", fix: "", nodes: ["ranker"], edges: [] },
];

describe("NodeBuilder", () => {
  it("puts groups first, converts children to parent-relative positions and names nodes '<label> (<kind>)'", () => {
    const nodes = new NodeBuilder().build(doc, catalog, new Set(), flagsFromFindings(findings).nodes, false, []);
    expect(nodes.map((n) => [n.id, n.type, n.parentId, n.position, n.ariaLabel])).toEqual([
      ["g", "group", undefined, { x: 100, y: 50 }, "Online (Group)"],
      ["ranker", "component", "g", { x: 40, y: 40 }, "Ranker (Model server)"],
    ]);
    expect(nodes[1].data).toMatchObject({ figures: ["p99 40 ms", "×2"], figuresTitle: "p99 latency 40 ms · 2 replicas", severity: "error", findingCount: 2 });
  });

  it("reuses what React Flow holds for unchanged nodes and keeps the measured size of changed ones", () => {
    const builder = new NodeBuilder();
    const flags = flagsFromFindings([]).nodes;
    const first = builder.build(doc, catalog, new Set(), flags, false, []);
    const held = first.map((n) => ({ ...n, measured: { width: n.width!, height: n.height! } }));
    const second = builder.build(doc, catalog, new Set(["ranker"]), flags, false, held);
    expect(second[0]).toBe(held[0]);
    expect(second[1]).not.toBe(held[1]);
    expect([second[1].selected, second[1].measured]).toEqual([true, { width: 180, height: 64 }]);
  });
});
