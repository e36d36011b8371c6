// Snap guides: while one component is dragged, its edges and centre snap to other components' edges and centres nearby.
import type { Box } from "./flow";

/** A guide line to draw, in flow coordinates: vertical (x fixed) or horizontal (y fixed), from `from` to `to`. */
export type Guide = { axis: "x" | "y"; at: number; from: number; to: number };

const anchors = (start: number, length: number) => [start, start + length / 2, start + length];

/**
 * How far to shift `moving` so that one of its edges or its centre lines up with one of another box's (the nearest
 * within `threshold`, separately across and down), and the guide lines that show it.
 */
export function snapToGuides(moving: Box, others: Box[], threshold: number): { dx: number; dy: number; guides: Guide[] } {
  let best: Record<"x" | "y", { delta: number; at: number; other: Box } | null> = { x: null, y: null };
  for (const other of others) {
    for (const axis of ["x", "y"] as const) {
      const mine = axis === "x" ? anchors(moving.x, moving.width) : anchors(moving.y, moving.height);
      const theirs = axis === "x" ? anchors(other.x, other.width) : anchors(other.y, other.height);
      for (const m of mine) {
        for (const t of theirs) {
          const delta = t - m;
          const current = best[axis];
          if (Math.abs(delta) <= threshold && (!current || Math.abs(delta) < Math.abs(current.delta))) best = { ...best, [axis]: { delta, at: t, other } };
        }
      }
    }
  }
  const dx = best.x?.delta ?? 0;
  const dy = best.y?.delta ?? 0;
  const guides: Guide[] = [];
  const placed = { ...moving, x: moving.x + dx, y: moving.y + dy };
  // Draw each guide across every box on it, not just the one it snapped to.
  for (const axis of ["x", "y"] as const) {
    const hit = best[axis];
    if (!hit) continue;
    const on = [placed, ...others.filter((o) => (axis === "x" ? anchors(o.x, o.width) : anchors(o.y, o.height)).some((v) => Math.abs(v - hit.at) < 0.5))];
    const from = Math.min(...on.map((b) => (axis === "x" ? b.y : b.x)));
    const to = Math.max(...on.map((b) => (axis === "x" ? b.y + b.height : b.x + b.width)));
    guides.push({ axis, at: hit.at, from, to });
  }
  return { dx, dy, guides };
}
