// The problem card docked beside the canvas, in a practice and in an interview on a bank problem: the prompt,
// "Ask the interviewer" (facts revealed one at a time, applied to the Problem panel only on "Apply"), the timer
// over the 7 step boxes, hints per step; in a practice also the comparison with the reference and End (→ report).
// What an interviewer reveals lands here at once (interview.revealed bumps the store's interview signal).
import { useCallback, useRef, useState } from "react";
import type { EditorConfig } from "../config";
import { useEditorStore } from "../store";
import type { Catalog, DesignDocument } from "../types";
import { interviewApi, type Interview } from "./api";
import { advance, formatSeconds } from "./clock";
import type { CompareResult } from "./compare";
import { CompareView } from "./CompareView";
import { useNow, useServerState } from "./live";
import { applyFactOp, factApplied, hintsFor, isPractice, nextHintLabel, openQuestions, practiceApi, seenOnCard, type Attempt } from "./practice";
import "./practice.css";

const COLLAPSED_KEY = "mlsd.practice.collapsed";

export function PracticeCard({ config, catalog, readOnly }: { config: EditorConfig; catalog: Catalog; readOnly: boolean }) {
  const practice = isPractice(config);
  const loadAttempt = useCallback(() => practiceApi.get(config), [config]);
  const loadInterview = useCallback(() => interviewApi.latest(config), [config]);
  const attemptState = useServerState<Attempt>(practice ? loadAttempt : null);
  const interviewState = useServerState<Interview | null>(loadInterview);
  const problem = useEditorStore((s) => s.doc.problem);
  const [collapsed, setCollapsed] = useState(() => window.localStorage.getItem(COLLAPSED_KEY) === "1");
  const [busy, setBusy] = useState(false);
  const [confirmEnd, setConfirmEnd] = useState(false);
  // The comparison and the very document it compared (the canvas may change while the view is open).
  const [comparison, setComparison] = useState<{ result: CompareResult; doc: DesignDocument } | null>(null);
  const [comparing, setComparing] = useState(false);
  // The Compare button is disabled while the comparison loads, so focus is put back on it by hand.
  const compareButton = useRef<HTMLButtonElement>(null);

  const attempt = attemptState.value?.data ?? null;
  const interview = interviewState.value?.data ?? null;
  // An interview on a bank problem shows the card to everyone but its interviewer (who has the private panel).
  const onProblem = interview?.problem && interview.you_are !== "interviewer" ? interview : null;
  const source = attempt ? { timer: attempt.timer, at: attemptState.value!.at } : onProblem ? { timer: onProblem.timer, at: interviewState.value!.at } : null;
  const now = useNow(Boolean(source?.timer.running));
  const error = attemptState.error;

  if (!practice && !onProblem) return null;
  const toggle = () => {
    window.localStorage.setItem(COLLAPSED_KEY, collapsed ? "0" : "1");
    setCollapsed(!collapsed);
  };
  if (collapsed) {
    return (
      <aside className="pr-card collapsed" aria-label="Problem card">
        <button type="button" className="tool pr-toggle" aria-expanded="false" onClick={toggle} title="Show the problem card">
          Problem ›
        </button>
      </aside>
    );
  }
  const card = attempt?.problem ?? onProblem?.problem;
  if (!card || !source) {
    return (
      <aside className="pr-card" aria-label="Problem card">
        {error ? <p className="field-error" role="alert">{error}</p> : <p className="loading">Loading the problem…</p>}
      </aside>
    );
  }

  const run = (work: () => Promise<Attempt>) => {
    setBusy(true);
    return attemptState.act(work()).finally(() => setBusy(false));
  };
  const compare = () => {
    setComparing(true);
    attemptState.setError(null);
    const doc = useEditorStore.getState().doc;
    practiceApi
      .compare(config)
      .then((result) => setComparison({ result, doc }))
      .catch((e: Error) => attemptState.setError(e.message))
      .finally(() => setComparing(false));
  };
  const end = () =>
    run(() => practiceApi.end(config)).then((a) => {
      setConfirmEnd(false);
      if (a) window.location.assign(a.report_url);
    });

  const seen = seenOnCard(attempt?.asked ?? [], attempt?.hints ?? [], onProblem?.revealed ?? []);
  const steps = attempt?.steps ?? onProblem?.steps ?? [];
  const current = attempt ? attempt.current_step : (onProblem?.current_step ?? 0);
  const ended = Boolean(attempt ? attempt.ended_at : onProblem?.ended_at);
  const clock = advance(source.timer, now - source.at);
  const canAct = Boolean(attempt) && !readOnly && !ended && !busy;
  const questions = attempt ? openQuestions({ problem: card, asked: seen.facts }) : [];
  const withHints = { hints: seen.hints };
  // Screen readers hear the interviewer's newest reveal as it lands (the card itself changes silently).
  const newest = onProblem?.revealed?.[onProblem.revealed.length - 1];
  const stepTitle = (id: string) => steps.find((st) => st.id === id)?.title ?? id;
  const announcement = !newest ? "" : newest.kind === "fact" ? `The interviewer told you: ${newest.question} ${newest.answer}` : `The interviewer gave a hint for ${stepTitle(newest.step)}: ${newest.text}`;

  return (
    <aside className="pr-card" aria-label="Problem card">
      <header className="pr-head">
        <h2>{card.title}</h2>
        <button type="button" className="tool pr-toggle" aria-expanded="true" onClick={toggle} title="Hide the problem card">
          ‹ Hide
        </button>
      </header>
      <p className="sr-only" role="status">
        {announcement}
      </p>
      <div className="pr-scroll">
        <p className="pr-prompt" data-testid="practice-prompt">{card.prompt}</p>

        <section className="pr-section" aria-labelledby="pr-ask">
          <h3 id="pr-ask">{attempt ? "Ask the interviewer" : "What the interviewer told you"}</h3>
          {seen.facts.length ? (
            <ul className="pr-facts" aria-label="Facts revealed">
              {seen.facts.map((fact) => {
                const op = applyFactOp(problem, fact);
                return (
                  <li key={fact.id} data-fact={fact.id}>
                    <p className="pr-q">{fact.question}</p>
                    <p className="pr-a">{fact.answer}</p>
                    {fact.field ? (
                      factApplied(problem, fact) ? (
                        <span className="pr-applied">✓ In the Problem panel</span>
                      ) : readOnly ? null : (
                        <button type="button" className="secondary" disabled={!op} aria-label={`Apply to the Problem panel: ${fact.question}`} onClick={() => op && useEditorStore.getState().dispatch([op])}>
                          Apply to the Problem panel
                        </button>
                      )
                    ) : null}
                  </li>
                );
              })}
            </ul>
          ) : (
            <p className="hint">{attempt ? "Ask about scale, latency, freshness, data and constraints before you draw." : "Ask your interviewer; what they reveal appears here."}</p>
          )}
          {attempt ? (
            questions.length ? (
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
            )
          ) : null}
        </section>

        <section className="pr-section" aria-labelledby="pr-time">
          <h3 id="pr-time">Time</h3>
          <div className="pr-clocks">
            <p className={clock.stepOverTime && !ended ? "pr-clock over" : "pr-clock"}>
              <span>{ended ? "Ended" : `Step ${current + 1} of ${steps.length}`}</span>
              <strong data-testid="practice-step-remaining">{formatSeconds(clock.stepRemaining)}</strong>
            </p>
            <p className={clock.overTime ? "pr-clock over" : "pr-clock"}>
              <span>Total left</span>
              <strong data-testid="practice-remaining">{formatSeconds(clock.remaining)}</strong>
            </p>
          </div>
          {canAct && current + 1 < steps.length ? (
            <button type="button" className="secondary pr-next" onClick={() => void run(() => practiceApi.step(config, steps[current + 1].id))}>
              Next step: {steps[current + 1].title}
            </button>
          ) : null}
          <ol className="pr-steps" aria-label="The 7 steps">
            {steps.map((step, i) => {
              const hints = hintsFor(withHints, step.id);
              const label = attempt ? nextHintLabel(withHints, step.id) : null;
              const here = !ended && i === current;
              return (
                <li key={step.id} data-step={step.id} className={here ? "current" : i < current ? "done" : ""} aria-current={here ? "step" : undefined}>
                  <div className="pr-step-head">
                    {canAct && !here ? (
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
                        <li key={h.level} data-level={h.level}>
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
      {attempt ? (
        <footer className="pr-actions">
          <button type="button" ref={compareButton} className="secondary" disabled={comparing} onClick={compare} title="Shows the reference answer next to your design">
            {comparing ? "Comparing…" : "Compare with the reference"}
          </button>
          {ended ? (
            <a className="button" href={attempt.report_url}>
              Open the report
            </a>
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
      ) : null}
      {comparison ? (
        <CompareView
          result={comparison.result}
          candidate={comparison.doc}
          catalog={catalog}
          onClose={() => setComparison(null)}
          // The button was disabled while the comparison loaded, so it did not have the focus when the dialog opened.
          returnFocus={() => compareButton.current}
        />
      ) : null}
    </aside>
  );
}
