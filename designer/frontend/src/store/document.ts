// Document slice: the confirmed server document + version, this client's pending ops, the local view and undo/redo.
import type { StateCreator } from "zustand";
import { applyOpsTolerant, applyWithInverse, fitOps, OpError } from "../ops";
import type { DesignDocument, Op } from "../types";
import { blankDocument } from "../ops";
import type { EditorState } from "./index";

export type InFlight = { clientOpId: string; ops: Op[] };

export type DispatchOptions = {
  undoable?: boolean;
  /** Consecutive undoable dispatches with the same key make one undo step (a burst of arrow-key moves). */
  coalesce?: string;
};

export interface DocumentSlice {
  /** What the user sees: the confirmed document with this client's unacknowledged ops on top. */
  doc: DesignDocument;
  /** The last document the server acknowledged, at `version`. */
  confirmed: DesignDocument;
  version: number;
  /** Ops not yet handed to the transport, oldest first. */
  pending: Op[];
  /** The batch the transport is sending now (retried until acknowledged). */
  inflight: InFlight | null;
  undoStack: Op[][];
  redoStack: Op[][];
  /** Apply a local change, record its inverse for undo (unless undoable is false) and queue it for saving. */
  dispatch: (ops: Op[], options?: DispatchOptions) => boolean;
  undo: () => void;
  redo: () => void;
  /** Ops from someone else, already applied by the server at `version`. */
  applyRemote: (ops: Op[], version: number) => void;
  /** Replace everything with the server's document (first load, or resync after a rejected batch). */
  resetFromServer: (doc: DesignDocument, version: number) => void;
  /** A fresh server document after a refused batch: keep this client's unsent ops on top of it. */
  rebaseOnServer: (doc: DesignDocument, version: number) => void;
  /** Move pending ops into a new in-flight batch (or return the unacknowledged one). */
  takeBatch: (maxOps: number) => InFlight | null;
  /** The server applied the in-flight batch, producing `version`. */
  ackBatch: (version: number) => void;
  /** The server refused the in-flight batch: forget it (the caller resyncs). */
  dropBatch: () => void;
}

let counter = 0;
function newClientOpId(): string {
  counter += 1;
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}-${counter}`;
}

function localView(confirmed: DesignDocument, inflight: InFlight | null, pending: Op[]): DesignDocument {
  return applyOpsTolerant(confirmed, [...(inflight?.ops ?? []), ...pending]);
}

export const createDocumentSlice: StateCreator<EditorState, [], [], DocumentSlice> = (set, get) => {
  // The coalesce key of the newest undo step (null when the last commit was not a coalescing one).
  let lastKey: string | null = null;
  const commit = (ops: Op[], target: "undo" | "redo" | "none", clearRedo: boolean, coalesce?: string): boolean => {
    const state = get();
    if (!ops.length) return false;
    let result;
    try {
      result = applyWithInverse(state.doc, ops);
    } catch (error) {
      if (error instanceof OpError) return false;
      throw error;
    }
    const merge = target === "undo" && coalesce !== undefined && coalesce === lastKey && state.undoStack.length > 0;
    lastKey = target === "undo" ? (coalesce ?? null) : null;
    // A merged step undoes the newest change first, then the ones before it.
    const undoStack = merge ? [...state.undoStack.slice(0, -1), [...result.inverse, ...state.undoStack[state.undoStack.length - 1]]] : [...state.undoStack, result.inverse].slice(-200);
    set({
      doc: result.doc,
      pending: [...state.pending, ...ops],
      undoStack: target === "undo" ? undoStack : state.undoStack,
      redoStack: target === "redo" ? [...state.redoStack, result.inverse] : clearRedo ? [] : state.redoStack,
    });
    return true;
  };

  return {
    doc: blankDocument(),
    confirmed: blankDocument(),
    version: 0,
    pending: [],
    inflight: null,
    undoStack: [],
    redoStack: [],

    dispatch: (ops, options = {}) => commit(ops, options.undoable === false ? "none" : "undo", options.undoable !== false, options.coalesce),

    undo: () => {
      const stack = get().undoStack;
      if (!stack.length) return;
      set({ undoStack: stack.slice(0, -1) });
      // Others may have changed the design since: only the parts of the inverse that still fit are applied.
      commit(fitOps(get().doc, stack[stack.length - 1]), "redo", false);
    },

    redo: () => {
      const stack = get().redoStack;
      if (!stack.length) return;
      set({ redoStack: stack.slice(0, -1) });
      commit(fitOps(get().doc, stack[stack.length - 1]), "undo", false);
    },

    applyRemote: (ops, version) => {
      const { confirmed, inflight, pending } = get();
      const next = applyOpsTolerant(confirmed, ops);
      set({ confirmed: next, version, doc: localView(next, inflight, pending) });
    },

    resetFromServer: (doc, version) => {
      lastKey = null;
      set({ doc, confirmed: doc, version, pending: [], inflight: null, undoStack: [], redoStack: [] });
    },

    rebaseOnServer: (doc, version) => {
      const { pending } = get();
      set({ confirmed: doc, version, inflight: null, doc: localView(doc, null, pending) });
    },

    takeBatch: (maxOps) => {
      const { inflight, pending } = get();
      if (inflight) return inflight;
      if (!pending.length) return null;
      const batch = { clientOpId: newClientOpId(), ops: pending.slice(0, maxOps) };
      set({ inflight: batch, pending: pending.slice(maxOps) });
      return batch;
    },

    ackBatch: (version) => {
      const { confirmed, inflight, pending } = get();
      if (!inflight) return;
      const next = applyOpsTolerant(confirmed, inflight.ops);
      set({ confirmed: next, version, inflight: null, doc: localView(next, null, pending) });
    },

    dropBatch: () => {
      const { confirmed, pending } = get();
      set({ inflight: null, doc: localView(confirmed, null, pending) });
    },
  };
};
