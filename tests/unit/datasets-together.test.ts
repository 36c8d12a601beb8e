// together (components/datasets/together.ts): the datasets' incidents in one array, a lone part not copied.
import { describe, expect, it } from "vitest";
import { together } from "@/components/datasets/together";
import type { PlacedIncident } from "@/lib/incident/place";

const incidents = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ feature: { properties: { event_id: `${prefix}${i}` } } }) as unknown as PlacedIncident);
const ids = (a: readonly PlacedIncident[]) => a.map((p) => p.feature.properties.event_id);

describe("together", () => {
  it("joins the parts in order", () => {
    const a = incidents("a", 2), b = incidents("b", 3);
    expect(ids(together([a, [], b]))).toEqual(["a0", "a1", "b0", "b1", "b2"]);
    expect(a).toHaveLength(2); // the parts are not changed
  });

  it("gives the one part with incidents itself, and one empty array for none", () => {
    const a = incidents("a", 4);
    expect(together([[], a, []])).toBe(a);
    expect(together([a])).toBe(a);
    expect(together([])).toEqual([]);
    expect(together([[], []])).toBe(together([]));
  });
});
