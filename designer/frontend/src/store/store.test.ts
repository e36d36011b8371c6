// Vitest: the store's dispatch, undo/redo of this client's own changes, and others' ops landing under local ones.
import { beforeEach, describe, expect, it } from "vitest";
import { createEditorStore, type EditorStore } from "./index";
import type { DesignDocument, Op } from "../types";

const doc = (): DesignDocument => ({
  format: "mlsd-design/1",
  title: "Video recs",
  problem: {},
  nodes: [
    { id: "k", kind: "kafka", label: "Kafka", x: 0, y: 0 },
    { id: "ms", kind: "model_server", label: "Model server", x: 300, y: 0 },
  ],
  edges: [],
  settings: { disabled_rules: [], severity: {} },
});

let store: EditorStore;
beforeEach(() => {
  store = createEditorStore();
  store.getState().resetFromServer(doc(), 7);
});

const labels = () => store.getState().doc.nodes.map((n) => n.label);
/** Someone else's batch, broadcast by the server at `version`. */
const remote = (ops: Op[], version: number) => store.getState().receive({ type: "op.applied", version, ops, author: "grace", client_op_id: `g-${version}` });

describe("dispatch and undo/redo", () => {
  it("applies locally, queues the ops for sync and undoes/redoes them in order", () => {
    const s = store.getState();
    s.dispatch([{ op: "node.update", id: "ms", props: { latency_ms: 40 } }]);
    s.dispatch([{ op: "edge.add", edge: { id: "e1", source: "ms", target: "k", kind: "telemetry" } }]);
    expect(store.getState().doc.edges.map((e) => e.id)).toEqual(["e1"]);
    expect(store.getState().pending).toHaveLength(2);

    store.getState().undo();
    expect(store.getState().doc.edges).toEqual([]);
    store.getState().undo();
    expect(store.getState().doc.nodes[1].props).toEqual({});
    expect(store.getState().undoStack).toHaveLength(0);

    store.getState().redo();
    store.getState().redo();
    expect(store.getState().doc.nodes[1].props).toEqual({ latency_ms: 40 });
    expect(store.getState().doc.edges.map((e) => e.kind)).toEqual(["telemetry"]);
    // Undo and redo are sent as ordinary ops: 2 edits + 2 undos + 2 redos.
    expect(store.getState().pending.flat().map((op) => op.op)).toEqual(["node.update", "edge.add", "edge.remove", "node.update", "node.update", "edge.add"]);
  });

  it("a new edit clears the redo stack; non-undoable dispatches leave undo alone", () => {
    store.getState().dispatch([{ op: "title.set", title: "A" }]);
    store.getState().undo();
    store.getState().dispatch([{ op: "title.set", title: "B" }]);
    expect(store.getState().redoStack).toHaveLength(0);
    store.getState().dispatch([{ op: "title.set", title: "C" }], { undoable: false });
    expect(store.getState().undoStack).toHaveLength(1);
    expect(store.getState().doc.title).toBe("C");
  });

  it("undo reverts only this client's change, never a remote one", () => {
    store.getState().dispatch([{ op: "node.update", id: "k", set: { label: "Events" } }]);
    remote([{ op: "node.update", id: "ms", set: { label: "Ranker" } }], 8);
    store.getState().undo();
    expect(labels()).toEqual(["Kafka", "Ranker"]);
    expect(store.getState().undoStack).toHaveLength(0);
  });

  it("undoing a delete whose neighbour someone else removed restores what still fits", () => {
    store.getState().dispatch([{ op: "edge.add", edge: { id: "e1", source: "k", target: "ms", kind: "data" } }]);
    store.getState().dispatch([{ op: "node.remove", id: "k" }]);
    remote([{ op: "node.remove", id: "ms" }], 8);
    store.getState().undo();
    expect(store.getState().doc.nodes.map((n) => n.id)).toEqual(["k"]);
    expect(store.getState().doc.edges).toEqual([]);
  });

  it("a refused op changes nothing and records no undo", () => {
    expect(store.getState().dispatch([{ op: "node.add", node: { id: "k", kind: "cache", x: 0, y: 0 } }])).toBe(false);
    expect(store.getState().undoStack).toHaveLength(0);
    expect(store.getState().pending).toHaveLength(0);
  });
});

describe("others' ops", () => {
  it("land under pending local ops (local view = confirmed + pending)", () => {
    store.getState().dispatch([{ op: "node.update", id: "ms", set: { x: 500 } }]);
    store.getState().dispatch([{ op: "node.update", id: "ms", set: { label: "Mine" } }]);
    remote([{ op: "node.update", id: "ms", set: { label: "Theirs", y: 90 } }, { op: "node.remove", id: "k" }], 8);
    expect(store.getState().version).toBe(8);
    expect(store.getState().doc.nodes).toEqual([{ id: "ms", kind: "model_server", label: "Mine", x: 500, y: 90 }]);
    expect(store.getState().confirmed.nodes).toEqual([{ id: "ms", kind: "model_server", label: "Theirs", x: 300, y: 90 }]);
    expect(store.getState().pending).toEqual([[{ op: "node.update", id: "ms", set: { x: 500 } }], [{ op: "node.update", id: "ms", set: { label: "Mine" } }]]);
  });

  it("a local edit to something a remote op deleted vanishes instead of breaking the view", () => {
    store.getState().dispatch([{ op: "edge.add", edge: { id: "e1", source: "k", target: "ms", kind: "data" } }]);
    remote([{ op: "node.remove", id: "k" }], 8);
    expect(store.getState().doc.edges).toEqual([]);
    expect(store.getState().doc.nodes.map((n) => n.id)).toEqual(["ms"]);
  });
});
