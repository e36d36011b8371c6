// Card geometry: how wide and tall a component card is for its text (never an ellipsis), and how large its label is drawn zoomed out.
//
// The sizes are computed here, not measured after rendering, so React Flow gets every node's size and handle boxes up front
// (it renders nothing twice) and placement, snapping and grouping know a card's box before it exists. The numbers below
// mirror `.mlsd-node` in editor.css; change them together.

/** Width in CSS pixels of `text` drawn in `font` (a CSS font shorthand). */
export type TextMeasure = (text: string, font: string) => number;

export const CARD = {
  minWidth: 180,
  /** A card widens up to this before its label takes a third line. */
  compactWidth: 220,
  maxWidth: 300,
  minHeight: 64,
  /** Left border 5 + right border 1.5 + padding 10 + 8 + icon 34 + gap 10. */
  chromeX: 68.5,
  /** Borders 1.5 + 1.5 + padding 8 + 8. */
  chromeY: 19,
  labelSize: 13,
  labelLine: 16.25,
  labelWeight: 600,
  smallSize: 11,
  smallLine: 13.75,
  /** Zoomed out: only the label, inside borders (5 + 1.5 left/right, 1.5 top/bottom) and padding 3 px 4 px. */
  farChromeX: 14.5,
  farChromeY: 9,
  farWeight: 500,
  farLine: 1,
  farMin: 13,
  farMax: 36,
  /** Room left for rounding between this estimate and the browser's own line breaking. */
  slack: 3,
} as const;

/** Below this zoom a card shows its label alone, drawn at its `farSize`. */
export const FAR_ZOOM = 0.55;

export const FONT_FAMILY_FALLBACK = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

export type CardText = { label: string; kind: string | null; figures: string | null };
export type CardLayout = { width: number; height: number; labelLines: number; farSize: number };

const font = (weight: number, size: number, family: string) => `${weight} ${size}px ${family}`;

/** Lines `text` takes when wrapped greedily at spaces (and inside a word too long for a line), like CSS `overflow-wrap: anywhere`. */
export function lineCount(text: string, width: number, fontSpec: string, measure: TextMeasure): number {
  const words = text.split(/\s+/).filter(Boolean);
  if (!words.length) return 1;
  const space = measure(" ", fontSpec);
  let lines = 1;
  let used = 0;
  for (const word of words) {
    const w = measure(word, fontSpec);
    if (w > width) {
      // A word wider than the line breaks anywhere: it starts a line and fills as many as it needs.
      if (used > 0) lines += 1;
      const taken = Math.ceil(w / width);
      lines += taken - 1;
      used = w - (taken - 1) * width;
      continue;
    }
    if (used === 0) used = w;
    else if (used + space + w <= width) used += space + w;
    else {
      lines += 1;
      used = w;
    }
  }
  return lines;
}

/**
 * The card for a component: the narrowest width (from 180 px) that fits the label in two lines up to 220 px, else in three
 * up to 300 px, else 300 px with as many lines as it needs; wide enough for the kind and figures lines (up to 300 px).
 */
export function cardLayout(text: CardText, measure: TextMeasure, family = FONT_FAMILY_FALLBACK): CardLayout {
  const labelFont = font(CARD.labelWeight, CARD.labelSize, family);
  const smallFont = font(400, CARD.smallSize, family);
  const textWidth = (width: number) => width - CARD.chromeX - CARD.slack;
  const secondary = [text.kind, text.figures].filter((s): s is string => !!s);
  const widest = Math.max(0, ...secondary.map((s) => measure(s, smallFont)));
  const floor = Math.min(CARD.maxWidth, Math.max(CARD.minWidth, Math.ceil(widest + CARD.chromeX + CARD.slack)));
  const lines = (width: number) => lineCount(text.label, textWidth(width), labelFont, measure);
  let width: number = CARD.maxWidth;
  let labelLines = lines(width);
  for (const [limit, most] of [
    [CARD.compactWidth, 2],
    [CARD.maxWidth, 3],
  ] as const) {
    const found = narrowest(floor, limit, (w) => lines(w) <= most);
    if (found !== null) {
      width = found;
      labelLines = lines(found);
      break;
    }
  }
  // The kind and figures lines fit on one line each unless they are wider than the widest card; then they wrap too.
  const smallLines = secondary.reduce((sum, line) => sum + lineCount(line, textWidth(width), smallFont, measure), 0);
  const height = Math.max(CARD.minHeight, Math.ceil(CARD.chromeY + labelLines * CARD.labelLine + smallLines * CARD.smallLine));
  return { width, height, labelLines, farSize: farSize(text.label, width, height, measure, family) };
}

/** The smallest width in [from, to] for which `fits` holds (`from` itself, else a multiple of 4; fits grows with the width), or null. */
function narrowest(from: number, to: number, fits: (width: number) => boolean): number | null {
  if (from > to || !fits(to)) return null;
  if (fits(from)) return from;
  let lo = Math.floor(from / 4);
  let hi = Math.floor(to / 4);
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (fits(mid * 4)) hi = mid;
    else lo = mid;
  }
  return Math.max(from, Math.min(to, hi * 4));
}

/** The largest label size (px) at which the label alone fills the card without overflowing it. */
function farSize(label: string, width: number, height: number, measure: TextMeasure, family: string): number {
  const w = width - CARD.farChromeX - CARD.slack;
  const h = height - CARD.farChromeY;
  const words = label.split(/\s+/).filter(Boolean);
  // Text widths grow in proportion to the font size: measured once at the largest size and scaled, instead of measuring
  // every word at each of the 23 sizes (a distinct font each: the cache missed; 7 % of the first frame's script at 1,000 components).
  const spec = font(CARD.farWeight, CARD.farMax, family);
  for (let size = CARD.farMax; size > CARD.farMin; size -= 1) {
    const scaled: TextMeasure = (text) => (measure(text, spec) * size) / CARD.farMax;
    // Zoomed out, a word is never broken: the size must fit the longest word on a line.
    if (words.some((word) => scaled(word, spec) > w)) continue;
    if (lineCount(label, w, spec, scaled) * size * CARD.farLine <= h) return size;
  }
  return CARD.farMin;
}

/** Text widths from a canvas 2D context (the browser's own font metrics), cached per font and text. */
export function canvasMeasure(): TextMeasure {
  const context = document.createElement("canvas").getContext("2d");
  const cache = new Map<string, number>();
  return (text, fontSpec) => {
    const key = `${fontSpec}\u0000${text}`;
    let width = cache.get(key);
    if (width === undefined) {
      if (!context) return text.length * 0.62 * parseFloat(fontSpec.split(" ")[1]);
      context.font = fontSpec;
      width = context.measureText(text).width;
      if (cache.size > 20000) cache.clear();
      cache.set(key, width);
    }
    return width;
  };
}

/** An estimate without a browser (tests, server-side tools): an average glyph of 0.6 em. */
export const roughMeasure: TextMeasure = (text, fontSpec) => text.length * 0.6 * parseFloat(fontSpec.split(" ")[1]);

let shared: { measure: TextMeasure; family: string } | null = null;

/** The page's text measure and font family (the browser's metrics; an estimate outside a browser). */
export function pageText(): { measure: TextMeasure; family: string } {
  if (!shared) {
    const browser = typeof document !== "undefined" && !!document.body;
    shared = {
      measure: browser ? canvasMeasure() : roughMeasure,
      family: browser ? getComputedStyle(document.body).fontFamily || FONT_FAMILY_FALLBACK : FONT_FAMILY_FALLBACK,
    };
  }
  return shared;
}

const layouts = new Map<string, CardLayout>();

/** The card layout with the page's font (measured once per distinct text). */
export function cardFor(text: CardText): CardLayout {
  const key = `${text.label}\u0000${text.kind ?? ""}\u0000${text.figures ?? ""}`;
  let layout = layouts.get(key);
  if (!layout) {
    const { measure, family } = pageText();
    layout = cardLayout(text, measure, family);
    if (layouts.size > 20000) layouts.clear();
    layouts.set(key, layout);
  }
  return layout;
}
