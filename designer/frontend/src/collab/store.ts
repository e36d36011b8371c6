// The collaboration slice (zustand): participants, comments, connection state and the comment UI, fed by the live session.
import { create } from "zustand";
import type { Comment, Role } from "../realtime/protocol";
import type { ConnectionStatus } from "../realtime/socket";
import type { LiveListener } from "../realtime/transport";
import { applyPresence, peersFromWelcome, upsertComment, type Peers, type ThreadFilter } from "./state";

/** Where a new comment will be pinned while its text is being written. */
export type Draft = { target: Comment["target"]; at: { x: number; y: number } };

export interface CollabState {
  youId: string | null;
  role: Role | null;
  peers: Peers;
  comments: Comment[];
  status: ConnectionStatus | null;
  /** Set when the server ended the session for good (revoked or expired link, logged out). */
  ended: { code: number; reason: string } | null;
  commentMode: boolean;
  draft: Draft | null;
  openThread: number | null;
  filter: ThreadFilter;
  setCommentMode: (on: boolean) => void;
  setDraft: (draft: Draft | null) => void;
  setOpenThread: (id: number | null) => void;
  setFilter: (filter: ThreadFilter) => void;
}

/** Build a fresh collab store (tests make their own; the editor uses `useCollabStore`). */
export const createCollabStore = () =>
  create<CollabState>()((set) => ({
    youId: null,
    role: null,
    peers: {},
    comments: [],
    status: null,
    ended: null,
    commentMode: false,
    draft: null,
    openThread: null,
    filter: "open",
    setCommentMode: (commentMode) => set({ commentMode, draft: null }),
    setDraft: (draft) => set({ draft }),
    setOpenThread: (openThread) => set({ openThread }),
    setFilter: (filter) => set({ filter }),
  }));

export const useCollabStore = createCollabStore();

export type CollabStore = typeof useCollabStore;

/** Handlers that keep a collab store in step with the live session (see subscribeLive). */
export function collabListener(store: CollabStore): LiveListener {
  return {
    welcome: (w) => store.setState({ youId: w.you.id, role: w.role, peers: peersFromWelcome(w), comments: w.comments }),
    presence: (event) => store.setState((s) => ({ peers: applyPresence(s.peers, event) })),
    comment: (event) => store.setState((s) => ({ comments: upsertComment(s.comments, event.comment) })),
    status: (status, info) =>
      store.setState((s) => ({
        status,
        // Presence is volatile: nobody is known to be here until the next welcome says so.
        peers: status === "live" ? s.peers : {},
        ended: status === "closed" ? { code: info.code ?? 1000, reason: info.reason || "The live session ended." } : s.ended,
      })),
  };
}
