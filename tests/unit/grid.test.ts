import { describe, expect, it } from "vitest";
import { clusterInput } from "@/lib/display/cluster";
import { gridMarkers } from "@/lib/display/grid";
import { EVENT_TYPES } from "@/lib/incident/model";

const places: [number, number][] = [
  [36.1, 32.6],
  [36.101, 32.601],
  [36.102, 32.6],
  [38.5, 34.8],
  [10, 10],
];
const input = clusterInput(places, (p) => p, () => EVENT_TYPES[0]);
const typed = clusterInput(
  places.map((p, i) => ({ p, t: EVENT_TYPES[i % 2] })),
  (x) => x.p,
  (x) => x.t,
);
const id = (i: number) => `e${i}`;

describe("grid markers before the cluster index", () => {
  it("bins the incidents in view into cells: a cell of several is a cluster with its exact count and types, a cell of one its incident", () => {
    const markers = gridMarkers(typed, [35, 32, 39, 35], 9, id);
    expect(markers.map((m) => m.kind)).toEqual(["cluster", "incident"]);
    const [cluster, single] = markers;
    if (cluster.kind !== "cluster" || single.kind !== "incident") throw new Error("kinds");
    expect(cluster.item.count).toBe(3);
    expect(cluster.item.counts.slice(0, 2)).toEqual([2, 1]);
    expect(cluster.item.position[0]).toBeCloseTo(36.101, 6);
    expect(single.index).toBe(3);
    expect(single.at).toEqual([38.5, 34.8]);
  });

  it("leaves out what is outside the box, and splits a cluster once the cells are small enough", () => {
    expect(gridMarkers(input, [0, 0, 1, 1], 9, id)).toEqual([]);
    expect(gridMarkers(input, [36, 32.5, 36.2, 32.7], 18, id).map((m) => m.kind)).toEqual(["incident", "incident", "incident"]);
  });
});
