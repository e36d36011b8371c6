// The editor store (zustand): one store built from slices by concern; actions own every document change.
import { create } from "zustand";
import { createDocumentSlice, type DocumentSlice } from "./document";
import { createSyncSlice, type SyncSlice } from "./sync";
import { createUiSlice, type UiSlice } from "./ui";
import { createValidationSlice, type ValidationSlice } from "./validation";

export type EditorState = DocumentSlice & UiSlice & ValidationSlice & SyncSlice;

/** Build a fresh store (tests make their own; the app uses `useEditorStore`). */
export const createEditorStore = () =>
  create<EditorState>()((...a) => ({
    ...createDocumentSlice(...a),
    ...createUiSlice(...a),
    ...createValidationSlice(...a),
    ...createSyncSlice(...a),
  }));

export const useEditorStore = createEditorStore();

export type EditorStore = typeof useEditorStore;
export type { Selection } from "./ui";
export type { DispatchOptions, InFlight } from "./document";
export type { SaveState } from "./sync";
