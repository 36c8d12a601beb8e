// Next gives the page and each API route their own instance of lib/'s modules; a dataset's columns must
// still be built and kept once per process (lib/server/process-cache.ts, which dataset-columns.ts uses).
import { describe, expect, it, vi } from "vitest";

describe("one cache per process, whichever module instance asks", () => {
  it("a fresh instance of lib/server/process-cache (as another route's bundle has) gets the same object", async () => {
    const first = await import("@/lib/server/process-cache");
    const cache = first.processCache("process-cache-test", () => new Map<string, number>([["built", 1]]));
    vi.resetModules();
    const second = await import("@/lib/server/process-cache");
    expect(second).not.toBe(first);
    expect(second.processCache("process-cache-test", () => new Map<string, number>())).toBe(cache);
    expect(second.processCache("another-cache-test", () => new Map<string, number>())).not.toBe(cache);
  });
});
