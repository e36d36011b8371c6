// The palette: catalog kinds grouped by category with search; drag onto the canvas, or press Enter / click Add.
import { useReactFlow } from "@xyflow/react";
import { memo, useMemo, useState } from "react";
import { placeNodeOp } from "../actions";
import { sizeOf } from "../flow";
import { useEditorStore } from "../store";
import type { Catalog, CatalogKind } from "../types";
import { KIND_MIME } from "./Canvas";
import { Icon } from "./icons";
import { HidePanelButton } from "./PanelRail";

export const Palette = memo(function Palette({ catalog }: { catalog: Catalog }) {
  const [query, setQuery] = useState("");
  const flow = useReactFlow();
  const groups = useMemo(() => {
    const q = query.trim().toLowerCase();
    const match = (k: CatalogKind) =>
      !q || [k.label, k.description, k.role, ...k.technologies].some((text) => text.toLowerCase().includes(q));
    return catalog.categories
      .map((c) => ({ category: c, kinds: catalog.kinds.filter((k) => k.category === c.id && match(k)) }))
      .filter((g) => g.kinds.length);
  }, [catalog, query]);

  const add = (kind: CatalogKind) => {
    const pane = document.querySelector(".canvas")?.getBoundingClientRect();
    const centre = pane ? { x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 } : { x: 400, y: 300 };
    const state = useEditorStore.getState();
    // In the middle of the view, or the nearest free spot: repeated adds line up instead of landing on top of each other.
    const { op, id } = placeNodeOp(state.doc, kind, flow.screenToFlowPosition(centre), sizeOf(catalog));
    if (state.dispatch([op])) state.select([id], []);
  };

  return (
    <aside className="palette" aria-label="Components">
      <div className="panel-head">
        <div className="palette-search">
          <input type="search" placeholder="Search components…" aria-label="Search components" value={query} onChange={(e) => setQuery(e.target.value)} />
        </div>
        <HidePanelButton panel="palette" />
      </div>
      <div className="palette-list">
        {groups.map(({ category, kinds }) => (
          <section key={category.id} aria-label={category.label}>
            <h3>
              <span className="swatch" style={{ background: category.color, borderColor: category.stroke }} />
              {category.label}
            </h3>
            <ul>
              {kinds.map((kind) => (
                <li key={kind.id}>
                  <button
                    type="button"
                    className="palette-item"
                    draggable
                    aria-label={`Add ${kind.label}`}
                    title={`${kind.description} Drag onto the canvas, or press Enter to add it in the middle.`}
                    style={{ "--cat-stroke": category.stroke, "--cat-bg": category.color } as React.CSSProperties}
                    onDragStart={(e) => {
                      e.dataTransfer.setData(KIND_MIME, kind.id);
                      e.dataTransfer.effectAllowed = "copy";
                    }}
                    onClick={() => add(kind)}
                  >
                    <span className="palette-icon">
                      <Icon name={kind.icon} size={16} />
                    </span>
                    <span className="palette-label">{kind.label}</span>
                    <span className="palette-add" aria-hidden="true">
                      Add
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
        {!groups.length ? <p className="empty">No component matches “{query}”.</p> : null}
      </div>
    </aside>
  );
});
