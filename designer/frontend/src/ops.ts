// Pure op application mirroring designer/ops.py, plus the inverse ops that undo uses.
import type { DesignDocument, DesignEdge, DesignNode, Feature, NodeField, Op, Props, Signal } from "./types";

// Every settable node field (the generated NodeField): a field missing here would be dropped from updates.
const NODE_FIELD_SET: Record<NodeField, true> = { label: true, x: true, y: true, width: true, height: true, parent: true, text: true, kind: true, role: true, icon: true };
const NODE_FIELDS = Object.keys(NODE_FIELD_SET);
const EDGE_FIELDS = ["label", "kind", "source", "target"];
const FEATURE_FIELDS = ["name", "category", "type", "freshness", "computed_by", "served_by"];
const SIGNAL_FIELDS = ["name", "kind", "is_label", "source"];
/** The fields of features and signals that name a component: cleared when it is removed (as designer/ops.py does). */
const ENTRY_REFS = { features: ["computed_by", "served_by"], signals: ["source"] } as const;
type EntryKey = keyof typeof ENTRY_REFS;
type Entry = Feature | Signal;

/** feature.* and signal.* on one list: add at index (else the end), update, remove, move to index. */
function applyEntryOp(list: Entry[], op: Op, fields: string[]): Entry[] {
  const { op: kind } = op;
  const action = kind.split(".")[1];
  if (action === "add") {
    const item = (op as { feature?: Feature; signal?: Signal }).feature ?? (op as { signal: Signal }).signal;
    if (list.some((e) => e.id === item.id)) throw new OpError(`id "${item.id}" is already in use`);
    const index = Math.min((op as { index?: number }).index ?? list.length, list.length);
    const out = list.slice();
    out.splice(index, 0, structuredClone(item));
    return out;
  }
  const id = (op as { id: string }).id;
  const i = list.findIndex((e) => e.id === id);
  if (i < 0) return list;
  const out = list.slice();
  if (action === "update") {
    const item = structuredClone(list[i]) as unknown as Item;
    updateItem(item, op as never, fields);
    out[i] = item as unknown as Entry;
  } else if (action === "remove") {
    out.splice(i, 1);
  } else {
    const [entry] = out.splice(i, 1);
    out.splice(Math.min((op as { index: number }).index, out.length), 0, entry);
  }
  return out;
}

/** Refuse a feature or signal naming a node that is not there (the server refuses the document it makes). */
function danglingRefs(op: Op, nodes: DesignNode[]): void {
  const fields = op.op === "feature.add" ? op.feature : op.op === "signal.add" ? op.signal : op.op === "feature.update" || op.op === "signal.update" ? (op.set ?? {}) : {};
  for (const ref of ["computed_by", "served_by", "source"]) {
    const value = (fields as Record<string, unknown>)[ref];
    if (typeof value === "string" && !nodes.some((n) => n.id === value)) throw new OpError(`no node "${value}"`);
  }
}

/** Features and signals without their references to a removed node. */
function withoutRefs(doc: DesignDocument, gone: string): Pick<DesignDocument, EntryKey> {
  const out: Pick<DesignDocument, EntryKey> = {};
  for (const key of Object.keys(ENTRY_REFS) as EntryKey[]) {
    const list = doc[key] as Entry[] | undefined;
    if (!list) continue;
    out[key] = list.map((entry) => {
      const refs = ENTRY_REFS[key].filter((ref) => (entry as Record<string, unknown>)[ref] === gone);
      if (!refs.length) return entry;
      const copy = { ...entry } as Record<string, unknown>;
      for (const ref of refs) delete copy[ref];
      return copy as unknown as Entry;
    }) as never;
  }
  return out;
}

export class OpError extends Error {}

type Item = { [key: string]: unknown; props?: Props };

function updateItem(item: Item, op: { set?: Record<string, unknown>; props?: Props; unset?: string[] }, fields: string[] | null): void {
  for (const [key, value] of Object.entries(op.set ?? {})) {
    if (fields && !fields.includes(key)) throw new OpError(`${key} cannot be changed`);
    if (value === null || value === undefined) delete item[key];
    else item[key] = value;
  }
  const props = op.props ?? {};
  const unset = op.unset ?? [];
  if (Object.keys(props).length || unset.length) {
    const merged: Props = { ...(item.props ?? {}), ...props };
    for (const name of unset) delete merged[name];
    item.props = merged;
  }
}

/** Apply ops to a document without mutating it; shares untouched nodes and edges (cheap re-renders). */
export function applyOps(doc: DesignDocument, ops: Op[]): DesignDocument {
  let nodes = doc.nodes;
  let edges = doc.edges;
  let result: DesignDocument = doc;
  for (const op of ops) {
    switch (op.op) {
      case "node.add":
        if (nodes.some((n) => n.id === op.node.id)) throw new OpError(`id "${op.node.id}" is already in use`);
        nodes = [...nodes, structuredClone(op.node)];
        break;
      case "edge.add":
        if (edges.some((e) => e.id === op.edge.id)) throw new OpError(`id "${op.edge.id}" is already in use`);
        // The server refuses a document with a dangling edge; refusing the op here keeps the local view valid.
        if (!nodes.some((n) => n.id === op.edge.source) || !nodes.some((n) => n.id === op.edge.target)) throw new OpError("an edge joins two existing nodes");
        edges = [...edges, structuredClone(op.edge)];
        break;
      case "node.update": {
        const i = nodes.findIndex((n) => n.id === op.id);
        if (i < 0) break;
        const item = structuredClone(nodes[i]) as unknown as Item;
        updateItem(item, op as never, NODE_FIELDS);
        nodes = nodes.slice();
        nodes[i] = item as unknown as DesignNode;
        break;
      }
      case "edge.update": {
        const i = edges.findIndex((e) => e.id === op.id);
        if (i < 0) break;
        const item = structuredClone(edges[i]) as unknown as Item;
        updateItem(item, op as never, EDGE_FIELDS);
        edges = edges.slice();
        edges[i] = item as unknown as DesignEdge;
        break;
      }
      case "node.remove": {
        if (!nodes.some((n) => n.id === op.id)) break;
        nodes = nodes
          .filter((n) => n.id !== op.id)
          .map((n) => {
            if (n.parent !== op.id) return n;
            const copy = { ...n };
            delete copy.parent;
            return copy;
          });
        edges = edges.filter((e) => e.source !== op.id && e.target !== op.id);
        result = { ...result, ...withoutRefs(result, op.id) };
        break;
      }
      case "feature.add":
      case "feature.update":
      case "feature.remove":
      case "feature.move":
        danglingRefs(op, nodes);
        result = { ...result, features: applyEntryOp(result.features ?? [], op, FEATURE_FIELDS) as Feature[] };
        break;
      case "signal.add":
      case "signal.update":
      case "signal.remove":
      case "signal.move":
        danglingRefs(op, nodes);
        result = { ...result, signals: applyEntryOp(result.signals ?? [], op, SIGNAL_FIELDS) as Signal[] };
        break;
      case "edge.remove":
        edges = edges.filter((e) => e.id !== op.id);
        break;
      case "problem.update": {
        const problem = structuredClone(result.problem ?? {}) as Item;
        updateItem(problem, op as never, null);
        result = { ...result, problem: problem as DesignDocument["problem"] };
        break;
      }
      case "title.set":
        result = { ...result, title: op.title };
        break;
      case "settings.update": {
        const settings = structuredClone(result.settings ?? {}) as Item;
        updateItem(settings, op as never, null);
        result = { ...result, settings: settings as DesignDocument["settings"] };
        break;
      }
      case "document.replace":
        result = structuredClone(op.document);
        nodes = result.nodes;
        edges = result.edges;
        break;
    }
  }
  return { ...result, nodes, edges };
}

function restoreFields(before: Item, set: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(set ?? {})) out[key] = before[key] ?? null;
  return out;
}

function restoreProps(before: Item, op: { props?: Props; unset?: string[] }): { props: Props; unset: string[] } {
  const props: Props = {};
  const unset: string[] = [];
  for (const name of [...Object.keys(op.props ?? {}), ...(op.unset ?? [])]) {
    const old = before.props?.[name];
    if (old === undefined) unset.push(name);
    else props[name] = old;
  }
  return { props, unset };
}

/** The ops that undo `op` when applied to the document that results from applying it to `doc`. */
export function inverseOp(doc: DesignDocument, op: Op): Op[] {
  switch (op.op) {
    case "node.add":
      return [{ op: "node.remove", id: op.node.id }];
    case "edge.add":
      return [{ op: "edge.remove", id: op.edge.id }];
    case "node.update": {
      const before = doc.nodes.find((n) => n.id === op.id);
      if (!before) return [];
      return [{ op: "node.update", id: op.id, set: restoreFields(before as unknown as Item, op.set), ...restoreProps(before as unknown as Item, op) }];
    }
    case "edge.update": {
      const before = doc.edges.find((e) => e.id === op.id);
      if (!before) return [];
      return [{ op: "edge.update", id: op.id, set: restoreFields(before as unknown as Item, op.set), ...restoreProps(before as unknown as Item, op) }];
    }
    case "node.remove": {
      const node = doc.nodes.find((n) => n.id === op.id);
      if (!node) return [];
      // Removing a node also removes its edges and un-parents its children: restore all three.
      const edges = doc.edges.filter((e) => e.source === op.id || e.target === op.id);
      const children = doc.nodes.filter((n) => n.parent === op.id);
      const refs = (key: EntryKey) =>
        ((doc[key] ?? []) as Entry[]).flatMap((entry): Op[] => {
          const set = Object.fromEntries(ENTRY_REFS[key].filter((ref) => (entry as Record<string, unknown>)[ref] === op.id).map((ref) => [ref, op.id]));
          if (!Object.keys(set).length) return [];
          return [key === "features" ? { op: "feature.update", id: entry.id, set } : { op: "signal.update", id: entry.id, set }];
        });
      return [
        { op: "node.add", node: structuredClone(node) },
        ...edges.map((edge): Op => ({ op: "edge.add", edge: structuredClone(edge) })),
        ...children.map((child): Op => ({ op: "node.update", id: child.id, set: { parent: op.id } })),
        ...refs("features"),
        ...refs("signals"),
      ];
    }
    case "feature.add":
      return [{ op: "feature.remove", id: op.feature.id }];
    case "signal.add":
      return [{ op: "signal.remove", id: op.signal.id }];
    case "feature.update":
    case "signal.update": {
      const list = ((op.op === "feature.update" ? doc.features : doc.signals) ?? []) as Entry[];
      const before = list.find((e) => e.id === op.id);
      if (!before) return [];
      const set = restoreFields(before as unknown as Item, op.set);
      return [op.op === "feature.update" ? { op: "feature.update", id: op.id, set } : { op: "signal.update", id: op.id, set }];
    }
    case "feature.remove":
    case "feature.move": {
      const list = doc.features ?? [];
      const index = list.findIndex((e) => e.id === op.id);
      if (index < 0) return [];
      return op.op === "feature.remove" ? [{ op: "feature.add", feature: structuredClone(list[index]), index }] : [{ op: "feature.move", id: op.id, index }];
    }
    case "signal.remove":
    case "signal.move": {
      const list = doc.signals ?? [];
      const index = list.findIndex((e) => e.id === op.id);
      if (index < 0) return [];
      return op.op === "signal.remove" ? [{ op: "signal.add", signal: structuredClone(list[index]), index }] : [{ op: "signal.move", id: op.id, index }];
    }
    case "edge.remove": {
      const edge = doc.edges.find((e) => e.id === op.id);
      return edge ? [{ op: "edge.add", edge: structuredClone(edge) }] : [];
    }
    case "problem.update":
      return [{ op: "problem.update", set: restoreFields((doc.problem ?? {}) as Item, op.set) }];
    case "title.set":
      return [{ op: "title.set", title: doc.title ?? "" }];
    case "settings.update":
      return [{ op: "settings.update", set: restoreFields((doc.settings ?? {}) as Item, op.set) }];
    case "document.replace":
      return [{ op: "document.replace", document: structuredClone(doc) }];
  }
}

/** Apply a batch and compute its inverse (to be applied in order) at the same time. */
export function applyWithInverse(doc: DesignDocument, ops: Op[]): { doc: DesignDocument; inverse: Op[] } {
  let current = doc;
  const inverse: Op[] = [];
  for (const op of ops) {
    inverse.unshift(...inverseOp(current, op));
    current = applyOps(current, [op]);
  }
  return { doc: current, inverse };
}

/** Apply ops one at a time, skipping any that no longer fit (rebasing local edits on remote ones). */
export function applyOpsTolerant(doc: DesignDocument, ops: Op[]): DesignDocument {
  let current = doc;
  for (const op of ops) {
    try {
      current = applyOps(current, [op]);
    } catch (error) {
      if (!(error instanceof OpError)) throw error;
    }
  }
  return current;
}

/** Drop ops that cannot apply to `doc` (an add whose id is taken, an edge whose end is gone), keeping the rest. */
export function fitOps(doc: DesignDocument, ops: Op[]): Op[] {
  const kept: Op[] = [];
  let current = doc;
  for (const op of ops) {
    if (op.op === "edge.add") {
      const ids = new Set(current.nodes.map((n) => n.id));
      if (!ids.has(op.edge.source) || !ids.has(op.edge.target)) continue;
    }
    if (op.op === "node.update" && typeof op.set?.parent === "string" && !current.nodes.some((n) => n.id === op.set?.parent)) continue;
    try {
      current = applyOps(current, [op]);
      kept.push(op);
    } catch (error) {
      if (!(error instanceof OpError)) throw error;
    }
  }
  return kept;
}

/** A new, empty document (the same shape as designer.document.blank_document). */
export function blankDocument(title = "Untitled design"): DesignDocument {
  return { format: "mlsd-design/1", title, problem: {}, nodes: [], edges: [], settings: { disabled_rules: [], severity: {} } };
}
