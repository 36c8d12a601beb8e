"use client";
// A derived value worked out in slices (lib/incident/steps.ts): after each change of its arguments the
// computation runs a slice at a time, each under SLICE_MS, between the page's other tasks, so 100,000
// incidents arriving never hold the page's thread. Meanwhile it gives the last value it finished (the panels
// beside the map follow it a moment late, as they always did); undefined before the first.
// What the page shows first (a large set's count and markers) goes before the panels: while any of it is
// being worked out, and until the frame after it ends, the panels' slices wait (up to HOLD_MS).
import { useEffect, useState } from "react";
import type { Steps } from "@/lib/incident/steps";

// @option SLICE_MS: number = 25
// Work per slice: well under a frame's 50 ms "long task", so input and painting go on between slices.
const SLICE_MS = 25;

// @option HOLD_MS: number = 2000
// Longest the panels' slices wait for what is shown first: work shown first that starts again and again (a
// large set's view while the map pans) does not keep the panels from ever following.
const HOLD_MS = 2000;

// Work shown first still running, and the slices waiting for it to end and be painted.
let firstRunning = 0;
let painting = false;
let held: (() => void)[] = [];
let holdTimer: ReturnType<typeof setTimeout> | undefined;

function release(): void {
  clearTimeout(holdTimer);
  const waiting = held;
  held = [];
  for (const slice of waiting) setTimeout(slice, 0);
}

/** Runs `slice` in a task of its own: at once, or once the work shown first has ended and been painted. */
function later(slice: () => void): void {
  if (firstRunning === 0 && !painting) {
    setTimeout(slice, 0);
    return;
  }
  // Waited long enough: the slices go on alongside it.
  if (held.length === 0) holdTimer = setTimeout(release, HOLD_MS);
  held.push(slice);
}

/**
 * Marks work the page shows first (a large set's count and markers) as started; the function returned marks
 * it ended (calls after the first do nothing). Meanwhile, and until the second frame after the last such work ends,
 * the panels' slices (runInSlices without `first`) wait.
 */
export function showingFirst(): () => void {
  firstRunning++;
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    if (--firstRunning > 0) return;
    // Its value is rendered in a task of React's, which may come after the next frame's callbacks (a trace
    // had the panels' slices queued 15 ms before the count's frame, and the count painted 240 ms later):
    // the panels go on after the frame after next.
    painting = true;
    const painted = () => {
      painting = false;
      if (firstRunning === 0) release();
    };
    if (typeof requestAnimationFrame === "function") requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(painted, 0)));
    else setTimeout(painted, 0);
  };
}

/**
 * Runs `run` a slice of `sliceMs` at a time, each in a task of its own, then gives its value to `done`; the
 * function returned stops it. `first`: work the page shows first, before any other's slices (showingFirst).
 */
export function runInSlices<T>(run: Steps<T>, sliceMs: number, done: (value: T) => void, first = false): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const end = first ? showingFirst() : () => {};
  const next = (slice: () => void) => {
    if (first) timer = setTimeout(slice, 0);
    else later(slice);
  };
  const slice = () => {
    if (stopped) return;
    const until = performance.now() + sliceMs;
    for (;;) {
      const r = run.next();
      if (r.done) {
        done(r.value);
        return end();
      }
      if (performance.now() >= until) break;
    }
    next(slice);
  };
  next(slice);
  return () => {
    stopped = true;
    clearTimeout(timer);
    end();
    // Ends the generator where it paused (its finally blocks run); the value given is never read.
    run.return(undefined as T);
  };
}

export function useSliced<A extends unknown[], T>(steps: (...args: A) => Steps<T>, ...args: A): T | undefined {
  const [done, setDone] = useState<{ value: T } | undefined>(undefined);
  useEffect(() => {
    return runInSlices(steps(...args), SLICE_MS, (value) => setDone({ value }));
    // The arguments are the dependencies: a new one starts the computation again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [steps, ...args]);
  return done?.value;
}
