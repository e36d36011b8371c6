// Sync slice: the save state the toolbar shows (Saved / Saving… / Offline, retrying).
import type { StateCreator } from "zustand";
import type { EditorState } from "./index";

export type SaveState = "saved" | "saving" | "offline" | "error";

export interface SyncSlice {
  saveState: SaveState;
  setSaveState: (saveState: SaveState) => void;
}

export const createSyncSlice: StateCreator<EditorState, [], [], SyncSlice> = (set) => ({
  saveState: "saved",
  setSaveState: (saveState) => set({ saveState }),
});
