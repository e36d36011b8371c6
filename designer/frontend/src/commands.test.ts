// Vitest: arrow-key moves are ordinary document changes (queued for the server) and a burst of presses undoes as one step.
import { beforeEach, describe, expect, it } from "vitest";
import { NUDGE_BURST_MS, nudgeSelection, setSelectedEdgeKind } from "./commands";
import { useEditorStore } from "./store";
import type { Catalog, DesignDocument } from "./types";

const doc = (): DesignDocument => ({
  format: "mlsd-design/1",
  nodes: [
    { id: "k", kind: "kafka", label: "Kafka", x: 0, y: 0 },
    { id: "ms", kind: "model_server", label: "Model server", x: 320, y: 0 },
  ],
  edges: [{ id: "e", source: "k", target: "ms", kind: "request" }],
});

const kinds = ["request", "data", "telemetry", "deploy", "control"].map((id) => ({ id, label: id, help: "", color: "#000", style: "solid" as const, arrowhead: "normal" }));

beforeEach(() => {
  useEditorStore.getState().resetFromServer(doc(), 1);
  useEditorStore.setState({ catalog: { categories: [], kinds: [], props: {}, edge_props: {}, edge_kinds: kinds } as Catalog });
  useEditorStore.getState().select(["k"], []);
});

const x = () => useEditorStore.getState().doc.nodes[0].x;

describe("nudgeSelection", () => {
  it("six quick presses move by six steps, queue six updates for the server, and undo in one step", () => {
    for (let i = 0; i < 6; i++) nudgeSelection(16, 0, 1000 + i * 80);
    expect(x()).toBe(96);
    expect(useEditorStore.getState().pending.flat()).toEqual(Array.from({ length: 6 }, (_, i) => ({ op: "node.update", id: "k", set: { x: 16 * (i + 1), y: 0 } })));
    expect(useEditorStore.getState().undoStack).toHaveLength(1);
    useEditorStore.getState().undo();
    expect(x()).toBe(0);
  });

  it("a pause, another edit or another selection starts a new step", () => {
    nudgeSelection(16, 0, 10_000);
    nudgeSelection(16, 0, 10_000 + NUDGE_BURST_MS + 1);
    useEditorStore.getState().dispatch([{ op: "title.set", title: "T" }]);
    nudgeSelection(0, 16, 10_000 + NUDGE_BURST_MS + 50);
    useEditorStore.getState().select(["k", "ms"], []);
    nudgeSelection(0, 16, 10_000 + NUDGE_BURST_MS + 100);
    expect(useEditorStore.getState().undoStack).toHaveLength(5);
    useEditorStore.getState().undo();
    expect(useEditorStore.getState().doc.nodes.map((n) => [n.x, n.y])).toEqual([
      [32, 16],
      [320, 0],
    ]);
  });
});

describe("setSelectedEdgeKind", () => {
  it("gives the selected connections the n-th catalog kind, as one undoable change", () => {
    useEditorStore.getState().select([], ["e"]);
    expect(setSelectedEdgeKind(4)).toBe(true);
    expect(useEditorStore.getState().doc.edges[0].kind).toBe("control");
    expect(setSelectedEdgeKind(7)).toBe(false);
    useEditorStore.getState().undo();
    expect(useEditorStore.getState().doc.edges[0].kind).toBe("request");
  });
});
