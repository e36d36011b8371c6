// The interviewer's private view of a bank problem during an interview: the prompt, the facts to reveal when
// asked, the two hints per step, the reference's write-up and the live comparison; a reveal shows on the
// candidate's problem card at once (the server broadcasts it).
import { useEffect, useRef, useState } from "react";
import type { EditorConfig } from "../config";
import { useEditorStore } from "../store";
import type { Catalog } from "../types";
import { coverageText } from "./compare";
import { CompareView } from "./CompareView";
import { interviewerApi, isRevealed, type InterviewerProblem as Private } from "./practice";
import "./practice.css";

// The comparison follows the candidate's edits once they settle.
const COMPARE_DEBOUNCE_MS = 800;

export function InterviewerProblem({ config, catalog }: { config: EditorConfig; catalog: Catalog }) {
  const doc = useEditorStore((s) => s.doc);
  const version = useEditorStore((s) => s.version);
  const signal = useEditorStore((s) => s.interviewSignal);
  const [data, setData] = useState<Private | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState(false);
  const reads = useRef(0);

  // Re-read on each saved version (the comparison is of the saved design) and on each interview change.
  useEffect(() => {
    const ticket = ++reads.current;
    const id = window.setTimeout(() => {
      interviewerApi
        .problem(config)
        .then((d) => ticket === reads.current && setData(d))
        .catch((e: Error) => ticket === reads.current && setError(e.message));
    }, COMPARE_DEBOUNCE_MS);
    return () => window.clearTimeout(id);
  }, [config, version, signal]);

  if (!data) return error ? <p className="field-error" role="alert">{error}</p> : null;
  const reveal = (body: { fact: string } | { hint: string; level: number }) => {
    reads.current += 1;
    setBusy(true);
    setError(null);
    interviewerApi
      .reveal(config, body)
      .then(setData)
      .catch((e: Error) => setError(e.message))
      .finally(() => setBusy(false));
  };
  const { problem } = data;

  return (
    <section className="iv-card pr-private" aria-labelledby="pr-private-title">
      <h3 id="pr-private-title">Problem: {problem.title} (only you see this)</h3>
      <p className="pr-prompt">{problem.prompt}</p>

      <h3>Facts to reveal when asked</h3>
      <ul className="pr-facts" aria-label="Facts to reveal">
        {problem.facts.map((fact) => {
          const shown = isRevealed(data, { fact: fact.id });
          return (
            <li key={fact.id} className={shown ? "revealed" : ""} data-fact={fact.id}>
              <p className="pr-q">{fact.question}</p>
              <p className="pr-a">{fact.answer}</p>
              {shown ? (
                <span className="pr-applied">✓ The candidate sees this</span>
              ) : (
                <button type="button" className="secondary" disabled={busy} aria-label={`Reveal: ${fact.question}`} onClick={() => reveal({ fact: fact.id })}>
                  Reveal
                </button>
              )}
            </li>
          );
        })}
      </ul>

      <h3>Hints</h3>
      <ol className="pr-steps" aria-label="Hints to reveal">
        {data.steps.map((step) => {
          const hint = problem.hints[step.id];
          if (!hint) return null;
          return (
            <li key={step.id} data-step={step.id}>
              <div className="pr-step-head">
                <span>{step.number}. {step.title}</span>
              </div>
              <ul className="pr-hints">
                {([1, 2] as const).map((level) => {
                  const shown = isRevealed(data, { hint: step.id, level });
                  return (
                    <li key={level} data-level={level}>
                      <small>{level === 1 ? "Nudge" : "Pointer"}</small> {level === 1 ? hint.nudge : hint.pointer}{" "}
                      {shown ? (
                        <span className="pr-applied">✓ shown</span>
                      ) : (
                        <button type="button" className="tool pr-hint-btn" disabled={busy} aria-label={`Reveal the ${level === 1 ? "nudge" : "pointer"} for ${step.title}`} onClick={() => reveal({ hint: step.id, level })}>
                          Reveal
                        </button>
                      )}
                    </li>
                  );
                })}
              </ul>
            </li>
          );
        })}
      </ol>

      <h3>The reference</h3>
      <p className="pr-writeup">{problem.writeup.summary}</p>
      <div className="pr-reveal-row">
        <span data-testid="interviewer-coverage">Candidate's coverage {coverageText(data.comparison.coverage)}</span>
        <button type="button" className="secondary" onClick={() => setOpen(true)}>
          Open the live comparison
        </button>
      </div>
      {error ? <p className="field-error" role="alert">{error}</p> : null}
      {open ? <CompareView title="Live comparison (private)" result={data} candidate={doc} catalog={catalog} onClose={() => setOpen(false)} /> : null}
    </section>
  );
}
