// The interview-mode API (designer/interview/api.py) as typed calls; one module so the panel stays about display.
import type { EditorConfig } from "../config";
import { fetchJson } from "../transport";
import type { DesignDocument } from "../types";
import type { ProblemCard, Revealed } from "./practice";

export type RubricItem = { label: string; met: boolean; score: number; why: string };
export type RubricStep = { id: string; number: number; title: string; score: number; items: RubricItem[] };
export type Rubric = { steps: RubricStep[]; mean: number; weakest: Omit<RubricStep, "items"> | null };

export type Step = { id: string; number: number; title: string; minutes: number; prompts: string[]; box_s: number };
export type Timer = {
  running: boolean;
  now: string;
  elapsed_s: number;
  remaining_s: number;
  step_elapsed_s: number;
  step_remaining_s: number;
  over_time: boolean;
  step_over_time: boolean;
};
export type Interview = {
  id: number;
  interviewer: string;
  candidate: string | null;
  interviewer_link: number | null;
  you_are: "interviewer" | "candidate" | "owner" | "guest";
  duration_s: number;
  steps: Step[];
  current_step: number;
  started_at: string;
  ended_at: string | null;
  timer: Timer;
  shared: boolean;
  review?: { notes: string; scores: Record<string, number> };
  /** The bank problem the interview is on (its card), or null; and what the interviewer has revealed of it. */
  problem?: ProblemCard | null;
  revealed?: Revealed[];
};
export type Framework = { duration_s: number; steps: Step[] };

const call = <T>(config: EditorConfig, method: string, url: string, body?: unknown): Promise<T> =>
  fetchJson<T>(config, url, { method, body: body === undefined ? undefined : JSON.stringify(body) });

export type Review = { notes?: string; scores?: Record<string, number | null> };

/**
 * Every URL comes from the page config (built with reverse() on the server): a share-link guest's
 * carry the token in their path (the server never trusts a guest's cookies), and the writes act on
 * the design's latest interview.
 */
export const interviewApi = {
  framework: (config: EditorConfig) => call<Framework>(config, "GET", config.urls.framework),
  latest: (config: EditorConfig) =>
    call<{ interview: Interview | null }>(config, "GET", config.urls.interview).then((r) => r.interview),
  start: (config: EditorConfig, durationMin: number, candidate: string, interviewer: string, problem = "") =>
    call<{ interview: Interview }>(config, "POST", config.urls.interview, { duration_min: durationMin, candidate, interviewer, ...(problem ? { problem } : {}) })
      .then((r) => r.interview),
  next: (config: EditorConfig) =>
    call<{ interview: Interview }>(config, "POST", config.urls.interview_next, {}).then((r) => r.interview),
  end: (config: EditorConfig) =>
    call<{ interview: Interview }>(config, "POST", config.urls.interview_end, {}).then((r) => r.interview),
  saveReview: (config: EditorConfig, review: Review) =>
    call<{ interview: Interview }>(config, "PATCH", config.urls.interview_review, review).then((r) => r.interview),
  share: (config: EditorConfig, shared: boolean) =>
    call<{ interview: Interview }>(config, shared ? "POST" : "DELETE", config.urls.interview_share, {})
      .then((r) => r.interview),
  rubric: (config: EditorConfig, doc: DesignDocument) =>
    call<{ rubric: Rubric }>(config, "POST", config.urls.rubric, doc).then((r) => r.rubric),
};
