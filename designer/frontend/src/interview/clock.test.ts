import { describe, expect, it } from "vitest";
import type { Timer } from "./api";
import { advance, formatSeconds } from "./clock";

const timer: Timer = {
  running: true, now: "2026-01-01T10:00:00+00:00", elapsed_s: 600, remaining_s: 2100,
  step_elapsed_s: 100, step_remaining_s: 20, over_time: false, step_over_time: false,
};

describe("advance", () => {
  it("counts down both clocks by the local time passed", () => {
    expect(advance(timer, 30_000)).toEqual({ remaining: 2070, stepRemaining: -10, overTime: false, stepOverTime: true });
  });
  it("stops once the interview has ended", () => {
    expect(advance({ ...timer, running: false }, 30_000)).toEqual({ remaining: 2100, stepRemaining: 20, overTime: false, stepOverTime: false });
  });
});

describe("formatSeconds", () => {
  it("shows minutes and seconds, and overruns with a minus", () => {
    expect(formatSeconds(2700)).toBe("45:00");
    expect(formatSeconds(59.2)).toBe("1:00");
    expect(formatSeconds(0)).toBe("0:00");
    expect(formatSeconds(-40.5)).toBe("-0:41");
  });
});
