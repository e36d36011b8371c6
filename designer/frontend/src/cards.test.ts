// Vitest: a card grows for its label (two lines up to 220 px, three up to 300 px), and zoomed out its label is as large as the card holds.
import { describe, expect, it } from "vitest";
import { CARD, cardLayout, lineCount, type TextMeasure } from "./cards";

/** Every glyph, the space included, is half an em wide: widths are easy to work out by hand. */
const halfEm: TextMeasure = (text, font) => text.length * 0.5 * parseFloat(font.split(" ")[1]);

describe("lineCount", () => {
  it("wraps at spaces, and breaks a word that is wider than the line", () => {
    // 6.5 px a character at 13 px: "Online feature store" is 130 px, "feature store" 84.5 px.
    expect(lineCount("Online feature store", 130, "600 13px sans-serif", halfEm)).toBe(1);
    expect(lineCount("Online feature store", 90, "600 13px sans-serif", halfEm)).toBe(2);
    expect(lineCount("Online feature store", 50, "600 13px sans-serif", halfEm)).toBe(3);
    expect(lineCount("abcdefghijklmnopqrst", 50, "600 13px sans-serif", halfEm)).toBe(3);
  });
});

describe("cardLayout", () => {
  const text = (label: string, kind: string | null = "Model server", figures: string | null = null) => ({ label, kind, figures });
  const textWidth = (width: number) => width - CARD.chromeX - CARD.slack;

  it("keeps the default size for a short label", () => {
    expect(cardLayout(text("Ranker"), halfEm)).toMatchObject({ width: 180, height: 64, labelLines: 1 });
  });

  it("wraps a longer label to two lines at the default width and grows taller, never cutting it", () => {
    // "Training data validation" is 156 px at 13 px; 180 px leaves 108.5 px of text width: two lines.
    const layout = cardLayout(text("Training data validation", "Data validation", "p99 40 ms"), halfEm);
    expect(layout).toMatchObject({ width: 180, labelLines: 2 });
    expect(layout.height).toBe(Math.ceil(CARD.chromeY + 2 * CARD.labelLine + 2 * CARD.smallLine));
  });

  it("widens (to at most 220 px) before taking a third line, then (to at most 300 px) before a fourth", () => {
    // "Experiment assignment service" takes three lines in 180 px; 192 px is the narrowest width for two.
    const two = cardLayout(text("Experiment assignment service"), halfEm);
    expect([two.width, two.labelLines]).toEqual([192, 2]);
    expect(lineCount("Experiment assignment service", textWidth(188), "600 13px x", halfEm)).toBe(3);
    // 55 characters cannot take two lines even at 220 px: three lines, at the narrowest width that holds them.
    const label = "Decision engine (thresholds, action limits, 1% holdout)";
    expect(lineCount(label, textWidth(220), "600 13px x", halfEm)).toBe(3);
    const three = cardLayout(text(label), halfEm);
    expect([three.width, three.labelLines]).toEqual([196, 3]);
    expect(lineCount(label, textWidth(192), "600 13px x", halfEm)).toBe(4);
    // Past three lines at 300 px the card stays 300 px wide and grows taller.
    const long = cardLayout(text("word ".repeat(40).trim()), halfEm);
    expect([long.width, long.labelLines]).toEqual([300, lineCount("word ".repeat(40).trim(), textWidth(300), "600 13px x", halfEm)]);
    expect(long.labelLines).toBeGreaterThan(3);
  });

  it("is wide enough for its kind and figures lines, and wraps them only past the widest card", () => {
    // 30 characters of 11 px text at 5.5 px each = 165 px, plus the card's chrome.
    expect(cardLayout(text("A", "Offline feature store, sharded", null), halfEm).width).toBe(Math.ceil(165 + CARD.chromeX + CARD.slack));
    // 43 characters = 236.5 px: wider than a 300 px card's text, so two lines.
    const wide = cardLayout(text("A", "Offline feature store with a long kind name", null), halfEm);
    expect([wide.width, wide.height]).toEqual([300, Math.max(CARD.minHeight, Math.ceil(CARD.chromeY + CARD.labelLine + 2 * CARD.smallLine))]);
  });

  it("zoomed out, draws a short label larger than a long one, within the card", () => {
    const short = cardLayout(text("CDN"), halfEm);
    const long = cardLayout(text("Service & model metrics"), halfEm);
    expect(short.farSize).toBe(CARD.farMax);
    expect(long.farSize).toBeLessThan(short.farSize);
    expect(long.farSize).toBeGreaterThan(CARD.labelSize);
    const lines = lineCount("Service & model metrics", long.width - CARD.farChromeX - CARD.slack, `500 ${long.farSize}px x`, halfEm);
    expect(lines * long.farSize * CARD.farLine).toBeLessThanOrEqual(long.height - CARD.farChromeY);
  });
});
