// The comparison with a problem's reference (designer/interview/compare.py's output) and the pure logic the
// comparison view draws from it: a colour per matched pair, the items of each step, what an item selects.
import type { DesignDocument } from "../types";

export type CompareSide = { nodes: string[]; edges: string[] };
export type CompareItemKind =
  | "fact"
  | "missing_component"
  | "different_role"
  | "not_shared"
  | "missing_connection"
  | "connection_kind"
  | "connection_direction"
  | "extra_component"
  | "extra_connection"
  | "missing_feature_category"
  | "feature_freshness";
export type CompareItem = { id: string; kind: CompareItemKind; step: string; message: string; reference: CompareSide; candidate: CompareSide };
export type ComparePair = {
  id: string;
  reference: string;
  candidate: string;
  reference_label: string;
  candidate_label: string;
  role: string;
  candidate_role: string;
  step: string;
  score: number;
  why: string;
};
export type CompareStep = { id: string; number: number; title: string; coverage: number | null; covered: number; total: number; items: string[] };
export type Comparison = {
  problem?: { id: string; title: string };
  coverage: number;
  steps: CompareStep[];
  pairs: ComparePair[];
  items: CompareItem[];
};
/** What the compare endpoint answers: the comparison and the reference it was made against. */
export type CompareResult = { comparison: Comparison; reference: DesignDocument };

/** Twelve distinguishable hues (from Tableau's palettes, without the red and amber that mark missing and extra parts). */
export const PAIR_COLOURS = ["#1f77b4", "#2ca02c", "#9467bd", "#17becf", "#e377c2", "#8c564b", "#393b79", "#637939", "#bcbd22", "#7f7f7f", "#0f766e", "#a21caf"];

/** Each matched pair's colour, keyed by node id on each side: the same colour for both ends of a pair. */
export function pairColours(comparison: Pick<Comparison, "pairs">): { reference: Map<string, string>; candidate: Map<string, string> } {
  const reference = new Map<string, string>();
  const candidate = new Map<string, string>();
  comparison.pairs.forEach((pair, i) => {
    const colour = PAIR_COLOURS[i % PAIR_COLOURS.length];
    reference.set(pair.reference, colour);
    candidate.set(pair.candidate, colour);
  });
  return { reference, candidate };
}

/** Words for an item's kind, as the list's small label says it. */
export const KIND_WORDS: Record<CompareItemKind, string> = {
  fact: "Fact set differently",
  missing_component: "Missing",
  different_role: "Different role",
  not_shared: "Not shared",
  missing_connection: "Missing connection",
  connection_kind: "Connection of another kind",
  connection_direction: "Connection reversed",
  extra_component: "Extra",
  extra_connection: "Extra connection",
  missing_feature_category: "Missing features",
  feature_freshness: "Feature freshness",
};

/** The steps in order, each with its items (the server lists each step's item ids in order). */
export function itemsByStep(comparison: Comparison): Array<{ step: CompareStep; items: CompareItem[] }> {
  const byId = new Map(comparison.items.map((item) => [item.id, item]));
  return comparison.steps.map((step) => ({ step, items: step.items.map((id) => byId.get(id)).filter((i): i is CompareItem => i !== undefined) }));
}

/** "83%" for a coverage, "—" for a step the reference has nothing to check in. */
export function coverageText(coverage: number | null): string {
  return coverage === null ? "—" : `${Math.round(coverage * 100)}%`;
}

/**
 * What clicking an item (or a pair) selects on each diagram: the item's own ids, plus, for an item that names
 * only one side's component, its matched counterpart on the other side (so both diagrams show where it is).
 */
export function selectionFor(comparison: Pick<Comparison, "pairs">, target: CompareItem | ComparePair): { reference: CompareSide; candidate: CompareSide } {
  if ("why" in target) return { reference: { nodes: [target.reference], edges: [] }, candidate: { nodes: [target.candidate], edges: [] } };
  const toCandidate = new Map(comparison.pairs.map((p) => [p.reference, p.candidate]));
  const toReference = new Map(comparison.pairs.map((p) => [p.candidate, p.reference]));
  const unique = (ids: string[]) => [...new Set(ids)];
  const candidateNodes = unique([...target.candidate.nodes, ...target.reference.nodes.map((n) => toCandidate.get(n)).filter((n): n is string => n !== undefined)]);
  const referenceNodes = unique([...target.reference.nodes, ...target.candidate.nodes.map((n) => toReference.get(n)).filter((n): n is string => n !== undefined)]);
  return {
    reference: { nodes: referenceNodes, edges: [...target.reference.edges] },
    candidate: { nodes: candidateNodes, edges: [...target.candidate.edges] },
  };
}
