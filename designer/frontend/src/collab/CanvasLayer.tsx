// On the canvas (inside <ReactFlow>): others' cursors and selections, comment pins, the comment-mode click layer and draft.
import { useNodes, useReactFlow, useStore, useStoreApi, ViewportPortal } from "@xyflow/react";
import { pageText } from "../cards";
import { useEffect, useRef } from "react";
import type { Point } from "../realtime/protocol";
import { useEditorStore } from "../store";
import { Composer, targetName } from "./Comments";
import { clearSpot, keepClear, pinPosition, pinSpot, remoteSelections, threadsOf, type Box, type Peer } from "./state";
import { SELECTION_MAX } from "../generated/limits";

/** Send this client's cursor (flow coordinates) and selection; the store coalesces to one message per 50 ms. */
function usePresenceSender() {
  const flow = useReactFlow();
  const domNode = useStore((s) => s.domNode);
  const cursor = useRef<Point | null>(null);
  useEffect(() => {
    const send = () => {
      const { nodes, edges } = useEditorStore.getState().selection;
      useEditorStore.getState().sharePresence(cursor.current, [...nodes, ...edges].slice(0, SELECTION_MAX));
    };
    const move = (event: PointerEvent) => {
      const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      cursor.current = { x: Math.round(at.x * 10) / 10, y: Math.round(at.y * 10) / 10 };
      send();
    };
    const leave = () => {
      cursor.current = null;
      send();
    };
    domNode?.addEventListener("pointermove", move);
    domNode?.addEventListener("pointerleave", leave);
    // The server forgets presence with the socket: tell a new connection where we are.
    const off = useEditorStore.subscribe((s, prev) => (s.selection !== prev.selection || (s.connection === "live" && prev.connection !== "live")) && send());
    return () => {
      domNode?.removeEventListener("pointermove", move);
      domNode?.removeEventListener("pointerleave", leave);
      off();
    };
  }, [domNode, flow]);
}

const DRAFT_WIDTH = 260;
const DRAFT_HEIGHT = 150;
/** Screen sizes of a name tag (editor's collab.css: 11 px / 10 px bold text, padding 7 px / 6 px) and a pin. */
const CURSOR_TAG = { size: 11, padX: 14, height: 18 };
const SELECTION_TAG = { size: 10, padX: 12, height: 15 };
const PIN = 28;

const tagWidth = (name: string, size: number, padX: number) => {
  const { measure, family } = pageText();
  return Math.ceil(measure(name, `600 ${size}px ${family}`)) + padX + 2;
};

function Cursor({ peer, zoom, clear }: { peer: Peer; zoom: number; clear: Box[] }) {
  if (!peer.cursor) return null;
  // The name goes beside the pointer where it covers no card, label or badge; over a card, the pointer alone.
  const w = tagWidth(peer.name, CURSOR_TAG.size, CURSOR_TAG.padX);
  const h = CURSOR_TAG.height;
  const offsets = [
    [14, 16],
    [14, -h - 2],
    [-w - 4, 16],
    [-w - 4, -h - 2],
  ];
  const at = peer.cursor;
  const spot = clearSpot(
    offsets.map(([dx, dy]) => ({ x: at.x + dx / zoom, y: at.y + dy / zoom })),
    { width: w / zoom, height: h / zoom },
    clear,
  );
  return (
    <div
      className="collab-cursor"
      style={{ transform: `translate(${peer.cursor.x}px, ${peer.cursor.y}px) scale(${1 / zoom})`, "--peer": peer.colour } as React.CSSProperties}
      aria-label={`${peer.name}'s pointer`}
    >
      <svg width="18" height="20" viewBox="0 0 18 20" aria-hidden="true">
        <path d="M1 1 L1 16 L5.2 12.2 L8.2 19 L11 17.8 L8.1 11.2 L14 11.2 Z" fill="var(--peer)" stroke="#fff" strokeWidth="1.5" strokeLinejoin="round" />
      </svg>
      {spot ? (
        <span className="collab-cursor-name" style={{ left: (spot.x - at.x) * zoom, top: (spot.y - at.y) * zoom }}>
          {peer.name}
        </span>
      ) : null}
    </div>
  );
}

/** True when the layer has something to draw: another person here, a comment, comment mode or a draft. */
const anythingToDraw = (s: ReturnType<typeof useEditorStore.getState>) =>
  s.commentMode || !!s.draft || s.comments.length > 0 || Object.keys(s.peers).some((id) => id !== s.youId);

export function CanvasLayer() {
  usePresenceSender();
  // The marks re-render on every pan frame and node move (they follow the viewport and the cards): alone on the canvas
  // with no comments there is nothing to draw, so nothing subscribes to them.
  return useEditorStore(anythingToDraw) ? <CanvasMarks /> : null;
}

function CanvasMarks() {
  const flow = useReactFlow();
  useNodes(); // re-render when nodes move or resize, so outlines and pins follow them
  // The zoom alone: useViewport() would re-render the marks on every frame of a pan (they sit in the viewport's own
  // coordinates, so a pan moves them without a render).
  const zoom = useStore((s) => s.transform[2]);
  const peers = useEditorStore((s) => s.peers);
  const youId = useEditorStore((s) => s.youId);
  const comments = useEditorStore((s) => s.comments);
  const commentMode = useEditorStore((s) => s.commentMode);
  const draft = useEditorStore((s) => s.draft);
  const openThread = useEditorStore((s) => s.openThread);
  const doc = useEditorStore((s) => s.doc);
  const domNode = useStore((s) => s.domNode);
  const store = useStoreApi();

  useEffect(() => {
    if (!commentMode && !draft) return;
    const escape = (e: KeyboardEvent) => e.key === "Escape" && useEditorStore.getState().setCommentMode(false);
    window.addEventListener("keydown", escape);
    return () => window.removeEventListener("keydown", escape);
  }, [commentMode, draft]);

  const boxOf = (id: string) => {
    const node = flow.getInternalNode(id);
    if (!node) return null;
    const { x, y } = node.internals.positionAbsolute;
    return { x, y, width: node.measured.width ?? node.width ?? 0, height: node.measured.height ?? node.height ?? 0 };
  };
  const edgeEnds = (id: string): [string, string] | null => {
    const edge = doc.edges.find((e) => e.id === id);
    return edge ? [edge.source, edge.target] : null;
  };

  const pickTarget = (event: React.MouseEvent) => {
    const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
    const hits = flow
      .getIntersectingNodes({ x: at.x, y: at.y, width: 1, height: 1 })
      .filter((n) => n.type !== "group")
      .map((n) => boxOf(n.id) && { id: n.id, box: boxOf(n.id)! })
      .filter((n): n is { id: string; box: NonNullable<ReturnType<typeof boxOf>> } => !!n)
      .sort((a, b) => a.box.width * a.box.height - b.box.width * b.box.height);
    const hit = hits[0];
    useEditorStore.setState({
      commentMode: false,
      draft: hit
        ? { target: { node: hit.id }, at: { x: hit.box.x + hit.box.width, y: hit.box.y } }
        : { target: { point: { x: Math.round(at.x), y: Math.round(at.y) } }, at },
    });
  };

  // The draft box stays inside the canvas (it would be clipped at its edges), next to its spot when there is room.
  const draftPlace = (at: Point): React.CSSProperties => {
    const screen = flow.flowToScreenPosition(at);
    const rect = domNode?.getBoundingClientRect();
    if (!rect) return {};
    const x = Math.min(Math.max(screen.x - rect.left + 8, 8), rect.width - DRAFT_WIDTH - 8);
    const y = Math.min(Math.max(screen.y - rect.top + 8, 8), rect.height - DRAFT_HEIGHT - 8);
    return { left: x, top: y };
  };

  const marks = remoteSelections(peers, youId);
  const counterScale = `scale(${1 / zoom})`;
  // Name tags and pins never cover a card's text or its findings badge.
  const cards: Box[] = [];
  for (const n of store.getState().nodeLookup.values()) {
    if (n.type === "group") continue;
    cards.push({ x: n.internals.positionAbsolute.x, y: n.internals.positionAbsolute.y, width: n.measured.width ?? n.width ?? 0, height: n.measured.height ?? n.height ?? 0 });
  }
  const clear = keepClear(cards);
  const selectionTag = (box: Box, name: string) => {
    const w = tagWidth(name, SELECTION_TAG.size, SELECTION_TAG.padX) / zoom;
    const h = SELECTION_TAG.height / zoom;
    const gap = 6 / zoom;
    return clearSpot(
      [
        { x: box.x - 4, y: box.y - 4 - gap / 3 - h },
        { x: box.x - 4, y: box.y + box.height + 4 + gap / 3 },
        { x: box.x - 4 - w - gap, y: box.y },
        { x: box.x + box.width + 4 + 10 + gap, y: box.y },
      ],
      { width: w, height: h },
      clear,
    );
  };
  return (
    <>
      <ViewportPortal>
        {[...marks].map(([id, peer]) => {
          const box = boxOf(id);
          if (!box) return null;
          const tag = selectionTag(box, peer.name);
          return (
            <div key={id}>
              <div
                className="collab-selection"
                style={{ transform: `translate(${box.x - 4}px, ${box.y - 4}px)`, width: box.width + 8, height: box.height + 8, "--peer": peer.colour } as React.CSSProperties}
                aria-label={`Selected by ${peer.name}`}
              />
              {tag ? (
                <span className="collab-selection-name" style={{ transform: `translate(${tag.x}px, ${tag.y}px) ${counterScale}`, "--peer": peer.colour } as React.CSSProperties} aria-hidden="true">
                  {peer.name}
                </span>
              ) : null}
            </div>
          );
        })}
        {threadsOf(comments, "open").map(({ root, replies }) => {
          const tip = pinPosition(root.target, boxOf, edgeEnds);
          if (!tip) return null;
          const at = pinSpot(tip, PIN / zoom, clear, "node" in root.target);
          return (
            <button
              key={root.id}
              type="button"
              className={`collab-pin nodrag nopan${"point" in root.target ? "" : " on-element"}${openThread === root.id ? " open" : ""}`}
              style={{ transform: `translate(${at.x}px, ${at.y}px) ${counterScale}` }}
              aria-label={`Open comment by ${root.author} on ${targetName(doc, root.target)}`}
              title={`${root.author}: ${root.body}`}
              onClick={() => {
                // Pins belong to open threads: make sure the panel's filter shows this one.
                useEditorStore.setState((s) => ({ openThread: root.id, filter: s.filter === "resolved" ? "open" : s.filter }));
                useEditorStore.getState().setSidebarTab("comments");
              }}
            >
              <span aria-hidden="true">{replies.length + 1}</span>
            </button>
          );
        })}
        {Object.values(peers)
          .filter((p) => p.id !== youId)
          .map((p) => (
            <Cursor key={p.id} peer={p} zoom={zoom} clear={clear} />
          ))}
      </ViewportPortal>
      {commentMode ? <div className="collab-pick" onClick={pickTarget} aria-hidden="true" /> : null}
      {draft ? (
        <div className="collab-draft nodrag nopan nowheel" style={draftPlace(draft.at)} role="dialog" aria-label="New comment">
          <p className="collab-draft-where">On {targetName(doc, draft.target)}</p>
          <Composer
            label="Comment"
            submitText="Comment"
            autoFocus
            onSubmit={(body) => {
              useEditorStore.getState().createComment(draft.target, body);
              useEditorStore.getState().setDraft(null);
              useEditorStore.getState().setSidebarTab("comments");
            }}
            onCancel={() => useEditorStore.getState().setDraft(null)}
          />
        </div>
      ) : null}
    </>
  );
}
