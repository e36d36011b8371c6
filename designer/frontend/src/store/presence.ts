// Presence slice: who is in the live session (cursors, selections), comment threads and the comment UI.
// The sync slice folds the server's presence and comment messages in; actions here send through the same link.
import type { StateCreator } from "zustand";
import type { Peers, ThreadFilter } from "../collab/state";
import type { Comment, CommentTarget, Point, Role } from "../realtime/protocol";
import type { EditorState } from "./index";

/** Where a new comment will be pinned while its text is being written. */
export type Draft = { target: Comment["target"]; at: { x: number; y: number } };

/** Presence updates are coalesced to one per interval (the server allows 50 messages a second in all). */
export const PRESENCE_INTERVAL_MS = 50;

export interface PresenceSlice {
  youId: string | null;
  role: Role | null;
  peers: Peers;
  comments: Comment[];
  commentMode: boolean;
  draft: Draft | null;
  openThread: number | null;
  filter: ThreadFilter;
  setCommentMode: (on: boolean) => void;
  setDraft: (draft: Draft | null) => void;
  setOpenThread: (id: number | null) => void;
  setFilter: (filter: ThreadFilter) => void;
  /** Share this client's cursor and selection (the latest wins; at most one message per PRESENCE_INTERVAL_MS). */
  sharePresence: (cursor: Point | null, selection: string[]) => void;
  createComment: (target: CommentTarget, body: string) => void;
  replyToComment: (parentId: number, body: string) => void;
  setCommentResolved: (commentId: number, resolved: boolean) => void;
}

export const createPresenceSlice: StateCreator<EditorState, [], [], PresenceSlice> = (set, get) => {
  let latest: { cursor: Point | null; selection: string[] } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flushPresence = () => {
    if (!latest) return;
    get().link?.send({ type: "presence.update", ...latest });
    latest = null;
    timer = setTimeout(() => {
      timer = null;
      flushPresence();
    }, PRESENCE_INTERVAL_MS);
  };

  return {
    youId: null,
    role: null,
    peers: {},
    comments: [],
    commentMode: false,
    draft: null,
    openThread: null,
    filter: "open",
    setCommentMode: (commentMode) => set({ commentMode, draft: null }),
    setDraft: (draft) => set({ draft }),
    setOpenThread: (openThread) => set({ openThread }),
    setFilter: (filter) => set({ filter }),
    sharePresence: (cursor, selection) => {
      latest = { cursor, selection };
      if (!timer) flushPresence();
    },
    createComment: (target, body) => void get().link?.send({ type: "comment.create", target, body }),
    replyToComment: (parentId, body) => void get().link?.send({ type: "comment.reply", parent_id: parentId, body }),
    setCommentResolved: (commentId, resolved) =>
      void get().link?.send(resolved ? { type: "comment.resolve", comment_id: commentId } : { type: "comment.reopen", comment_id: commentId }),
  };
};
