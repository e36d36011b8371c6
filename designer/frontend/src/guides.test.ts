// Vitest: a dragged box snaps its edges or centre to the nearest edge or centre of another box within reach, and says where.
import { describe, expect, it } from "vitest";
import { snapToGuides } from "./guides";

describe("snapToGuides", () => {
  const other = { x: 100, y: 100, width: 180, height: 64 };

  it("lines up left edges and vertical centres within reach, and draws the guides across both boxes", () => {
    const result = snapToGuides({ x: 104, y: 300, width: 180, height: 64 }, [other], 6);
    expect([result.dx, result.dy]).toEqual([-4, 0]);
    expect(result.guides).toEqual([{ axis: "x", at: 100, from: 100, to: 364 }]);
  });

  it("snaps a centre to a centre and an edge to an edge at the same time", () => {
    const result = snapToGuides({ x: 400, y: 134, width: 180, height: 64 }, [other], 6);
    // Its top (134) is 2 px from the other's centre (132): that wins over nothing across.
    expect([result.dx, result.dy]).toEqual([0, -2]);
    expect(result.guides).toEqual([{ axis: "y", at: 132, from: 100, to: 580 }]);
  });

  it("leaves a box alone when nothing is within reach", () => {
    expect(snapToGuides({ x: 120, y: 300, width: 100, height: 50 }, [other], 6)).toEqual({ dx: 0, dy: 0, guides: [] });
  });
});
