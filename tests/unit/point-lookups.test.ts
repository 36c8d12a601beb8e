// Which incidents' points still need looking up (components/datasets/point-lookups.ts): found in slices,
// asked when idle, forgotten when cancelled before the question went out.
import { describe, expect, it } from "vitest";
import { askInSlices, unanswered, type LookupCache, type LookupDataset, type Wanted } from "@/components/datasets/point-lookups";
import type { IncidentProperties } from "@/lib/incident/model";
import type { PlacedIncident } from "@/lib/incident/place";

const incident = (id: string, country: string | null, at: [number, number] = [36, 33]) =>
  ({ feature: { properties: { event_id: id, country } }, anchor: at }) as unknown as PlacedIncident;
const given = (p: IncidentProperties) => (typeof p.country === "string" ? p.country : null);
const dataset = (key: string, incidents: PlacedIncident[], visible = true): LookupDataset => ({ key, visible, incidents });
/** 10,000 incidents, every third with no country. */
const many = (key: string) => Array.from({ length: 10_000 }, (_, i) => incident(`${key}${i}`, i % 3 === 0 ? null : "Syria", [i, 1]));
const turns = (n: number) => new Promise((resolve) => setTimeout(resolve, n));

describe("unanswered", () => {
  it("gives the visible incidents with nothing given and never asked, once, marked as asked", () => {
    const cache: LookupCache = new Map();
    const ds = [dataset("a", [incident("1", null), incident("2", "Syria"), incident("3", null, [1, 2])]), dataset("b", [incident("9", null)], false)];
    expect(unanswered(ds, cache, given).map((w) => [w.key, w.id, w.at])).toEqual([
      ["a", "1", [36, 33]],
      ["a", "3", [1, 2]],
    ]);
    expect([...cache.get("a")!]).toEqual([["1", undefined], ["3", undefined]]);
    expect(unanswered(ds, cache, given)).toEqual([]);
  });

  it("passes by an incidents array whose file gives every answer, the next time", () => {
    const incidents = [incident("1", "Syria"), incident("2", "Iraq")];
    const counting = (p: IncidentProperties) => {
      calls += 1;
      return given(p);
    };
    let calls = 0;
    unanswered([dataset("a", incidents)], new Map(), counting);
    expect(calls).toBe(2);
    unanswered([dataset("b", incidents)], new Map(), counting);
    expect(calls).toBe(2);
  });
});

describe("askInSlices", () => {
  it("finds what unanswered finds over several turns, then sends it", async () => {
    const ds = [dataset("a", many("a")), dataset("b", many("b"))];
    const expected = unanswered(ds, new Map(), given);
    const cache: LookupCache = new Map();
    let sent: readonly Wanted[] | undefined;
    // A budget of 0 ms: one step (STEP incidents) per slice.
    askInSlices(ds, cache, given, (w) => (sent = w), 0);
    expect(cache.size).toBe(0); // nothing walked in the effect itself
    await turns(0);
    // One slice walked: part of the first dataset marked as asked, nothing sent.
    expect(cache.get("a")!.size).toBeGreaterThan(0);
    expect(cache.get("a")!.size).toBeLessThan(expected.length / 2);
    expect(sent).toBeUndefined();
    while (sent === undefined) await turns(5);
    expect(sent.map((w) => [w.key, w.id, w.at])).toEqual(expected.map((w) => [w.key, w.id, w.at]));
  });

  it("cancelled mid-walk, forgets what it marked as asked and sends nothing", async () => {
    const ds = [dataset("a", many("a"))];
    const cache: LookupCache = new Map();
    let sent = false;
    const cancel = askInSlices(ds, cache, given, () => (sent = true), 0);
    await turns(0);
    await turns(0);
    expect(cache.get("a")!.size).toBeGreaterThan(0);
    cancel();
    expect(cache.get("a")!.size).toBe(0);
    await turns(50);
    expect(sent).toBe(false);
    // Asked again by the next walk.
    expect(unanswered(ds, cache, given)).toHaveLength(3334);
  });

  it("sends nothing when nothing is wanted", async () => {
    let sent = false;
    askInSlices([dataset("a", [incident("1", "Syria")])], new Map(), given, () => (sent = true), 0);
    await turns(50);
    expect(sent).toBe(false);
  });
});
