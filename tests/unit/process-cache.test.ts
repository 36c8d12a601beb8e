// Next gives the page and each API route their own instance of lib/'s modules; the dataset, its index and
// its columns must still be read and built once per process (lib/server/process-cache.ts).
import { describe, expect, it, vi } from "vitest";

describe("one dataset per process, whichever module instance asks", () => {
  it("a fresh instance of lib/server/load (as another route's bundle has) gets the same objects", async () => {
    const first = await import("@/lib/server/load");
    const incidents = first.loadIncidents();
    const index = first.loadIncidentIndex();
    const columns = first.loadIncidentColumns();
    const placed = first.loadPlacedIncidents();
    vi.resetModules();
    const second = await import("@/lib/server/load");
    expect(second).not.toBe(first);
    expect(second.loadIncidents()).toBe(incidents);
    expect(second.loadIncidentIndex()).toBe(index);
    expect(second.loadIncidentColumns()).toBe(columns);
    expect(second.loadPlacedIncidents()).toBe(placed);
  });
});
