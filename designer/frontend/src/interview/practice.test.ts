import { describe, expect, it } from "vitest";
import { applyFactOp, factApplied, hintsFor, isRevealed, nextHintLabel, openQuestions, seenOnCard, type AskedFact, type HintUsed, type Revealed } from "./practice";

const q = (id: string) => ({ id, topic: "scale", question: `${id}?` });
const fact = (id: string, field: AskedFact["field"], value: AskedFact["value"]): AskedFact => ({ ...q(id), answer: "…", field, value, at: "2026-01-01T10:00:00Z" });
const hint = (step: string, level: number): HintUsed => ({ step, level, text: `${step} ${level}`, at: `2026-01-01T10:0${level}:00Z` });

describe("openQuestions", () => {
  it("keeps the bank's order and leaves out what was asked", () => {
    const attempt = { problem: { questions: [q("qps"), q("slo"), q("data")] }, asked: [fact("slo", "latency_slo_ms", 200)] };
    expect(openQuestions(attempt).map((x) => x.id)).toEqual(["qps", "data"]);
  });
});

describe("hints", () => {
  const attempt = { hints: [hint("data", 2), hint("serving", 1), hint("data", 1)] };
  it("lists a step's hints nudge first", () => {
    expect(hintsFor(attempt, "data").map((h) => h.level)).toEqual([1, 2]);
  });
  it("offers a hint, then another, then none", () => {
    expect([nextHintLabel(attempt, "model"), nextHintLabel(attempt, "serving"), nextHintLabel(attempt, "data")]).toEqual(["Hint", "Another hint", null]);
  });
});

describe("applying a fact", () => {
  it("sets the fact's problem field", () => {
    expect(applyFactOp({ task: "ranking" }, fact("slo", "latency_slo_ms", 200))).toEqual({ op: "problem.update", set: { latency_slo_ms: 200 } });
    expect(applyFactOp(undefined, fact("m", "online_metrics", ["CTR"]))).toEqual({ op: "problem.update", set: { online_metrics: ["CTR"] } });
  });
  it("changes nothing for a fact without a field or one already applied", () => {
    expect(applyFactOp({}, fact("why", null, null))).toBeNull();
    expect(applyFactOp({ online_metrics: ["CTR"] }, fact("m", "online_metrics", ["CTR"]))).toBeNull();
  });
  it("says applied only when the design holds the fact's value", () => {
    expect([
      factApplied({ peak_qps: 5000 }, fact("qps", "peak_qps", 5000)),
      factApplied({ peak_qps: 4000 }, fact("qps", "peak_qps", 5000)),
      factApplied({}, fact("why", null, null)),
    ]).toEqual([true, false, false]);
  });
});

describe("the interviewer's reveals on the candidate's card", () => {
  const revealed: Revealed[] = [
    { kind: "fact", ...fact("qps", "peak_qps", 5000) },
    { kind: "hint", ...hint("data", 1) },
    { kind: "fact", ...fact("slo", "latency_slo_ms", 200) },
  ];
  it("adds what the interviewer revealed after what was asked, each once", () => {
    const seen = seenOnCard([fact("slo", "latency_slo_ms", 200)], [hint("data", 1)], revealed);
    expect(seen.facts.map((f) => f.id)).toEqual(["slo", "qps"]);
    expect(seen.hints.map((h) => [h.step, h.level])).toEqual([["data", 1]]);
    expect(seen.facts[1]).toEqual(fact("qps", "peak_qps", 5000));
  });
  it("knows which facts and hint levels the candidate has seen", () => {
    expect([isRevealed(revealed, { fact: "qps" }), isRevealed(revealed, { fact: "data" }), isRevealed(revealed, { hint: "data", level: 1 }), isRevealed(revealed, { hint: "data", level: 2 })]).toEqual([true, false, true, false]);
  });
});
