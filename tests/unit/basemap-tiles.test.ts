// The world base map's cut (lib/basemap/tiles.ts) and the builder's tracing and clipping (lib/build/basemap-tiles.ts).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Feature, MultiLineString, MultiPolygon, Position } from "geojson";
import { BASEMAP_LEVELS, levelForZoom, parseTileKey, tileBBox, tilePath, tilesCovering, tilesForView, tileTowns, viewBBox } from "@/lib/basemap/tiles";
import { featureCollectionIssues } from "@/lib/incident/validate";
import { addLand, addLine, addTown, mergeTile, simplifyLine, tileText, traceBorders, type Division, type TileBuckets } from "@/lib/build/basemap-tiles";

const square = (x: number, y: number, size = 1): Position[][] => [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]];

describe("levels", () => {
  it("reads the whole world from one tile at zoom 2 and finer levels as the map zooms in", () => {
    expect(levelForZoom(2).z).toBe(0);
    expect(levelForZoom(3).z).toBe(0);
    expect(levelForZoom(4).z).toBe(3);
    expect(levelForZoom(5).z).toBe(4);
    expect(levelForZoom(9).z).toBe(7);
    expect(levelForZoom(18).z).toBe(7);
  });

  it("keeps finer geometry and admin-1 borders only at the finer levels", () => {
    const tolerances = BASEMAP_LEVELS.map((l) => l.tolerance);
    expect([...tolerances].sort((a, b) => b - a)).toEqual(tolerances);
    expect(levelForZoom(2).admin1).toBe(false);
    expect(levelForZoom(5).admin1).toBe(true);
  });
});

describe("tiles under a view", () => {
  it("a tile's bbox is covered by that tile alone", () => {
    for (const t of [{ z: 3, x: 4, y: 2 }, { z: 7, x: 76, y: 51 }]) {
      const [w, s, e, n] = tileBBox(t);
      const inset: [number, number, number, number] = [w + 1e-6, s + 1e-6, e - 1e-6, n - 1e-6];
      expect(tilesCovering(inset, t.z)).toEqual([t]);
    }
  });

  it("zoom 0 is one tile spanning the world to Web Mercator's latitude limit", () => {
    const [w, s, e, n] = tileBBox({ z: 0, x: 0, y: 0 });
    expect([w, e]).toEqual([-180, 180]);
    expect(n).toBeCloseTo(85.0511, 3);
    expect(s).toBeCloseTo(-85.0511, 3);
  });

  it("wraps across the antimeridian and reads every column when the view is wider than the world", () => {
    expect(tilesCovering([170, -5, -170, 5], 3).map((t) => t.x)).toEqual([7, 0, 7, 0]);
    expect(tilesCovering([-300, -10, 300, 10], 2).map((t) => t.x)).toEqual([0, 1, 2, 3, 0, 1, 2, 3]);
  });

  it("a first view reads a handful of tiles: the world at zoom 2, Daraa at zoom 9, Ukraine at zoom 5", () => {
    const world = viewBBox([10, 20], 2, 1280, 800);
    expect(world[0]).toBe(-180);
    expect(world[2]).toBe(180);
    expect(tilesForView(world, 2)).toEqual([{ z: 0, x: 0, y: 0 }]);
    const daraa = viewBBox([36.1, 32.7], 9, 1280, 800);
    expect(daraa[2] - daraa[0]).toBeCloseTo((1280 / (256 * 512)) * 360, 6);
    expect(daraa[1]).toBeLessThan(32.7);
    expect(daraa[3]).toBeGreaterThan(32.7);
    expect(tilesForView(daraa, 9).length).toBeLessThanOrEqual(4);
    expect(tilesForView(viewBBox([31.5, 48.5], 5, 1280, 800), 5).length).toBeLessThanOrEqual(9);
  });
});

describe("tile keys from a request", () => {
  it("accepts a level's zoom with x and y inside it", () => {
    expect(parseTileKey("7", "76", "51")).toEqual({ z: 7, x: 76, y: 51 });
    expect(tilePath({ z: 7, x: 76, y: 51 })).toBe("7/76/51");
  });

  it("names the field and the value it refuses", () => {
    expect(parseTileKey("5", "0", "0")).toEqual({ error: expect.stringMatching(/^z: must be one of 0, 3, 4, 6, 7, got "5"/) });
    expect(parseTileKey("3", "8", "0")).toEqual({ error: 'x: must be a whole number from 0 to 7 at z 3, got "8"' });
    expect(parseTileKey("3", "1", "-1")).toEqual({ error: 'y: must be a whole number from 0 to 7 at z 3, got "-1"' });
    expect(parseTileKey("0", "0", null)).toEqual({ error: "y: must be a whole number from 0 to 0 at z 0, got null" });
    expect(parseTileKey("3a", "0", "0")).toMatchObject({ error: expect.stringMatching(/^z:/) });
  });
});

describe("tracing borders from first-level divisions", () => {
  // Two countries side by side, A with two divisions (west and east), B with one: a 3 × 1 strip of squares.
  const divisions: Division[] = [
    { country: "A", polygons: [square(0, 0)] },
    { country: "A", polygons: [square(1, 0)] },
    { country: "B", polygons: [square(2, 0)] },
  ];

  it("draws each shared edge once, as a country or an admin-1 border, and leaves coasts to the fill", () => {
    const lines = traceBorders(divisions);
    expect(lines).toEqual([
      { kind: "admin1", coordinates: [[1, 0], [1, 1]] },
      { kind: "border", coordinates: [[2, 0], [2, 1]] },
    ]);
  });

  it("chains a border of several edges into one line, whichever vertex its ring starts at", () => {
    // B's west edge runs through (2, 0.5): two edges, and B's ring starts in the middle of them.
    const b: Position[][] = [[[2, 0.5], [2, 0], [3, 0], [3, 1], [2, 1], [2, 0.5]]];
    const a: Position[][] = [[[0, 0], [2, 0], [2, 0.5], [2, 1], [0, 1], [0, 0]]];
    const lines = traceBorders([{ country: "A", polygons: [a] }, { country: "B", polygons: [b] }]);
    expect(lines).toEqual([{ kind: "border", coordinates: [[2, 0], [2, 0.5], [2, 1]] }]);
  });
});

describe("cutting into tiles", () => {
  const level = { z: 1, fromZoom: 0, tolerance: 0.01, decimals: 2, admin1: true };

  it("clips a line to each tile it crosses", () => {
    const buckets: TileBuckets = new Map();
    addLine(buckets, level, { kind: "border", coordinates: [[-10, 10], [10, 10]] });
    expect([...buckets.keys()].sort()).toEqual(["1/0/0", "1/1/0"]);
    const west = buckets.get("1/0/0")![0].geometry as { coordinates: Position[] };
    expect(west.coordinates).toEqual([[-10, 10], [0, 10]]);
  });

  it("clips land to each tile, a pixel past its edge, and merges a country's pieces into one feature", () => {
    const buckets: TileBuckets = new Map();
    addLand(buckets, level, [square(-10, -10, 20)], { iso: "XX" });
    addLand(buckets, level, [square(20, 20, 1)], { iso: "XX" });
    expect([...buckets.keys()].sort()).toEqual(["1/0/0", "1/0/1", "1/1/0", "1/1/1"]);
    const ne = mergeTile(buckets.get("1/1/0")!);
    expect(ne).toHaveLength(1);
    expect(ne[0].properties).toEqual({ kind: "land", iso: "XX" });
    const parts = (ne[0].geometry as MultiPolygon).coordinates;
    expect(parts).toHaveLength(2);
    expect(Math.min(...parts[0][0].map((p) => p[0]))).toBeCloseTo(-180 / 256, 2);
  });

  it("drops a line that fits within a few tolerances and keeps the ends of a longer one", () => {
    expect(simplifyLine([[0, 0], [0.001, 0.001]], 0.01)).toBeNull();
    const line: Position[] = [[0, 0], [0.5, 0.0001], [1, 0]];
    expect(simplifyLine(line, 0.01)).toEqual([[0, 0], [1, 0]]);
  });

  it("carries a tile's towns as one MultiPoint that the layer reads back, land first and towns last", () => {
    const buckets: TileBuckets = new Map();
    addTown(buckets, level, { name: "Daraa", rank: 1, population: 97969, geonames_id: 170905, lng: 36.10627, lat: 32.61889 });
    addTown(buckets, level, { name: "Tafas", rank: 2, population: 0, geonames_id: 163806, lng: 35.99, lat: 32.74 });
    addLine(buckets, level, { kind: "admin1", coordinates: [[35, 32], [36, 33]] });
    addLand(buckets, level, [square(35, 32)], { iso: "SY" });
    const fc = JSON.parse(tileText(buckets.get("1/1/0")!)) as { features: Feature[] };
    expect(fc.features.map((f) => f.properties?.kind)).toEqual(["land", "admin1", "towns"]);
    expect(tileTowns(fc.features[2])).toEqual([
      { name: "Daraa", rank: 1, geonames_id: 170905, position: [36.1063, 32.6189] },
      { name: "Tafas", rank: 2, geonames_id: 163806, position: [35.99, 32.74] },
    ]);
    expect((fc.features[1].geometry as MultiLineString).type).toBe("MultiLineString");
  });

  it("reads no towns from anything else, and skips a town without a name", () => {
    expect(tileTowns({ properties: { kind: "land" }, geometry: { type: "MultiPoint", coordinates: [[0, 0]] } })).toEqual([]);
    const f = { properties: { kind: "towns", name: ["", "B"], rank: [1, 7], geonames_id: [1, 2] }, geometry: { type: "MultiPoint", coordinates: [[0, 0], [1, 1]] } };
    expect(tileTowns(f)).toEqual([{ name: "B", rank: 3, geonames_id: 2, position: [1, 1] }]);
  });
});

describe("the committed world tiles", () => {
  const read = (t: { z: number; x: number; y: number }): string | null => {
    const file = join("geodata/basemap/tiles", `${tilePath(t)}.geojson`);
    return existsSync(file) ? readFileSync(file, "utf8") : null;
  };
  const views: [string, [number, number], number][] = [["world", [10, 20], 2], ["Daraa", [36.1, 32.7], 9], ["Sahel", [2, 15], 4], ["Colombia", [-74, 4.5], 5], ["Ukraine", [31.5, 48.5], 5], ["Ukraine", [31.5, 48.5], 6], ["Germany", [10, 51], 7]];

  it.each(views)("a first view of %s at %s, zoom %s, loads under 300 kB", (_name, center, zoom) => {
    const bytes = tilesForView(viewBBox(center, zoom, 1280, 800), zoom).reduce((sum, t) => sum + Buffer.byteLength(read(t) ?? ""), 0);
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThan(300 * 1024);
  });

  it("the world tile draws every continent's countries, checked as the layer checks it", () => {
    const fc = JSON.parse(read({ z: 0, x: 0, y: 0 })!) as { features: Feature[] };
    expect(featureCollectionIssues(fc)).toEqual([]);
    const isos = new Set(fc.features.filter((f) => f.properties?.kind === "land").map((f) => f.properties?.iso));
    for (const iso of ["BR", "CO", "CD", "NE", "ML", "UA", "SY", "PK", "AU", "US", "RU"]) expect(isos).toContain(iso);
  });

  it("the tile under Daraa at zoom 9 labels Daraa, Syria's admin-1 borders and the borders with Jordan", () => {
    const [tile] = tilesCovering([36.1063, 32.6189, 36.1063, 32.6189], levelForZoom(9).z);
    const fc = JSON.parse(read(tile)!) as { features: Feature[] };
    expect(featureCollectionIssues(fc)).toEqual([]);
    const towns = fc.features.flatMap((f) => tileTowns(f));
    expect(towns.find((t) => t.name === "Daraa")).toMatchObject({ rank: 1, geonames_id: 170905 });
    expect(fc.features.map((f) => f.properties?.kind)).toEqual(expect.arrayContaining(["land", "admin1", "border", "towns"]));
  });
});
