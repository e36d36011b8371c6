// Vitest: document → React Flow conversion (parent-relative positions, accessible names, severity) and object reuse.
import { describe, expect, it } from "vitest";
import { attachSides, boundsOf, EdgeBuilder, facingSides, flagsFromFindings, NodeBuilder, SideRouter } from "./flow";
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

  it("keeps the object React Flow already marked selected, and copies only a node the store selected or deselected", () => {
    const builder = new NodeBuilder();
    const flags = flagsFromFindings([]).nodes;
    const first = builder.build(doc, catalog, new Set(), flags, false, []);
    // A click: React Flow selects the node itself (onNodesChange), then the store hears of it.
    const clicked = [first[0], { ...first[1], selected: true }];
    expect(builder.build(doc, catalog, new Set(["ranker"]), flags, false, clicked)).toBe(clicked);
    // The store deselects it (Escape, a click on a connection in the Inspector): a copy that differs only in `selected`.
    const cleared = builder.build(doc, catalog, new Set(), flags, false, clicked);
    expect(cleared[0]).toBe(clicked[0]);
    expect(cleared[1]).toEqual({ ...clicked[1], selected: false });
    // React Flow's own flag stands while the store's selection of a node is unchanged (a click not yet heard by the store).
    const again = [cleared[0], { ...cleared[1], selected: true }];
    expect(builder.build(doc, catalog, new Set(), flags, false, again)).toBe(again);
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

describe("boundsOf", () => {
  it("holds every box, and is a zero box for none", () => {
    const boxes = [
      { x: 100, y: 50, width: 400, height: 200 },
      { x: -20, y: 90, width: 180, height: 300 },
    ];
    expect(boundsOf(boxes)).toEqual({ x: -20, y: 50, width: 520, height: 340 });
    expect(boundsOf([])).toEqual({ x: 0, y: 0, width: 0, height: 0 });
  });
});

describe("re-rendering nothing that did not change", () => {
  const three: DesignDocument = {
    format: "mlsd-design/1",
    nodes: [
      { id: "a", kind: "model_server", x: 0, y: 0 },
      { id: "b", kind: "model_server", x: 400, y: 0 },
      { id: "c", kind: "model_server", x: 0, y: 300 },
    ],
    edges: [
      { id: "ab", source: "a", target: "b", kind: "request" },
      { id: "ac", source: "a", target: "c", kind: "request" },
    ],
  };
  const box = (x: number, y: number) => ({ x, y, width: 180, height: 64 });

  it("keeps every routed edge, and the list, while the built edges and their sides stay", () => {
    const built = new EdgeBuilder().build(three, catalog, new Set(), new Map(), false);
    const router = new SideRouter();
    const first = router.route(built, new Map([["a", box(0, 0)], ["b", box(400, 0)], ["c", box(0, 300)]]));
    expect(first.map((e) => [e.sourceHandle, e.targetHandle])).toEqual([["right", "left"], ["bottom", "top"]]);
    // c moves a little (a drag): no side changes, so the same list.
    expect(router.route(built, new Map([["a", box(0, 0)], ["b", box(400, 0)], ["c", box(16, 320)]]))).toBe(first);
    // b moves below a: only a→b gets a new object.
    const moved = router.route(built, new Map([["a", box(0, 0)], ["b", box(0, 600)], ["c", box(0, 300)]]));
    expect(moved).not.toBe(first);
    expect(moved[0]).not.toBe(first[0]);
    expect([moved[0].sourceHandle, moved[0].targetHandle]).toEqual(["bottom", "top"]);
    expect(moved[1]).toBe(first[1]);
  });

  it("gives back the same nodes and edges for a new review with the same findings", () => {
    const nodes = new NodeBuilder();
    const edges = new EdgeBuilder();
    const review = () => flagsFromFindings([{ rule: "r", severity: "warning", message: "", fix: "", nodes: ["a"], edges: ["ab"] }]);
    const firstFlags = review();
    const firstNodes = nodes.build(three, catalog, new Set(), firstFlags.nodes, false, []);
    const firstEdges = edges.build(three, catalog, new Set(), firstFlags.edges, false);
    const again = review();
    expect(nodes.build(three, catalog, new Set(), again.nodes, false, firstNodes)).toBe(firstNodes);
    expect(edges.build(three, catalog, new Set(), again.edges, false)).toBe(firstEdges);
    const worse = flagsFromFindings([{ rule: "r", severity: "error", message: "", fix: "", nodes: ["a"], edges: [] }]);
    const rebuilt = nodes.build(three, catalog, new Set(), worse.nodes, false, firstNodes);
    expect(rebuilt[0].data.severity).toBe("error");
    expect(rebuilt[1]).toBe(firstNodes[1]);
  });
});
