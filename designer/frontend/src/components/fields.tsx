// Form inputs that commit on Enter or blur (one op per edit, not per keystroke).
import { useId, useState } from "react";
import type { PropSpec, PropValue } from "../types";
import { LABEL_CHARS } from "../generated/limits";

export function TextField({ label, value, onCommit, multiline = false, maxLength = LABEL_CHARS, placeholder, disabled }: {
  label: string;
  value: string;
  onCommit: (value: string) => void;
  multiline?: boolean;
  maxLength?: number;
  placeholder?: string;
  disabled?: boolean;
}) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  // A new value from the document (another editor, undo) replaces the draft, adjusted while rendering.
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    setDraft(value);
  }
  const commit = () => {
    if (draft !== value) onCommit(draft);
  };
  const common = {
    id,
    value: draft,
    maxLength,
    placeholder,
    disabled,
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setDraft(e.target.value),
    onBlur: commit,
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea {...common} rows={4} />
      ) : (
        <input
          {...common}
          onKeyDown={(e) => {
            if (e.key === "Enter") commit();
            if (e.key === "Escape") setDraft(value);
          }}
        />
      )}
    </div>
  );
}

/** A typed catalog prop: number/integer with unit and the catalog default as placeholder, boolean, or enum. */
export function PropField({ name, spec, value, fallback, onCommit, disabled }: {
  name: string;
  spec: PropSpec;
  value: PropValue | undefined;
  fallback: PropValue | undefined;
  onCommit: (name: string, value: PropValue | undefined) => void;
  disabled?: boolean;
}) {
  const id = useId();
  const label = spec.unit ? `${spec.label} (${spec.unit})` : spec.label;
  const [draft, setDraft] = useState(value === undefined || value === null ? "" : String(value));
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    setDraft(value === undefined || value === null ? "" : String(value));
    setError(null);
  }

  if (spec.type === "boolean") {
    const effective = (value ?? fallback ?? false) as boolean;
    return (
      <div className="field check" title={spec.help}>
        <input id={id} type="checkbox" checked={effective} disabled={disabled} onChange={(e) => onCommit(name, e.target.checked)} />
        <label htmlFor={id}>{label}</label>
      </div>
    );
  }
  if (spec.type === "enum") {
    return (
      <div className="field" title={spec.help}>
        <label htmlFor={id}>{label}</label>
        <select id={id} value={value === undefined || value === null ? "" : String(value)} disabled={disabled} onChange={(e) => onCommit(name, e.target.value || undefined)}>
          <option value="">{fallback !== undefined ? `Default (${String(fallback)})` : "Not set"}</option>
          {spec.choices?.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </div>
    );
  }
  const commit = () => {
    const text = draft.trim();
    if (text === (value === undefined || value === null ? "" : String(value))) return;
    if (!text) {
      setError(null);
      onCommit(name, undefined);
      return;
    }
    const number = Number(text);
    if (!Number.isFinite(number)) return setError("Enter a number");
    if (spec.type === "integer" && !Number.isInteger(number)) return setError("Enter a whole number");
    if (spec.min !== undefined && number < spec.min) return setError(`At least ${spec.min}`);
    setError(null);
    onCommit(name, number);
  };
  return (
    <div className="field" title={spec.help}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        min={spec.min}
        step={spec.type === "integer" ? 1 : "any"}
        placeholder={fallback !== undefined && fallback !== null ? `${fallback} (default)` : ""}
        value={draft}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === "Enter") commit();
        }}
      />
      {error ? (
        <span className="field-error" id={`${id}-error`} role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
