import { describe, expect, it } from "vitest";
import { coverageText, itemsByStep, PAIR_COLOURS, pairColours, selectionFor, type Comparison, type CompareItem } from "./compare";

const pair = (reference: string, candidate: string) => ({
  id: `pair:${reference}`, reference, candidate, reference_label: reference, candidate_label: candidate,
  role: "ranker", candidate_role: "ranker", step: "serving", score: 1, why: "matched by role ranker",
});
const item = (id: string, step: string, reference: string[], candidate: string[], edges: string[] = []): CompareItem => ({
  id, kind: "missing_component", step, message: id, reference: { nodes: reference, edges }, candidate: { nodes: candidate, edges: [] },
});

const comparison: Comparison = {
  coverage: 0.5,
  pairs: [pair("r1", "c9"), pair("r2", "c3")],
  steps: [
    { id: "clarify", number: 1, title: "Clarify", coverage: null, covered: 0, total: 0, items: [] },
    { id: "serving", number: 6, title: "Serving", coverage: 0.25, covered: 1, total: 4, items: ["b", "a"] },
  ],
  items: [item("a", "serving", ["r5"], []), item("b", "serving", [], ["c3"]), item("stray", "model", [], [])],
};

describe("pairColours", () => {
  it("gives both ends of a pair the same colour and each pair its own", () => {
    const { reference, candidate } = pairColours(comparison);
    expect([reference.get("r1"), candidate.get("c9"), reference.get("r2"), candidate.get("c3")]).toEqual([PAIR_COLOURS[0], PAIR_COLOURS[0], PAIR_COLOURS[1], PAIR_COLOURS[1]]);
    expect([reference.has("c9"), candidate.has("r1")]).toEqual([false, false]);
  });

  it("cycles through the palette past its end", () => {
    const many = { pairs: Array.from({ length: PAIR_COLOURS.length + 1 }, (_, i) => pair(`r${i}`, `c${i}`)) };
    expect(pairColours(many).candidate.get(`c${PAIR_COLOURS.length}`)).toBe(PAIR_COLOURS[0]);
  });
});

describe("itemsByStep", () => {
  it("lists each step's items in the server's order and drops ids it does not know", () => {
    expect(itemsByStep(comparison).map(({ step, items }) => [step.id, items.map((i) => i.id)])).toEqual([
      ["clarify", []],
      ["serving", ["b", "a"]],
    ]);
  });
});

describe("coverageText", () => {
  it("rounds to a percentage and shows a dash for a step with nothing to check", () => {
    expect([coverageText(0.8333), coverageText(1), coverageText(0), coverageText(null)]).toEqual(["83%", "100%", "0%", "—"]);
  });
});

describe("selectionFor", () => {
  it("selects a pair on both diagrams", () => {
    expect(selectionFor(comparison, comparison.pairs[0])).toEqual({ reference: { nodes: ["r1"], edges: [] }, candidate: { nodes: ["c9"], edges: [] } });
  });

  it("adds the matched counterpart of a component the item names on one side only", () => {
    expect(selectionFor(comparison, item("x", "serving", ["r2"], [], ["e1"]))).toEqual({ reference: { nodes: ["r2"], edges: ["e1"] }, candidate: { nodes: ["c3"], edges: [] } });
    expect(selectionFor(comparison, item("y", "serving", [], ["c9"]))).toEqual({ reference: { nodes: ["r1"], edges: [] }, candidate: { nodes: ["c9"], edges: [] } });
  });

  it("selects nothing on the candidate's side for a component only the reference has", () => {
    expect(selectionFor(comparison, comparison.items[0])).toEqual({ reference: { nodes: ["r5"], edges: [] }, candidate: { nodes: [], edges: [] } });
  });
});
