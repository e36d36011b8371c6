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
