// Vitest: feature.* and signal.* ops mirror designer/ops.py, and their inverses restore the document exactly.
import { describe, expect, it } from "vitest";
import { applyOps, applyWithInverse, OpError } from "./ops";
import type { DesignDocument, Feature, Op } from "./types";

const age: Feature = { id: "f1", name: "user age", category: "user", type: "numeric", freshness: "static" };
const ctr: Feature = { id: "f2", name: "item CTR 1h", category: "item", type: "numeric", freshness: "hourly", computed_by: "sp", served_by: "fs" };
const clicks: Feature = { id: "f3", name: "session clicks", category: "context", type: "sequence", freshness: 30, served_by: "fs" };

const base = (): DesignDocument => ({
  format: "mlsd-design/1",
  title: "Feed",
  nodes: [
    { id: "sp", kind: "stream_processor", x: 0, y: 0 },
    { id: "fs", kind: "online_feature_store", x: 200, y: 0 },
  ],
  edges: [{ id: "e1", source: "sp", target: "fs", kind: "data" }],
  features: [age, ctr, clicks],
  signals: [{ id: "s1", name: "click", kind: "implicit", is_label: true, source: "sp" }],
});

describe("feature and signal ops", () => {
  it("add at an index, move past the end and update, in order", () => {
    const doc = applyOps(base(), [
      { op: "feature.add", index: 1, feature: { id: "f4", name: "hour of day", category: "context", type: "categorical", freshness: "real-time" } },
      { op: "feature.move", id: "f1", index: 99 },
      { op: "feature.update", id: "f2", set: { freshness: "real-time", computed_by: null } },
    ]);
    expect(doc.features?.map((f) => f.id)).toEqual(["f4", "f2", "f3", "f1"]);
    expect(doc.features?.[1]).toEqual({ id: "f2", name: "item CTR 1h", category: "item", type: "numeric", freshness: "real-time", served_by: "fs" });
  });

  it("removing a node clears the features and signals that named it, like the server", () => {
    const doc = applyOps(base(), [{ op: "node.remove", id: "fs" }, { op: "node.remove", id: "sp" }]);
    expect(doc.features).toEqual([age, { id: "f2", name: "item CTR 1h", category: "item", type: "numeric", freshness: "hourly" }, { id: "f3", name: "session clicks", category: "context", type: "sequence", freshness: 30 }]);
    expect(doc.signals).toEqual([{ id: "s1", name: "click", kind: "implicit", is_label: true }]);
  });

  it("refuses a duplicate id and a reference to a missing node; a gone id is a no-op", () => {
    expect(() => applyOps(base(), [{ op: "feature.add", feature: { ...age } }])).toThrow(OpError);
    expect(() => applyOps(base(), [{ op: "feature.update", id: "f1", set: { served_by: "nope" } }])).toThrow('no node "nope"');
    expect(applyOps(base(), [{ op: "signal.remove", id: "gone" }, { op: "feature.move", id: "gone", index: 0 }])).toEqual(base());
  });

  const cases: Array<[string, Op[]]> = [
    ["remove the middle feature", [{ op: "feature.remove", id: "f2" }]],
    ["move the first feature last", [{ op: "feature.move", id: "f1", index: 2 }]],
    ["update a feature", [{ op: "feature.update", id: "f3", set: { name: "clicks 5m", freshness: "hourly", served_by: null } }]],
    ["remove a node named by features and a signal", [{ op: "node.remove", id: "sp" }, { op: "node.remove", id: "fs" }]],
    ["add, update and remove signals", [{ op: "signal.add", index: 0, signal: { id: "s2", name: "rating", kind: "explicit", is_label: false } }, { op: "signal.update", id: "s1", set: { is_label: false } }, { op: "signal.remove", id: "s2" }, { op: "signal.move", id: "s1", index: 0 }]],
  ];
  it.each(cases)("%s: applying the inverse restores the document", (_, ops) => {
    const before = base();
    const { doc, inverse } = applyWithInverse(before, ops);
    expect(applyOps(doc, inverse).features).toEqual(before.features);
    expect(applyOps(doc, inverse).signals).toEqual(before.signals);
    expect(applyOps(doc, inverse).nodes.map((n) => n.id).sort()).toEqual(["fs", "sp"]);
  });
});
