// The comparison with the reference: both diagrams side by side (read-only React Flow), matched components in the
// same colour, the differences grouped by the 7 steps with a coverage per step; an item or a pair selects on both.
import { Background, BackgroundVariant, ConnectionMode, ReactFlow, ReactFlowProvider, useReactFlow } from "@xyflow/react";
import { useEffect, useMemo, useState } from "react";
import { ModalDialog } from "../components/ModalDialog";
import { EdgeMarkers, edgeTypes, type DesignFlowEdge } from "../components/edges";
import { nodeTypes, type DesignFlowNode } from "../components/nodes";
import { absoluteBoxes, attachSides, EdgeBuilder, NodeBuilder } from "../flow";
import type { Catalog, DesignDocument } from "../types";
import { coverageText, itemsByStep, KIND_WORDS, pairColours, selectionFor, type CompareResult, type CompareSide } from "./compare";
import "./practice.css";

const NONE: CompareSide = { nodes: [], edges: [] };
const NO_FLAGS = new Map();
// A small design is not blown up past its natural size.
const FIT = { padding: 0.05, duration: 200, maxZoom: 1 };

/** One read-only diagram: matched components outlined in their pair's colour, unmatched ones marked. */
function Diagram({ side, label, doc, catalog, colours, selected, onPick }: {
  side: "candidate" | "reference";
  label: string;
  doc: DesignDocument;
  catalog: Catalog;
  colours: Map<string, string>;
  selected: CompareSide;
  onPick: (node: string) => void;
}) {
  const flow = useReactFlow<DesignFlowNode, DesignFlowEdge>();
  const nodes = useMemo(() => {
    // A read-only diagram changes only with a pick: fresh builders, no cache to keep.
    const built = new NodeBuilder().build(doc, catalog, new Set(selected.nodes), NO_FLAGS, true, []);
    return built.map((n): DesignFlowNode => {
      if (n.type !== "component") return n;
      const colour = colours.get(n.id);
      return colour
        ? { ...n, className: "cmp-pair", style: { "--pair": colour } as React.CSSProperties, ariaLabel: `${n.ariaLabel}, matched` }
        : { ...n, className: side === "reference" ? "cmp-missing" : "cmp-extra", ariaLabel: `${n.ariaLabel}, ${side === "reference" ? "missing from your design" : "not in the reference"}` };
    });
  }, [doc, catalog, colours, selected.nodes, side]);
  const edges = useMemo(() => attachSides(new EdgeBuilder().build(doc, catalog, new Set(selected.edges), NO_FLAGS, true), absoluteBoxes(nodes)), [doc, catalog, selected.edges, nodes]);

  // Frame what was picked (an edge: its two ends); nothing picked: the whole design.
  useEffect(() => {
    const ids = new Set(selected.nodes);
    for (const e of doc.edges) if (selected.edges.includes(e.id)) ids.add(e.source).add(e.target);
    const id = window.requestAnimationFrame(() => {
      void flow.fitView(ids.size ? { nodes: [...ids].map((n) => ({ id: n })), padding: 0.5, duration: 200, maxZoom: 1 } : FIT);
    });
    return () => window.cancelAnimationFrame(id);
  }, [flow, doc, selected]);

  return (
    <section className="cmp-diagram" aria-label={label} data-side={side}>
      <h3>{label}</h3>
      <EdgeMarkers kinds={catalog.edge_kinds} />
      <ReactFlow<DesignFlowNode, DesignFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        nodesDraggable={false}
        nodesConnectable={false}
        edgesReconnectable={false}
        // A card's four handles are each both an end and a start (as on the canvas): in React Flow's default strict mode
        // an edge needs a target handle at its end, found none, and was not drawn (the diagrams showed no connections).
        connectionMode={ConnectionMode.Loose}
        elementsSelectable
        // The list is the keyboard's way in (every item and pair selects on both diagrams); Tab skips the many cards.
        nodesFocusable={false}
        edgesFocusable={false}
        deleteKeyCode={null}
        selectionKeyCode={null}
        multiSelectionKeyCode={null}
        onNodeClick={(_, node) => onPick(node.id)}
        fitView
        fitViewOptions={FIT}
        minZoom={0.05}
        maxZoom={2}
        proOptions={{ hideAttribution: true }}
        zoomOnDoubleClick={false}
      >
        <Background variant={BackgroundVariant.Dots} gap={16} size={1} color="#e2e8f0" />
      </ReactFlow>
      {doc.nodes.length ? null : <p className="cmp-empty">Nothing drawn yet.</p>}
    </section>
  );
}

/** The comparison dialog. `result` is the server's comparison of `candidate` with the reference it returns. */
export function CompareView({ result, candidate, catalog, onClose, returnFocus, title = "Compare with the reference" }: {
  result: CompareResult;
  candidate: DesignDocument;
  catalog: Catalog;
  onClose: () => void;
  returnFocus?: () => HTMLElement | null;
  title?: string;
}) {
  const { comparison, reference } = result;
  const colours = useMemo(() => pairColours(comparison), [comparison]);
  const groups = useMemo(() => itemsByStep(comparison), [comparison]);
  const [picked, setPicked] = useState<string | null>(null);
  const [selection, setSelection] = useState<{ reference: CompareSide; candidate: CompareSide }>({ reference: NONE, candidate: NONE });
  const pick = (id: string) => {
    const target = comparison.items.find((i) => i.id === id) ?? comparison.pairs.find((p) => p.id === id);
    if (!target) return;
    setPicked(id);
    setSelection(selectionFor(comparison, target));
  };
  const pickNode = (side: "reference" | "candidate", node: string) => {
    const pair = comparison.pairs.find((p) => p[side] === node);
    if (pair) return pick(pair.id);
    const item = comparison.items.find((i) => i[side].nodes.includes(node));
    if (item) pick(item.id);
  };

  return (
    // A native modal (focus moved to Close and trapped, Esc or the backdrop closes, focus returns to the opener).
    <ModalDialog className="cmp-dialog" label={title} onClose={onClose} returnFocus={returnFocus} initialFocus=".cmp-head button">
      <header className="cmp-head">
        <h2 id="cmp-title">{title}</h2>
        <p className="cmp-total" data-testid="compare-coverage">
          Coverage {coverageText(comparison.coverage)} · {comparison.pairs.length} matched · {comparison.items.length} differences
        </p>
        <p className="cmp-legend" aria-hidden="true">
          <span className="cmp-key pair" /> same colour: matched <span className="cmp-key missing" /> only in the reference <span className="cmp-key extra" /> only in yours
        </p>
        <button type="button" className="tool" onClick={onClose}>
          Close
        </button>
      </header>
      <div className="cmp-body">
        <nav className="cmp-list" aria-label="Differences by step">
          <ol className="cmp-steps">
            {groups.map(({ step, items }) => (
              <li key={step.id} data-step={step.id}>
                <h3>
                  <span>{step.number}. {step.title}</span>
                  <span className="cmp-cov" data-testid={`compare-coverage-${step.id}`} title={`${step.covered} of ${step.total} reference parts covered`}>
                    {coverageText(step.coverage)}
                  </span>
                </h3>
                {items.length ? (
                  <ul>
                    {items.map((item) => (
                      <li key={item.id}>
                        <button type="button" className={`cmp-item kind-${item.kind}${picked === item.id ? " picked" : ""}`} aria-pressed={picked === item.id} onClick={() => pick(item.id)} data-kind={item.kind}>
                          <small>{KIND_WORDS[item.kind]}</small> {item.message}
                        </button>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="hint">{step.total ? "Matches the reference." : "Nothing to compare in this step."}</p>
                )}
              </li>
            ))}
          </ol>
          <h3 className="cmp-pairs-head">Matched components</h3>
          <ul className="cmp-pairs">
            {comparison.pairs.map((pair) => (
              <li key={pair.id}>
                <button type="button" className={`cmp-item${picked === pair.id ? " picked" : ""}`} aria-pressed={picked === pair.id} title={pair.why} onClick={() => pick(pair.id)}>
                  <span className="cmp-swatch" style={{ background: colours.reference.get(pair.reference) }} aria-hidden="true" />
                  {pair.candidate_label} ↔ {pair.reference_label}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <ReactFlowProvider>
          <Diagram side="candidate" label="Your design" doc={candidate} catalog={catalog} colours={colours.candidate} selected={selection.candidate} onPick={(n) => pickNode("candidate", n)} />
        </ReactFlowProvider>
        <ReactFlowProvider>
          <Diagram side="reference" label="Reference" doc={reference} catalog={catalog} colours={colours.reference} selected={selection.reference} onPick={(n) => pickNode("reference", n)} />
        </ReactFlowProvider>
      </div>
    </ModalDialog>
  );
}
