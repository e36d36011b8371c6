// Re-validates the document on the server shortly after every edit (debounced), keeping only the latest answer.
import { useEffect } from "react";
import type { EditorConfig } from "../config";
import { requestJson } from "../transport";
import { useEditorStore } from "../store";
import type { DesignDocument, Finding } from "../types";

export const VALIDATE_DELAY_MS = 250;
const FIRST_VALIDATE_DELAY_MS = 400;

export function useValidation(config: EditorConfig, ready: boolean) {
  useEffect(() => {
    if (!ready) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let controller: AbortController | null = null;
    const run = async (doc: DesignDocument) => {
      controller?.abort();
      controller = new AbortController();
      const { setFindings, setValidating } = useEditorStore.getState();
      setValidating(true);
      try {
        const response = await requestJson(config, config.urls.validate, { method: "POST", body: JSON.stringify(doc), signal: controller.signal });
        const body = (await response.json().catch(() => ({}))) as { findings?: Finding[]; detail?: string };
        if (useEditorStore.getState().doc !== doc) return;
        if (response.ok && body.findings) setFindings(body.findings);
        else setValidating(false, body.detail ?? `HTTP ${response.status}`);
      } catch (error) {
        if ((error as Error).name !== "AbortError") setValidating(false, "the server could not be reached");
      }
    };
    const schedule = (doc: DesignDocument) => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void run(doc), VALIDATE_DELAY_MS);
    };
    // The first review waits for the first paint, so a big design becomes interactive before its findings arrive.
    timer = setTimeout(() => void run(useEditorStore.getState().doc), FIRST_VALIDATE_DELAY_MS);
    const unsubscribe = useEditorStore.subscribe((state, previous) => {
      if (state.doc !== previous.doc) schedule(state.doc);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
      controller?.abort();
    };
  }, [config, ready]);
}
