// Vitest: the built-in catalog (component_catalog/catalog.json) preselects connection kinds from roles and scopes the Inspector's props.
import { describe, expect, it } from "vitest";
import catalogText from "../../../component_catalog/catalog.json?raw";
import { customKindLabel, customRoles, defaultEdgeKind, roleProps } from "./catalog";
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
    ["airflow", "training_pipeline", "control"],
    ["model_registry", "model_compiler", "deploy"],
  ])("%s → %s is %s", (source, target, kind) => {
    expect(defaultEdgeKind(catalog, source, target)).toBe(kind);
  });

  it("falls back to the first edge kind for unknown kinds and skips rules naming an edge kind the catalog lacks", () => {
    expect(defaultEdgeKind(catalog, "nope", undefined)).toBe("request");
    const partial: Catalog = { ...catalog, connection_defaults: [{ target: ["monitoring"], kind: "signal" }, { target: ["monitoring"], kind: "data" }] };
    expect(defaultEdgeKind(partial, "model_server", "monitoring")).toBe("data");
  });

  it("reads a custom component's own role: a custom model server → monitoring is telemetry", () => {
    const scorer = { kind: "custom", role: "model_server" };
    expect(defaultEdgeKind(catalog, scorer, "monitoring")).toBe("telemetry");
    expect(defaultEdgeKind(catalog, { kind: "training_pipeline" }, { kind: "custom", role: "model_registry" })).toBe("deploy");
    expect(defaultEdgeKind(catalog, { kind: "custom" }, { kind: "custom" })).toBe("request");
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
    expect(roleProps(catalog, "triton")).toEqual(["latency_ms", "capacity_qps", "replicas", "parallel", "rollout", "gpu"]);
  });

  it("every role of every kind declares its props, and never a drawing aid such as the lock", () => {
    const roles = new Set(catalog.kinds.map((k) => k.role));
    expect([...roles].filter((r) => !catalog.roles?.[r])).toEqual([]);
    expect(Object.values(catalog.roles ?? {}).flatMap((r) => r.props).filter((p) => catalog.props[p]?.scope === "canvas")).toEqual([]);
  });
});

describe("custom components", () => {
  it("play any component role, never an annotation's or their own, named after the first kind that plays it", () => {
    const roles = customRoles(catalog);
    const ids = roles.map((r) => r.role);
    expect(ids).toContain("model_server");
    expect(ids).not.toContain("note");
    expect(ids).not.toContain("frame");
    expect(ids).not.toContain("custom");
    expect(new Set(ids).size).toBe(ids.length);
    expect(customKindLabel(catalog, "model_server")).toBe("Custom · Model server");
    expect(customKindLabel(catalog, undefined)).toBe("Custom component");
  });

  it("show the props of the role they play", () => {
    expect(roleProps(catalog, "custom", "model_server")).toEqual(roleProps(catalog, "model_server"));
  });
});
