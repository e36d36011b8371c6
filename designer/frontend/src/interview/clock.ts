// Pure timer arithmetic: the server's timer state advanced by the local time passed since it was received.
import type { Timer } from "./api";

export type Clock = { remaining: number; stepRemaining: number; overTime: boolean; stepOverTime: boolean };

/** Seconds left overall and in the current step, `elapsedMs` after the server computed `timer`. */
export function advance(timer: Timer, elapsedMs: number): Clock {
  const passed = timer.running ? Math.max(0, elapsedMs) / 1000 : 0;
  const remaining = timer.remaining_s - passed;
  const stepRemaining = timer.step_remaining_s - passed;
  return { remaining, stepRemaining, overTime: remaining < 0, stepOverTime: stepRemaining < 0 };
}

/** "12:05", or "-0:40" once a time box is overrun. Whole seconds, rounded towards the box's end. */
export function formatSeconds(seconds: number): string {
  const whole = seconds >= 0 ? Math.ceil(seconds) : Math.floor(seconds);
  const sign = whole < 0 ? "-" : "";
  const abs = Math.abs(whole);
  return `${sign}${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, "0")}`;
}
