// Side panels that collapse: the hide button in a panel's head, and the rail that stands in for a hidden panel.
import { useEditorStore } from "../store";
import type { Panels } from "../store/ui";

const NAMES: Record<keyof Panels, { name: string; key: string }> = {
  palette: { name: "components", key: "[" },
  sidebar: { name: "details", key: "]" },
};

export function HidePanelButton({ panel }: { panel: keyof Panels }) {
  const { name, key } = NAMES[panel];
  return (
    <button type="button" className="panel-hide" onClick={() => useEditorStore.getState().togglePanel(panel)} aria-label={`Hide ${name}`} title={`Hide ${name} (${key})`}>
      {panel === "palette" ? "«" : "»"}
    </button>
  );
}

export function PanelRail({ panel }: { panel: keyof Panels }) {
  const { name, key } = NAMES[panel];
  return (
    <div className={`panel-rail ${panel === "palette" ? "left" : "right"}`}>
      <button type="button" onClick={() => useEditorStore.getState().togglePanel(panel)} aria-label={`Show ${name}`} title={`Show ${name} (${key})`}>
        {name === "components" ? "Components" : "Details"}
      </button>
    </div>
  );
}
