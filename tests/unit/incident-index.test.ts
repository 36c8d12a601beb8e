import { describe, expect, it } from "vitest";
import { buildIncidentIndex } from "@/lib/server/incident-index";
import { parseFeatureCollectionBytes } from "@/lib/server/load";
import { applyFilter, type IncidentFilter } from "@/lib/incident/filter";
import { toExportCollection, type ExportOptions } from "@/lib/export/geojson";
import { markerAnchor } from "@/lib/incident/anchor";
import { anchorInBbox } from "@/lib/incident/place";
import { addDays } from "@/lib/incident/days";
import { mulberry32, synthesizeIncidents, type Town } from "@/lib/build/synth";
import { EVENT_TYPES, type IncidentFeature, type IncidentGeometry } from "@/lib/incident/model";
import type { BBox } from "@/lib/geo/bbox";

const TOWNS: Town[] = [
  { name: "Dar'a", lng: 36.10628, lat: 32.61889, population: 97969, admin1: "Daraa" },
  { name: "Tafas", lng: 35.97556, lat: 32.73639, population: 28000, admin1: "Daraa" },
  { name: "Nawa", lng: 36.04306, lat: 32.89028, population: 45000, admin1: "Daraa" },
  { name: "Aleppo", lng: 37.16117, lat: 36.20124, population: 1602264, admin1: "Aleppo" },
  { name: "Idlib", lng: 36.63393, lat: 35.93062, population: 128840, admin1: "Idleb" },
  { name: "Homs", lng: 36.72339, lat: 34.72682, population: 775404, admin1: "Homs" },
  { name: "Deir ez-Zor", lng: 40.14117, lat: 35.33588, population: 242565, admin1: "Deir-ez-Zor" },
  { name: "Raqqa", lng: 39.01667, lat: 35.95, population: 177636, admin1: "Ar-Raqqa" },
];

const COUNT = 4000;

/** Synthetic incidents with everything the filter and the export distinguish: undated ones, short and
 *  multi-year ranges, lines and (clockwise) polygons, ids, long decimals and non-ASCII text. */
function dataset(): IncidentFeature[] {
  const random = mulberry32(42);
  const features = synthesizeIncidents({ count: COUNT, seed: 3, towns: TOWNS }).features as IncidentFeature[];
  return features.map((f, i): IncidentFeature => {
    const p = { ...f.properties };
    const [x, y] = f.geometry.coordinates as number[];
    let geometry: IncidentGeometry = { type: "Point", coordinates: [x + random() * 1e-7, y] };
    if (i % 23 === 0) p.event_date = null;
    else if (i % 97 === 0) p.event_date_end = addDays(p.event_date!, 40 + Math.floor(random() * 900));
    else if (i % 7 === 0) p.event_date_end = addDays(p.event_date!, 1 + Math.floor(random() * 25));
    if (i % 50 === 1) geometry = { type: "LineString", coordinates: [[x, y], [x + 0.0312345678, y + 0.02], [x + 0.05, y - 0.01]] };
    if (i % 50 === 2) {
      const ring = [[x, y], [x, y + 0.01], [x + 0.01, y + 0.01], [x + 0.01, y], [x, y]]; // clockwise
      geometry = { type: "Polygon", coordinates: [ring] };
    }
    if (i % 50 === 3) geometry = { type: "MultiPolygon", coordinates: [[[[x, y], [x, y + 0.02], [x + 0.02, y], [x, y]]]] };
    if (i % 11 === 0) p.location = "درعا البلد \"old\" \\ ✓";
    if (i % 13 === 0) p.notes = `${p.notes} 🚑`;
    return { type: "Feature", ...(i % 5 === 0 ? { id: `f-${i}` } : {}), geometry, properties: p };
  });
}

const FEATURES = dataset();
const INDEX = buildIncidentIndex(FEATURES);
const ANCHORS = FEATURES.map((f) => markerAnchor(f.geometry));
const ALL = FEATURES.map((_, i) => i);
const ACTORS = [...new Set(FEATURES.flatMap((f) => [f.properties.actor1, f.properties.actor2 ?? ""]))].filter(Boolean);
const DAYS = FEATURES.map((f) => f.properties.event_date).filter((d): d is string => d !== null).sort();

/** applyFilter, whose bbox rule is the marker anchor in the box. */
function reference(filter: IncidentFilter): number[] {
  return applyFilter(ALL, (i) => ({ properties: FEATURES[i].properties, anchor: ANCHORS[i] }), filter);
}

function randomFilter(random: () => number): IncidentFilter {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const some = <T>(list: readonly T[]) => list.filter(() => random() < 0.3);
  const filter: IncidentFilter = {};
  const r = random();
  if (r < 0.8) {
    // A map-view box, sometimes with edges exactly on an anchor (edges count), sometimes anywhere.
    const [cx, cy] = random() < 0.5 ? pick(ANCHORS) : [35.5 + random() * 7, 32 + random() * 5.5];
    const w = 0.01 + random() * (random() < 0.2 ? 6 : 0.6);
    const h = 0.01 + random() * (random() < 0.2 ? 5 : 0.6);
    filter.bbox = random() < 0.2 ? [cx, cy, cx + w, cy + h] : [cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2];
  }
  const d = random();
  if (d < 0.75) {
    const a = pick(DAYS);
    const span = Math.floor(random() * (random() < 0.7 ? 30 : 2000));
    if (d < 0.55) [filter.from, filter.to] = [a, addDays(a, span)];
    else if (d < 0.62) filter.from = a;
    else if (d < 0.69) filter.to = a;
    else [filter.from, filter.to] = [addDays(a, span), a]; // from after to: only long ranges can match
  }
  if (random() < 0.4) filter.includeUndated = random() < 0.7;
  if (random() < 0.3) filter.types = some(EVENT_TYPES);
  if (random() < 0.2) filter.actors = some(ACTORS);
  if (random() < 0.2) filter.fatalities = random() < 0.5 ? "some" : "none";
  if (random() < 0.2) filter.geoPrecision = some([1, 2, 3] as const);
  return filter;
}

describe("incident index: query", () => {
  it("the point bbox used as reference is the anchorInBbox rule", () => {
    const box: BBox = [36, 32.6, 36.2, 32.8];
    const byRule = ALL.filter((i) => anchorInBbox({ anchor: ANCHORS[i] }, box));
    expect(reference({ bbox: box })).toEqual(byRule);
    expect(byRule.length).toBeGreaterThan(10);
  });

  it("equals applyFilter (bbox = anchor in it) for 800 random filters", () => {
    const random = mulberry32(9);
    let nonEmpty = 0;
    for (let k = 0; k < 800; k++) {
      const filter = randomFilter(random);
      const expected = reference(filter);
      const got = INDEX.query(filter);
      if (got.length !== expected.length || got.some((v, j) => v !== expected[j])) {
        expect({ filter, got }).toEqual({ filter, got: expected });
      }
      if (expected.length) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(250);
  }, 60_000);

  it("covers each part of the filter on its own", () => {
    const day = DAYS[DAYS.length >> 1];
    const filters: IncidentFilter[] = [
      {},
      { from: day },
      { to: day },
      { from: day, to: day },
      { from: day, to: addDays(day, 14), includeUndated: true },
      { from: DAYS[0], to: DAYS[DAYS.length - 1] },
      { includeUndated: true },
      { bbox: [-180, -90, 180, 90] },
      { bbox: [0, 0, 1, 1] },
      { bbox: [ANCHORS[5][0], ANCHORS[5][1], ANCHORS[5][0], ANCHORS[5][1]] },
      { types: ["Battles"] },
      { actors: [ACTORS[0]] },
      { fatalities: "some" },
      { fatalities: "none", geoPrecision: [3] },
      { geoPrecision: [2], bbox: [35, 32, 37, 34], from: day, to: addDays(day, 60) },
    ];
    for (const filter of filters) expect(INDEX.query(filter), JSON.stringify(filter)).toEqual(reference(filter));
    expect(INDEX.query({}).length).toBe(COUNT);
  });

  it("an empty collection answers empty", () => {
    const empty = buildIncidentIndex([]);
    expect(empty.query({})).toEqual([]);
    expect(empty.query({ bbox: [-180, -90, 180, 90], from: "2020-01-01" })).toEqual([]);
  });

  it("refuses a feature without geometry, naming it", () => {
    const bad = { ...FEATURES[1], geometry: null } as unknown as IncidentFeature;
    expect(() => buildIncidentIndex([FEATURES[0], bad])).toThrow(/features\[1\]\.geometry/);
  });
});

describe("incident index: serialiser", () => {
  const exportJson = (indices: readonly number[], options: ExportOptions) => {
    const body = INDEX.exportBody(indices, options);
    return Buffer.concat([...body.chunks()], body.byteLength).toString("utf8");
  };
  const json = (indices: number[], filters?: Record<string, unknown>) =>
    JSON.stringify(toExportCollection(indices.map((i) => FEATURES[i]), { name: "Test \"incidents\" ✓", ...(filters ? { filters } : {}) }));

  it("is byte for byte toExportCollection for random selections (rounding, rewinding, bbox, name, filters)", () => {
    const random = mulberry32(5);
    for (let k = 0; k < 60; k++) {
      const filter = randomFilter(random);
      const indices = INDEX.query(filter);
      const filters = { ...filter, note: "ü" };
      expect(exportJson(indices, { name: "Test \"incidents\" ✓", filters })).toBe(json(indices, filters));
    }
  });

  it("holds for the whole collection, an empty selection, any order and no filters member", () => {
    expect(exportJson(ALL, { name: "Test \"incidents\" ✓" })).toBe(json(ALL));
    expect(exportJson([], { name: "Test \"incidents\" ✓", filters: {} })).toBe(json([], {}));
    const shuffled = [7, 3, 4, 5, 100, 99, 0, COUNT - 1];
    expect(exportJson(shuffled, { name: "Test \"incidents\" ✓" })).toBe(json(shuffled));
  });

  it("streams in chunks whose bytes add up to byteLength", () => {
    const body = INDEX.exportBody(ALL, { name: "x" });
    const chunks = [...body.chunks()];
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.reduce((n, c) => n + c.length, 0)).toBe(body.byteLength);
    expect(Buffer.byteLength(exportJson(ALL, { name: "x" }))).toBe(body.byteLength);
  });

  it("does not mutate the features it indexes", () => {
    const ring = (FEATURES[2].geometry as { coordinates: number[][][] }).coordinates[0];
    expect(ring[1]).toEqual([ring[0][0], ring[0][1] + 0.01]);
    expect("bbox" in FEATURES[0]).toBe(false);
  });

  it("refuses an index out of range", () => {
    expect(() => INDEX.exportBody([COUNT], { name: "x" })).toThrow(RangeError);
  });
});

describe("parseFeatureCollectionBytes (files too large for one string)", () => {
  const enc = (s: string) => new TextEncoder().encode(s);

  it("equals JSON.parse, however the file is laid out", () => {
    const fc = { type: "FeatureCollection", name: "n", features: FEATURES.slice(0, 300), bbox: [1, 2, 3, 4] };
    for (const text of [JSON.stringify(fc), JSON.stringify(fc, null, 2), `\n {"features" : [ ] , "x": [1, {"a": "]}\\\\"}], "y":null}\r\n`]) {
      expect(parseFeatureCollectionBytes(enc(text))).toEqual(JSON.parse(text));
    }
    const tricky = `{"a":"q\\"}]","features":[{"s":"\\\\"},{"t":"[{"}, 3, "x", null],"__proto__":{"p":1}}`;
    const parsed = parseFeatureCollectionBytes(enc(tricky)) as Record<string, unknown>;
    expect(parsed).toEqual(JSON.parse(tricky));
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
  });

  it("rejects malformed input with the byte offset", () => {
    for (const bad of [`{"features":[{"a":1} {"b":2}]}`, `{"features":[]} x`, `{"features":[{"a":"open]}`, `{"a":1,}`, `[1]`, `{"features":[,]}`]) {
      expect(() => parseFeatureCollectionBytes(enc(bad)), bad).toThrow(/at byte \d+/);
    }
  });
});
