// GeoJSON and JSON records → Source: the shapes accepted, properties flattened to columns, geometry checked
// for structure only, unsafe keys dropped, hostile input refused.
import { describe, expect, it } from "vitest";
import { readSource } from "@/lib/import/source";
import type { Source } from "@/lib/import/source/types";

const utf8 = (s: string) => new TextEncoder().encode(s);
const read = (value: unknown, name = "f.json", options = {}) => readSource(utf8(typeof value === "string" ? value : JSON.stringify(value)), name, options);
const everything = (s: Source) => {
  const b = [...s.batches()];
  return { records: b.flatMap((x) => x.records), rejected: b.flatMap((x) => x.rejected) };
};
const point = (coordinates: number[], properties: unknown = {}) => ({ type: "Feature", geometry: { type: "Point", coordinates }, properties });

describe("readSource: GeoJSON", () => {
  it("flattens every feature's properties into columns (union, first-seen order), values as JSON values", () => {
    const s = read({
      type: "FeatureCollection",
      features: [point([30.5, 50.4], { location: "Kyiv", link: "https://x" }), point([36.2, 49.9], { description: "d", location: "Kharkiv", tags: ["a"], meta: { n: 1 } })],
    }, "f.geojson");
    expect(s).toMatchObject({ format: "geojson", hasGeometry: true, totalHint: 2 });
    expect(s.columns).toEqual(["location", "link", "description", "tags", "meta"]);
    expect(s.sample).toEqual([
      { row: 1, values: ["Kyiv", "https://x", undefined, undefined, undefined], geometry: { type: "Point", coordinates: [30.5, 50.4] } },
      { row: 2, values: ["Kharkiv", undefined, "d", ["a"], { n: 1 }], geometry: { type: "Point", coordinates: [36.2, 49.9] } },
    ]);
  });
  it("reads a single Feature and a bare array of Features", () => {
    expect(read(point([1, 2], { a: 1 })).sample).toEqual([{ row: 1, values: [1], geometry: { type: "Point", coordinates: [1, 2] } }]);
    expect(read([point([1, 2]), point([3, 4])]).sample.map((r) => r.geometry)).toEqual([
      { type: "Point", coordinates: [1, 2] },
      { type: "Point", coordinates: [3, 4] },
    ]);
  });
  it("keeps a feature without geometry with geometry null, and says how many", () => {
    const s = read({ type: "FeatureCollection", features: [{ type: "Feature", geometry: null, properties: { place: "Daraa" } }] });
    expect(s.sample).toEqual([{ row: 1, values: ["Daraa"], geometry: null }]);
    expect(s.warnings.join()).toMatch(/1 feature has no geometry/);
  });
  it("makes the feature's own id a column", () => {
    const s = read({ type: "FeatureCollection", features: [{ ...point([1, 2], { a: 1 }), id: "F1" }] });
    expect(s.columns).toEqual(["id", "a"]);
    expect(s.sample[0].values).toEqual(["F1", 1]);
  });
  it("rejects a feature with a malformed geometry or one that is not a Feature, alone and numbered from 1; a position out of range is the mapping's to judge", () => {
    const s = read({ type: "FeatureCollection", features: [point([1, 2]), { type: "Feature", geometry: { type: "Polygon", coordinates: [[[0, 0], [1, 0], [0, 0]]] }, properties: {} }, 7, point([200, 1])] });
    const { records, rejected } = everything(s);
    expect(records.map((r) => r.row)).toEqual([1, 4]);
    expect(rejected.map((r) => [r.row, r.field])).toEqual([[2, "geometry.coordinates[0]"], [3, "feature"]]);
  });
  it("does not judge where the file lies (no Syria box): a Ukrainian point is kept", () => {
    expect(everything(read([point([30.5, 50.4])])).rejected).toEqual([]);
  });
  it("never makes a column of __proto__ or another reserved name", () => {
    const s = read('{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":{"__proto__":{"x":1},"constructor":2,"ok":3}}]}');
    expect(s.columns).toEqual(["ok"]);
    expect(s.warnings.join("\n")).toMatch(/"__proto__" was dropped/);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
  it("drops a WGS 84 crs with a warning and refuses any other", () => {
    const crs = (name: string) => ({ type: "FeatureCollection", crs: { type: "name", properties: { name } }, features: [point([1, 2])] });
    expect(read(crs("urn:ogc:def:crs:OGC:1.3:CRS84")).warnings.join()).toMatch(/crs/);
    expect(() => read(crs("EPSG:3857"))).toThrow(/^crs: /);
  });
  it("refuses deep nesting before parsing, invalid JSON, empty collections and too many features", () => {
    expect(() => read("[".repeat(10_000))).toThrow(/deeper than 32/);
    expect(() => read("{nope")).toThrow(/^json: .*not valid JSON/);
    expect(() => read({ type: "FeatureCollection", features: [] })).toThrow(/nothing to import/);
    expect(() => read([point([1, 2]), point([1, 2])], "f.json", { limits: { maxRows: 1 } })).toThrow(/more than 1 features/);
    expect(() => read({ hello: 1 })).toThrow(/^json: /);
  });
});

describe("readSource: JSON records", () => {
  const timemap = [
    { id: "1", date: "02/24/2022", latitude: "49.21", longitude: "38.90", location: "Kramatorsk", description: "d", sources: [{ id: "s1" }], filters: [{ key: "x" }] },
    { id: "2", date: "02/25/2022", latitude: "50.45", longitude: "30.52", location: "Kyiv", description: "e", sources: [], filters: [] },
  ];
  it("reads a TimeMap-style array of objects, nested values kept as values", () => {
    const s = read(timemap);
    expect(s).toMatchObject({ format: "json-records", hasGeometry: false, totalHint: 2 });
    expect(s.columns).toEqual(["id", "date", "latitude", "longitude", "location", "description", "sources", "filters"]);
    expect(s.sample[0]).toEqual({ row: 1, values: ["1", "02/24/2022", "49.21", "38.90", "Kramatorsk", "d", [{ id: "s1" }], [{ key: "x" }]] });
  });
  it("reads the array under data (ACLED's API) or events", () => {
    const s = read({ status: 200, data: timemap });
    expect(s.sample.length).toBe(2);
    expect(s.warnings.join()).toMatch(/"data" member/);
    expect(read({ events: timemap }).sample.length).toBe(2);
  });
  it("rejects an entry that is not an object, alone", () => {
    const { records, rejected } = everything(read([{ a: 1 }, "x", { a: 2 }]));
    expect(records.map((r) => r.row)).toEqual([1, 3]);
    expect(rejected).toEqual([expect.objectContaining({ row: 2, field: "record" })]);
  });
  it("reads GeoJSON-like records (a geometry, flat fields) as features", () => {
    const s = read([{ id: 1, name: "a", geometry: { type: "Point", coordinates: [1, 2] } }]);
    expect(s).toMatchObject({ format: "json-records", hasGeometry: true, columns: ["id", "name"] });
    expect(s.sample[0]).toEqual({ row: 1, values: [1, "a"], geometry: { type: "Point", coordinates: [1, 2] } });
  });
});
