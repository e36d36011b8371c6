// The interviewer's private view of a bank problem during an interview: the prompt, the facts to reveal when
// asked, the two hints per step, the reference's write-up and the live comparison; a reveal shows on the
// candidate's problem card at once (the server sends interview.revealed to the room).
import { useEffect, useRef, useState } from "react";
import type { EditorConfig } from "../config";
import { useEditorStore } from "../store";
import type { Catalog } from "../types";
import type { Step } from "./api";
import { coverageText } from "./compare";
import { CompareView } from "./CompareView";
import { interviewerApi, isRevealed, type FullProblem, type InterviewProblemView, type Reveal, type Revealed } from "./practice";
import "./practice.css";

// The comparison follows the candidate's edits once they settle.
const COMPARE_DEBOUNCE_MS = 800;

type Private = Extract<InterviewProblemView, { you_are: "interviewer" }>;
const isPrivate = (view: InterviewProblemView): view is Private => view.you_are === "interviewer" && "facts" in view.problem;

export function InterviewerProblem({ config, catalog, steps: stepList }: { config: EditorConfig; catalog: Catalog; steps: Step[] }) {
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
        .then((view) => ticket === reads.current && setData(isPrivate(view) ? view : null))
        .catch((e: Error) => ticket === reads.current && setError(e.message));
    }, COMPARE_DEBOUNCE_MS);
    return () => window.clearTimeout(id);
  }, [config, version, signal]);

  if (!data) return error ? <p className="field-error" role="alert">{error}</p> : null;
  const reveal = (body: Reveal) => {
    setBusy(true);
    setError(null);
    interviewerApi
      .reveal(config, body)
      .then((r) => setData((d) => (d ? { ...d, revealed: r.revealed } : d)))
      .catch((e: Error) => setError(e.message))
      .finally(() => setBusy(false));
  };
  const problem: FullProblem = data.problem;
  const revealed: Revealed[] = data.revealed;
  const steps = new Map(stepList.map((s) => [s.id, s]));

  return (
    <section className="iv-card pr-private" aria-labelledby="pr-private-title">
      <h3 id="pr-private-title">{problem.title}: only you see this</h3>
      <p className="pr-prompt">{problem.prompt}</p>

      <h3>Facts to reveal when asked</h3>
      <ul className="pr-facts" aria-label="Facts to reveal">
        {problem.facts.map((fact) => {
          const shown = isRevealed(revealed, { fact: fact.id });
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
        {problem.hints.map((hint) => {
          const step = steps.get(hint.step);
          const title = step?.title ?? hint.step;
          return (
            <li key={hint.step} data-step={hint.step}>
              <div className="pr-step-head">
                <span>{step ? `${step.number}. ` : ""}{title}</span>
              </div>
              <ul className="pr-hints">
                {([1, 2] as const).map((level) => {
                  const shown = isRevealed(revealed, { hint: hint.step, level });
                  const name = level === 1 ? "nudge" : "pointer";
                  return (
                    <li key={level} data-level={level}>
                      <small>{level === 1 ? "Nudge" : "Pointer"}</small> {level === 1 ? hint.nudge : hint.pointer}{" "}
                      {shown ? (
                        <span className="pr-applied">✓ shown</span>
                      ) : (
                        <button type="button" className="tool pr-hint-btn" disabled={busy} aria-label={`Reveal the ${name} for ${title}`} onClick={() => reveal({ hint: hint.step, level })}>
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
      <details className="pr-writeup">
        <summary>Its key choices ({problem.writeup.choices.length})</summary>
        <ul>
          {problem.writeup.choices.map((c) => (
            <li key={c.choice}>
              {c.choice} <em>Trade-off:</em> {c.tradeoff}
            </li>
          ))}
        </ul>
      </details>
      <div className="pr-reveal-row">
        <span data-testid="interviewer-coverage">Candidate's coverage: {coverageText(data.comparison.coverage)}</span>
        <button type="button" className="secondary" onClick={() => setOpen(true)}>
          Open the live comparison
        </button>
      </div>
      {error ? <p className="field-error" role="alert">{error}</p> : null}
      {open ? (
        <CompareView title="Live comparison (private)" result={{ comparison: data.comparison, reference: data.reference }} candidate={doc} catalog={catalog} onClose={() => setOpen(false)} />
      ) : null}
    </section>
  );
}
