// The Findings panel: the validator's review grouped by severity; a click selects and zooms to what it names.
import { useEditorStore } from "../store";
import type { Finding, Severity } from "../types";

const ORDER: Array<{ severity: Severity; title: string }> = [
  { severity: "error", title: "Errors" },
  { severity: "warning", title: "Warnings" },
  { severity: "info", title: "Suggestions" },
];

export function FindingsPanel({ rulesUrl }: { rulesUrl: string }) {
  const findings = useEditorStore((s) => s.findings);
  const validating = useEditorStore((s) => s.validating);
  const error = useEditorStore((s) => s.validationError);
  const rules = useEditorStore((s) => s.rules);
  const show = (f: Finding) => {
    const state = useEditorStore.getState();
    state.select(f.nodes, f.edges);
    state.focusSelection();
  };
  return (
    <div className="findings" aria-busy={validating}>
      <p className="findings-status" role="status">
        {error ? `Could not review the design: ${error}` : findings.length ? `${findings.length} ${findings.length === 1 ? "finding" : "findings"}` : "No findings: the reviewer has nothing to flag."}
      </p>
      {ORDER.map(({ severity, title }) => {
        const group = findings.filter((f) => f.severity === severity);
        if (!group.length) return null;
        return (
          <section key={severity} aria-label={title}>
            <h3 className={`sev-title sev-${severity}`}>
              {title} <span className="count">{group.length}</span>
            </h3>
            <ul>
              {group.map((f, i) => (
                <li key={`${f.rule}-${i}`} className={`finding sev-${severity}`} data-rule={f.rule}>
                  <button type="button" className="finding-main" onClick={() => show(f)} aria-label={`Show ${f.rule}: ${f.message}`}>
                    <span className="finding-rule">{f.rule}</span>
                    {rules[f.rule] ? <span className="finding-summary">{rules[f.rule].summary}</span> : null}
                    <span className="finding-message">{f.message}</span>
                    {f.fix ? <span className="finding-fix">Fix: {f.fix}</span> : null}
                  </button>
                  <a className="finding-doc" href={`${rulesUrl}${encodeURIComponent(f.rule)}/`} target="_blank" rel="noopener">
                    Rule docs
                  </a>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
