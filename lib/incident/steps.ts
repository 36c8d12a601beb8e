// A long loop written as a generator that pauses every STEP items, so the page can run it in slices that
// leave its thread free between them (components/layout/useSliced.ts), and anything else at once (`whole`).

/** A computation that pauses now and then (yields nothing) and returns T at the end. */
export type Steps<T> = Generator<void, T, void>;

// @option STEP: number = 2048
// Items between two pauses: a few hundred microseconds of work, so a slice can stop close to its budget.
export const STEP = 2048;

/** Whether to pause after the item numbered `i` (0-based). */
export const pauseAfter = (i: number): boolean => (i + 1) % STEP === 0;

/** Runs `steps` to its end, without pausing. */
export function whole<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
