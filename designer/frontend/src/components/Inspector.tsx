// The Inspector: edit the selected component (label, the props its role uses, the rest under More), note, group, connection or selection.
import { memo, useId, useMemo, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import { newId, type Alignment } from "../actions";
import { ANNOTATION_KINDS, CUSTOM_KIND, catalogIcons, customRoles, defaultEdgeKind, indexCatalog, roleProps } from "../catalog";
import { alignSelection, distributeSelection, lockSelection } from "../commands";
import { edgePath, isLocked } from "../flow";
import { useEditorStore, type Selection } from "../store";
import type { Catalog, DesignEdge, DesignNode, Op, PropValue } from "../types";
import type { EdgePath } from "./edges";
import { PropField, TextField } from "./fields";
import { Icon } from "./icons";
import { TEXT_CHARS } from "../generated/limits";
import { ServedFeatures } from "./FeaturesPanel";

function propOps(kind: "node.update" | "edge.update", id: string, name: string, value: PropValue | undefined): Op[] {
  return [value === undefined ? { op: kind, id, unset: [name] } : { op: kind, id, props: { [name]: value } }];
}

/**
 * The Inspector shows the selection in the same frame as the canvas. (It followed one step behind with
 * useDeferredValue: the deferred render came after the canvas's frame, in 5 ms slices, then needed a style, layout and
 * paint frame of its own; bench/editor.py at 200 components, 6 runs side by side with the canvas changes of the same
 * branch: select 87 → 60 ms, bare React Flow 34. The click's one frame is longer instead: 33 → 50 ms.)
 */
export function Inspector({ catalog, readOnly }: { catalog: Catalog; readOnly: boolean }) {
  const selection = useEditorStore((s) => s.selection);
  return <InspectorFor selection={selection} catalog={catalog} readOnly={readOnly} />;
}

const InspectorFor = memo(function InspectorFor({ selection, catalog, readOnly }: { selection: Selection; catalog: Catalog; readOnly: boolean }) {
  const nodeId = selection.nodes.length === 1 && !selection.edges.length ? selection.nodes[0] : null;
  const edgeId = selection.edges.length === 1 && !selection.nodes.length ? selection.edges[0] : null;
  const node = useEditorStore((s) => (nodeId === null ? undefined : s.doc.nodes.find((n) => n.id === nodeId)));
  const edge = useEditorStore((s) => (edgeId === null ? undefined : s.doc.edges.find((e) => e.id === edgeId)));
  if (node) return <NodeInspector key={node.id} node={node} catalog={catalog} readOnly={readOnly} />;
  if (edge) return <EdgeInspector key={edge.id} edge={edge} catalog={catalog} readOnly={readOnly} />;
  const count = selection.nodes.length + selection.edges.length;
  if (!count) {
    return (
      <div className="panel-empty">
        {readOnly ? (
          // A view or comment link's guest cannot edit: what they can do is look.
          <p>Select a component or connection to see its details.</p>
        ) : (
          <>
            <p>Select a component or connection to edit it.</p>
            <p className="hint">Drag components from the palette, then drag from any side of a component to another to connect them. Press ? for shortcuts.</p>
          </>
        )}
      </div>
    );
  }
  return (
    <div className="panel-empty">
      <p>
        {selection.nodes.length} components and {selection.edges.length} connections selected.
        {readOnly ? null : " Press Delete to remove them, Ctrl+D to duplicate or Ctrl+G to group."}
      </p>
      {!readOnly && selection.nodes.length >= 2 ? <Arrange count={selection.nodes.length} /> : null}
    </div>
  );
});

const ALIGN: Array<[Alignment, string, string]> = [
  ["left", "Left", "Align left edges"],
  ["center", "Centre", "Align centres on a vertical line"],
  ["right", "Right", "Align right edges"],
  ["top", "Top", "Align top edges"],
  ["middle", "Middle", "Align middles on a horizontal line"],
  ["bottom", "Bottom", "Align bottom edges"],
];

/** Align and distribute buttons for a multi-selection. */
function Arrange({ count }: { count: number }) {
  return (
    <fieldset className="arrange">
      <legend>Arrange</legend>
      <div className="arrange-row" role="group" aria-label="Align">
        {ALIGN.map(([how, text, title]) => (
          <button key={how} type="button" className="secondary" title={title} aria-label={title} onClick={() => alignSelection(how)}>
            {text}
          </button>
        ))}
      </div>
      <div className="arrange-row" role="group" aria-label="Distribute">
        <button type="button" className="secondary" disabled={count < 3} onClick={() => distributeSelection("horizontal")}>
          Distribute horizontally
        </button>
        <button type="button" className="secondary" disabled={count < 3} onClick={() => distributeSelection("vertical")}>
          Distribute vertically
        </button>
      </div>
    </fieldset>
  );
}

function LockToggle({ node, readOnly }: { node: DesignNode; readOnly: boolean }) {
  const id = useId();
  return (
    <div className="field check" title="A locked component cannot be moved or deleted until it is unlocked">
      <input id={id} type="checkbox" checked={isLocked(node)} disabled={readOnly} onChange={(e) => lockSelectionOf(node.id, e.target.checked)} />
      <label htmlFor={id}>Locked</label>
    </div>
  );
}

function lockSelectionOf(id: string, locked: boolean) {
  const state = useEditorStore.getState();
  if (state.selection.nodes.length !== 1 || state.selection.nodes[0] !== id) state.select([id], []);
  lockSelection(locked);
}

/** A custom component's role (from the catalog's roles: what the reviewer reasons about) and icon. */
function CustomFields({ node, catalog, readOnly }: { node: DesignNode; catalog: Catalog; readOnly: boolean }) {
  const dispatch = useEditorStore((s) => s.dispatch);
  const roles = customRoles(catalog);
  const roleId = useId();
  const iconId = useId();
  return (
    <>
      <div className="field">
        <label htmlFor={roleId}>Plays the role of</label>
        <select id={roleId} value={node.role ?? ""} disabled={readOnly} onChange={(e) => dispatch([{ op: "node.update", id: node.id, set: { role: e.target.value || null } }])}>
          <option value="">No role (the reviewer ignores it)</option>
          {roles.map((r) => (
            <option key={r.role} value={r.role}>
              {r.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={iconId}>Icon</label>
        <select id={iconId} value={node.icon ?? ""} disabled={readOnly} onChange={(e) => dispatch([{ op: "node.update", id: node.id, set: { icon: e.target.value || null } }])}>
          <option value="">Default</option>
          {catalogIcons(catalog).map((icon) => (
            <option key={icon} value={icon}>
              {icon}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}

function NodeInspector({ node, catalog, readOnly }: { node: DesignNode; catalog: Catalog; readOnly: boolean }) {
  const dispatch = useEditorStore((s) => s.dispatch);
  const [more, setMore] = useState(false);
  const kind = indexCatalog(catalog).kinds.get(node.kind);
  const category = kind ? indexCatalog(catalog).categories.get(kind.category) : undefined;
  const annotation = ANNOTATION_KINDS.has(node.kind);
  const defaults = kind?.defaults ?? {};
  // The role's props first, and any other catalog prop this node has a value for; everything else is under More.
  const standard = Object.keys(catalog.props).filter((name) => catalog.props[name].scope !== "canvas");
  const applies = new Set(roleProps(catalog, node.kind, node.role));
  const shown = standard.filter((name) => applies.has(name) || node.props?.[name] !== undefined);
  const rest = standard.filter((name) => !shown.includes(name));
  const field = (name: string) => (
    <PropField
      key={name}
      name={name}
      spec={catalog.props[name]}
      value={node.props?.[name]}
      fallback={defaults[name]}
      disabled={readOnly}
      onCommit={(prop, value) => dispatch(propOps("node.update", node.id, prop, value))}
    />
  );
  return (
    <form className="inspector" aria-label="Component properties" onSubmit={(e) => e.preventDefault()}>
      <header className="inspector-head" style={{ "--cat-bg": category?.color, "--cat-stroke": category?.stroke } as React.CSSProperties}>
        <span className="mlsd-node-icon">
          <Icon name={node.icon ?? kind?.icon ?? "box"} size={20} />
        </span>
        <div>
          <strong>{kind?.label ?? node.kind}</strong>
          <small>{category?.label}</small>
        </div>
      </header>
      {kind ? <p className="hint">{kind.description}</p> : null}
      {node.kind !== "text" ? (
        <TextField label="Label" value={node.label ?? ""} disabled={readOnly} onCommit={(label) => dispatch([{ op: "node.update", id: node.id, set: { label: label.trim() || null } }])} />
      ) : (
        <TextField label="Text" multiline maxLength={TEXT_CHARS} value={node.text ?? ""} disabled={readOnly} onCommit={(text) => dispatch([{ op: "node.update", id: node.id, set: { text: text || null } }])} />
      )}
      {node.kind === CUSTOM_KIND ? <CustomFields node={node} catalog={catalog} readOnly={readOnly} /> : null}
      {node.kind === "note" ? (
        <TextField label="Note text" multiline maxLength={TEXT_CHARS} value={node.text ?? ""} disabled={readOnly} onCommit={(text) => dispatch([{ op: "node.update", id: node.id, set: { text: text || null } }])} />
      ) : null}
      {"locked" in catalog.props ? <LockToggle node={node} readOnly={readOnly} /> : null}
      {!annotation ? (
        <fieldset>
          <legend>Properties</legend>
          {shown.length ? shown.map(field) : <p className="hint">The reviewer reads no figures from this kind of component.</p>}
          {rest.length ? (
            <>
              <button type="button" className="link-button more-toggle" aria-expanded={more} onClick={() => setMore(!more)}>
                {more ? "Fewer properties" : `More properties (${rest.length})`}
              </button>
              {more ? <div className="more-props">{rest.map(field)}</div> : null}
            </>
          ) : null}
        </fieldset>
      ) : null}
      {!annotation ? <Connections node={node} catalog={catalog} readOnly={readOnly} /> : null}
      {!annotation ? <ServedFeatures nodeId={node.id} /> : null}
      {kind?.technologies.length ? <p className="hint">Examples: {kind.technologies.join(", ")}</p> : null}
      {!readOnly ? (
        <button type="button" className="danger" disabled={isLocked(node)} title={isLocked(node) ? "Unlock it first" : undefined} onClick={() => dispatch([{ op: "node.remove", id: node.id }])}>
          Delete {annotation ? node.kind : "component"}
        </button>
      ) : null}
    </form>
  );
}

const LINES: Array<[EdgePath, string]> = [
  ["elbow", "Elbow"],
  ["curved", "Curved"],
  ["straight", "Straight"],
];

function EdgeInspector({ edge, catalog, readOnly }: { edge: DesignEdge; catalog: Catalog; readOnly: boolean }) {
  const dispatch = useEditorStore((s) => s.dispatch);
  const names = useEditorStore((s) => [s.doc.nodes.find((n) => n.id === edge.source)?.label ?? edge.source, s.doc.nodes.find((n) => n.id === edge.target)?.label ?? edge.target].join(" → "));
  const kind = indexCatalog(catalog).edgeKinds.get(edge.kind);
  const line = edgePath(edge);
  return (
    <form className="inspector" aria-label="Connection properties" onSubmit={(e) => e.preventDefault()}>
      <header className="inspector-head">
        <div>
          <strong>Connection</strong>
          <small>{names}</small>
        </div>
      </header>
      <div className="field">
        <label htmlFor="edge-kind">Connection kind</label>
        <select id="edge-kind" value={edge.kind} disabled={readOnly} onChange={(e) => dispatch([{ op: "edge.update", id: edge.id, set: { kind: e.target.value } }])}>
          {catalog.edge_kinds.map((k, i) => (
            <option key={k.id} value={k.id}>
              {`${k.label} (${i + 1})`}
            </option>
          ))}
        </select>
        {kind ? <p className="hint">{kind.help} Keys 1–{catalog.edge_kinds.length} change the kind of the selected connections.</p> : null}
      </div>
      {"path" in catalog.edge_props ? (
        <div className="field">
          <span className="field-label" id={`line-${edge.id}`}>
            Line
          </span>
          <div className="segmented" role="radiogroup" aria-labelledby={`line-${edge.id}`}>
            {LINES.map(([value, text]) => (
              <button
                key={value}
                type="button"
                role="radio"
                aria-checked={line === value}
                disabled={readOnly}
                onClick={() => line !== value && dispatch(propOps("edge.update", edge.id, "path", value === "elbow" ? undefined : value))}
              >
                {text}
              </button>
            ))}
          </div>
        </div>
      ) : null}
      <TextField label="Connection label" value={edge.label ?? ""} disabled={readOnly} onCommit={(label) => dispatch([{ op: "edge.update", id: edge.id, set: { label: label.trim() || null } }])} />
      <fieldset>
        <legend>Properties</legend>
        {Object.entries(catalog.edge_props)
          .filter(([, spec]) => spec.scope !== "canvas")
          .map(([name, spec]) => (
            <PropField key={name} name={name} spec={spec} value={edge.props?.[name]} fallback={undefined} disabled={readOnly} onCommit={(prop, value) => dispatch(propOps("edge.update", edge.id, prop, value))} />
          ))}
      </fieldset>
      {!readOnly ? (
        <div className="row">
          <button type="button" className="secondary" onClick={() => dispatch([{ op: "edge.update", id: edge.id, set: { source: edge.target, target: edge.source } }])}>
            Reverse direction
          </button>
          <button type="button" className="danger" onClick={() => dispatch([{ op: "edge.remove", id: edge.id }])}>
            Delete connection
          </button>
        </div>
      ) : null}
    </form>
  );
}

/** How many matches the Connect-to picker lists at once (a design may have thousands of components). */
const PICKER_LIMIT = 8;

/** The node's connections (click to select one) and a keyboard way to add one: search for a target, check the kind, connect. */
function Connections({ node, catalog, readOnly }: { node: DesignNode; catalog: Catalog; readOnly: boolean }) {
  const mine = useEditorStore(useShallow((s) => s.doc.edges.filter((e) => e.source === node.id || e.target === node.id)));
  // Only the labels of this node's neighbours: the Inspector does not re-render for edits elsewhere in a big design.
  const ends = useEditorStore(
    useShallow((s) => {
      const wanted = new Set(mine.map((e) => (e.source === node.id ? e.target : e.source)));
      return s.doc.nodes.filter((n) => wanted.has(n.id)).map((n) => `${n.id}\u0000${n.label ?? n.kind}`);
    }),
  );
  const labels = useMemo(() => new Map(ends.map((pair) => pair.split("\u0000") as [string, string])), [ends]);
  const kinds = indexCatalog(catalog).edgeKinds;
  return (
    <fieldset>
      <legend>Connections</legend>
      {mine.length ? (
        <ul className="connections">
          {mine.map((e) => (
            <li key={e.id}>
              <button type="button" className="link-button" onClick={() => useEditorStore.getState().select([], [e.id])}>
                <span className="edge-swatch" style={{ background: kinds.get(e.kind)?.color }} />
                {e.source === node.id ? `→ ${labels.get(e.target)}` : `← ${labels.get(e.source)}`}
                <small>{kinds.get(e.kind)?.label ?? e.kind}</small>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">Not connected yet.</p>
      )}
      {!readOnly ? <ConnectPicker node={node} catalog={catalog} /> : null}
    </fieldset>
  );
}

function ConnectPicker({ node, catalog }: { node: DesignNode; catalog: Catalog }) {
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [target, setTarget] = useState<DesignNode | null>(null);
  const [chosenKind, setChosenKind] = useState<string | null>(null);
  const listId = useId();
  // Matching is computed only while the list is open; it never renders more than PICKER_LIMIT options.
  const { matches, total } = useMemo(() => {
    if (!open) return { matches: [] as DesignNode[], total: 0 };
    const { nodes } = useEditorStore.getState().doc;
    const q = query.trim().toLowerCase();
    const all = nodes.filter((n) => n.id !== node.id && !ANNOTATION_KINDS.has(n.kind) && (!q || (n.label ?? n.kind).toLowerCase().includes(q)));
    all.sort((a, b) => (a.label ?? a.kind).localeCompare(b.label ?? b.kind));
    return { matches: all.slice(0, PICKER_LIMIT), total: all.length };
  }, [open, query, node.id]);
  const kind = chosenKind ?? defaultEdgeKind(catalog, node, target ?? undefined);
  const pick = (n: DesignNode) => {
    setTarget(n);
    setChosenKind(null);
    setQuery(n.label ?? n.kind);
    setOpen(false);
  };
  const connect = () => {
    if (!target) return;
    const id = newId("e");
    if (useEditorStore.getState().dispatch([{ op: "edge.add", edge: { id, source: node.id, target: target.id, kind } }])) {
      setTarget(null);
      setQuery("");
      setChosenKind(null);
    }
  };
  return (
    <div className="connect-form">
      <div className="picker">
        <input
          type="search"
          role="combobox"
          aria-label="Connect to"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open && matches[active] ? `${listId}-${active}` : undefined}
          placeholder="Connect to… (type a name)"
          value={query}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onChange={(e) => {
            setQuery(e.target.value);
            setTarget(null);
            setActive(0);
            setOpen(true);
          }}
          onKeyDown={(e) => {
            if (e.key === "ArrowDown") setActive((i) => Math.min(i + 1, matches.length - 1));
            else if (e.key === "ArrowUp") setActive((i) => Math.max(i - 1, 0));
            else if (e.key === "Enter") {
              if (open && matches[active]) pick(matches[active]);
              else if (target) connect();
            } else if (e.key === "Escape") setOpen(false);
            else return;
            e.preventDefault();
          }}
        />
        {open ? (
          <ul className="picker-list" id={listId} role="listbox" aria-label="Components to connect to">
            {matches.map((n, i) => (
              <li
                key={n.id}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(n);
                }}
              >
                {n.label ?? n.kind}
                <small>{indexCatalog(catalog).kinds.get(n.kind)?.label ?? n.kind}</small>
              </li>
            ))}
            {!matches.length ? <li className="picker-more">No component matches.</li> : null}
            {total > matches.length ? <li className="picker-more">{total - matches.length} more: keep typing to narrow down</li> : null}
          </ul>
        ) : null}
      </div>
      <select aria-label="Connection kind for the new connection" value={kind} onChange={(e) => setChosenKind(e.target.value)}>
        {catalog.edge_kinds.map((k) => (
          <option key={k.id} value={k.id}>
            {k.label}
          </option>
        ))}
      </select>
      <button type="button" className="secondary" disabled={!target} onClick={connect}>
        Connect
      </button>
    </div>
  );
}
