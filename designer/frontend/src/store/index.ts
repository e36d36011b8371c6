// The editor store (zustand): one store built from slices by concern; actions own every document change.
import { create } from "zustand";
import { createDocumentSlice, type DocumentSlice } from "./document";
import { createPresenceSlice, type PresenceSlice } from "./presence";
import { createSyncSlice, type SyncSlice } from "./sync";
import { createUiSlice, type UiSlice } from "./ui";
import { createValidationSlice, type ValidationSlice } from "./validation";

export type EditorState = DocumentSlice & SyncSlice & PresenceSlice & UiSlice & ValidationSlice;

/** Build a fresh store (tests and the Node fuzz make their own; the app uses `useEditorStore`). */
export const createEditorStore = () =>
  create<EditorState>()((...a) => ({
    ...createDocumentSlice(...a),
    ...createSyncSlice(...a),
    ...createPresenceSlice(...a),
    ...createUiSlice(...a),
    ...createValidationSlice(...a),
  }));

export const useEditorStore = createEditorStore();

export type EditorStore = typeof useEditorStore;
export type { Selection } from "./ui";
export type { DispatchOptions, InFlight } from "./document";
export type { Draft } from "./presence";
export type { SaveState, SyncLink } from "./sync";
export { connectLive } from "./sync";
