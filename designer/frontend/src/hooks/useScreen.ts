// What the screen is like: media queries as React state (phone, small screen, the system's dark mode) and the theme applied to the page.
import { useEffect, useSyncExternalStore } from "react";
import { useEditorStore } from "../store";

/** A phone in portrait: the editor opens as a pan/zoom viewer with the findings in a bottom sheet. */
export const PHONE = "(max-width: 600px)";
/** A laptop or tablet screen: a smaller minimap, hidden when the canvas is short or narrow. */
export const SMALL_SCREEN = "(max-width: 1439px)";
export const NO_MINIMAP = "(max-width: 1100px), (max-height: 760px)";
const SYSTEM_DARK = "(prefers-color-scheme: dark)";

type Watched = { matches: () => boolean; subscribe: (changed: () => void) => () => void };
const watched = new Map<string, Watched>();

/** One MediaQueryList and one subscribe function per query: a new subscribe function on each render made React
 *  unsubscribe and subscribe again, and matchMedia ran on every render (the canvas renders on every drag move). */
function watch(query: string): Watched {
  let entry = watched.get(query);
  if (!entry) {
    const list = window.matchMedia(query);
    entry = {
      matches: () => list.matches,
      subscribe: (changed) => {
        list.addEventListener("change", changed);
        return () => list.removeEventListener("change", changed);
      },
    };
    watched.set(query, entry);
  }
  return entry;
}

const never = () => false;

export function useMediaQuery(query: string): boolean {
  const { matches, subscribe } = watch(query);
  return useSyncExternalStore(subscribe, matches, never);
}

/** Light or dark as shown: the user's choice, else the system's. */
export function useDark(): boolean {
  const theme = useEditorStore((s) => s.theme);
  const systemDark = useMediaQuery(SYSTEM_DARK);
  return theme === "dark" || (theme === "system" && systemDark);
}

/** Put the theme on <html data-theme> so the page, dialogs and banners portalled to <body> follow it. */
export function useThemeOnPage(dark: boolean) {
  useEffect(() => {
    document.documentElement.dataset.theme = dark ? "dark" : "light";
  }, [dark]);
}

/** Toggle light/dark; a choice equal to the system's setting goes back to following the system. */
export function toggleTheme(dark: boolean) {
  const next = dark ? "light" : "dark";
  const systemDark = window.matchMedia(SYSTEM_DARK).matches;
  useEditorStore.getState().setTheme((next === "dark") === systemDark ? "system" : next);
}
