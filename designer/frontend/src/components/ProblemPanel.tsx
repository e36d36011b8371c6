// The Problem panel: what the design must achieve (task, latency SLO, peak QPS, freshness, metrics, statement).
import { useEditorStore } from "../store";
import type { Problem } from "../types";
import { PropField, TextField } from "./fields";
import { TEXT_CHARS } from "../generated/limits";

const NUMBERS: Array<{ key: keyof Problem; label: string; unit: string; help: string }> = [
  { key: "latency_slo_ms", label: "Latency SLO", unit: "ms", help: "p99 latency budget of the online path" },
  { key: "peak_qps", label: "Peak load", unit: "QPS", help: "Requests per second at peak" },
  { key: "feature_freshness_s", label: "Feature freshness", unit: "s", help: "How old features may be at serving time" },
  { key: "model_freshness_s", label: "Model freshness", unit: "s", help: "How old the served model may be" },
  { key: "corpus_size", label: "Corpus size", unit: "items", help: "Number of items to retrieve from" },
];
const EMPTY: Problem = {};
const TASKS = ["classification", "regression", "ranking", "generation", "other"];

export function ProblemPanel({ readOnly }: { readOnly: boolean }) {
  const problem = useEditorStore((s) => s.doc.problem ?? EMPTY);
  const dispatch = useEditorStore((s) => s.dispatch);
  const update = (key: keyof Problem, value: unknown) => dispatch([{ op: "problem.update", set: { [key]: value ?? null } }]);
  const list = (key: "offline_metrics" | "online_metrics", text: string) => {
    const items = text.split(",").map((m) => m.trim()).filter(Boolean).slice(0, 50);
    update(key, items.length ? items : null);
  };
  return (
    <form className="inspector" aria-label="Problem" onSubmit={(e) => e.preventDefault()}>
      <p className="hint">The targets the validator checks your design against.</p>
      <TextField label="Problem statement" multiline maxLength={TEXT_CHARS} value={problem.statement ?? ""} disabled={readOnly} placeholder="Recommend videos on the home feed…" onCommit={(v) => update("statement", v.trim() || null)} />
      <PropField
        name="task"
        spec={{ type: "enum", choices: TASKS, label: "ML task", help: "What the model predicts" }}
        value={problem.task}
        fallback={undefined}
        disabled={readOnly}
        onCommit={(_, v) => update("task", v)}
      />
      {NUMBERS.map(({ key, label, unit, help }) => (
        <PropField
          key={key}
          name={key}
          spec={{ type: "number", unit, label, help }}
          value={problem[key] as number | undefined}
          fallback={undefined}
          disabled={readOnly}
          onCommit={(_, v) => update(key, v !== undefined && (v as number) > 0 ? v : null)}
        />
      ))}
      <TextField label="Offline metrics (comma-separated)" value={(problem.offline_metrics ?? []).join(", ")} disabled={readOnly} placeholder="NDCG@10, AUC" onCommit={(v) => list("offline_metrics", v)} />
      <TextField label="Online metrics (comma-separated)" value={(problem.online_metrics ?? []).join(", ")} disabled={readOnly} placeholder="watch time, CTR" onCommit={(v) => list("online_metrics", v)} />
    </form>
  );
}
