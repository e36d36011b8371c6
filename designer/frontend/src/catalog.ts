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

/** SVG stroke-dasharray and width of a catalog edge kind: the catalog's data, as the canvas draws it. */
export function edgeStroke(kind: Pick<EdgeKind, "dash" | "width"> | undefined): { dash?: string; width: number } {
  return { dash: kind?.dash ?? undefined, width: kind?.width ?? 2 };
}
