// Vitest: op application mirrors designer/ops.py, and every op's inverse restores the document exactly.
import { describe, expect, it } from "vitest";
import { applyOps, applyWithInverse, fitOps, OpError } from "./ops";
import type { DesignDocument, Op } from "./types";

const base = (): DesignDocument => ({
  format: "mlsd-design/1",
  title: "Video recs",
  problem: { latency_slo_ms: 200 },
  nodes: [
    { id: "g", kind: "group", label: "Serving", x: 0, y: 0, width: 400, height: 300 },
    { id: "ms", kind: "model_server", label: "Ranker", x: 20, y: 40, parent: "g", props: { latency_ms: 40 } },
    { id: "fs", kind: "feature_store", label: "Features", x: 500, y: 40 },
  ],
  edges: [{ id: "e1", source: "ms", target: "fs", kind: "request" }],
  settings: { disabled_rules: [], severity: {} },
});

describe("applyOps", () => {
  it("removing a node removes its edges and un-parents its children, like the server", () => {
    const doc = applyOps(base(), [{ op: "node.remove", id: "g" }, { op: "node.remove", id: "fs" }]);
    expect(doc.nodes).toEqual([{ id: "ms", kind: "model_server", label: "Ranker", x: 20, y: 40, props: { latency_ms: 40 } }]);
    expect(doc.edges).toEqual([]);
  });

  it("update sets fields, null deletes them, props merge and unset removes", () => {
    const doc = applyOps(base(), [
      { op: "node.update", id: "ms", set: { label: "Ranker v2", parent: null }, props: { replicas: 3 }, unset: ["latency_ms"] },
    ]);
    expect(doc.nodes[1]).toEqual({ id: "ms", kind: "model_server", label: "Ranker v2", x: 20, y: 40, props: { replicas: 3 } });
  });

  it("updates and removals of a missing id are no-ops; a duplicate add is refused", () => {
    const before = base();
    const doc = applyOps(before, [{ op: "node.update", id: "gone", set: { x: 1 } }, { op: "edge.remove", id: "gone" }]);
    expect(doc).toEqual(before);
    expect(() => applyOps(before, [{ op: "node.add", node: { id: "fs", kind: "cache", x: 0, y: 0 } }])).toThrow(OpError);
    expect(() => applyOps(before, [{ op: "edge.add", edge: { id: "e5", source: "fs", target: "gone", kind: "data" } }])).toThrow(OpError);
  });

  it("does not mutate its input and keeps untouched nodes as the same objects", () => {
    const before = base();
    const snapshot = structuredClone(before);
    const doc = applyOps(before, [{ op: "node.update", id: "fs", set: { x: 600 } }, { op: "problem.update", set: { peak_qps: 5000, latency_slo_ms: null } }, { op: "title.set", title: "Feed" }]);
    expect(before).toEqual(snapshot);
    expect(doc.nodes[0]).toBe(before.nodes[0]);
    expect(doc.nodes[2].x).toBe(600);
    expect(doc.problem).toEqual({ peak_qps: 5000 });
    expect(doc.title).toBe("Feed");
  });
});

/** Node and edge order and an emptied props object carry no meaning (the server stores them the same way). */
function canonical(d: DesignDocument) {
  const clean = <T extends { id: string; props?: object }>(items: T[]) =>
    [...items].sort((a, b) => a.id.localeCompare(b.id)).map((item) => {
      const copy = { ...item };
      if (copy.props && !Object.keys(copy.props).length) delete copy.props;
      return copy;
    });
  return { ...d, nodes: clean(d.nodes), edges: clean(d.edges) };
}

describe("inverse ops", () => {
  const cases: Array<[string, Op[]]> = [
    ["remove a group with a child and an edge", [{ op: "node.remove", id: "g" }, { op: "node.remove", id: "ms" }]],
    ["update fields and props", [{ op: "node.update", id: "ms", set: { label: "X", x: 9, parent: null }, props: { latency_ms: 10, replicas: 2 } }]],
    ["edge kind and label", [{ op: "edge.update", id: "e1", set: { kind: "data", label: "features" }, props: { fallback: true } }]],
    ["problem, title, settings", [{ op: "problem.update", set: { latency_slo_ms: 100, task: "ranking" } }, { op: "title.set", title: "T" }, { op: "settings.update", set: { disabled_rules: ["orphan-component"] } }]],
    ["add then remove an edge", [{ op: "edge.add", edge: { id: "e2", source: "fs", target: "ms", kind: "data" } }, { op: "edge.remove", id: "e1" }]],
  ];
  it.each(cases)("%s: applying the inverse restores the document", (_, ops) => {
    const before = base();
    const { doc, inverse } = applyWithInverse(before, ops);
    expect(doc).not.toEqual(before);
    expect(canonical(applyOps(doc, inverse))).toEqual(canonical(before));
  });

  it("fitOps drops an edge whose end someone else deleted, keeping the rest", () => {
    const doc = applyOps(base(), [{ op: "node.remove", id: "fs" }]);
    const kept = fitOps(doc, [
      { op: "edge.add", edge: { id: "e9", source: "ms", target: "fs", kind: "data" } },
      { op: "node.update", id: "ms", set: { label: "Back" } },
    ]);
    expect(kept).toEqual([{ op: "node.update", id: "ms", set: { label: "Back" } }]);
  });
});
