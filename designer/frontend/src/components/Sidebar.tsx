// The right sidebar: Inspector / Problem / Findings tabs, then the panels App.tsx passes; `top` (the problem card on a
// smaller screen) sits above the tabs.
import type { EditorConfig } from "../config";
import { useEditorStore } from "../store";
import type { Catalog } from "../types";
import { FindingsPanel } from "./FindingsPanel";
import { Inspector } from "./Inspector";
import { HidePanelButton } from "./PanelRail";
import { ProblemPanel } from "./ProblemPanel";

/** A further tab: its element is rendered while the tab is open. */
export type SidePanel = { id: string; title: string; element: React.ReactNode };

export function Sidebar({ config, catalog, readOnly, panels = [], top = null }: { config: EditorConfig; catalog: Catalog; readOnly: boolean; panels?: SidePanel[]; top?: React.ReactNode }) {
  const tab = useEditorStore((s) => s.sidebarTab);
  const findingCount = useEditorStore((s) => s.findings.length);
  const worst = useEditorStore((s) => (s.findings.some((f) => f.severity === "error") ? "error" : s.findings.some((f) => f.severity === "warning") ? "warning" : s.findings.length ? "info" : null));
  const tabs = [
    { id: "inspector", title: "Inspector" },
    { id: "problem", title: "Problem" },
    { id: "findings", title: "Findings" },
    ...panels.map((p) => ({ id: p.id, title: p.title })),
  ];
  const setTab = useEditorStore.getState().setSidebarTab;
  return (
    <aside className="sidebar" aria-label="Details">
      {top}
      <div className="panel-head">
        <div className="tabs" role="tablist" aria-label="Sidebar">
          {tabs.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`tab-${t.id}`}
              aria-selected={tab === t.id}
              aria-controls={`panel-${t.id}`}
              className={tab === t.id ? "active" : ""}
              onClick={() => setTab(t.id)}
            >
              {t.title}
              {t.id === "findings" && findingCount ? <span className={`tab-count sev-${worst}`}>{findingCount}</span> : null}
            </button>
          ))}
        </div>
        <HidePanelButton panel="sidebar" />
      </div>
      <div className="tab-panel" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === "inspector" ? <Inspector catalog={catalog} readOnly={readOnly} /> : null}
        {tab === "problem" ? <ProblemPanel readOnly={readOnly} /> : null}
        {tab === "findings" ? <FindingsPanel rulesUrl={config.urls.rules} /> : null}
        {panels.find((p) => p.id === tab)?.element ?? null}
      </div>
    </aside>
  );
}
