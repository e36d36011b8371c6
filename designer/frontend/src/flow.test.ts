// Vitest: document → React Flow conversion (parent-relative positions, accessible names, severity) and object reuse.
import { describe, expect, it } from "vitest";
import { attachSides, EdgeBuilder, facingSides, flagsFromFindings, NodeBuilder } from "./flow";
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
    expect(nodes[1].data).toMatchObject({
      figures: "p99 40 ms · ×2",
      figuresTitle: "p99 latency 40 ms · 2 replicas",
      title: "Ranker\nModel server\np99 latency 40 ms · 2 replicas",
      severity: "error",
      findingCount: 2,
    });
  });

  it("gives a card its size and one handle per side up front, and a locked one is neither draggable nor deletable", () => {
    const locked: DesignDocument = { ...doc, nodes: [{ ...doc.nodes[0], props: { locked: true } }, doc.nodes[1]] };
    const [, ranker] = new NodeBuilder().build(locked, catalog, new Set(), new Map(), false, []);
    expect([ranker.width, ranker.height, ranker.draggable, ranker.deletable, ranker.data.locked]).toEqual([180, 64, false, false, true]);
    expect(ranker.handles?.map((h) => [h.id, h.position, h.x, h.y])).toEqual([
      ["top", "top", 85, -5],
      ["right", "right", 175, 27],
      ["bottom", "bottom", 85, 59],
      ["left", "left", -5, 27],
    ]);
  });

  it("gives every node its size up front and reuses what React Flow holds for unchanged nodes", () => {
    const builder = new NodeBuilder();
    const flags = flagsFromFindings([]).nodes;
    const first = builder.build(doc, catalog, new Set(), flags, false, []);
    // Known before React Flow measures anything: fit view waits for every node's measured size.
    expect(first.map((n) => n.measured)).toEqual(first.map((n) => ({ width: n.width, height: n.height })));
    expect(first.every((n) => n.handles !== undefined)).toBe(true);
    const held = first.map((n) => ({ ...n, measured: { width: n.width!, height: n.height! } }));
    const second = builder.build(doc, catalog, new Set(["ranker"]), flags, false, held);
    expect(second[0]).toBe(held[0]);
    expect(second[1]).not.toBe(held[1]);
    expect([second[1].selected, second[1].measured]).toEqual([true, { width: 180, height: 64 }]);
  });
});

describe("edges", () => {
  const box = (x: number, y: number) => ({ x, y, width: 180, height: 64 });

  it("attach to the sides their ends face", () => {
    expect(facingSides(box(0, 0), box(400, 30))).toEqual(["right", "left"]);
    expect(facingSides(box(400, 0), box(0, 0))).toEqual(["left", "right"]);
    expect(facingSides(box(0, 0), box(40, 200))).toEqual(["bottom", "top"]);
    expect(facingSides(box(0, 300), box(0, 0))).toEqual(["top", "bottom"]);
  });

  it("keep their objects when their sides did not change, and carry the line style from the path prop", () => {
    const two: DesignDocument = {
      format: "mlsd-design/1",
      nodes: [
        { id: "a", kind: "model_server", x: 0, y: 0 },
        { id: "b", kind: "model_server", x: 400, y: 0 },
      ],
      edges: [
        { id: "e1", source: "a", target: "b", kind: "request", props: { path: "curved" } },
        { id: "e2", source: "b", target: "a", kind: "request" },
      ],
    };
    const built = new EdgeBuilder().build(two, catalog, new Set(), new Map(), false);
    expect(built.map((e) => e.data?.path)).toEqual(["curved", "elbow"]);
    const boxes = new Map([["a", box(0, 0)], ["b", box(400, 0)]]);
    const attached = attachSides(built, boxes);
    expect(attached.map((e) => [e.sourceHandle, e.targetHandle])).toEqual([["right", "left"], ["left", "right"]]);
    expect(attachSides(attached, boxes)).toBe(attached);
    const below = attachSides(attached, new Map([["a", box(0, 0)], ["b", box(0, 300)]]));
    expect(below[0]).not.toBe(attached[0]);
    expect([below[0].sourceHandle, below[0].targetHandle]).toEqual(["bottom", "top"]);
  });
});
