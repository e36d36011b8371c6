// Types mirroring the mlsd-design/1 document (designer/document.py), the catalog and the op vocabulary (designer/ops.py).

export type PropValue = string | number | boolean | null;
export type Props = Record<string, PropValue>;

export interface DesignNode {
  id: string;
  kind: string;
  label?: string;
  x: number;
  y: number;
  width?: number;
  height?: number;
  parent?: string | null;
  text?: string;
  props?: Props;
}

export interface DesignEdge {
  id: string;
  source: string;
  target: string;
  kind: string;
  label?: string;
  props?: Props;
}

export type Task = "classification" | "regression" | "ranking" | "generation" | "other";

export interface Problem {
  statement?: string;
  task?: Task;
  latency_slo_ms?: number;
  peak_qps?: number;
  feature_freshness_s?: number;
  model_freshness_s?: number;
  corpus_size?: number;
  offline_metrics?: string[];
  online_metrics?: string[];
}

export interface Settings {
  disabled_rules?: string[];
  severity?: Record<string, Severity>;
}

export interface DesignDocument {
  format: "mlsd-design/1";
  title?: string;
  problem?: Problem;
  nodes: DesignNode[];
  edges: DesignEdge[];
  settings?: Settings;
}

export type NodeField = "label" | "x" | "y" | "width" | "height" | "parent" | "text" | "kind";
export type EdgeField = "label" | "kind" | "source" | "target";

export type Op =
  | { op: "node.add"; node: DesignNode }
  | { op: "node.update"; id: string; set?: Partial<Record<NodeField, unknown>>; props?: Props; unset?: string[] }
  | { op: "node.remove"; id: string }
  | { op: "edge.add"; edge: DesignEdge }
  | { op: "edge.update"; id: string; set?: Partial<Record<EdgeField, unknown>>; props?: Props; unset?: string[] }
  | { op: "edge.remove"; id: string }
  | { op: "problem.update"; set: Partial<Record<keyof Problem, unknown>> }
  | { op: "title.set"; title: string }
  | { op: "settings.update"; set: Partial<Record<keyof Settings, unknown>> }
  | { op: "document.replace"; document: DesignDocument };

export type Severity = "error" | "warning" | "info";

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  fix: string;
  nodes: string[];
  edges: string[];
  path?: string[];
}

export interface CatalogCategory {
  id: string;
  label: string;
  color: string;
  stroke: string;
  shape: string;
}

export interface CatalogKind {
  id: string;
  label: string;
  category: string;
  role: string;
  icon: string;
  description: string;
  defaults: Props;
  technologies: string[];
}

export interface PropSpec {
  type: "number" | "integer" | "boolean" | "enum";
  unit?: string;
  min?: number;
  choices?: string[];
  label: string;
  help: string;
  /** "canvas": a drawing aid (lock, line style) the Inspector offers as a control, not as a property. */
  scope?: "canvas";
}

/** Per role: the standard props that apply to it (the Inspector shows these first, the rest under "More"). */
export interface RoleSpec {
  props: string[];
}

/** A new connection's kind from the two roles: the first rule whose source and target lists (absent: any) match. */
export interface ConnectionDefault {
  source?: string[];
  target?: string[];
  kind: string;
}

export interface EdgeKind {
  id: string;
  label: string;
  help: string;
  color: string;
  style: "solid" | "dashed" | "dotted" | "bold";
  arrowhead: string;
}

export interface Catalog {
  categories: CatalogCategory[];
  kinds: CatalogKind[];
  props: Record<string, PropSpec>;
  edge_props: Record<string, PropSpec>;
  edge_kinds: EdgeKind[];
  roles?: Record<string, RoleSpec>;
  connection_defaults?: ConnectionDefault[];
}

export interface RuleInfo {
  id: string;
  severity: Severity;
  summary: string;
}

export const DEFAULT_NODE_WIDTH = 180;
export const DEFAULT_NODE_HEIGHT = 64;
export const ANNOTATION_KINDS = new Set(["note", "group"]);
