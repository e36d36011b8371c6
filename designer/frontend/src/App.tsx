// The editor, composed explicitly: loads the catalog and the design, joins the live session, then lays out
// the toolbar (with people, comment mode, sharing and connection state), palette, canvas (with others'
// cursors and comment pins) and sidebar (with the Interview and Comments tabs).
import "./collab/collab.css";
import { ReactFlowProvider } from "@xyflow/react";
import { useEffect, useState } from "react";
import { CanvasLayer } from "./collab/CanvasLayer";
import { CommentModeButton, CommentsPanel } from "./collab/Comments";
import { ConnectionBanner } from "./collab/ConnectionBanner";
import { PeopleHere } from "./collab/People";
import { ShareButton } from "./collab/ShareDialog";
import { Canvas } from "./components/Canvas";
import { FeaturesPanel } from "./components/FeaturesPanel";
import { FileImport } from "./components/FileImport";
import { FindingsSheet } from "./components/FindingsSheet";
import { PanelRail } from "./components/PanelRail";
import { Palette } from "./components/Palette";
import { ShortcutSheet } from "./components/ShortcutSheet";
import { Sidebar } from "./components/Sidebar";
import { Toolbar } from "./components/Toolbar";
import { isReadOnly, type EditorConfig } from "./config";
import { PHONE, SMALL_SCREEN, useDark, useMediaQuery, useThemeOnPage } from "./hooks/useScreen";
import { useShortcuts } from "./hooks/useShortcuts";
import { useValidation } from "./hooks/useValidation";
import { Boundary } from "./interview/Boundary";
import { InterviewPanel } from "./interview/InterviewPanel";
import { PracticeCard } from "./interview/PracticeCard";
import { absoluteWsUrl } from "./realtime/protocol";
import { connectLive, useEditorStore } from "./store";
import { fetchJson } from "./transport";
import type { Catalog, DesignDocument, RuleInfo } from "./types";

type Loaded = { catalog: Catalog; design: { version: number; document: DesignDocument } };

/**
 * The editor's first requests: the catalog and the design, then the rule summaries. main.tsx calls this while the module
 * is evaluated, before React renders anything (the page's head already preloads the first two, so these fetches reuse
 * the preloaded answers), and hands the promise to App.
 */
export function loadEditor(config: EditorConfig): Promise<Loaded> {
  const load = <T,>(url: string) => fetchJson<T>(config, url).catch((e: Error) => Promise.reject(new Error(`${url}: ${e.message}`)));
  const loaded = Promise.all([load<Catalog>(config.urls.catalog), load<Loaded["design"]>(config.urls.design)]).then(([catalog, design]) => ({ catalog, design }));
  // Rule summaries are a nicety (the Findings panel works without them): asked for once the design is in hand, so that
  // they do not queue ahead of it on the server.
  loaded
    .then(() => load<RuleInfo[] | { rules: RuleInfo[] }>(config.urls.rulesApi))
    .then((body) => {
      const list = Array.isArray(body) ? body : body.rules;
      useEditorStore.setState({ rules: Object.fromEntries(list.map((r) => [r.id, r])) });
    })
    .catch(() => undefined);
  return loaded;
}

export function App({ config, loading }: { config: EditorConfig; loading: Promise<Loaded> }) {
  const [error, setError] = useState<string | null>(null);
  const catalog = useEditorStore((s) => s.catalog);
  const ready = catalog !== null;

  useEffect(() => {
    let stop: (() => void) | null = null;
    let cancelled = false;
    loading
      .then(({ catalog: loadedCatalog, design }) => {
        if (cancelled) return;
        useEditorStore.setState({ config, catalog: loadedCatalog });
        useEditorStore.getState().resetFromServer(design.document, design.version);
        const path = config.wsUrl ?? `/ws/designs/${config.designId}/`;
        stop = connectLive(useEditorStore, { url: absoluteWsUrl(path, window.location) }).stop;
      })
      .catch((e: Error) => setError(e.message));
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [config, loading]);

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
  // On a phone the design opens as a viewer: pan, zoom and read the findings.
  const phone = useMediaQuery(PHONE);
  // Below 1440 px a third column would leave the canvas too narrow: the problem card docks at the top of the sidebar instead.
  const cardInSidebar = useMediaQuery(SMALL_SCREEN) && !phone;
  const readOnly = isReadOnly(config) || phone;
  const open = useEditorStore((s) => s.panels);
  useThemeOnPage(useDark());
  useShortcuts(catalog, readOnly);
  const panels = [
    { id: "features", title: "Features", element: <FeaturesPanel catalog={catalog} readOnly={readOnly} /> },
    { id: "interview", title: "Interview", element: <InterviewPanel config={config} /> },
    { id: "comments", title: "Comments", element: <CommentsPanel /> },
  ];
  const card = (
    <Boundary what="problem card">
      <PracticeCard config={config} catalog={catalog} readOnly={readOnly} />
    </Boundary>
  );
  return (
    <div className={`editor${readOnly ? " read-only" : ""}${phone ? " phone" : ""}`}>
      <a className="skip-link" href="#canvas">
        Skip to the canvas
      </a>
      <Toolbar config={config} readOnly={readOnly}>
        <PeopleHere />
        <CommentModeButton />
        <FileImport config={config} readOnly={readOnly} />
        <ShareButton config={config} />
        <ConnectionBanner />
      </Toolbar>
      <div className="workspace">
        {readOnly ? null : open.palette ? <Palette catalog={catalog} /> : <PanelRail panel="palette" />}
        {cardInSidebar ? null : card}
        <section className="canvas-area" id="canvas" tabIndex={-1} aria-label="Canvas">
          <Canvas config={config} catalog={catalog} readOnly={readOnly}>
            <CanvasLayer />
          </Canvas>
        </section>
        {phone ? null : open.sidebar ? <Sidebar config={config} catalog={catalog} readOnly={readOnly} panels={panels} top={cardInSidebar ? card : null} /> : <PanelRail panel="sidebar" />}
      </div>
      {phone ? <FindingsSheet rulesUrl={config.urls.rules} /> : null}
      <Notice />
      <ShortcutSheet />
    </div>
  );
}
