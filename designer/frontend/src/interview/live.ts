// What the interview panel and the problem card both need: a ticking clock and a server read kept fresh by the live session.
import { useCallback, useEffect, useRef, useState } from "react";
import { useEditorStore } from "../store";

// Reveals and step changes arrive over the live session; this slow poll only backs that up.
const REFRESH_MS = 30_000;

export function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const id = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(id);
  }, [active]);
  return now;
}

/**
 * Keep a server read fresh: load it, re-read whenever the live session says the interview changed (or every
 * REFRESH_MS); only the newest read lands, and an action's answer outdates every read started before it.
 */
export function useServerState<T>(load: (() => Promise<T>) | null) {
  const [value, setValue] = useState<{ data: T; at: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reads = useRef(0);
  useEffect(() => {
    if (!load) return;
    let live = true;
    const read = () => {
      const ticket = ++reads.current;
      load()
        .then((data) => live && ticket === reads.current && setValue({ data, at: Date.now() }))
        .catch((e: Error) => live && ticket === reads.current && setError(e.message));
    };
    read();
    const id = window.setInterval(read, REFRESH_MS);
    const unsubscribe = useEditorStore.subscribe((s, prev) => s.interviewSignal !== prev.interviewSignal && read());
    return () => {
      live = false;
      window.clearInterval(id);
      unsubscribe();
    };
  }, [load]);
  const act = useCallback((work: Promise<T>) => {
    reads.current += 1;
    setError(null);
    return work.then(
      (data) => {
        setValue({ data, at: Date.now() });
        return data;
      },
      (e: Error) => {
        setError(e.message);
        return null;
      },
    );
  }, []);
  return { value, error, setError, act };
}
