// Validation slice: the findings for the document as last validated by the server.
import type { StateCreator } from "zustand";
import type { Finding } from "../types";
import type { EditorState } from "./index";

export interface ValidationSlice {
  findings: Finding[];
  validating: boolean;
  validationError: string | null;
  setFindings: (findings: Finding[]) => void;
  setValidating: (validating: boolean, error?: string | null) => void;
}

export const createValidationSlice: StateCreator<EditorState, [], [], ValidationSlice> = (set) => ({
  findings: [],
  validating: false,
  validationError: null,
  setFindings: (findings) => set({ findings, validating: false, validationError: null }),
  setValidating: (validating, error = null) => set({ validating, validationError: error }),
});
