// components/layout/useSliced.ts: what the page shows first (a large set's count and markers) is worked out
// before the panels' slices, which wait for it to end (and its frame, here a timer: no requestAnimationFrame in Node).
import { describe, expect, it } from "vitest";
import { runInSlices, showingFirst } from "@/components/layout/useSliced";
import type { Steps } from "@/lib/incident/steps";

/** `n` pauses, each logging `name`, then `name` done. */
function* logged(name: string, n: number, log: string[]): Steps<string> {
  for (let i = 0; i < n; i++) {
    log.push(name);
    yield;
  }
  return name;
}

const settle = (ms = 50) => new Promise((r) => setTimeout(r, ms));

describe("slices shown first", () => {
  it("a panel's slices wait while work shown first runs, then run to their end", async () => {
    const log: string[] = [];
    const done: string[] = [];
    // A slice budget of 0 ms: one step per slice, each in a task of its own.
    // A panel already going when the work shown first starts: its slice on its way runs, the rest wait.
    runInSlices(logged("panel", 3, log), 0, (v) => done.push(v));
    runInSlices(logged("first", 3, log), 0, (v) => done.push(v), true);
    runInSlices(logged("later panel", 3, log), 0, (v) => done.push(v));
    await settle();
    expect(done).toEqual(["first", "panel", "later panel"]);
    expect(log.slice(0, 4)).toEqual(["panel", "first", "first", "first"]);
  });

  it("showingFirst holds the panels until its end; a stopped run shown first frees them too", async () => {
    const done: string[] = [];
    const end = showingFirst();
    runInSlices(logged("panel", 2, []), 0, (v) => done.push(v));
    await settle();
    expect(done).toEqual([]);
    end();
    await settle();
    expect(done).toEqual(["panel"]);
    const stop = runInSlices(logged("first", 1000, []), 0, (v) => done.push(v), true);
    runInSlices(logged("panel again", 2, []), 0, (v) => done.push(v));
    stop();
    await settle();
    expect(done).toEqual(["panel", "panel again"]);
  });
});
