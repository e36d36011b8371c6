// Lookups over the catalog served by GET /api/catalog/ (built once per catalog object).
import type { Catalog, CatalogCategory, CatalogKind, EdgeKind } from "./types";

export interface CatalogIndex {
  kinds: Map<string, CatalogKind>;
  categories: Map<string, CatalogCategory>;
  edgeKinds: Map<string, EdgeKind>;
}

const cache = new WeakMap<Catalog, CatalogIndex>();

export function indexCatalog(catalog: Catalog): CatalogIndex {
  let index = cache.get(catalog);
  if (!index) {
    index = {
      kinds: new Map(catalog.kinds.map((k) => [k.id, k])),
      categories: new Map(catalog.categories.map((c) => [c.id, c])),
      edgeKinds: new Map(catalog.edge_kinds.map((k) => [k.id, k])),
    };
    cache.set(catalog, index);
  }
  return index;
}

/** SVG stroke-dasharray and width for a catalog edge style (solid | dashed | dotted | bold). */
export function edgeStroke(style: EdgeKind["style"]): { dash?: string; width: number } {
  if (style === "dashed") return { dash: "8 5", width: 2 };
  if (style === "dotted") return { dash: "2 4", width: 2.2 };
  if (style === "bold") return { width: 3.5 };
  return { width: 2 };
}

/** The kind a new connection from `sourceKind` to `targetKind` gets: the catalog's first matching role rule, else the first edge kind. */
export function defaultEdgeKind(catalog: Catalog, sourceKind: string | undefined, targetKind: string | undefined): string {
  const index = indexCatalog(catalog);
  const from = sourceKind ? index.kinds.get(sourceKind)?.role : undefined;
  const to = targetKind ? index.kinds.get(targetKind)?.role : undefined;
  for (const rule of catalog.connection_defaults ?? []) {
    if (!index.edgeKinds.has(rule.kind)) continue;
    if (rule.source && !(from && rule.source.includes(from))) continue;
    if (rule.target && !(to && rule.target.includes(to))) continue;
    return rule.kind;
  }
  return catalog.edge_kinds[0]?.id ?? "request";
}

/** The standard props that apply to a kind's role (catalog roles), in catalog order; every non-canvas prop when the role declares none. */
export function roleProps(catalog: Catalog, kindId: string): string[] {
  const role = indexCatalog(catalog).kinds.get(kindId)?.role;
  const declared = role ? catalog.roles?.[role]?.props : undefined;
  return Object.keys(catalog.props).filter((name) => (declared ? declared.includes(name) : catalog.props[name].scope !== "canvas"));
}
