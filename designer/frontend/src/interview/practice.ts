// The practice API (designer/interview's attempts and compare endpoints) as typed calls, and the pure logic of the
// problem card: which questions are still open, what applying a fact changes, the next hint of a step.
import type { EditorConfig } from "../config";
import { fetchJson } from "../transport";
import type { DesignDocument, Op, Problem } from "../types";
import type { Timer } from "./api";
import type { Comparison, CompareResult } from "./compare";

export type Question = { id: string; topic: string; question: string };
/** A fact the candidate asked for (or the interviewer revealed): its answer and what it sets in the Problem panel. */
export type AskedFact = Question & { answer: string; field: keyof Problem | null; value: number | string[] | null; at: string };
export type HintUsed = { step: string; level: number; text: string; at: string };
export type PracticeStep = { id: string; number: number; title: string; minutes: number; prompts: string[]; box_s: number };
/** The problem as the candidate sees it: no answers, no hints, no reference. */
export type ProblemCard = { id: string; title: string; summary: string; task: string; prompt: string; questions: Question[] };
export type Attempt = {
  design: number;
  problem: ProblemCard;
  editor_url: string;
  report_url: string;
  started_at: string;
  ended_at: string | null;
  duration_s: number;
  steps: PracticeStep[];
  current_step: number;
  timer: Timer;
  /** Facts revealed so far, in the order they were revealed. */
  asked: AskedFact[];
  /** Hints used so far, in the order they were used. */
  hints: HintUsed[];
  compared_at: string | null;
};

/** Hint levels per step: a nudge, then a concrete pointer. */
export const HINT_LEVELS = 2;

const call = <T>(config: EditorConfig, method: string, url: string, body?: unknown): Promise<T> =>
  fetchJson<T>(config, url, { method, body: body === undefined ? undefined : JSON.stringify(body) });
const practice = (r: { practice: Attempt }) => r.practice;

/** True when the page is a practice: the server put the practice URLs in the page config. */
export const isPractice = (config: EditorConfig) => typeof config.urls.practice === "string";

/** Every URL comes from the page config (reverse() on the server). */
export const practiceApi = {
  get: (config: EditorConfig) => call<{ practice: Attempt }>(config, "GET", config.urls.practice).then(practice),
  ask: (config: EditorConfig, fact: string) => call<{ practice: Attempt }>(config, "POST", config.urls.practice_ask, { fact }).then(practice),
  hint: (config: EditorConfig, step: string) => call<{ practice: Attempt }>(config, "POST", config.urls.practice_hint, { step }).then(practice),
  step: (config: EditorConfig, step: string) => call<{ practice: Attempt }>(config, "POST", config.urls.practice_step, { step }).then(practice),
  end: (config: EditorConfig) => call<{ practice: Attempt }>(config, "POST", config.urls.practice_end, {}).then(practice),
  compare: (config: EditorConfig) => call<CompareResult>(config, "GET", config.urls.practice_compare),
};

/** The questions not asked yet, in the bank's order. */
export function openQuestions(a: Pick<Attempt, "asked"> & { problem: Pick<ProblemCard, "questions"> }): Question[] {
  const asked = new Set(a.asked.map((f) => f.id));
  return a.problem.questions.filter((q) => !asked.has(q.id));
}

/** The hints of one step revealed so far, lowest level first. */
export function hintsFor(a: Pick<Attempt, "hints">, step: string): HintUsed[] {
  return a.hints.filter((h) => h.step === step).sort((x, y) => x.level - y.level);
}

/** What the Hint button of a step says: the next level's name, or null when every level is out. */
export function nextHintLabel(a: Pick<Attempt, "hints">, step: string): string | null {
  const used = new Set(hintsFor(a, step).map((h) => h.level)).size;
  if (used >= HINT_LEVELS) return null;
  return used === 0 ? "Hint" : "Another hint";
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The op that fills the Problem panel from a fact, or null when the fact sets no field or the design already has it. */
export function applyFactOp(problem: Problem | undefined, fact: Pick<AskedFact, "field" | "value">): Op | null {
  if (!fact.field || fact.value === null || fact.value === undefined) return null;
  if (same((problem ?? {})[fact.field], fact.value)) return null;
  return { op: "problem.update", set: { [fact.field]: fact.value } } as Op;
}

/** "Applied" when the design's problem already says what the fact says. */
export function factApplied(problem: Problem | undefined, fact: Pick<AskedFact, "field" | "value">): boolean {
  return Boolean(fact.field) && same((problem ?? {})[fact.field as keyof Problem], fact.value);
}


/** A bank problem as its interviewer sees it: every fact with its answer, both hints of every step, the write-up, the reference. */
export type FullProblem = ProblemCard & {
  facts: Array<Question & { answer: string; field: keyof Problem | null; value: number | string[] | null }>;
  hints: Array<{ step: string; nudge: string; pointer: string }>;
  writeup: { summary: string; choices: Array<{ step: string; choice: string; tradeoff: string }> };
};
/** What the interviewer revealed (the websocket's interview.revealed carries the same). */
export type Revealed = (AskedFact & { kind: "fact" }) | (HintUsed & { kind: "hint" });
/** GET interview/problem: the interviewer's private view (the problem, the live comparison); others get the card and what was revealed. */
export type InterviewProblemView =
  | { you_are: "interviewer"; problem: FullProblem; revealed: Revealed[]; comparison: Comparison; reference: DesignDocument; version: number }
  | { you_are: string; problem: ProblemCard; revealed: Revealed[] };
export type Reveal = { fact: string } | { hint: string; level: number };

export const interviewerApi = {
  problem: (config: EditorConfig) => call<InterviewProblemView>(config, "GET", config.urls.interview_problem),
  reveal: (config: EditorConfig, body: Reveal) => call<{ reveal: Revealed; revealed: Revealed[] }>(config, "POST", config.urls.interview_reveal, body),
};

/** True once the candidate has seen this fact or this hint level. */
export function isRevealed(revealed: Revealed[], what: Reveal): boolean {
  if ("fact" in what) return revealed.some((r) => r.kind === "fact" && r.id === what.fact);
  return revealed.some((r) => r.kind === "hint" && r.step === what.hint && r.level === what.level);
}

/** What the candidate's card shows: the facts asked and the hints used, with the interviewer's reveals added (each once). */
export function seenOnCard(asked: AskedFact[], hints: HintUsed[], revealed: Revealed[]): { facts: AskedFact[]; hints: HintUsed[] } {
  const facts = [...asked];
  const used = [...hints];
  for (const r of revealed) {
    if (r.kind === "fact") {
      if (!facts.some((f) => f.id === r.id)) facts.push({ id: r.id, topic: r.topic, question: r.question, answer: r.answer, field: r.field, value: r.value, at: r.at });
    } else if (!used.some((h) => h.step === r.step && h.level === r.level)) {
      used.push({ step: r.step, level: r.level, text: r.text, at: r.at });
    }
  }
  return { facts, hints: used };
}
