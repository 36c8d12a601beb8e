"use client";
// A derived value worked out in slices (lib/incident/steps.ts): after each change of its arguments the
// computation runs a slice at a time, each under SLICE_MS, between the page's other tasks, so 100,000
// incidents arriving never hold the page's thread. Meanwhile it gives the last value it finished (the panels
// beside the map follow it a moment late, as they always did); undefined before the first.
import { useEffect, useState } from "react";
import type { Steps } from "@/lib/incident/steps";

// @option SLICE_MS: number = 25
// Work per slice: well under a frame's 50 ms "long task", so input and painting go on between slices.
const SLICE_MS = 25;

/** Runs `run` a slice of `sliceMs` at a time, each in a task of its own, then gives its value to `done`; the function returned stops it. */
export function runInSlices<T>(run: Steps<T>, sliceMs: number, done: (value: T) => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const slice = () => {
    const until = performance.now() + sliceMs;
    for (;;) {
      const r = run.next();
      if (r.done) return done(r.value);
      if (performance.now() >= until) break;
    }
    timer = setTimeout(slice, 0);
  };
  timer = setTimeout(slice, 0);
  return () => {
    clearTimeout(timer);
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
