"use client";
// A derived value of many incidents worked out in slices after the render (as components/layout/useSliced.ts
// does), but in the render when they are few: a small set's value is never late and costs no second render.
import { useEffect, useState } from "react";
import { whole, type Steps } from "@/lib/incident/steps";
import { lastCall } from "./memo";
import { runInSlices } from "../layout/useSliced";

// @option SLICED_FROM: number = 20_000
// Incidents from which a value is worked out in slices: below it, a pass takes a few milliseconds, less
// than a render that waits for it.
export const SLICED_FROM = 20_000;

// @option SLICE_MS: number = 10
// Work per slice: well under a frame's 50 ms "long task".
const SLICE_MS = 10;

/** A value worked out in slices, and whether it is of the arguments given now (not the last ones finished). */
export interface Sliced<T> {
  value: T;
  current: boolean;
}

/** The last value finished in slices (`initial` before the first), current when it is of `args`. */
export function settled<T>(late: { of: readonly unknown[]; value: T } | null, args: readonly unknown[], initial: T): Sliced<T> {
  if (late === null) return { value: initial, current: false };
  const current = late.of.length === args.length && late.of.every((a, i) => Object.is(a, args[i]));
  return { value: late.value, current };
}

/**
 * `steps(...args)`'s value: at once while `size` (the incidents it goes through) is under SLICED_FROM, else in
 * slices, meanwhile the last value finished (before the first, the last one worked out while the set was small,
 * else `initial`), with `current` false. `first`: a value the page shows first (the count), whose slices go
 * before the panels' (components/layout/useSliced.ts).
 */
export function useSlicedWhenLarge<A extends unknown[], T>(size: number, { initial, first = false }: { initial: T; first?: boolean }, steps: (...args: A) => Steps<T>, ...args: A): Sliced<T> {
  const [now] = useState(() => lastCall((...a: A) => whole(steps(...a))));
  const sliced = size >= SLICED_FROM;
  const [late, setLate] = useState<{ of: readonly unknown[]; value: T } | null>(null);
  // A value of the last time it was large would be older than the small ones worked out since.
  if (!sliced && late !== null) setLate(null);
  useEffect(() => {
    if (!sliced) return;
    return runInSlices(steps(...args), SLICE_MS, (value) => setLate({ of: args, value }), first);
    // The arguments are the dependencies: a new one starts the computation again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sliced, first, steps, ...args]);
  if (!sliced) return { value: now(...args), current: true };
  // When a small set grows large (an import added), its last value stands until the first sliced one comes,
  // rather than `initial` (a count of 0 for a moment).
  const before = now.last && { of: now.last.args, value: now.last.result };
  return settled(late ?? before, args, initial);
}
