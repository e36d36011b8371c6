// The editor page: loads the catalog and the design, then lays out toolbar, palette, canvas and sidebar.
import { ReactFlowProvider } from "@xyflow/react";
import { useEffect, useState } from "react";
import { Canvas } from "./components/Canvas";
import { Palette } from "./components/Palette";
import { ShortcutSheet } from "./components/ShortcutSheet";
import { Sidebar } from "./components/Sidebar";
import { Toolbar } from "./components/Toolbar";
import { isReadOnly, type EditorConfig } from "./extensions";
import { useShortcuts } from "./hooks/useShortcuts";
import { useValidation } from "./hooks/useValidation";
import { useEditorStore } from "./store";
import { connectSync } from "./sync";
import { requestJson } from "./sync/transport";
import type { Catalog, DesignDocument, RuleInfo } from "./types";

async function loadJson<T>(config: EditorConfig, url: string): Promise<T> {
  const response = await requestJson(config, url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

export function App({ config }: { config: EditorConfig }) {
  const [error, setError] = useState<string | null>(null);
  const catalog = useEditorStore((s) => s.catalog);
  const ready = catalog !== null;

  useEffect(() => {
    let stop: (() => void) | null = null;
    let cancelled = false;
    Promise.all([
      loadJson<Catalog>(config, config.urls.catalog),
      loadJson<{ version: number; document: DesignDocument }>(config, config.urls.design),
    ])
      .then(([loadedCatalog, design]) => {
        if (cancelled) return;
        useEditorStore.setState({ config, catalog: loadedCatalog });
        useEditorStore.getState().resetFromServer(design.document, design.version);
        stop = connectSync(useEditorStore, config);
      })
      .catch((e: Error) => setError(e.message));
    // Rule summaries are a nicety: the Findings panel works without them.
    loadJson<RuleInfo[] | { rules: RuleInfo[] }>(config, config.urls.rulesApi)
      .then((body) => {
        const list = Array.isArray(body) ? body : body.rules;
        useEditorStore.setState({ rules: Object.fromEntries(list.map((r) => [r.id, r])) });
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [config]);

  useValidation(config, ready);

  if (error) return <p className="load-error" role="alert">The editor could not load this design ({error}). Reload the page to try again.</p>;
  if (!catalog) return <p className="loading">Loading the editor…</p>;
  return (
    <ReactFlowProvider>
      <Editor config={config} catalog={catalog} />
    </ReactFlowProvider>
  );
}

function Notice() {
  const notice = useEditorStore((s) => s.notice);
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => useEditorStore.setState({ notice: null }), 6000);
    return () => clearTimeout(timer);
  }, [notice]);
  return (
    <div className={`notice${notice ? ` show ${notice.tone}` : ""}`} role={notice?.tone === "error" ? "alert" : "status"}>
      {notice?.text}
    </div>
  );
}

function Editor({ config, catalog }: { config: EditorConfig; catalog: Catalog }) {
  const readOnly = isReadOnly(config);
  useShortcuts(catalog, readOnly);
  return (
    <div className={`editor${readOnly ? " read-only" : ""}`}>
      <Toolbar config={config} readOnly={readOnly} />
      <div className="workspace">
        {!readOnly ? <Palette catalog={catalog} /> : null}
        <section className="canvas-area" aria-label="Canvas">
          <Canvas config={config} catalog={catalog} />
        </section>
        <Sidebar config={config} catalog={catalog} readOnly={readOnly} />
      </div>
      <Notice />
      <ShortcutSheet />
    </div>
  );
}
