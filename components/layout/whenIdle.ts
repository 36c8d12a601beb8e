"use client";
// Work the page can start late: run once its thread is idle (the map's first markers and the panels' slices
// go first), or after `timeoutMs` whatever happens. Without requestIdleCallback (Safari), after a timeout.

// @option IDLE_TIMEOUT_MS: number = 10000
// The longest the work waits for an idle moment: a page kept busy still gets it. 100,000 incidents keep the
// page's slices busy for seconds on a loaded machine, and the cluster index's worker needs the cores meanwhile.
const IDLE_TIMEOUT_MS = 10_000;

/** Runs `work` when the page is idle; the function returned cancels it if it has not run. */
export function whenIdle(work: () => void, timeoutMs = IDLE_TIMEOUT_MS): () => void {
  if (typeof requestIdleCallback === "function") {
    const id = requestIdleCallback(() => work(), { timeout: timeoutMs });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(work, 0);
  return () => clearTimeout(id);
}
