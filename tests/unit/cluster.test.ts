import { describe, expect, it } from "vitest";
import { buildClusterIndex, clusterMembers, expansionZoom, viewItems, CLUSTER_MAX_ZOOM } from "@/lib/display/cluster";
import { EVENT_TYPES, type AcledEventType } from "@/lib/incident/model";

const WORLD: [number, number, number, number] = [-180, -85, 180, 85];

function items(n: number, seed = 1): { anchor: [number, number]; type: AcledEventType }[] {
  let s = seed;
  const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  return Array.from({ length: n }, (_, i) => ({
    anchor: [35.8 + rand() * 0.9, 32.3 + rand() * 0.9] as [number, number],
    type: EVENT_TYPES[i % EVENT_TYPES.length],
  }));
}

describe("display clustering", () => {
  it("an empty dataset draws nothing", () => {
    expect(viewItems(buildClusterIndex([]), WORLD, 9)).toEqual([]);
  });

  it.each([5, 9, 12, CLUSTER_MAX_ZOOM + 1])("at zoom %i, counts on clusters plus single points equal the incidents", (zoom) => {
    const data = items(2000);
    const index = buildClusterIndex(data);
    const seen = new Set<number>();
    let total = 0;
    for (const item of viewItems(index, WORLD, zoom)) {
      if (item.kind === "point") {
        seen.add(item.index);
        total += 1;
      } else {
        const members = clusterMembers(index, item.id);
        expect(members.length).toBe(item.count);
        expect(item.counts.reduce((a, b) => a + b, 0)).toBe(item.count);
        members.forEach((m) => seen.add(m));
        total += item.count;
      }
    }
    expect(total).toBe(data.length);
    expect(seen.size).toBe(data.length);
  });

  it("incidents at one coordinate form a stack that never splits by zooming", () => {
    const same = Array.from({ length: 7 }, (_, i) => ({ anchor: [36.100833, 32.612222] as [number, number], type: EVENT_TYPES[i % 2] }));
    const index = buildClusterIndex([...same, { anchor: [36.3, 32.9], type: "Battles" }]);
    const clusters = viewItems(index, WORLD, CLUSTER_MAX_ZOOM).filter((i) => i.kind === "cluster");
    expect(clusters).toHaveLength(1);
    const [stack] = clusters;
    expect(stack.kind === "cluster" && stack.stack).toBe(true);
    expect(stack.kind === "cluster" && stack.counts.slice(0, 2)).toEqual([4, 3]);
    if (stack.kind === "cluster") expect(expansionZoom(index, stack.id)).toBe(CLUSTER_MAX_ZOOM + 1);
  });

  it("a cluster of separate places is not a stack and splits at its expansion zoom", () => {
    const index = buildClusterIndex([{ anchor: [36.1, 32.6], type: "Battles" }, { anchor: [36.11, 32.61], type: "Protests" }]);
    const [c] = viewItems(index, WORLD, 8);
    expect(c.kind).toBe("cluster");
    if (c.kind !== "cluster") return;
    expect(c.stack).toBe(false);
    const z = expansionZoom(index, c.id);
    expect(viewItems(index, WORLD, z).every((i) => i.kind === "point")).toBe(true);
  });
});
