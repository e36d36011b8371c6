// The Interview side panel: problem card, the 7 steps with prompts and time boxes, the timer, live rubric coverage.
import { useCallback, useEffect, useRef, useState } from "react";
import type { EditorConfig } from "../config";
import { useEditorStore } from "../store";
import type { DesignDocument } from "../types";
import { interviewApi, type Framework, type Interview, type Rubric } from "./api";
import { advance, formatSeconds } from "./clock";
import { Boundary } from "./Boundary";
import { InterviewerProblem } from "./InterviewerProblem";
import { useNow, useServerState } from "./live";
import { isPractice, practiceApi, type ProblemCard as BankCard } from "./practice";
import { fetchJson } from "../transport";
import "./interview.css";

// Edits arrive in bursts (typing, dragging); coverage is asked for once they settle.
const RUBRIC_DEBOUNCE_MS = 400;
const HIDDEN_KEY = "mlsd.interview.hidePrompts";
// Per-step scores, docs/interview.md: 1 no signal, 2 weak, 3 solid, 4 strong.
const SCORES = [1, 2, 3, 4];


/** The bank problem an interview is on: its interviewer gets the facts, hints and reference to reveal from. */
function ProblemChoice({ config, value, onChange }: { config: EditorConfig; value: string | null; onChange: (id: string) => void }) {
  const [problems, setProblems] = useState<Array<{ id: string; title: string }>>([]);
  useEffect(() => {
    let live = true;
    fetchJson<Array<{ id: string; title: string }>>(config, config.urls.problems)
      .then((list) => live && setProblems(list))
      .catch(() => undefined);
    if (isPractice(config)) practiceApi.get(config).then((a) => live && value === null && onChange(a.problem.id)).catch(() => undefined);
    return () => {
      live = false;
    };
    // Read once per page: the bank does not change while the editor is open.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [config]);
  if (!problems.length) return null;
  return (
    <label>
      Bank problem{" "}
      <select value={value ?? ""} onChange={(e) => onChange(e.target.value)}>
        <option value="">None (your own problem)</option>
        {problems.map((p) => (
          <option key={p.id} value={p.id}>
            {p.title}
          </option>
        ))}
      </select>
    </label>
  );
}

function ProblemCard({ doc, bank }: { doc: DesignDocument; bank?: BankCard | null }) {
  const p = doc.problem ?? {};
  const facts: Array<[string, string]> = [];
  if (p.task) facts.push(["Task", p.task]);
  if (p.latency_slo_ms) facts.push(["Latency SLO", `${p.latency_slo_ms} ms`]);
  if (p.peak_qps) facts.push(["Peak load", `${p.peak_qps.toLocaleString("en")} QPS`]);
  if (p.feature_freshness_s) facts.push(["Feature freshness", `${p.feature_freshness_s} s`]);
  return (
    <section className="iv-card" aria-label="Problem statement">
      <h3>{bank ? `Problem: ${bank.title}` : "Problem"}</h3>
      {bank ? <p className="iv-statement">{bank.prompt}</p> : p.statement ? <p className="iv-statement">{p.statement}</p> : <p className="hint">No problem statement yet: add one in the Problem tab.</p>}
      {facts.length ? (
        <dl className="iv-facts">
          {facts.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </section>
  );
}

export function InterviewPanel({ config }: { config: EditorConfig }) {
  const doc = useEditorStore((s) => s.doc);
  const version = useEditorStore((s) => s.version);
  const catalog = useEditorStore((s) => s.catalog);
  const [framework, setFramework] = useState<Framework | null>(null);
  const [rubric, setRubric] = useState<Rubric | null>(null);
  const [duration, setDuration] = useState(45);
  const [candidate, setCandidate] = useState("");
  const [interviewer, setInterviewer] = useState("");
  // The bank problem to interview on: null until chosen (a practice's own problem by default).
  const [problem, setProblem] = useState<string | null>(null);
  const [hidden, setHidden] = useState(() => window.localStorage.getItem(HIDDEN_KEY) === "1");
  const [notes, setNotes] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const rubricRequest = useRef(0);
  // The interview, re-read on every interview.changed (only the newest read lands; an action's answer outdates older reads).
  const loadLatest = useCallback(() => interviewApi.latest(config), [config]);
  const { value: latest, error, setError, act: settle } = useServerState<Interview | null>(loadLatest);
  const interview = latest?.data ?? null;
  const [openedAt] = useState(() => Date.now());
  const receivedAt = latest?.at ?? openedAt;
  // Share-link guests read the session through their token; of them, only the interviewer's link
  // has the report and replay pages (as interviewer accounts do).
  const guest = typeof config.shareToken === "string";
  const pages = { report: config.urls.report, replay: config.urls.replay };

  useEffect(() => {
    let live = true;
    interviewApi.framework(config).then((f) => live && setFramework(f)).catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [config, setError]);

  useEffect(() => {
    const ticket = ++rubricRequest.current;
    const id = window.setTimeout(() => {
      interviewApi
        .rubric(config, doc)
        .then((r) => ticket === rubricRequest.current && setRubric(r))
        .catch((e: Error) => ticket === rubricRequest.current && setError(e.message));
    }, RUBRIC_DEBOUNCE_MS);
    return () => window.clearTimeout(id);
  }, [config, doc, version, setError]);

  const running = Boolean(interview && !interview.ended_at);
  const now = useNow(running);
  const clock = interview ? advance(interview.timer, now - receivedAt) : null;
  const steps = interview?.steps ?? framework?.steps ?? [];
  const current = interview ? interview.current_step : -1;
  const isInterviewer = interview?.you_are === "interviewer";
  const act = (work: Promise<Interview>) => {
    setBusy(true);
    void settle(work).finally(() => setBusy(false));
  };
  const toggleHidden = () => {
    window.localStorage.setItem(HIDDEN_KEY, hidden ? "0" : "1");
    setHidden(!hidden);
  };
  const scoreOf = (id: string) => rubric?.steps.find((s) => s.id === id);

  return (
    <div className="iv-panel">
      <ProblemCard doc={doc} bank={interview?.problem} />
      <section className="iv-card" aria-label="Interview timer">
        {interview && clock ? (
          <>
            <p className="iv-step-now" role="status">
              {interview.ended_at ? "Interview finished" : `Step ${current + 1} of ${steps.length}: ${steps[current]?.title}`}
            </p>
            <div className="iv-clocks">
              <div className={clock.stepOverTime ? "iv-clock over" : "iv-clock"}>
                <span>This step</span>
                <strong data-testid="step-remaining">{formatSeconds(clock.stepRemaining)}</strong>
              </div>
              <div className={clock.overTime ? "iv-clock over" : "iv-clock"}>
                <span>Interview</span>
                <strong data-testid="total-remaining">{formatSeconds(clock.remaining)}</strong>
              </div>
            </div>
            {running && (interview.you_are === "interviewer" || interview.you_are === "candidate") ? (
              <div className="iv-actions">
                <button type="button" disabled={busy} onClick={() => act(interviewApi.next(config))}>
                  {current + 1 < steps.length ? "Next step" : "Finish interview"}
                </button>
                {isInterviewer && current + 1 < steps.length ? (
                  <button type="button" className="secondary" disabled={busy} onClick={() => act(interviewApi.end(config))}>
                    End interview now
                  </button>
                ) : null}
              </div>
            ) : null}
          </>
        ) : (
          <p className="hint">No interview running.</p>
        )}
        {config.role === "owner" && !running ? (
          <form
            className="iv-start"
            onSubmit={(e) => {
              e.preventDefault();
              act(interviewApi.start(config, duration, candidate.trim(), interviewer.trim(), problem ?? ""));
            }}
          >
            <label>
              Minutes{" "}
              <input type="number" min={5} max={240} value={duration} onChange={(e) => setDuration(Number(e.target.value))} />
            </label>
            <label>
              Candidate{" "}
              <input placeholder="username (optional)" value={candidate} onChange={(e) => setCandidate(e.target.value)} />
            </label>
            <label>
              Interviewer{" "}
              <input placeholder="default: interviewer link, else you" value={interviewer} onChange={(e) => setInterviewer(e.target.value)} />
            </label>
            <ProblemChoice config={config} value={problem} onChange={setProblem} />
            <button type="submit" disabled={busy}>
              Start interview
            </button>
          </form>
        ) : null}
        {!guest || isInterviewer ? (
          <p className="iv-links">
            <a href={pages.report}>Report</a> · <a href={pages.replay}>Replay</a>
          </p>
        ) : null}
      </section>
      {error ? <p className="field-error" role="alert">{error}</p> : null}
      {isInterviewer && catalog && typeof config.urls.interview_problem === "string" ? (
        <Boundary what="interviewer's problem">
          <InterviewerProblem config={config} catalog={catalog} steps={steps} />
        </Boundary>
      ) : null}
      <button type="button" className="secondary iv-hide" aria-expanded={!hidden} onClick={toggleHidden}>
        {hidden ? "Show steps and rubric" : "Hide steps and rubric"}
      </button>
      {!hidden ? (
        <>
          <section className="iv-card" aria-label="Rubric coverage">
            <h3>Rubric coverage</h3>
            <p data-testid="rubric-mean">
              {rubric ? `Mean ${rubric.mean.toFixed(2)}` + (rubric.weakest ? ` · weakest: ${rubric.weakest.number}. ${rubric.weakest.title}` : " · every step covered") : "Scoring…"}
            </p>
          </section>
          <ol className="iv-steps" aria-label="The 7 steps">
            {steps.map((step, i) => {
              const score = scoreOf(step.id);
              const weakest = rubric?.weakest?.id === step.id;
              return (
                <li key={step.id} className={[i === current ? "current" : "", weakest ? "weakest" : "", i < current ? "done" : ""].join(" ")} data-step={step.id}>
                  <div className="iv-step-head">
                    <strong>{step.number}. {step.title}</strong>
                    <span className="iv-box">{formatSeconds(step.box_s)}</span>
                  </div>
                  {score ? (
                    <div className="iv-score" aria-label={`Coverage ${score.score.toFixed(2)}`}>
                      <span className="iv-meter"><span style={{ width: `${Math.round(score.score * 100)}%` }} /></span>
                      <span data-testid={`score-${step.id}`}>{score.score.toFixed(2)}</span>
                    </div>
                  ) : null}
                  {i === current || (current < 0 && i === 0) ? (
                    <ul className="iv-prompts">
                      {step.prompts.map((prompt) => (
                        <li key={prompt}>{prompt}</li>
                      ))}
                    </ul>
                  ) : null}
                  {score && (i === current || weakest) ? (
                    <ul className="iv-missing">
                      {score.items.filter((item) => !item.met).map((item) => (
                        <li key={item.label} title={item.why}>✗ {item.label}</li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              );
            })}
          </ol>
        </>
      ) : null}
      {isInterviewer && interview ? (
        <section className="iv-card" aria-label="Interviewer notes">
          <h3>Private notes</h3>
          <p className="hint">{interview.shared ? "Shared with the candidate." : "Only you can see these until you share the report."}</p>
          <textarea
            aria-label="Private notes"
            value={notes ?? interview.review?.notes ?? ""}
            onChange={(e) => setNotes(e.target.value)}
            maxLength={10000}
            rows={5}
          />
          <button
            type="button"
            disabled={busy || notes === null}
            onClick={() => {
              if (notes !== null) act(interviewApi.saveReview(config, { notes }).finally(() => setNotes(null)));
            }}
          >
            Save notes
          </button>
          <div className="iv-review-scores" role="group" aria-label="Scores per step">
            {interview.steps.map((step) => (
              <label key={step.id}>
                {step.number}. {step.title}
                <select
                  aria-label={`Score for ${step.title}`}
                  disabled={busy}
                  value={interview.review?.scores[step.id] ?? ""}
                  onChange={(e) =>
                    act(interviewApi.saveReview(config, { scores: { [step.id]: e.target.value ? Number(e.target.value) : null } }))
                  }
                >
                  <option value="">–</option>
                  {SCORES.map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
          <button type="button" className={interview.shared ? "secondary" : undefined} disabled={busy} onClick={() => act(interviewApi.share(config, !interview.shared))}>
            {interview.shared ? "Make notes private again" : "Share notes and scores"}
          </button>
        </section>
      ) : null}
    </div>
  );
}
