// Document slice: the confirmed server document + version, this client's unsent ops and in-flight batch, the local view and undo/redo.
import type { StateCreator } from "zustand";
import { applyOpsTolerant, applyWithInverse, blankDocument, fitOps, OpError } from "../ops";
import type { DesignDocument, Op } from "../types";
import type { EditorState } from "./index";

/** The batch the server is deciding on; the sync slice settles it (acknowledged, refused or given up). */
export type InFlight = {
  clientOpId: string;
  ops: Op[];
  /** The local changes (dispatches) it carries, in order; `ops` is them end to end. */
  actions: Op[][];
  /** Times the server failed on it without saying no (a server error); given up at MAX_BATCH_FAILURES. */
  failures: number;
  /** The version the server's acknowledgement gave it, while the versions before it are still on their way. */
  version?: number;
};

export type DispatchOptions = {
  undoable?: boolean;
  /** Consecutive undoable dispatches with the same key make one undo step (a burst of arrow-key moves). */
  coalesce?: string;
};

export interface DocumentSlice {
  /** What the user sees: the confirmed document with this client's in-flight and pending ops on top. */
  doc: DesignDocument;
  /** The document as of `version`, in server order. */
  confirmed: DesignDocument;
  version: number;
  /** Local changes not yet in a batch, one entry per dispatch, oldest first. */
  pending: Op[][];
  /** The one batch sent (or to be resent after a reconnect) and not yet settled. */
  inflight: InFlight | null;
  undoStack: Op[][];
  redoStack: Op[][];
  /** Apply a local change, record its inverse for undo (unless undoable is false) and queue it for saving. */
  dispatch: (ops: Op[], options?: DispatchOptions) => boolean;
  undo: () => void;
  redo: () => void;
  /** Start from the server's document (the first load over HTTP). */
  resetFromServer: (doc: DesignDocument, version: number) => void;
}

/** The confirmed document with the in-flight batch and pending ops on top; ops that no longer fit are skipped. */
export function localView(confirmed: DesignDocument, inflight: InFlight | null, pending: Op[][]): DesignDocument {
  return applyOpsTolerant(confirmed, [...(inflight?.ops ?? []), ...pending.flat()]);
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
      pending: [...state.pending, ops],
      undoStack: target === "undo" ? undoStack : state.undoStack,
      redoStack: target === "redo" ? [...state.redoStack, result.inverse] : clearRedo ? [] : state.redoStack,
    });
    get().requestSave();
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

    resetFromServer: (doc, version) => {
      lastKey = null;
      set({ doc, confirmed: doc, version, pending: [], inflight: null, undoStack: [], redoStack: [] });
    },
  };
};
