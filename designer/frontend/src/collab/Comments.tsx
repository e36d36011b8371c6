// Comment threads: the "Comments" side panel (filter, new comment on the selection, reply, resolve) and the toolbar's Comment mode.
import { useEffect, useRef, useState } from "react";
import type { Comment, CommentTarget } from "../realtime/protocol";
import { useEditorStore } from "../store";
import type { DesignDocument } from "../types";
import { COMMENT_CHARS } from "../generated/limits";
import { threadsOf, type Thread, type ThreadFilter } from "./state";

const time = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const day = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });

/** "14:05" today, "Nov 21, 14:05" before. */
function shortTime(iso: string): string {
  const at = new Date(iso);
  return at.toDateString() === new Date().toDateString() ? time.format(at) : day.format(at);
}

/** Owners and edit/comment guests may comment; view guests only read (the server refuses them too). */
export function useCanComment(): boolean {
  const role = useEditorStore((s) => s.role);
  const live = useEditorStore((s) => s.connection === "live");
  return live && role !== null && role !== "view";
}

/** What a target is called in the panel: a component's or connection's label, or "the canvas". */
export function targetName(doc: DesignDocument, target: CommentTarget): string {
  if ("node" in target) {
    const node = doc.nodes.find((n) => n.id === target.node);
    return node ? node.label || node.kind : "a deleted component";
  }
  if ("edge" in target) {
    const edge = doc.edges.find((e) => e.id === target.edge);
    if (!edge) return "a deleted connection";
    const label = (id: string) => doc.nodes.find((n) => n.id === id)?.label ?? id;
    return edge.label || `${label(edge.source)} → ${label(edge.target)}`;
  }
  return "the canvas";
}

/** A text box with a submit button; plain text only, trimmed, at most 2,000 characters. */
export function Composer({ label, submitText, onSubmit, onCancel, autoFocus }: {
  label: string;
  submitText: string;
  onSubmit: (body: string) => void;
  onCancel?: () => void;
  autoFocus?: boolean;
}) {
  const [body, setBody] = useState("");
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (autoFocus) ref.current?.focus();
  }, [autoFocus]);
  const submit = () => {
    if (!body.trim()) return;
    onSubmit(body.trim());
    setBody("");
  };
  return (
    <form className="collab-composer" onSubmit={(e) => (e.preventDefault(), submit())}>
      <textarea
        ref={ref}
        aria-label={label}
        placeholder={label}
        value={body}
        maxLength={COMMENT_CHARS}
        rows={2}
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            submit();
          }
          if (e.key === "Escape" && onCancel) {
            e.preventDefault();
            onCancel();
          }
        }}
      />
      <div className="collab-composer-actions">
        {onCancel ? (
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
        <button type="submit" className="collab-primary" disabled={!body.trim()}>
          {submitText}
        </button>
      </div>
    </form>
  );
}

/** Select a thread's target and bring it into view. */
function reveal(target: CommentTarget) {
  const editor = useEditorStore.getState();
  if ("node" in target) editor.select([target.node], []);
  else if ("edge" in target) editor.select([], [target.edge]);
  else return;
  editor.focusSelection();
}

function ThreadView({ thread, doc, canComment, open }: { thread: Thread; doc: DesignDocument; canComment: boolean; open: boolean }) {
  const ref = useRef<HTMLElement>(null);
  const [replying, setReplying] = useState(false);
  useEffect(() => {
    if (open) ref.current?.scrollIntoView({ block: "nearest" });
  }, [open]);
  const { root } = thread;
  const where = targetName(doc, root.target);
  const entry = (c: Comment) => (
    <div className="collab-entry" key={c.id}>
      <div className="collab-meta">
        <strong>{c.author}</strong>
        <time dateTime={c.created_at}>{shortTime(c.created_at)}</time>
      </div>
      <p className="collab-body">{c.body}</p>
    </div>
  );
  return (
    <article
      ref={ref}
      className={`collab-thread${open ? " open" : ""}${root.resolved ? " resolved" : ""}`}
      aria-label={`Comment by ${root.author} on ${where}`}
      onClick={() => useEditorStore.getState().setOpenThread(root.id)}
    >
      <div className="collab-thread-head">
        <button type="button" className="collab-target" disabled={"point" in root.target} onClick={() => reveal(root.target)} title="Show it on the canvas">
          on {where}
        </button>
        {root.resolved ? <span className="collab-status status-resolved">Resolved</span> : null}
        {canComment ? (
          <button type="button" className="tool collab-resolve" onClick={() => useEditorStore.getState().setCommentResolved(root.id, !root.resolved)}>
            {root.resolved ? "Reopen" : "Resolve"}
          </button>
        ) : null}
      </div>
      {entry(root)}
      {thread.replies.length ? <div className="collab-replies">{thread.replies.map(entry)}</div> : null}
      {canComment ? (
        replying ? (
          <Composer label="Reply" submitText="Reply" autoFocus onSubmit={(body) => (useEditorStore.getState().replyToComment(root.id, body), setReplying(false))} onCancel={() => setReplying(false)} />
        ) : (
          <button type="button" className="collab-reply-button" onClick={() => setReplying(true)}>
            Reply
          </button>
        )
      ) : null}
    </article>
  );
}

/** The target a new comment from the panel gets: the first selected component, else the first selected connection. */
function selectedTarget(selection: { nodes: string[]; edges: string[] }): CommentTarget | null {
  if (selection.nodes.length) return { node: selection.nodes[0] };
  if (selection.edges.length) return { edge: selection.edges[0] };
  return null;
}

const FILTERS: { id: ThreadFilter; label: string }[] = [
  { id: "open", label: "Open" },
  { id: "resolved", label: "Resolved" },
  { id: "all", label: "All" },
];

export function CommentsPanel() {
  const comments = useEditorStore((s) => s.comments);
  const filter = useEditorStore((s) => s.filter);
  const openThread = useEditorStore((s) => s.openThread);
  const status = useEditorStore((s) => s.connection);
  const doc = useEditorStore((s) => s.doc);
  const selection = useEditorStore((s) => s.selection);
  const canComment = useCanComment();
  const target = selectedTarget(selection);
  const threads = threadsOf(comments, filter);
  const counts = { open: threadsOf(comments, "open").length, resolved: threadsOf(comments, "resolved").length, all: threadsOf(comments).length };
  if (status === null) return <p className="panel-empty">Comments need a live connection to this design.</p>;
  return (
    <div className="collab-comments">
      {canComment ? (
        <section className="collab-new" aria-label="New comment">
          {target ? (
            <>
              <p className="hint">
                New comment on <strong>{targetName(doc, target)}</strong>
              </p>
              <Composer label="Comment" submitText="Comment" onSubmit={(body) => useEditorStore.getState().createComment(target, body)} />
            </>
          ) : (
            <p className="hint">Select a component or connection to comment on it, or press Comment in the toolbar and click anywhere on the canvas.</p>
          )}
        </section>
      ) : null}
      <div className="collab-filter" role="radiogroup" aria-label="Show comments">
        {FILTERS.map((f) => (
          <button key={f.id} type="button" role="radio" aria-checked={filter === f.id} className={filter === f.id ? "active" : ""} onClick={() => useEditorStore.getState().setFilter(f.id)}>
            {f.label} <span className="collab-count">{counts[f.id]}</span>
          </button>
        ))}
      </div>
      {threads.length ? (
        <div className="collab-threads">
          {threads.map((t) => (
            <ThreadView key={t.root.id} thread={t} doc={doc} canComment={canComment} open={openThread === t.root.id} />
          ))}
        </div>
      ) : (
        <p className="panel-empty">{filter === "resolved" ? "No resolved comments." : filter === "open" ? "No open comments." : "No comments yet."}</p>
      )}
    </div>
  );
}

/** Toolbar toggle: while on, a click on the canvas pins a new comment there (on a component if it hits one). */
export function CommentModeButton() {
  const on = useEditorStore((s) => s.commentMode);
  const canComment = useCanComment();
  if (!canComment) return null;
  return (
    <button
      type="button"
      className={`tool collab-mode${on ? " active" : ""}`}
      aria-pressed={on}
      onClick={() => useEditorStore.getState().setCommentMode(!on)}
      title="Comment mode: click on the canvas or a component to pin a comment (Esc to leave)"
    >
      Comment
    </button>
  );
}
