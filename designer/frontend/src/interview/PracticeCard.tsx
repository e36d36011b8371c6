// The problem card docked beside the canvas during a practice: the prompt, "Ask the interviewer" (facts revealed
// one at a time, applied to the Problem panel only on "Apply"), the timer over the 7 step boxes, hints per step,
// the comparison with the reference, and End (which opens the report).
import { useCallback, useEffect, useRef, useState } from "react";
import type { EditorConfig } from "../config";
import { useEditorStore } from "../store";
import type { Catalog, DesignDocument } from "../types";
import { advance, formatSeconds } from "./clock";
import type { CompareResult } from "./compare";
import { CompareView } from "./CompareView";
import { applyFactOp, factApplied, hintsFor, nextHintLabel, openQuestions, practiceApi, type Attempt } from "./practice";
import "./practice.css";

// Reveals arrive over the live session (interview.changed); this slow poll only backs that up.
const REFRESH_MS = 30_000;
const COLLAPSED_KEY = "mlsd.practice.collapsed";

function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const id = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(id);
  }, [active]);
  return now;
}

/** Load the attempt, re-read it whenever the live session says the interview changed; only the newest read lands. */
function useAttempt(config: EditorConfig) {
  const [attempt, setAttempt] = useState<Attempt | null>(null);
  const [receivedAt, setReceivedAt] = useState(() => Date.now());
  const [error, setError] = useState<string | null>(null);
  const reads = useRef(0);
  const accept = useCallback((a: Attempt) => {
    setAttempt(a);
    setReceivedAt(Date.now());
  }, []);
  useEffect(() => {
    let live = true;
    const load = () => {
      const ticket = ++reads.current;
      practiceApi
        .get(config)
        .then((a) => live && ticket === reads.current && accept(a))
        .catch((e: Error) => live && ticket === reads.current && setError(e.message));
    };
    load();
    const id = window.setInterval(load, REFRESH_MS);
    const unsubscribe = useEditorStore.subscribe((s, prev) => s.interviewSignal !== prev.interviewSignal && load());
    return () => {
      live = false;
      window.clearInterval(id);
      unsubscribe();
    };
  }, [config, accept]);
  /** Run an action; its answer outdates every read started before it. */
  const act = useCallback(
    (work: Promise<Attempt>) => {
      reads.current += 1;
      setError(null);
      return work.then(
        (a) => {
          accept(a);
          return a;
        },
        (e: Error) => {
          setError(e.message);
          return null;
        },
      );
    },
    [accept],
  );
  return { attempt, receivedAt, error, setError, act };
}

export function PracticeCard({ config, catalog, readOnly }: { config: EditorConfig; catalog: Catalog; readOnly: boolean }) {
  const { attempt, receivedAt, error, setError, act } = useAttempt(config);
  const problem = useEditorStore((s) => s.doc.problem);
  const [collapsed, setCollapsed] = useState(() => window.localStorage.getItem(COLLAPSED_KEY) === "1");
  const [busy, setBusy] = useState(false);
  const [confirmEnd, setConfirmEnd] = useState(false);
  // The comparison and the very document it compared (the canvas may change while the view is open).
  const [comparison, setComparison] = useState<{ result: CompareResult; doc: DesignDocument } | null>(null);
  const [comparing, setComparing] = useState(false);
  const running = Boolean(attempt && !attempt.ended_at && attempt.timer.running);
  const now = useNow(running);

  const toggle = () => {
    window.localStorage.setItem(COLLAPSED_KEY, collapsed ? "0" : "1");
    setCollapsed(!collapsed);
  };
  const run = (work: () => Promise<Attempt>) => {
    setBusy(true);
    return act(work()).finally(() => setBusy(false));
  };
  const compare = () => {
    setComparing(true);
    setError(null);
    const doc = useEditorStore.getState().doc;
    practiceApi
      .compare(config)
      .then((result) => setComparison({ result, doc }))
      .catch((e: Error) => setError(e.message))
      .finally(() => setComparing(false));
  };
  const end = () =>
    run(() => practiceApi.end(config)).then((a) => {
      setConfirmEnd(false);
      if (a) window.location.assign(a.report_url);
    });

  if (collapsed) {
    return (
      <aside className="pr-card collapsed" aria-label="Practice problem">
        <button type="button" className="tool pr-toggle" aria-expanded="false" onClick={toggle} title="Show the problem card">
          Problem ›
        </button>
      </aside>
    );
  }
  if (!attempt) {
    return (
      <aside className="pr-card" aria-label="Practice problem">
        {error ? <p className="field-error" role="alert">{error}</p> : <p className="loading">Loading the problem…</p>}
      </aside>
    );
  }

  const clock = advance(attempt.timer, now - receivedAt);
  const current = attempt.current_step;
  const questions = openQuestions(attempt);
  const ended = Boolean(attempt.ended_at);
  const canAct = !readOnly && !ended && !busy;

  return (
    <aside className="pr-card" aria-label="Practice problem">
      <header className="pr-head">
        <h2>{attempt.problem.title}</h2>
        <button type="button" className="tool pr-toggle" aria-expanded="true" onClick={toggle} title="Hide the problem card">
          ‹ Hide
        </button>
      </header>
      <div className="pr-scroll">
        <p className="pr-prompt" data-testid="practice-prompt">{attempt.problem.prompt}</p>

        <section className="pr-section" aria-labelledby="pr-ask">
          <h3 id="pr-ask">Ask the interviewer</h3>
          {attempt.asked.length ? (
            <ul className="pr-facts" aria-label="Facts revealed">
              {attempt.asked.map((fact) => {
                const applied = factApplied(problem, fact);
                const op = applyFactOp(problem, fact);
                return (
                  <li key={fact.id} data-fact={fact.id}>
                    <p className="pr-q">{fact.question}</p>
                    <p className="pr-a">{fact.answer}</p>
                    {fact.field ? (
                      applied ? (
                        <span className="pr-applied">✓ In the Problem panel</span>
                      ) : (
                        <button type="button" className="secondary" disabled={readOnly || !op} onClick={() => op && useEditorStore.getState().dispatch([op])}>
                          Apply to the Problem panel
                        </button>
                      )
                    ) : null}
                  </li>
                );
              })}
            </ul>
          ) : (
            <p className="hint">Ask about scale, latency, freshness, data and constraints before you draw.</p>
          )}
          {questions.length ? (
            <ul className="pr-questions" aria-label="Questions to ask">
              {questions.map((q) => (
                <li key={q.id}>
                  <button type="button" className="pr-ask" disabled={!canAct} onClick={() => void run(() => practiceApi.ask(config, q.id))}>
                    {q.question}
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p className="hint">Every question has been answered.</p>
          )}
        </section>

        <section className="pr-section" aria-labelledby="pr-time">
          <h3 id="pr-time">Time</h3>
          <div className="pr-clocks">
            <p className={clock.stepOverTime && !ended ? "pr-clock over" : "pr-clock"}>
              <span>{ended ? "Ended" : `Step ${current + 1}`}</span>
              <strong data-testid="practice-step-remaining">{formatSeconds(clock.stepRemaining)}</strong>
            </p>
            <p className={clock.overTime ? "pr-clock over" : "pr-clock"}>
              <span>Total left</span>
              <strong data-testid="practice-remaining">{formatSeconds(clock.remaining)}</strong>
            </p>
          </div>
          <ol className="pr-steps" aria-label="The 7 steps">
            {attempt.steps.map((step, i) => {
              const hints = hintsFor(attempt, step.id);
              const label = nextHintLabel(attempt, step.id);
              return (
                <li key={step.id} data-step={step.id} className={!ended && i === current ? "current" : i < current ? "done" : ""} aria-current={!ended && i === current ? "step" : undefined}>
                  <div className="pr-step-head">
                    {canAct && i !== current ? (
                      <button type="button" className="pr-step-go" title="Move the timer to this step" onClick={() => void run(() => practiceApi.step(config, step.id))}>
                        {step.number}. {step.title}
                      </button>
                    ) : (
                      <span>{step.number}. {step.title}</span>
                    )}
                    <span className="pr-box">{formatSeconds(step.box_s)}</span>
                    {label ? (
                      <button type="button" className="tool pr-hint-btn" disabled={!canAct} aria-label={`${label} for ${step.title}`} onClick={() => void run(() => practiceApi.hint(config, step.id))}>
                        {label}
                      </button>
                    ) : null}
                  </div>
                  {hints.length ? (
                    <ul className="pr-hints" aria-label={`Hints for ${step.title}`}>
                      {hints.map((h) => (
                        <li key={`${h.level}-${h.at}`} data-level={h.level}>
                          <small>{h.level === 1 ? "Nudge" : "Pointer"}</small> {h.text}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              );
            })}
          </ol>
        </section>
      </div>
      {error ? <p className="field-error" role="alert">{error}</p> : null}
      <footer className="pr-actions">
        <button type="button" className="secondary" disabled={comparing} onClick={compare} title="Shows the reference answer next to your design">
          {comparing ? "Comparing…" : "Compare with the reference"}
        </button>
        {ended ? (
          <a className="button" href={attempt.report_url}>Open the report</a>
        ) : readOnly ? null : confirmEnd ? (
          <span className="pr-confirm" role="group" aria-label="End the practice?">
            <button type="button" disabled={busy} onClick={() => void end()}>
              End and see the report
            </button>
            <button type="button" className="secondary" onClick={() => setConfirmEnd(false)}>
              Keep going
            </button>
          </span>
        ) : (
          <button type="button" onClick={() => setConfirmEnd(true)}>
            End
          </button>
        )}
      </footer>
      {comparison ? <CompareView result={comparison.result} candidate={comparison.doc} catalog={catalog} onClose={() => setComparison(null)} /> : null}
    </aside>
  );
}
