// Lookups over the catalog served by GET /api/catalog/ (built once per catalog object).
import type { Catalog, CatalogCategory, CatalogKind, EdgeKind } from "./types";

export interface CatalogIndex {
  kinds: Map<string, CatalogKind>;
  categories: Map<string, CatalogCategory>;
  edgeKinds: Map<string, EdgeKind>;
  catalog: Catalog;
}

const cache = new WeakMap<Catalog, CatalogIndex>();

export function indexCatalog(catalog: Catalog): CatalogIndex {
  let index = cache.get(catalog);
  if (!index) {
    index = {
      kinds: new Map(catalog.kinds.map((k) => [k.id, k])),
      categories: new Map(catalog.categories.map((c) => [c.id, c])),
      edgeKinds: new Map(catalog.edge_kinds.map((k) => [k.id, k])),
      catalog,
    };
    cache.set(catalog, index);
  }
  return index;
}

/** SVG stroke-dasharray and width of a catalog edge kind: the catalog's data, as the canvas draws it. */
export function edgeStroke(kind: Pick<EdgeKind, "dash" | "width"> | undefined): { dash?: string; width: number } {
  return { dash: kind?.dash ?? undefined, width: kind?.width ?? 2 };
}

/** One end of a new connection: a kind id, or a node (a custom component plays its own `role`). */
export type ConnectionEnd = string | { kind: string; role?: string } | undefined;

/** The role an end plays: a custom component's own role, else its kind's. */
export function roleOf(catalog: Catalog, end: ConnectionEnd): string | undefined {
  if (end === undefined) return undefined;
  if (typeof end === "string") return indexCatalog(catalog).kinds.get(end)?.role;
  return end.role ?? indexCatalog(catalog).kinds.get(end.kind)?.role;
}

/** The kind a new connection from `source` to `target` gets: the catalog's first matching role rule, else the first edge kind. */
export function defaultEdgeKind(catalog: Catalog, source: ConnectionEnd, target: ConnectionEnd): string {
  const index = indexCatalog(catalog);
  const from = roleOf(catalog, source);
  const to = roleOf(catalog, target);
  for (const rule of catalog.connection_defaults ?? []) {
    if (!index.edgeKinds.has(rule.kind)) continue;
    if (rule.source && !(from && rule.source.includes(from))) continue;
    if (rule.target && !(to && rule.target.includes(to))) continue;
    return rule.kind;
  }
  return catalog.edge_kinds[0]?.id ?? "request";
}

/** The standard props that apply to a kind's role (catalog roles), in catalog order; every non-canvas prop when the role declares none. */
export function roleProps(catalog: Catalog, kindId: string, ownRole?: string): string[] {
  const role = ownRole ?? indexCatalog(catalog).kinds.get(kindId)?.role;
  const declared = role ? catalog.roles?.[role]?.props : undefined;
  return Object.keys(catalog.props).filter((name) => (declared ? declared.includes(name) : catalog.props[name].scope !== "canvas"));
}

/** Drawing aids (the format's annotations): not part of the system; connections never start or end at them. */
export const ANNOTATION_KINDS: ReadonlySet<string> = new Set(["note", "group", "text", "frame"]);
/** The kind whose node names the catalog role it plays (its `role` field). */
export const CUSTOM_KIND = "custom";

/** The roles a custom component may play (every component role of the catalog), with the name of the first kind that plays each. */
export function customRoles(catalog: Catalog): Array<{ role: string; label: string }> {
  const seen = new Map<string, string>();
  for (const kind of catalog.kinds) {
    if (ANNOTATION_KINDS.has(kind.id) || kind.id === CUSTOM_KIND || seen.has(kind.role)) continue;
    seen.set(kind.role, kind.label);
  }
  return [...seen].map(([role, label]) => ({ role, label })).sort((a, b) => a.label.localeCompare(b.label));
}

/** The icons a node may show: those the catalog's kinds use. */
export function catalogIcons(catalog: Catalog): string[] {
  return [...new Set(catalog.kinds.map((k) => k.icon))].sort();
}

/** What a custom component's card says it is: "Custom · <the role's kind name>" (or the kind's label without a role). */
export function customKindLabel(catalog: Catalog, role: string | undefined): string {
  const played = role ? customRoles(catalog).find((r) => r.role === role) : undefined;
  return played ? `Custom · ${played.label}` : "Custom component";
}
