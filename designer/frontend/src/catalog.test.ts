// Vitest: the built-in catalog (component_catalog/catalog.json) preselects connection kinds from roles and scopes the Inspector's props.
import { describe, expect, it } from "vitest";
import catalogText from "../../../component_catalog/catalog.json?raw";
import { defaultEdgeKind, roleProps } from "./catalog";
import type { Catalog, DesignDocument } from "./types";

const catalog = JSON.parse(catalogText) as Catalog;
const caseStudies = Object.entries(import.meta.glob("../../interview/case_studies/*.json", { eager: true, query: "?raw", import: "default" })).map(
  ([path, text]) => [path.split("/").pop()!, JSON.parse(text as string) as DesignDocument] as const,
);

describe("defaultEdgeKind", () => {
  it.each([
    ["model_server", "monitoring", "telemetry"],
    ["training_pipeline", "model_registry", "deploy"],
    ["kafka", "flink", "data"],
    ["client", "api_gateway", "request"],
    ["app_service", "model_server", "request"],
    ["model_registry", "triton", "deploy"],
    ["offline_feature_store", "drift_detector", "data"],
  ])("%s → %s is %s", (source, target, kind) => {
    expect(defaultEdgeKind(catalog, source, target)).toBe(kind);
  });

  it("falls back to the first edge kind for unknown kinds and skips rules naming an edge kind the catalog lacks", () => {
    expect(defaultEdgeKind(catalog, "nope", undefined)).toBe("request");
    const partial: Catalog = { ...catalog, connection_defaults: [{ target: ["monitoring"], kind: "control" }, { target: ["monitoring"], kind: "data" }] };
    expect(defaultEdgeKind(partial, "model_server", "monitoring")).toBe("data");
  });

  it("agrees with the connections drawn in every case study for at least 9 in 10 of them", () => {
    for (const [name, doc] of caseStudies) {
      const kindOf = new Map(doc.nodes.map((n) => [n.id, n.kind]));
      const agree = doc.edges.filter((e) => defaultEdgeKind(catalog, kindOf.get(e.source), kindOf.get(e.target)) === e.kind).length;
      expect({ name, share: agree / doc.edges.length >= 0.9 }).toEqual({ name, share: true });
    }
  });
});

describe("roleProps", () => {
  it("gives Kafka its stream props, not a model server's rollout or an orchestrator's parallel calls", () => {
    expect(roleProps(catalog, "kafka")).toEqual(["capacity_qps", "replicas", "staleness_s", "provides_labels", "validates_schema", "pii"]);
    expect(roleProps(catalog, "kafka")).not.toContain("rollout");
    expect(roleProps(catalog, "triton")).toEqual(["latency_ms", "capacity_qps", "replicas", "parallel", "rollout"]);
  });

  it("every role of every kind declares its props, and never a drawing aid such as the lock", () => {
    const roles = new Set(catalog.kinds.map((k) => k.role));
    expect([...roles].filter((r) => !catalog.roles?.[r])).toEqual([]);
    expect(Object.values(catalog.roles ?? {}).flatMap((r) => r.props).filter((p) => catalog.props[p]?.scope === "canvas")).toEqual([]);
  });
});
