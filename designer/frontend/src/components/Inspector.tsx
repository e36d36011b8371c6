// The Inspector: edit the selected component (label, typed props), note, group, or connection (kind, label, props).
import { useState } from "react";
import { newId } from "../actions";
import { indexCatalog } from "../catalog";
import { useEditorStore } from "../store";
import type { Catalog, DesignEdge, DesignNode, Op, PropValue } from "../types";
import { PropField, TextField } from "./fields";
import { Icon } from "./icons";
import { TEXT_CHARS } from "../generated/limits";

function propOps(kind: "node.update" | "edge.update", id: string, name: string, value: PropValue | undefined): Op[] {
  return [value === undefined ? { op: kind, id, unset: [name] } : { op: kind, id, props: { [name]: value } }];
}

export function Inspector({ catalog, readOnly }: { catalog: Catalog; readOnly: boolean }) {
  const selection = useEditorStore((s) => s.selection);
  const node = useEditorStore((s) => (s.selection.nodes.length === 1 && !s.selection.edges.length ? s.doc.nodes.find((n) => n.id === s.selection.nodes[0]) : undefined));
  const edge = useEditorStore((s) => (s.selection.edges.length === 1 && !s.selection.nodes.length ? s.doc.edges.find((e) => e.id === s.selection.edges[0]) : undefined));
  if (node) return <NodeInspector key={node.id} node={node} catalog={catalog} readOnly={readOnly} />;
  if (edge) return <EdgeInspector key={edge.id} edge={edge} catalog={catalog} readOnly={readOnly} />;
  const count = selection.nodes.length + selection.edges.length;
  return (
    <div className="panel-empty">
      {count ? (
        <p>
          {selection.nodes.length} components and {selection.edges.length} connections selected. Press Delete to remove them, Ctrl+D to duplicate or Ctrl+G to group.
        </p>
      ) : (
        <>
          <p>Select a component or connection to edit it.</p>
          <p className="hint">Drag components from the palette, then drag from a node’s right handle to another node to connect them. Press ? for shortcuts.</p>
        </>
      )}
    </div>
  );
}

function NodeInspector({ node, catalog, readOnly }: { node: DesignNode; catalog: Catalog; readOnly: boolean }) {
  const dispatch = useEditorStore((s) => s.dispatch);
  const kind = indexCatalog(catalog).kinds.get(node.kind);
  const category = kind ? indexCatalog(catalog).categories.get(kind.category) : undefined;
  const annotation = node.kind === "note" || node.kind === "group";
  const defaults = kind?.defaults ?? {};
  // The kind's own figures first, then the rest of the catalog props.
  const names = [...Object.keys(defaults), ...Object.keys(catalog.props).filter((p) => !(p in defaults))];
  return (
    <form className="inspector" aria-label="Component properties" onSubmit={(e) => e.preventDefault()}>
      <header className="inspector-head" style={{ "--cat-bg": category?.color, "--cat-stroke": category?.stroke } as React.CSSProperties}>
        <span className="mlsd-node-icon">
          <Icon name={kind?.icon ?? "box"} size={20} />
        </span>
        <div>
          <strong>{kind?.label ?? node.kind}</strong>
          <small>{category?.label}</small>
        </div>
      </header>
      {kind ? <p className="hint">{kind.description}</p> : null}
      <TextField label="Label" value={node.label ?? ""} disabled={readOnly} onCommit={(label) => dispatch([{ op: "node.update", id: node.id, set: { label: label.trim() || null } }])} />
      {node.kind === "note" ? (
        <TextField label="Note text" multiline maxLength={TEXT_CHARS} value={node.text ?? ""} disabled={readOnly} onCommit={(text) => dispatch([{ op: "node.update", id: node.id, set: { text: text || null } }])} />
      ) : null}
      {!annotation ? (
        <fieldset>
          <legend>Properties</legend>
          {names.map((name) => (
            <PropField
              key={name}
              name={name}
              spec={catalog.props[name]}
              value={node.props?.[name]}
              fallback={defaults[name]}
              disabled={readOnly}
              onCommit={(prop, value) => dispatch(propOps("node.update", node.id, prop, value))}
            />
          ))}
        </fieldset>
      ) : null}
      {!annotation ? <Connections node={node} catalog={catalog} readOnly={readOnly} /> : null}
      {kind?.technologies.length ? <p className="hint">Examples: {kind.technologies.join(", ")}</p> : null}
      {!readOnly ? (
        <button type="button" className="danger" onClick={() => dispatch([{ op: "node.remove", id: node.id }])}>
          Delete {annotation ? node.kind : "component"}
        </button>
      ) : null}
    </form>
  );
}

function EdgeInspector({ edge, catalog, readOnly }: { edge: DesignEdge; catalog: Catalog; readOnly: boolean }) {
  const dispatch = useEditorStore((s) => s.dispatch);
  const names = useEditorStore((s) => [s.doc.nodes.find((n) => n.id === edge.source)?.label ?? edge.source, s.doc.nodes.find((n) => n.id === edge.target)?.label ?? edge.target].join(" → "));
  const kind = indexCatalog(catalog).edgeKinds.get(edge.kind);
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
          {catalog.edge_kinds.map((k) => (
            <option key={k.id} value={k.id}>
              {k.label}
            </option>
          ))}
        </select>
        {kind ? <p className="hint">{kind.help}</p> : null}
      </div>
      <TextField label="Connection label" value={edge.label ?? ""} disabled={readOnly} onCommit={(label) => dispatch([{ op: "edge.update", id: edge.id, set: { label: label.trim() || null } }])} />
      <fieldset>
        <legend>Properties</legend>
        {Object.entries(catalog.edge_props).map(([name, spec]) => (
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

/** The node's connections (click to select one) and a keyboard way to add one: pick a target and a kind. */
function Connections({ node, catalog, readOnly }: { node: DesignNode; catalog: Catalog; readOnly: boolean }) {
  const edges = useEditorStore((s) => s.doc.edges);
  const nodes = useEditorStore((s) => s.doc.nodes);
  const [target, setTarget] = useState("");
  const [kind, setKind] = useState(catalog.edge_kinds[0]?.id ?? "request");
  const mine = edges.filter((e) => e.source === node.id || e.target === node.id);
  const labels = new Map(nodes.map((n) => [n.id, n.label ?? n.kind]));
  const kinds = indexCatalog(catalog).edgeKinds;
  const candidates = nodes.filter((n) => n.id !== node.id && n.kind !== "note" && n.kind !== "group").sort((a, b) => (a.label ?? "").localeCompare(b.label ?? ""));
  const connect = () => {
    if (!target) return;
    const id = newId("e");
    const state = useEditorStore.getState();
    if (state.dispatch([{ op: "edge.add", edge: { id, source: node.id, target, kind } }])) setTarget("");
  };
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
      {!readOnly && candidates.length ? (
        <div className="connect-form">
          <select aria-label="Connect to" value={target} onChange={(e) => setTarget(e.target.value)}>
            <option value="">Connect to…</option>
            {candidates.map((n) => (
              <option key={n.id} value={n.id}>
                {n.label ?? n.kind}
              </option>
            ))}
          </select>
          <select aria-label="Connection kind for the new connection" value={kind} onChange={(e) => setKind(e.target.value)}>
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
      ) : null}
    </fieldset>
  );
}
