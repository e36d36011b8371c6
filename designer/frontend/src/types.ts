// The editor's types: the document and ops (generated from designer/format.py), the catalog, findings.

// The document, its parts and the op vocabulary are generated from designer/format.py (`make contracts`).
export type {
  DesignDocument,
  DesignEdge,
  DesignNode,
  EdgeField,
  Feature,
  FeatureCategory,
  FeatureType,
  FreshnessLevel,
  NodeField,
  Op,
  Problem,
  Props,
  PropValue,
  Settings,
  Severity,
  Signal,
  SignalKind,
  Task,
} from "./generated/document";
import type { Feature, Props, Severity } from "./generated/document";

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  fix: string;
  nodes: string[];
  edges: string[];
  path?: string[];
  /** Ids of the features / signals the finding is about (features rules, issue 16). */
  features?: string[];
  signals?: string[];
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
  /** Graphviz line style, used by the exports. */
  style: "solid" | "dashed" | "dotted" | "bold";
  /** SVG stroke-dasharray on the canvas (null: a solid line) and stroke width in px (the catalog always gives both). */
  dash?: string | null;
  width?: number;
  /** normal | vee | dot | empty | tee */
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
  /** Per ML task, the features the Features tab suggests (catalog data). */
  feature_suggestions?: Record<string, Array<Omit<Feature, "id" | "computed_by" | "served_by">>>;
}

export interface RuleInfo {
  id: string;
  severity: Severity;
  summary: string;
}

export const DEFAULT_NODE_WIDTH = 180;
export const DEFAULT_NODE_HEIGHT = 64;
export const ANNOTATION_KINDS = new Set(["note", "group"]);
