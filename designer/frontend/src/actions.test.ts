// Vitest: placing, moving, aligning, distributing, bringing to front, locking and deleting, as ops on a document.
import { describe, expect, it } from "vitest";
import { alignOps, bringToFrontOps, distributeOps, freeSpot, lockOps, moveOps, pasteOffset, placeNodeOp, removeOps } from "./actions";
import type { SizeOf } from "./flow";
import { applyOps } from "./ops";
import type { CatalogKind, DesignDocument } from "./types";

const size: SizeOf = (n) => (n.kind === "group" ? { width: n.width ?? 360, height: n.height ?? 240 } : { width: 180, height: 64 });
const kafka: CatalogKind = { id: "kafka", label: "Kafka", category: "data", role: "event_stream", icon: "stream", description: "", defaults: {}, technologies: [] };

const doc = (): DesignDocument => ({
  format: "mlsd-design/1",
  nodes: [
    { id: "g", kind: "group", label: "Online", x: 0, y: 0, width: 500, height: 200 },
    { id: "a", kind: "app_service", label: "App", x: 20, y: 40, parent: "g" },
    { id: "ms", kind: "model_server", label: "Ranker", x: 260, y: 40, parent: "g" },
    { id: "mon", kind: "monitoring", label: "Monitoring", x: 700, y: 300, props: { locked: true } },
    { id: "k", kind: "kafka", label: "Kafka", x: 600, y: 100 },
  ],
  edges: [
    { id: "e1", source: "a", target: "ms", kind: "request" },
    { id: "e2", source: "ms", target: "mon", kind: "telemetry" },
  ],
});

const at = (d: DesignDocument) => Object.fromEntries(d.nodes.map((n) => [n.id, [n.x, n.y]]));

describe("placing new components", () => {
  it("freeSpot keeps the wanted spot when it is free and takes the nearest free one when it is not", () => {
    const card = { width: 180, height: 64 };
    expect(freeSpot({ x: 400, y: 400 }, card, [{ x: 0, y: 0, ...card }])).toEqual({ x: 400, y: 400 });
    const spot = freeSpot({ x: 0, y: 0 }, card, [{ x: 0, y: 0, ...card }]);
    // Nearest clear of the 24 px gap: straight below (64 + 24 = 88, on the 16 px grid: 96).
    expect(spot).toEqual({ x: 0, y: 96 });
  });

  it("ten components added at the same centre never overlap one another", () => {
    let d: DesignDocument = { format: "mlsd-design/1", nodes: [], edges: [] };
    for (let i = 0; i < 10; i++) d = applyOps(d, [placeNodeOp(d, kafka, { x: 300, y: 200 }, size).op]);
    const boxes = d.nodes.map((n) => ({ x: n.x, y: n.y, ...size(n) }));
    const overlapping = boxes.flatMap((a, i) => boxes.slice(i + 1).filter((b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height));
    expect(overlapping).toEqual([]);
    // The first lands in the middle (its top-left corner on the grid).
    expect([d.nodes[0].x, d.nodes[0].y]).toEqual([208, 176]);
  });
});

describe("moving", () => {
  it("moves a group with its members, a member on its own, and never a locked node", () => {
    expect(at(applyOps(doc(), moveOps(doc(), ["g"], 16, 0)))).toMatchObject({ g: [16, 0], a: [36, 40], ms: [276, 40] });
    expect(at(applyOps(doc(), moveOps(doc(), ["a"], 0, 160)))).toMatchObject({ g: [0, 0], a: [20, 200], ms: [260, 40] });
    expect(moveOps(doc(), ["mon"], 16, 16)).toEqual([]);
    // A member selected together with its group moves once, with the group.
    expect(moveOps(doc(), ["g", "a"], 16, 0).filter((op) => op.op === "node.update" && op.id === "a")).toHaveLength(1);
  });
});

describe("arranging", () => {
  it("aligns left edges, centres and bottoms of the selection", () => {
    const d = doc();
    expect(at(applyOps(d, alignOps(d, ["k", "a"], "left", size)))).toMatchObject({ k: [20, 100], a: [20, 40] });
    expect(at(applyOps(d, alignOps(d, ["k", "a"], "center", size)))).toMatchObject({ k: [310, 100], a: [310, 40] });
    expect(at(applyOps(d, alignOps(d, ["k", "a"], "bottom", size)))).toMatchObject({ k: [600, 100], a: [20, 100] });
  });

  it("distributes three or more with equal gaps, the outer two staying put", () => {
    const d: DesignDocument = {
      format: "mlsd-design/1",
      nodes: [
        { id: "x", kind: "kafka", x: 0, y: 0 },
        { id: "y", kind: "kafka", x: 220, y: 50 },
        { id: "z", kind: "kafka", x: 600, y: 0 },
      ],
      edges: [],
    };
    expect(at(applyOps(d, distributeOps(d, ["z", "x", "y"], "horizontal", size)))).toEqual({ x: [0, 0], y: [300, 50], z: [600, 0] });
    expect(distributeOps(d, ["x", "y"], "horizontal", size)).toEqual([]);
  });
});

describe("bring to front, lock, delete", () => {
  it("bring to front moves a component to the end of the document and keeps its connections", () => {
    const d = doc();
    const next = applyOps(d, bringToFrontOps(d, ["ms"]));
    expect(next.nodes.map((n) => n.id)).toEqual(["g", "a", "mon", "k", "ms"]);
    expect(next.nodes.find((n) => n.id === "ms")).toEqual(d.nodes.find((n) => n.id === "ms"));
    expect(next.edges.map((e) => e.id).sort()).toEqual(["e1", "e2"]);
    expect(bringToFrontOps(next, ["ms"])).toEqual([]);
  });

  it("locks and unlocks with the locked prop, and a delete keeps locked components", () => {
    const d = doc();
    expect(lockOps(d, ["k", "mon"], true)).toEqual([{ op: "node.update", id: "k", props: { locked: true } }]);
    expect(lockOps(d, ["k", "mon"], false)).toEqual([{ op: "node.update", id: "mon", unset: ["locked"] }]);
    expect(removeOps(d, ["k", "mon"], ["e2"])).toEqual([
      { op: "edge.remove", id: "e2" },
      { op: "node.remove", id: "k" },
    ]);
  });
});

describe("paste offset", () => {
  const design = (nodes: DesignDocument["nodes"]): DesignDocument => ({ format: "mlsd-design/1", nodes, edges: [] });
  const kafka = { id: "k", kind: "kafka", x: 0, y: 0 };

  it("shifts a copy down and right until it covers nothing (card 64 px tall, 16 px apart)", () => {
    expect(pasteOffset(design([kafka]), [kafka], size)).toBe(80);
    // A second copy already at 96: the next free diagonal.
    expect(pasteOffset(design([kafka, { ...kafka, id: "k2", x: 96, y: 96 }]), [kafka], size)).toBe(176);
  });

  it("keeps the first shift where nothing is in the way (pasting into another design)", () => {
    expect(pasteOffset(design([]), [kafka], size)).toBe(32);
  });
});
