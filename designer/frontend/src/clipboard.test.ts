// Vitest: copy/paste makes independent copies with new ids, keeps inner edges and group membership, and survives text transport.
import { describe, expect, it } from "vitest";
import { copySelection, parseSnippet, pasteOps } from "./clipboard";
import { applyOps } from "./ops";
import type { DesignDocument } from "./types";

const doc: DesignDocument = {
  format: "mlsd-design/1",
  nodes: [
    { id: "g", kind: "group", label: "Online", x: 0, y: 0, width: 500, height: 200 },
    { id: "a", kind: "app_service", label: "App", x: 20, y: 40, parent: "g" },
    { id: "ms", kind: "model_server", label: "Ranker", x: 260, y: 40, parent: "g", props: { latency_ms: 40 } },
    { id: "mon", kind: "monitoring", label: "Monitoring", x: 700, y: 40 },
  ],
  edges: [
    { id: "e1", source: "a", target: "ms", kind: "request", label: "rank" },
    { id: "e2", source: "ms", target: "mon", kind: "telemetry" },
  ],
};

describe("copy and paste", () => {
  it("copying a group takes its children and only the edges inside the copy", () => {
    const snippet = copySelection(doc, ["g"]);
    expect(snippet.nodes.map((n) => n.id)).toEqual(["g", "a", "ms"]);
    expect(snippet.edges.map((e) => e.id)).toEqual(["e1"]);
  });

  it("pasting adds copies with new ids, shifted, wired to each other, into the same or another design", () => {
    const snippet = parseSnippet(JSON.stringify(copySelection(doc, ["g"])))!;
    const { ops, nodeIds, edgeIds } = pasteOps(snippet, 32);
    const pasted = applyOps(doc, ops);
    expect(pasted.nodes).toHaveLength(7);
    expect(nodeIds.some((id) => ["g", "a", "ms"].includes(id))).toBe(false);
    const byId = new Map(pasted.nodes.map((n) => [n.id, n]));
    const [group, app, ranker] = nodeIds.map((id) => byId.get(id)!);
    expect([group.label, group.x, group.y]).toEqual(["Online", 32, 32]);
    expect([app.parent, ranker.parent]).toEqual([group.id, group.id]);
    expect(ranker.props).toEqual({ latency_ms: 40 });
    const copyEdge = pasted.edges.find((e) => e.id === edgeIds[0])!;
    expect([copyEdge.source, copyEdge.target, copyEdge.label]).toEqual([app.id, ranker.id, "rank"]);

    const other = applyOps({ format: "mlsd-design/1", nodes: [], edges: [] }, pasteOps(snippet, 0).ops);
    expect(other.nodes.map((n) => n.label)).toEqual(["Online", "App", "Ranker"]);
  });

  it("a child copied without its group is pasted free-standing; unknown kinds and foreign text are ignored", () => {
    const { ops } = pasteOps(copySelection(doc, ["ms", "mon"]), 10, new Set(["model_server"]));
    const pasted = applyOps({ format: "mlsd-design/1", nodes: [], edges: [] }, ops);
    expect(pasted.nodes.map((n) => [n.label, n.parent])).toEqual([["Ranker", undefined]]);
    expect(pasted.edges).toEqual([]);
    expect(parseSnippet("hello")).toBeNull();
    expect(parseSnippet('{"format":"other","nodes":[],"edges":[]}')).toBeNull();
  });
});
