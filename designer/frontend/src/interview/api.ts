// The interview-mode API (designer/interview/api.py) as typed calls; one module so the panel stays about display.
import type { EditorConfig } from "../config";
import { fetchJson } from "../transport";
import type { DesignDocument } from "../types";

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
};
export type Framework = { duration_s: number; steps: Step[] };

const call = <T>(config: EditorConfig, method: string, url: string, body?: unknown): Promise<T> =>
  fetchJson<T>(config, url, { method, body: body === undefined ? undefined : JSON.stringify(body) });

export type Review = { notes?: string; scores?: Record<string, number | null> };

/**
 * Where the panel reads and writes a session. A share-link guest goes through the token in the
 * path (the server never trusts a guest's cookies), and always acts on the design's latest interview.
 */
export function interviewUrls(config: Pick<EditorConfig, "designId"> & { shareToken?: unknown }, id?: number) {
  if (typeof config.shareToken === "string") {
    const base = `/api/s/${encodeURIComponent(config.shareToken)}/interview/`;
    return { latest: base, next: `${base}next/`, end: `${base}end/`, review: `${base}review/`, share: `${base}share/` };
  }
  return {
    latest: `/api/designs/${config.designId}/interview/`,
    next: `/api/interviews/${id}/next/`,
    end: `/api/interviews/${id}/end/`,
    review: `/api/interviews/${id}/review/`,
    share: `/api/interviews/${id}/share/`,
  };
}

/** The report and replay pages: the design's for an account, the token's for a share-link guest. */
export function reportPages(config: Pick<EditorConfig, "designId"> & { shareToken?: unknown }) {
  if (typeof config.shareToken === "string") {
    const base = `/s/${encodeURIComponent(config.shareToken)}/`;
    return { report: `${base}report/`, replay: `${base}replay/` };
  }
  return { report: `/designs/${config.designId}/report/`, replay: `/designs/${config.designId}/replay/` };
}

export const interviewApi = {
  framework: (config: EditorConfig) => call<Framework>(config, "GET", "/api/interview/framework/"),
  latest: (config: EditorConfig) =>
    call<{ interview: Interview | null }>(config, "GET", interviewUrls(config).latest).then((r) => r.interview),
  start: (config: EditorConfig, durationMin: number, candidate: string, interviewer: string) =>
    call<{ interview: Interview }>(config, "POST", `/api/designs/${config.designId}/interview/`, { duration_min: durationMin, candidate, interviewer })
      .then((r) => r.interview),
  next: (config: EditorConfig, id: number) =>
    call<{ interview: Interview }>(config, "POST", interviewUrls(config, id).next, {}).then((r) => r.interview),
  end: (config: EditorConfig, id: number) =>
    call<{ interview: Interview }>(config, "POST", interviewUrls(config, id).end, {}).then((r) => r.interview),
  saveReview: (config: EditorConfig, id: number, review: Review) =>
    call<{ interview: Interview }>(config, "PATCH", interviewUrls(config, id).review, review).then((r) => r.interview),
  share: (config: EditorConfig, id: number, shared: boolean) =>
    call<{ interview: Interview }>(config, shared ? "POST" : "DELETE", interviewUrls(config, id).share, {})
      .then((r) => r.interview),
  rubric: (config: EditorConfig, doc: DesignDocument) =>
    call<{ rubric: Rubric }>(config, "POST", "/api/rubric/", doc).then((r) => r.rubric),
};
