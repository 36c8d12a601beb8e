// The importer never loses a readable row: plausibility checks flag (against the country a row names, never
// the file's other rows), secondary values that cannot be read are left empty and flagged, non-records are
// skipped apart, ids never cost a row, the mapping step's numbers come from the whole file, an undated file
// can be given one date, and the report downloads as a CSV of the rows as the file had them.
import { describe, expect, it } from "vitest";
import { importFile, placeQueryKey, type GeocodeAnswer, type GeocodeBatch, type ImportResult, type Mapping } from "@/lib/import";
import { countImport } from "@/lib/import/estimate";
import { applyFlagAction, flagGroups } from "@/lib/import/flags";
import { applyMapping, compileMapping } from "@/lib/import/mapping/apply";
import { countryId } from "@/lib/import/mapping/country";
import { proposeMapping } from "@/lib/import/mapping/propose";
import { readPrecision } from "@/lib/import/mapping/precision";
import { importSource, inspectSource } from "@/lib/import/pipeline";
import { reportCsv } from "@/lib/import/report-csv";
import { assertIncidentCollection } from "@/lib/incident/validate";
import { answer, candidate } from "../support/geocode";
import { sourceOf } from "../support/source";

const run = (source: Parameters<typeof importSource>[0], options: Partial<Parameters<typeof importSource>[1]> = {}) => importSource(source, { idPrefix: "K", ...options });
const ids = (r: ImportResult) => r.collection.features.map((f) => f.properties.event_id);

/** Every record lands in exactly one bucket; flagged rows are imported ones. */
function balanced(r: ImportResult): void {
  const { total, accepted, rejected, ambiguous, unresolved, duplicates, flagged } = r.report;
  expect(accepted + rejected.length + ambiguous.length + unresolved.length + duplicates.length).toBe(total);
  expect(r.collection.features).toHaveLength(accepted);
  const imported = new Set(ids(r));
  for (const f of flagged) expect(imported.has(f.id)).toBe(true);
  expect(() => assertIncidentCollection(r.collection)).not.toThrow();
}

// [country, latitude, longitude]: an ACLED Africa file sorted by country, the first two countries filling
// the sample (its first 200 rows); Somalia's and Kenya's [lat, lng] twins lie among Algeria's and Angola's rows.
const AFRICA: [string, number, number][] = [
  ...Array.from({ length: 100 }, (_, i): [string, number, number] => ["Algeria", 36.75 - (i % 10) * 0.3, 3.06 - (i % 10) * 0.2]),
  ...Array.from({ length: 100 }, (_, i): [string, number, number] => ["Angola", -8.84 - (i % 10) * 0.4, 13.23 + (i % 10) * 0.25]),
  ["Kenya", -1.2921, 36.8219],
  ["Kenya", -4.0435, 39.6682],
  ["Somalia", 2.0469, 45.3182],
  ["Somalia", 3.1167, 43.65],
  ["Somalia", -0.3582, 42.5454],
  ["South Africa", -26.2041, 28.0473],
  ["Madagascar", -18.8792, 47.5079],
  ["Mozambique", -25.9692, 32.5732],
];
const africa = (rows: [string, number, number][]) =>
  sourceOf(
    ["event_id_cnty", "event_date", "country", "latitude", "longitude", "location"],
    rows.map(([country, lat, lng], i) => [`A${i + 1}`, "2016-03-01", country, String(lat), String(lng), `place ${i + 1}`]),
  );

describe("a position is judged against the country its row names, never against the file's other rows", () => {
  it("keeps every row of a multi-country file sorted by country, later countries included, without a flag", async () => {
    const r = await run(africa(AFRICA));
    balanced(r);
    expect(r.report.rejected).toEqual([]);
    expect(r.report.accepted).toBe(AFRICA.length);
    expect(r.report.flagged).toEqual([]);
    expect(r.report.mapping.roles.country).toBe("country");
    // the country stays a property under its own name
    expect(r.collection.features[202].properties).toMatchObject({ country: "Somalia" });
  });

  it("flags a possible swap and a point outside its country, keeps both as the file gives them, and offers one action per group", async () => {
    const rows: [string, number, number][] = [...AFRICA, ["Kenya", 36.8219, -1.2921], ["Kenya", 2.0469, 45.3182], ["Kenya", 3.5, 39.0]];
    const r = await run(africa(rows));
    balanced(r);
    expect(r.report.rejected).toEqual([]);
    expect(r.report.flagged.map((f) => [f.row, f.kind, f.id])).toEqual([
      [209, "possible-swap", "A209"],
      [210, "outside-country", "A210"],
    ]);
    expect(r.report.flagged[0]).toMatchObject({ field: "latitude, longitude", value: "36.8219, -1.2921", message: expect.stringMatching(/outside Kenya .* may be swapped/) });
    const swapRow = r.collection.features.find((f) => f.properties.event_id === "A209")!;
    expect(swapRow.geometry).toEqual({ type: "Point", coordinates: [-1.2921, 36.8219] }); // as given

    const groups = flagGroups(r.report.flagged);
    expect(groups.map((g) => [g.kind, g.ids])).toEqual([
      ["possible-swap", ["A209"]],
      ["outside-country", ["A210"]],
    ]);
    const swapped = applyFlagAction(r.collection, groups[0].ids, "swap");
    expect(swapped.features.find((f) => f.properties.event_id === "A209")!.geometry).toEqual({ type: "Point", coordinates: [36.8219, -1.2921] });
    expect(swapped.features).toHaveLength(r.collection.features.length);
    expect(swapRow.geometry).toEqual({ type: "Point", coordinates: [-1.2921, 36.8219] }); // the input is not changed
    const dropped = applyFlagAction(r.collection, groups[1].ids, "drop");
    expect(dropped.features.map((f) => f.properties.event_id)).not.toContain("A210");
    expect(dropped.features).toHaveLength(r.collection.features.length - 1);
  });

  it("reads a country as a name, an ISO code or an ISO 3166-1 numeric code (ACLED's iso), and files' own spellings", () => {
    expect(["Somalia", "SO", "SOM", "706", "Democratic Republic of Congo", "DRC", "DR Congo (Zaire)", "OPT", "4", "Côte d'Ivoire", "Ivory Coast"].map(countryId)).toEqual([
      "SO", "SO", "SO", "SO", "CD", "CD", "CD", "PS", "AF", "CI", "CI",
    ]);
    expect(countryId("Africa")).toBeNull(); // a region is not a country
    expect(countryId("Atlantis")).toBeNull();
  });

  it("without a country column, a latitude beyond ±90 whose swap is a position is read swapped and flagged so: the only row that cannot be read as given", async () => {
    const r = await run(sourceOf(["lat", "lon"], [["32.6", "36.1"], ["136.1", "32.6"]]));
    balanced(r);
    expect(r.collection.features[1].geometry).toEqual({ type: "Point", coordinates: [136.1, 32.6] });
    expect(r.report.flagged).toMatchObject([{ row: 2, kind: "swapped", message: expect.stringMatching(/read as latitude 32.6, longitude 136.1/) }]);
    expect(flagGroups(r.report.flagged)[0].kind).toBe("swapped");
  });
});

describe("a place name is optional when a position is given", () => {
  it("imports a row with coordinates and an empty place; the coordinates stand in for its name", async () => {
    const r = await run(sourceOf(["id", "location", "latitude", "longitude"], [["T1", "", "49.21", "37.26"], ["T2", "Izium", "49.21", "37.26"]]));
    balanced(r);
    expect(r.report.rejected).toEqual([]);
    expect(r.collection.features.map((f) => f.properties.location)).toEqual(["49.21, 37.26", "Izium"]);
  });
});

describe("only the position decides rejection", () => {
  it("reads a precision written with its label, (2) 25 km Precision", () => {
    expect(readPrecision("(2) 25 km Precision ", "acled")).toBe(2);
    expect(readPrecision("3 - region", "acled")).toBe(3);
    expect(readPrecision("2.0", "acled")).toBe(2);
    expect(() => readPrecision("2.5", "acled")).toThrow();
  });

  it("imports every row of a workbook whose precision column says (2) 25 km Precision, and flags one it cannot read", async () => {
    const rows = [["P1", "(2) 25 km Precision ", "33.5", "36.3"], ["P2", "(1) Exact", "33.5", "36.3"], ["P3", "somewhere", "33.5", "36.3"]];
    const r = await run(sourceOf(["event_id", "geo_precision", "latitude", "longitude"], rows));
    balanced(r);
    expect(r.collection.features.map((f) => f.properties.geo_precision)).toEqual([2, 1, 1]);
    expect(r.report.flagged).toEqual([{ row: 3, line: 4, id: "P3", kind: "unreadable", field: "geo_precision", value: '"somewhere"', message: expect.stringMatching(/must be 1, 2 or 3; 1 \(as given\)/) }]);
  });

  it("leaves an unreadable date undated and flagged, an unreadable count 0, an end before the start empty", async () => {
    const rows = [["D1", "yesterday", "", "x", "33.5", "36.3"], ["D2", "2021-08-05", "2021-08-01", "many", "33.5", "36.3"]];
    const r = await run(sourceOf(["event_id", "event_date", "event_date_end", "fatalities", "latitude", "longitude"], rows));
    balanced(r);
    expect(r.report.rejected).toEqual([]);
    const [d1, d2] = r.collection.features.map((f) => f.properties);
    expect(d1).toMatchObject({ event_date: null, time_precision: 3, fatalities: 0 });
    expect(d2).toMatchObject({ event_date: "2021-08-05", fatalities: 0 });
    expect(d2).not.toHaveProperty("event_date_end");
    expect(r.report.flagged.map((f) => [f.row, f.field])).toEqual([
      [1, "event_date"],
      [1, "fatalities"],
      [2, "event_date_end"],
      [2, "fatalities"],
    ]);
  });
});

describe("near-null positions", () => {
  it("are a missing position: rejected as such without a place, placed by name with one", async () => {
    const geocode: GeocodeBatch = async (batch) =>
      new Map(batch.map((q): [string, GeocodeAnswer] => [placeQueryKey(q), q.text === "Tafas" ? answer(q.text, "resolved", [candidate(q.text, [35.97, 32.74], { geo_precision: 2, source: "test" })]) : answer(q.text, "unresolved")]));
    const rows = [["N1", "", "0.002", "0.004"], ["N2", "Tafas", "0.001", "-0.003"], ["N3", "", "0.01", "0.01"]];
    const r = await run(sourceOf(["event_id", "location", "latitude", "longitude"], rows), { geocode });
    balanced(r);
    expect(ids(r)).toEqual(["N2", "N3"]); // 0.01°, 0.01° is 1.6 km from (0, 0): a position
    expect(r.collection.features[0].geometry).toEqual({ type: "Point", coordinates: [35.97, 32.74] });
    expect(r.report.rejected).toEqual([{ row: 1, line: 2, field: "latitude, longitude", value: "0.002, 0.004", message: expect.stringMatching(/within 1 km of \(0, 0\)/) }]);
    expect(r.report.flagged).toMatchObject([{ row: 2, kind: "unreadable", message: expect.stringMatching(/placed by its place name instead/) }]);
  });
});

describe("repeated ids", () => {
  it("keeps the same id with two positions, the second suffixed, and drops an exact repeat", async () => {
    const rows = [["R1", "33.5", "36.3"], ["R1", "32.6", "36.1"], ["R1", "33.5", "36.3"], ["R2", "33.5", "36.3"]];
    const r = await run(sourceOf(["event_id", "latitude", "longitude"], rows));
    balanced(r);
    expect(r.collection.features.map((f) => [f.properties.event_id, f.geometry.coordinates])).toEqual([
      ["R1", [36.3, 33.5]],
      ["R1-2", [36.1, 32.6]],
      ["R2", [36.3, 33.5]],
    ]);
    expect(r.report.duplicates).toEqual([{ row: 3, id: "R1", firstRow: 1 }]);
    expect(r.report.flagged).toEqual([{ row: 2, line: 3, id: "R1-2", kind: "id-renamed", field: "event_id", value: "R1", message: "is also row 1's id, with different content; imported as R1-2" }]);
  });
});

describe("rows that are not records", () => {
  it("are skipped and counted apart: empty, a date alone, filler", async () => {
    const rows = [["S1", "2021-08-01", "Izium", "49.21", "37.26"], ["", "2021-08-02", "", "", ""], ["", "", "-", "n/a", ""], ["", "", "", "", ""], ["", "2021-08-03", "", "", ""]];
    const r = await run(sourceOf(["id", "date", "location", "latitude", "longitude"], rows));
    balanced(r);
    expect(r.report.total).toBe(1);
    expect(r.report.rejected).toEqual([]);
    expect(r.report.skipped).toEqual({
      count: 4,
      examples: [
        { row: 2, line: 3, text: "2021-08-02" },
        { row: 3, line: 4, text: "- | n/a" },
        { row: 4, line: 5, text: "(empty)" },
        { row: 5, line: 6, text: "2021-08-03" },
      ],
    });
  });
});

describe("an undated file", () => {
  it("takes one date or range for every row from the mapping step, and says so", async () => {
    const source = sourceOf(["title", "lat", "lon"], [["video 1", "35.5", "35.8"], ["video 2", "35.1", "35.9"]]);
    const mapping: Mapping = { ...proposeMapping(source).mapping, fixedDate: { date: "2025-03-06", end: "2025-03-09" } };
    const r = await run(source, { mapping });
    balanced(r);
    expect(r.collection.features.map((f) => [f.properties.event_date, f.properties.event_date_end, f.properties.time_precision])).toEqual([
      ["2025-03-06", "2025-03-09", 2],
      ["2025-03-06", "2025-03-09", 2],
    ]);
    expect(r.report.assumptions).toContain("the file has no date column: every row is given the range 2025-03-06 to 2025-03-09, as set in the mapping step");
    const undated = await run(source);
    expect(undated.collection.features[0].properties).toMatchObject({ event_date: null, time_precision: 3 });
    expect(undated.report.assumptions).toContain("the file has no date column: every row is undated");
  });
});

describe("the mapping step's numbers come from the whole file", () => {
  it("counts the rejections of a file whose bad rows are all at the end, as the import's report does", async () => {
    const good = Array.from({ length: 900 }, (_, i) => [`G${i}`, "2021-08-01", "32.6", "36.1"]);
    const bad = Array.from({ length: 300 }, (_, i) => [`B${i}`, "2021-08-01", "abc", "36.1"]);
    const repeats = Array.from({ length: 20 }, (_, i) => [`G${i}`, "2021-08-01", "32.6", "36.1"]);
    const source = sourceOf(["event_id", "event_date", "latitude", "longitude"], [...good, ...bad, ...repeats], { batchSize: 100 });
    // the sample (the first 200 rows) sees none of them
    expect(inspectSource(source).rejectedInSample).toEqual([]);
    const count = await countImport(source, proposeMapping(source).mapping);
    const r = await run(source);
    balanced(r);
    expect(count).toEqual({
      rows: r.report.total,
      placed: r.report.accepted,
      toGeocode: 0,
      rejected: [{ field: "latitude", message: "must be a decimal number", count: r.report.rejected.length }],
      flagged: [],
      duplicates: r.report.duplicates.length,
      skipped: 0,
    });
    expect([count.placed, r.report.rejected.length, count.duplicates]).toEqual([900, 300, 20]);
  });
});

describe("the place context the geocoder disambiguates by", () => {
  it("carries the row's country and divisions, and places a row naming only its country on it", () => {
    const source = sourceOf(["MUNICIPIO", "DEPARTAMENTO", "country"], [["LANDAZURI", "SANTANDER", "Colombia"], ["", "", "Sudan"]]);
    const { mapping } = proposeMapping(source);
    const c = compileMapping({ ...mapping, roles: { MUNICIPIO: "place", DEPARTAMENTO: "admin1", country: "country" } }, source, 32);
    expect(applyMapping(c, source.sample[0])).toMatchObject({ kind: "place", place: "LANDAZURI", context: { country: "Colombia", admin1: "SANTANDER" } });
    const sudan = applyMapping(c, source.sample[1]);
    expect(sudan).toMatchObject({ kind: "place", place: "Sudan", placeField: "country", admin: "country" });
  });
});

describe("the report as a file to fix", () => {
  it("downloads every rejected or flagged row as the file had it, all its columns, with the reasons", async () => {
    const csv = "id,date,fatalities,latitude,longitude,note\nC1,2021-08-01,many,32.6,36.1,=cmd\nC2,2021-08-01,1,abc,36.1,\"a, b\"\nC3,2021-08-01,2,32.6,36.1,fine\n";
    const r = await importFile(new TextEncoder().encode(csv), "mine.csv", { idPrefix: "K" });
    const text = reportCsv(r.report);
    const lines = text.replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    expect(lines).toEqual([
      "id,date,fatalities,latitude,longitude,note,import row,import outcome,import field,import value,import reason",
      `C1,2021-08-01,many,32.6,36.1,'=cmd,1,"imported as C1, flagged: unreadable",fatalities,"""many""","must be a whole number ≥ 0; 0 instead"`,
      `C2,2021-08-01,1,abc,36.1,"a, b",2,rejected,latitude,"""abc""",must be a decimal number`,
    ]);
    // imported again, the file's own cells come back as they were
    const again = await importFile(new TextEncoder().encode(text), "fixed.csv", { idPrefix: "K2" });
    const c1 = again.collection.features.find((f) => f.properties.event_id === "C1")!;
    expect(c1.properties.note).toBe("=cmd");
  });
});

describe("features and rows placed by name", () => {
  it("tests a feature's point against its country property too", async () => {
    const feature = (coordinates: [number, number], country: string) => ({ type: "Feature" as const, geometry: { type: "Point" as const, coordinates }, properties: { country } });
    const fc = { type: "FeatureCollection", features: [feature([36.82, -1.29], "Kenya"), feature([-1.29, 36.82], "KEN")] };
    const r = await importFile(new TextEncoder().encode(JSON.stringify(fc)), "k.geojson", { idPrefix: "F" });
    balanced(r);
    expect(r.report.flagged).toMatchObject([{ row: 2, kind: "possible-swap", field: "geometry.coordinates", id: "F-2" }]);
  });

  it("counts rows waiting for the geocoder apart, places a row naming only its country on it, and one whose place is unknown on its country, flagged", async () => {
    const geocode: GeocodeBatch = async (batch) =>
      new Map(batch.map((q): [string, GeocodeAnswer] => [placeQueryKey(q), q.text === "Sudan" ? answer(q.text, "resolved", [candidate(q.text, [30.2, 15.6], { geo_precision: 3, source: "test" })]) : answer(q.text, "unresolved")]));
    const source = sourceOf(["event_id", "town", "country", "lat", "lon"], [["S1", "", "Sudan", "", ""], ["S2", "Nowhere", "Sudan", "", ""], ["S3", "", "", "15.5", "32.5"]]);
    const { mapping } = proposeMapping(source);
    const count = await countImport(source, mapping, { geocode });
    expect(count).toMatchObject({ rows: 3, placed: 1, toGeocode: 2, rejected: [] });
    const r = await run(source, { geocode });
    balanced(r);
    expect(ids(r)).toEqual(["S1", "S2", "S3"]);
    expect(r.collection.features[0]).toMatchObject({ geometry: { coordinates: [30.2, 15.6] }, properties: { location: "Sudan", geo_precision: 3, country: "Sudan" } });
    expect(r.collection.features[1]).toMatchObject({ geometry: { coordinates: [30.2, 15.6] }, properties: { location: "Nowhere", geo_precision: 3 } });
    expect(r.report.unresolved).toEqual([]);
    expect(r.report.flagged).toMatchObject([{ row: 2, id: "S2", kind: "placed-on-division", field: "town", message: 'was not found: placed on the row\'s country "Sudan" (geo_precision 3)' }]);
  });
});
