// importFile on GeoJSON: structure through geojson-validation, plus what it does not check (ranges,
// Infinity from 1e400, latitudes beyond 90, empty and unclosed rings, crs, duplicate ids, property types),
// and the limits that refuse a file before it is parsed. Features are counted from 1; no region is assumed.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importFile, ImportError, type ImportResult } from "@/lib/import";
import { toExportCollection } from "@/lib/export/geojson";
import { assertIncidentCollection } from "@/lib/incident/validate";
import { booleanClockwise } from "@turf/turf";
import type { Polygon } from "geojson";

const FIXTURES = join(__dirname, "../fixtures/import");
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));
const utf8 = (s: string) => new TextEncoder().encode(s);
const run = (bytes: Uint8Array, options: Partial<Parameters<typeof importFile>[2]> = {}, name = "test.geojson") =>
  importFile(bytes, name, { idPrefix: "IMP", ...options });
const ids = (r: ImportResult) => r.collection.features.map((f) => f.properties.event_id);

function balanced(r: ImportResult): void {
  expect(r.report.accepted + r.report.rejected.length + r.report.duplicates.length).toBe(r.report.total);
  expect(() => assertIncidentCollection(r.collection)).not.toThrow();
}

const point = (coordinates: unknown, properties: Record<string, unknown> = {}) => ({
  type: "Feature",
  geometry: { type: "Point", coordinates },
  properties: { event_date: "2021-08-01", event_type: "Battles", location: "Daraa", ...properties },
});
const collection = (...features: unknown[]) => utf8(JSON.stringify({ type: "FeatureCollection", features }));

describe("good GeoJSON", () => {
  it("imports points, lines, polygons and multipolygons with typed properties", async () => {
    const r = await run(fixture("good.geojson"));
    balanced(r);
    expect(r.report).toMatchObject({ format: "geojson", encoding: "utf-8", total: 4, accepted: 4, rejected: [], warnings: [] });
    expect(r.report).not.toHaveProperty("separator");
    expect(ids(r)).toEqual(["G1", "G2", "G3", "G4"]); // G4 from the feature's own id
    expect(r.collection.features.map((f) => f.geometry.type)).toEqual(["Point", "LineString", "Polygon", "MultiPolygon"]);
    expect(r.collection.features[1].properties).toMatchObject({ phase: "offensive", wounded: 2 });
    expect(r.collection.features[2].properties.civilian_targeting).toBe(true);
    // ACLED date and a numeric string count normalised; missing text fields become ""
    expect(r.collection.features[3].properties).toMatchObject({ event_date: "2021-08-05", fatalities: 3, actor1: "", source_quote: "" });
  });

  it("accepts a clockwise polygon as it is; the export rewinds it", async () => {
    const r = await run(fixture("clockwise-polygon.geojson"));
    balanced(r);
    const g = r.collection.features[0].geometry as Polygon;
    expect(booleanClockwise(g.coordinates[0])).toBe(true);
    const exported = toExportCollection(r.collection.features, { name: "test" });
    expect(booleanClockwise((exported.features[0].geometry as Polygon).coordinates[0])).toBe(false);
  });
});

describe("features rejected one by one", () => {
  it("flags latitudes beyond 90 as swapped; a point that fits anywhere on earth is not judged against Syria", async () => {
    const r = await run(fixture("swapped.geojson"));
    balanced(r);
    // S1 [32.6, 36.1] is in Turkey: three features say nothing about where the file lies. S3's latitude 136.1
    // cannot be read as given; its swap can: kept swapped, and flagged.
    expect(ids(r)).toEqual(["S1", "S2", "S3"]);
    expect(r.report.rejected).toEqual([]);
    expect(r.collection.features[2].geometry).toEqual({ type: "Point", coordinates: [136.1, 32.6] });
    expect(r.report.flagged).toMatchObject([{ row: 3, kind: "swapped", field: "geometry", value: "[32.6,136.1]" }]);
  });

  it("keeps a point whose swap lies among the file's other features: a row is never judged against the others", async () => {
    const near = (i: number) => point([36 + i / 10, 32.5 + i / 20], { event_id: `N${i}` });
    const r = await run(collection(near(1), near(2), near(3), near(4), near(5), point([32.6, 36.1], { event_id: "SW" })));
    expect(ids(r)).toEqual(["N1", "N2", "N3", "N4", "N5", "SW"]);
    expect(r.report.rejected).toEqual([]);
  });

  it("rejects 1e400 (Infinity after JSON.parse)", async () => {
    const r = await run(fixture("infinity-1e400.geojson"));
    expect(ids(r)).toEqual(["I1"]);
    expect(r.report.rejected).toEqual([{ row: 2, field: "geometry.coordinates", value: "[Infinity,32.6]", message: expect.stringMatching(/finite/) }]);
  });

  it("rejects unclosed and empty rings, and polygons without rings", async () => {
    const unclosed = await run(fixture("unclosed-ring.geojson"));
    expect(ids(unclosed)).toEqual(["U2"]);
    expect(unclosed.report.rejected[0]).toMatchObject({ row: 1, field: "geometry.coordinates[0]", message: expect.stringMatching(/not closed/) });
    const empty = await run(fixture("empty-ring.geojson"));
    expect(ids(empty)).toEqual(["E4"]);
    expect(empty.report.rejected.map((x) => [x.row, x.field, x.message])).toEqual([
      [1, "geometry.coordinates[0]", "the ring is empty"],
      [2, "geometry.coordinates[0][0]", "the ring is empty"],
      [3, "geometry.coordinates", "the polygon has no rings"],
    ]);
  });

  it("keeps an id already on the map and a repeated id with another position under suffixed ids, and says so", async () => {
    const r = await run(fixture("duplicate-ids.geojson"), { existingIds: new Set(["D2"]) });
    balanced(r);
    expect(ids(r)).toEqual(["D1", "D2-2", "D1-2"]);
    expect(r.report.rejected).toEqual([]);
    expect(r.report.duplicates).toEqual([]);
    expect(r.report.flagged.map((f) => [f.row, f.kind, f.id, f.value])).toEqual([
      [2, "id-renamed", "D2-2", "D2"],
      [3, "id-renamed", "D1-2", "D1"],
    ]);
  });

  it("checks property types, and reads what a researcher's file means (numbers as text, its own types, date-times)", async () => {
    const r = await run(
      collection(
        point([36.1, 32.6], { fatalities: "many" }),
        point([36.1, 32.6], { fatalities: 1.5 }),
        point([36.1, 32.6], { actor1: 42 }),
        point([36.1, 32.6], { event_type: ["battle"] }),
        point([36.1, 32.6], { time_precision: 4 }),
        point([36.1, 32.6], { event_date: "2021-08-05T10:00:00Z" }),
        point([36.1, 32.6], { event_date_end: "2021-07-01" }),
        point([36.1, 32.6], { civilian_targeting: "maybe" }),
        point([36.1, 32.6], { event_id: { id: 1 } }),
        point([36.1, 32.6], { location: "" }),
        point([36.1, 32.6], { distance_km: -1 }),
        point([36.1, 32.6], { event_type: "x".repeat(101) }),
        { type: "Feature", geometry: null, properties: {} },
        { type: "Feature", geometry: { type: "MultiPoint", coordinates: [[36, 32]] }, properties: {} },
        { type: "Feature", geometry: { type: "LineString", coordinates: [[36, 32]] }, properties: {} },
        { type: "Feature", geometry: { type: "Point", coordinates: [36.1, 32.6] }, properties: "x" },
        { type: "Feature", geometry: { type: "Point", coordinates: [36.1, 32.6] }, properties: {}, crs: {} },
        { type: "Point", coordinates: [36.1, 32.6] },
        "feature",
        point([36.1, 32.6], { wounded: 2, civilian_targeting: "Civilian targeting", event_id: 7 }),
      ),
    );
    balanced(r);
    // Only the position rejects; a value that cannot be read is left empty or default and flagged.
    expect(r.report.rejected.map((x) => [x.row, x.field])).toEqual([
      [13, "geometry"],
      [14, "geometry.type"],
      [15, "geometry"],
      [16, "properties"],
      [17, "crs"],
      [18, "type"],
      [19, "feature"],
    ]);
    expect(r.report.flagged.map((x) => [x.row, x.field])).toEqual([
      [1, "fatalities"],
      [2, "fatalities"],
      [4, "event_type"],
      [5, "time_precision"],
      [7, "event_date_end"],
      [8, "civilian_targeting"],
      [9, "event_id"],
      [11, "distance_km"],
      [12, "event_type"],
    ]);
    expect(r.report.flagged[0]).toMatchObject({ kind: "unreadable", value: '"many"', message: "must be a whole number ≥ 0; 0 instead" });
    expect(r.report.flagged[2]).toMatchObject({ value: '["battle"]', message: "must be text, not a list or an object; Unclassified" });
    expect(r.report.flagged[8]).toMatchObject({ row: 12, message: expect.stringMatching(/longer than 100 characters/) });
    const props = r.collection.features.map((f) => f.properties);
    expect(props[0].fatalities).toBe(0);
    expect(props[3].event_type).toBe("Unclassified");
    expect(props[9].location).toBe("32.6, 36.1"); // an empty place name: the coordinates stand in
    const [n42, dateTime, last] = [props[2], props[5], props[props.length - 1]];
    expect(n42.actor1).toBe("42");
    expect(dateTime.event_date).toBe("2021-08-05");
    expect(last).toMatchObject({ event_id: "7", wounded: 2, civilian_targeting: true });
  });

  it("keeps a feature's own category and makes a missing one Unclassified", async () => {
    const r = await run(collection(
      point([36.1, 32.6], { event_id: "a", event_type: "battle" }),
      point([36.1, 32.6], { event_id: "b", event_type: null }),
      point([36.1, 32.6], { event_id: "c", event_type: "<img src=x onerror=alert(1)>" }),
      { type: "Feature", geometry: { type: "Point", coordinates: [36.1, 32.6] }, properties: { event_id: "d", event_date: "2021-08-01", location: "Daraa", link: "https://example.org" } },
    ));
    expect(r.collection.features.map((f) => f.properties.event_type)).toEqual(["battle", "Unclassified", "<img src=x onerror=alert(1)>", "Unclassified"]);
  });

  it("keeps extra scalar properties as they are and nested ones as JSON text", async () => {
    const r = await run(collection(point([36.1, 32.6], { phase: "offensive", n: -3, flag: false, none: null, nested: { a: [1, 2] } })));
    expect(r.collection.features[0].properties).toMatchObject({ phase: "offensive", n: -3, flag: false, none: null, nested: '{"a":[1,2]}' });
    expect(r.report.warnings).toEqual(['property "nested" holds an object; kept as its JSON text (feature 1)']);
  });

  it("accepts points anywhere without a word about Syria", async () => {
    const r = await run(collection(point([-74.0, 40.7], { location: "New York" }), point([2.35, 48.8], { location: "Paris" })));
    expect(r.report.accepted).toBe(2);
    expect(r.report.warnings).toEqual([]);
  });
});

describe("files refused as a whole", () => {
  const refuses = async (bytes: Uint8Array, field: string, pattern: RegExp, options = {}) => {
    const err = await run(bytes, options).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).field).toBe(field);
    expect((err as ImportError).message).toMatch(pattern);
  };

  it("refuses 10,000 nested arrays before parsing", async () => {
    await refuses(utf8("[".repeat(10_000) + "]".repeat(10_000)), "json", /deeper than 32 levels/);
    const deepProps = JSON.stringify({ type: "FeatureCollection", features: [point([36.1, 32.6], { x: JSON.parse("[".repeat(40) + "]".repeat(40)) })] });
    await refuses(utf8(deepProps), "json", /deeper than 32/);
    await refuses(utf8(deepProps), "json", /deeper than 8/, { limits: { maxJsonDepth: 8 } });
  });

  it("refuses a file over the size limit (a small limit stands in for 50 MB)", async () => {
    const bytes = fixture("good.geojson");
    await refuses(bytes, "file", /files over 0.0 MB are refused/, { limits: { maxBytes: 1000 } });
    await expect(run(bytes, { limits: { maxBytes: bytes.byteLength } })).resolves.toBeTruthy();
  });

  it("refuses a coordinate system other than WGS 84, and drops a CRS84 one with a warning", async () => {
    await refuses(fixture("crs-webmercator.geojson"), "crs", /other than WGS 84/);
    const r = await run(fixture("crs-crs84.geojson"));
    expect(r.report.accepted).toBe(1);
    expect(r.report.warnings[0]).toMatch(/legacy crs member .* was ignored/);
    expect(r.collection).not.toHaveProperty("crs");
  });

  it("refuses text that is not JSON, a collection without features, an empty or too long one; reads a lone Feature", async () => {
    await refuses(utf8("{ not json"), "json", /not valid JSON/);
    expect((await run(utf8(JSON.stringify(point([36.1, 32.6]))))).report.accepted).toBe(1);
    await refuses(utf8('{"type":"FeatureCollection"}'), "features", /features array/);
    await refuses(collection(), "features", /no features/);
    await refuses(collection(point([36.1, 32.6]), point([36.1, 32.6])), "features", /more than 1 features/, { limits: { maxRows: 1 } });
  });

  it("sniffs GeoJSON by content when the name does not say", async () => {
    const r = await importFile(fixture("good.geojson"), "upload.dat", { idPrefix: "X" });
    expect(r.report.format).toBe("geojson");
  });
});
