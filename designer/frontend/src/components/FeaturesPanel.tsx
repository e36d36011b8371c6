// The Features tab (issue 16): the model's inputs by category and freshness, tied to the components that compute
// and serve them, and the signals that become labels. Every change is an op through the store (undoable, shared live).
import { useId, useMemo, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import { ANNOTATION_KINDS } from "../catalog";
import { FEATURE_NAME_CHARS, FEATURES, SIGNALS } from "../generated/limits";
import { useEditorStore } from "../store";
import type { Catalog, DesignNode, Feature, FeatureCategory, FeatureType, FreshnessLevel, Op, Signal, SignalKind } from "../types";

const CATEGORIES: Array<[FeatureCategory, string]> = [
  ["user", "User"],
  ["item", "Item"],
  ["context", "Context"],
  ["cross", "Cross (user × item)"],
  ["other", "Other"],
];
const TYPES: FeatureType[] = ["numeric", "categorical", "embedding", "text", "image", "sequence"];
const LEVELS: FreshnessLevel[] = ["static", "daily", "hourly", "real-time"];
const KINDS: SignalKind[] = ["implicit", "explicit"];
const NO_FEATURES: Feature[] = [];
const NO_SIGNALS: Signal[] = [];

/** A fresh id in the document's id alphabet. */
function newEntryId(prefix: "f" | "s"): string {
  const random = crypto.getRandomValues(new Uint32Array(2));
  return `${prefix}_${random[0].toString(36)}${random[1].toString(36)}`.slice(0, 20);
}

/** "real-time" or "30 s": a feature's freshness as people read it. */
export function freshnessText(value: Feature["freshness"]): string {
  return typeof value === "number" ? `${value} s` : value;
}

/** The components a feature can name (notes, groups, text and frames are drawing aids). */
function useComponents(catalog: Catalog): Array<{ id: string; label: string }> {
  const nodes = useEditorStore(useShallow((s) => s.doc.nodes));
  return useMemo(() => {
    const kinds = new Map(catalog.kinds.map((k) => [k.id, k]));
    return nodes
      .filter((n: DesignNode) => !ANNOTATION_KINDS.has(n.kind))
      .map((n) => ({ id: n.id, label: n.label || kinds.get(n.kind)?.label || n.kind }));
  }, [nodes, catalog]);
}

function NodeSelect({ label, value, components, disabled, onChange }: { label: string; value?: string; components: Array<{ id: string; label: string }>; disabled: boolean; onChange: (id: string | null) => void }) {
  return (
    <select aria-label={label} value={value ?? ""} disabled={disabled} onChange={(e) => onChange(e.target.value || null)}>
      <option value="">—</option>
      {components.map((c) => (
        <option key={c.id} value={c.id}>
          {c.label}
        </option>
      ))}
    </select>
  );
}

/** Freshness: a named level, or "seconds" with a number beside it. */
function FreshnessField({ label, value, disabled, onChange }: { label: string; value: Feature["freshness"]; disabled: boolean; onChange: (value: Feature["freshness"]) => void }) {
  const seconds = typeof value === "number";
  const [draft, setDraft] = useState(seconds ? String(value) : "30");
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    if (typeof value === "number") setDraft(String(value));
  }
  const commit = () => {
    const n = Number(draft);
    if (Number.isFinite(n) && n > 0 && n !== value) onChange(n);
  };
  return (
    <span className="freshness">
      <select aria-label={label} value={seconds ? "seconds" : value} disabled={disabled} onChange={(e) => onChange(e.target.value === "seconds" ? Number(draft) || 30 : (e.target.value as FreshnessLevel))}>
        {LEVELS.map((l) => (
          <option key={l} value={l}>
            {l}
          </option>
        ))}
        <option value="seconds">seconds…</option>
      </select>
      {seconds ? (
        <input
          aria-label={`${label}, seconds`}
          type="number"
          min={1}
          value={draft}
          disabled={disabled}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => e.key === "Enter" && commit()}
        />
      ) : null}
    </span>
  );
}

function NameInput({ label, value, disabled, onCommit }: { label: string; value: string; disabled: boolean; onCommit: (name: string) => void }) {
  const [draft, setDraft] = useState(value);
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setDraft(value);
  }
  const commit = () => {
    const name = draft.trim();
    if (name && name !== value) onCommit(name);
    else setDraft(value);
  };
  return (
    <input
      className="entry-name"
      aria-label={label}
      value={draft}
      maxLength={FEATURE_NAME_CHARS}
      disabled={disabled}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === "Enter") commit();
        if (e.key === "Escape") setDraft(value);
      }}
    />
  );
}

/** Alt+↑ / Alt+↓ move the focused entry, Delete removes it (keys typed into its fields stay theirs). */
function rowKeys(event: React.KeyboardEvent, index: number, count: number, move: (index: number) => void, remove: () => void) {
  const target = event.target as HTMLElement;
  const typing = ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
  if (event.altKey && event.key === "ArrowUp" && index > 0) move(index - 1);
  else if (event.altKey && event.key === "ArrowDown" && index < count - 1) move(index + 1);
  else if (!typing && (event.key === "Delete" || event.key === "Backspace")) remove();
  else return;
  // The editor's shortcuts skip handled keys (Delete would otherwise remove the highlighted components).
  event.preventDefault();
  event.stopPropagation();
}

function FeatureRow({ feature, index, count, components, selected, readOnly, onSelect }: { feature: Feature; index: number; count: number; components: Array<{ id: string; label: string }>; selected: boolean; readOnly: boolean; onSelect: () => void }) {
  const dispatch = useEditorStore((s) => s.dispatch);
  const set = (changes: Record<string, unknown>) => dispatch([{ op: "feature.update", id: feature.id, set: changes } as Op]);
  const move = (to: number) => dispatch([{ op: "feature.move", id: feature.id, index: to }]);
  const remove = () => dispatch([{ op: "feature.remove", id: feature.id }]);
  const name = feature.name;
  return (
    <li
      className={`entry${selected ? " selected" : ""}`}
      aria-label={`Feature ${name}`}
      aria-current={selected || undefined}
      tabIndex={0}
      onFocus={(e) => e.target === e.currentTarget && onSelect()}
      onClick={onSelect}
      onKeyDown={(e) => !readOnly && rowKeys(e, index, count, move, remove)}
    >
      <div className="entry-head">
        <NameInput label={`Name of ${name}`} value={name} disabled={readOnly} onCommit={(n) => set({ name: n })} />
        {!readOnly ? (
          <span className="entry-actions">
            <button type="button" aria-label={`Move ${name} up`} title="Move up (Alt+↑)" disabled={index === 0} onClick={() => move(index - 1)}>
              ↑
            </button>
            <button type="button" aria-label={`Move ${name} down`} title="Move down (Alt+↓)" disabled={index === count - 1} onClick={() => move(index + 1)}>
              ↓
            </button>
            <button type="button" className="danger" aria-label={`Delete ${name}`} title="Delete (Del)" onClick={remove}>
              ×
            </button>
          </span>
        ) : null}
      </div>
      <div className="entry-grid">
        <label>
          Category
          <select aria-label={`Category of ${name}`} value={feature.category} disabled={readOnly} onChange={(e) => set({ category: e.target.value })}>
            {CATEGORIES.map(([id, label]) => (
              <option key={id} value={id}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Type
          <select aria-label={`Type of ${name}`} value={feature.type} disabled={readOnly} onChange={(e) => set({ type: e.target.value })}>
            {TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <div className="cell">
          Freshness
          <FreshnessField label={`Freshness of ${name}`} value={feature.freshness} disabled={readOnly} onChange={(freshness) => set({ freshness })} />
        </div>
        <label>
          Computed by
          <NodeSelect label={`Computed by (${name})`} value={feature.computed_by} components={components} disabled={readOnly} onChange={(id) => set({ computed_by: id })} />
        </label>
        <label>
          Served by
          <NodeSelect label={`Served by (${name})`} value={feature.served_by} components={components} disabled={readOnly} onChange={(id) => set({ served_by: id })} />
        </label>
      </div>
    </li>
  );
}

function SignalRow({ signal, index, count, components, readOnly }: { signal: Signal; index: number; count: number; components: Array<{ id: string; label: string }>; readOnly: boolean }) {
  const dispatch = useEditorStore((s) => s.dispatch);
  const set = (changes: Record<string, unknown>) => dispatch([{ op: "signal.update", id: signal.id, set: changes } as Op]);
  const move = (to: number) => dispatch([{ op: "signal.move", id: signal.id, index: to }]);
  const remove = () => dispatch([{ op: "signal.remove", id: signal.id }]);
  const name = signal.name;
  const labelId = useId();
  return (
    <li className="entry" aria-label={`Signal ${name}`} tabIndex={0} onKeyDown={(e) => !readOnly && rowKeys(e, index, count, move, remove)}>
      <div className="entry-head">
        <NameInput label={`Name of ${name}`} value={name} disabled={readOnly} onCommit={(n) => set({ name: n })} />
        {!readOnly ? (
          <span className="entry-actions">
            <button type="button" className="danger" aria-label={`Delete ${name}`} title="Delete (Del)" onClick={remove}>
              ×
            </button>
          </span>
        ) : null}
      </div>
      <div className="entry-grid">
        <select aria-label={`Kind of ${name}`} value={signal.kind} disabled={readOnly} onChange={(e) => set({ kind: e.target.value })}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
        <span className="check">
          <input id={labelId} type="checkbox" checked={signal.is_label} disabled={readOnly} onChange={(e) => set({ is_label: e.target.checked })} />
          <label htmlFor={labelId}>Label</label>
        </span>
        <label>
          Collected at
          <NodeSelect label={`Collected at (${name})`} value={signal.source} components={components} disabled={readOnly} onChange={(id) => set({ source: id })} />
        </label>
      </div>
    </li>
  );
}

function AddFeature({ onAdd }: { onAdd: (feature: Omit<Feature, "id">) => void }) {
  const [name, setName] = useState("");
  const [category, setCategory] = useState<FeatureCategory>("user");
  const [type, setType] = useState<FeatureType>("numeric");
  const [freshness, setFreshness] = useState<Feature["freshness"]>("daily");
  return (
    <form
      className="entry-add"
      aria-label="Add a feature"
      onSubmit={(e) => {
        e.preventDefault();
        if (!name.trim()) return;
        onAdd({ name: name.trim(), category, type, freshness });
        setName("");
      }}
    >
      <input aria-label="New feature name" placeholder="e.g. user embedding" value={name} maxLength={FEATURE_NAME_CHARS} onChange={(e) => setName(e.target.value)} />
      <div className="entry-grid">
        <select aria-label="New feature category" value={category} onChange={(e) => setCategory(e.target.value as FeatureCategory)}>
          {CATEGORIES.map(([id, label]) => (
            <option key={id} value={id}>
              {label}
            </option>
          ))}
        </select>
        <select aria-label="New feature type" value={type} onChange={(e) => setType(e.target.value as FeatureType)}>
          {TYPES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <FreshnessField label="New feature freshness" value={freshness} disabled={false} onChange={setFreshness} />
        <button type="submit" disabled={!name.trim()}>
          Add feature
        </button>
      </div>
    </form>
  );
}

function AddSignal({ onAdd }: { onAdd: (signal: Omit<Signal, "id">) => void }) {
  const [name, setName] = useState("");
  const [kind, setKind] = useState<SignalKind>("implicit");
  const [isLabel, setIsLabel] = useState(false);
  const labelId = useId();
  return (
    <form
      className="entry-add"
      aria-label="Add a signal"
      onSubmit={(e) => {
        e.preventDefault();
        if (!name.trim()) return;
        onAdd({ name: name.trim(), kind, is_label: isLabel });
        setName("");
      }}
    >
      <input aria-label="New signal name" placeholder="e.g. click, watch time, rating" value={name} maxLength={FEATURE_NAME_CHARS} onChange={(e) => setName(e.target.value)} />
      <div className="entry-grid">
        <select aria-label="New signal kind" value={kind} onChange={(e) => setKind(e.target.value as SignalKind)}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
        <span className="check">
          <input id={labelId} type="checkbox" checked={isLabel} onChange={(e) => setIsLabel(e.target.checked)} />
          <label htmlFor={labelId}>Label</label>
        </span>
        <button type="submit" disabled={!name.trim()}>
          Add signal
        </button>
      </div>
    </form>
  );
}

export function FeaturesPanel({ catalog, readOnly }: { catalog: Catalog; readOnly: boolean }) {
  const features = useEditorStore((s) => s.doc.features ?? NO_FEATURES);
  const signals = useEditorStore((s) => s.doc.signals ?? NO_SIGNALS);
  const task = useEditorStore((s) => s.doc.problem?.task);
  const dispatch = useEditorStore((s) => s.dispatch);
  const components = useComponents(catalog);
  const [selected, setSelected] = useState<string | null>(null);
  const addFeature = (feature: Omit<Feature, "id">) => dispatch([{ op: "feature.add", feature: { id: newEntryId("f"), ...feature } }]);
  const addSignal = (signal: Omit<Signal, "id">) => dispatch([{ op: "signal.add", signal: { id: newEntryId("s"), ...signal } }]);
  // Selecting a feature highlights (selects) the components that compute and serve it on the canvas.
  const select = (feature: Feature) => {
    setSelected(feature.id);
    const ids = [feature.computed_by, feature.served_by].filter((id): id is string => !!id && components.some((c) => c.id === id));
    useEditorStore.getState().select([...new Set(ids)], []);
  };
  const listed = new Set(features.map((f) => f.name.toLowerCase()));
  const suggestions = (catalog.feature_suggestions?.[task ?? "other"] ?? []).filter((s) => !listed.has(s.name.toLowerCase()));
  const categories = new Set(features.map((f) => f.category));
  return (
    <div className="inspector features-panel" aria-label="Features and signals">
      <p className="hint">
        The model&apos;s inputs by category, how fresh each must be, and where it is computed and served. Select a feature to see its components on the canvas.
      </p>
      <h3 id="features-heading">
        Features <small>{features.length ? `${features.length} in ${categories.size} ${categories.size === 1 ? "category" : "categories"}` : "none yet"}</small>
      </h3>
      {features.length ? (
        <ol className="entries" aria-labelledby="features-heading">
          {features.map((f, i) => (
            <FeatureRow key={f.id} feature={f} index={i} count={features.length} components={components} selected={selected === f.id} readOnly={readOnly} onSelect={() => select(f)} />
          ))}
        </ol>
      ) : null}
      {!readOnly && features.length < FEATURES ? <AddFeature onAdd={addFeature} /> : null}
      {features.length >= FEATURES ? <p className="hint">A design lists at most {FEATURES} features.</p> : null}
      {!readOnly && features.length < FEATURES && suggestions.length ? (
        <section className="suggestions" aria-label="Suggested features">
          <p className="hint">Suggestions for {task ?? "this"} task:</p>
          <ul>
            {suggestions.map((s) => (
              <li key={s.name}>
                <button type="button" className="link-button" onClick={() => addFeature(s)} title={`${s.category} · ${s.type} · ${s.freshness}`}>
                  + {s.name} <small>({s.category}, {freshnessText(s.freshness)})</small>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <h3 id="signals-heading">
        Signals <small>{signals.filter((s) => s.is_label).length} labels</small>
      </h3>
      {signals.length ? (
        <ol className="entries" aria-labelledby="signals-heading">
          {signals.map((s, i) => (
            <SignalRow key={s.id} signal={s} index={i} count={signals.length} components={components} readOnly={readOnly} />
          ))}
        </ol>
      ) : null}
      {!readOnly && signals.length < SIGNALS ? <AddSignal onAdd={addSignal} /> : null}
      {signals.length >= SIGNALS ? <p className="hint">A design lists at most {SIGNALS} signals.</p> : null}
    </div>
  );
}

/** For a component's Inspector: the features it serves or computes. */
export function ServedFeatures({ nodeId }: { nodeId: string }) {
  const features = useEditorStore((s) => s.doc.features ?? NO_FEATURES);
  const served = features.filter((f) => f.served_by === nodeId);
  const computed = features.filter((f) => f.computed_by === nodeId && f.served_by !== nodeId);
  if (!served.length && !computed.length) return null;
  const line = (f: Feature) => (
    <li key={f.id}>
      {f.name} <small>({f.category}, {freshnessText(f.freshness)})</small>
    </li>
  );
  return (
    <fieldset className="served-features">
      <legend>Features</legend>
      {served.length ? (
        <>
          <p className="hint">Serves</p>
          <ul aria-label="Features served">{served.map(line)}</ul>
        </>
      ) : null}
      {computed.length ? (
        <>
          <p className="hint">Computes</p>
          <ul aria-label="Features computed">{computed.map(line)}</ul>
        </>
      ) : null}
    </fieldset>
  );
}
