// The pipeline over Sources built by hand (standing in for the readers): one-click imports of each layout
// the issue names, the inspection and preview the mapping step shows, a changed mapping, duplicates,
// progress and cancellation.
import { describe, expect, it } from "vitest";
import { importSource, inspectSource, previewMapping, PREVIEW_ROWS } from "@/lib/import/pipeline";
import { assertIncidentCollection } from "@/lib/incident/validate";
import type { ImportResult, Mapping, ColumnRole } from "@/lib/import";
import { ACLED_2016, ACLED_2020, rowOf, TIMEMAP, UCDP_GED } from "../support/headers";
import { sourceOf } from "../support/source";

const run = (source: Parameters<typeof importSource>[0], options: Partial<Parameters<typeof importSource>[1]> = {}) => importSource(source, { idPrefix: "IMP", ...options });

function balanced(r: ImportResult): void {
  const { total, accepted, rejected, ambiguous, unresolved, duplicates } = r.report;
  expect(accepted + rejected.length + ambiguous.length + unresolved.length + duplicates.length).toBe(total);
  expect(r.collection.features).toHaveLength(accepted);
  expect(() => assertIncidentCollection(r.collection)).not.toThrow();
}
const byId = (r: ImportResult, id: string) => r.collection.features.find((f) => f.properties.event_id === id);

describe("one click", () => {
  it("imports an ACLED 2016 file: upper-case headers, dd/mm/yyyy, old event types", async () => {
    const rows = [
      { EVENT_ID_CNTY: "SYR1", EVENT_DATE: "29/12/2015", EVENT_TYPE: "Riots/Protests", INTER1: "6", LOCATION: "Daraa", LATITUDE: "32.6189", LONGITUDE: "36.1021", GEO_PRECISION: "1", TIME_PRECISION: "1", FATALITIES: "0", NOTES: "Protest in Daraa." },
      { EVENT_ID_CNTY: "SYR2", EVENT_DATE: "01/02/2016", EVENT_TYPE: "Battle-No change of territory", LOCATION: "Tafas", LATITUDE: "32.7357", LONGITUDE: "35.9714", GEO_PRECISION: "2", TIME_PRECISION: "1", FATALITIES: "3", ACTOR1: "Military Forces of Syria (2000-)" },
      { EVENT_ID_CNTY: "SYR3", EVENT_DATE: "03/02/2016", EVENT_TYPE: "Remote violence", LOCATION: "Nawa", LATITUDE: "32.8916", LONGITUDE: "36.0431", GEO_PRECISION: "1", TIME_PRECISION: "2", FATALITIES: "1" },
      { EVENT_ID_CNTY: "SYR4", EVENT_DATE: "13/02/2016", EVENT_TYPE: "Strategic development", LOCATION: "Busra", LATITUDE: "32.5167", LONGITUDE: "36.4833", GEO_PRECISION: "3", TIME_PRECISION: "3", FATALITIES: "0" },
    ];
    const r = await run(sourceOf(ACLED_2016, rows.map((c) => rowOf(ACLED_2016, c))));
    balanced(r);
    expect(r.report).toMatchObject({ profile: "ACLED pre-2018", accepted: 4, rejected: [], duplicates: [] });
    expect(r.report.mapping.dateFormat).toBe("dmy");
    expect(byId(r, "SYR1")?.properties).toMatchObject({ event_date: "2015-12-29", event_type: "Protests", event_type_original: "Riots/Protests", INTER1: "6" });
    expect(byId(r, "SYR2")?.properties).toMatchObject({ event_date: "2016-02-01", event_type: "Battles", sub_event_type: "Armed clash", fatalities: 3, geo_precision: 2 });
    expect(byId(r, "SYR2")?.geometry).toEqual({ type: "Point", coordinates: [35.9714, 32.7357] });
    expect(byId(r, "SYR3")?.properties).toMatchObject({ event_type: "Explosions/Remote violence", time_precision: 2 });
    expect(byId(r, "SYR4")?.properties).toMatchObject({ event_type: "Strategic developments", geo_precision: 3 });
    expect(r.report.assumptions).toEqual(expect.arrayContaining(["recognised as ACLED pre-2018 from its header", expect.stringMatching(/^Remote violence → Explosions\/Remote violence \(ACLED 2019 crosswalk\)/)]));
  });

  it("imports an ACLED 2020 file that passed through Excel: 9-May-20, trimmed coordinates, numbers as numbers", async () => {
    const rows = [
      { data_id: 1, iso: 760, event_id_cnty: "SYR60001", event_date: "9-May-20", year: 2020, time_precision: 1, event_type: "Explosions/Remote violence", sub_event_type: "Shelling/artillery/missile attack", location: "Tafas", latitude: "32", longitude: "36", geo_precision: 1, fatalities: 0, iso3: "SYR" },
      { data_id: 2, iso: 760, event_id_cnty: "SYR60002", event_date: "10-May-20", year: 2020, time_precision: 1, event_type: "Battles", sub_event_type: "Armed clash", location: "Inkhil", latitude: 33.0167, longitude: "36.1", geo_precision: 2, fatalities: 2, iso3: "SYR" },
    ];
    const r = await run(sourceOf(ACLED_2020, rows.map((c) => rowOf(ACLED_2020, c))));
    balanced(r);
    expect(r.report).toMatchObject({ profile: "ACLED 2019–2020", accepted: 2 });
    expect(r.report.mapping.dateFormat).toBe("d-mmm-yy");
    expect(byId(r, "SYR60001")).toMatchObject({ geometry: { coordinates: [36, 32] }, properties: { event_date: "2020-05-09", data_id: 1, iso3: "SYR" } });
    expect(byId(r, "SYR60002")?.properties).toMatchObject({ event_date: "2020-05-10", fatalities: 2 });
  });

  it("imports UCDP GED: type_of_violence mapped, precision codes mapped, best as fatalities", async () => {
    const rows = [
      { id: 244657, type_of_violence: 1, side_a: "Government of Syria", side_b: "Syrian insurgents", best: 4, low: 3, high: 6, date_start: "2017-01-01 00:00:00.000", date_end: "2017-01-01 00:00:00.000", date_prec: 1, where_prec: 1, where_coordinates: "Dar'a town", adm_1: "Dar'a governorate", latitude: 32.6189, longitude: 36.1021, geom_wkt: "POINT (36.1021 32.6189)", source_headline: "Clashes" },
      { id: 244658, type_of_violence: 3, side_a: "IS", side_b: "Civilians", best: 2, date_start: "2017-01-03 00:00:00.000", date_end: "2017-01-09 00:00:00.000", date_prec: 3, where_prec: 4, where_coordinates: "Dar'a governorate", latitude: 32.75, longitude: 36.25 },
    ];
    const r = await run(sourceOf(UCDP_GED, rows.map((c) => rowOf(UCDP_GED, c))));
    balanced(r);
    expect(r.report.profile).toBe("UCDP GED");
    expect(byId(r, "244657")?.properties).toMatchObject({ event_date: "2017-01-01", time_precision: 1, event_type: "Battles", event_type_original: "1", sub_event_type: "State-based conflict", actor1: "Government of Syria", actor2: "Syrian insurgents", fatalities: 4, low: 3, high: 6, geo_precision: 1, location: "Dar'a town", admin1: "Dar'a governorate", notes: "Clashes" });
    expect(byId(r, "244658")?.properties).toMatchObject({ event_date: "2017-01-03", event_date_end: "2017-01-09", time_precision: 2, event_type: "Violence against civilians", geo_precision: 3 });
  });

  it("imports TimeMap records: mm/dd/yyyy, coordinates as strings, sources as links, filters as facets", async () => {
    const sources = [{ id: "src1", title: "Video", paths: ["https://example.org/v/1"] }];
    const rows = [
      ["1", "02/24/2022", "49.21", "38.90", "Izium", "Shelling of a residential block", sources, [{ key: "weapon", value: "artillery" }]],
      ["2", "03/01/2022", "50.45", "30.52", "Kyiv", "Strike on the TV tower", [], []],
    ];
    const r = await run(sourceOf(TIMEMAP, rows, { format: "json-records" }));
    balanced(r);
    expect(r.report).toMatchObject({ profile: "TimeMap", accepted: 2, format: "json-records" });
    expect(r.report.mapping.dateFormat).toBe("mdy");
    expect(byId(r, "1")).toMatchObject({
      geometry: { coordinates: [38.9, 49.21] },
      properties: { event_date: "2022-02-24", event_type: "artillery", location: "Izium", notes: "Shelling of a residential block", source_url: "https://example.org/v/1", source_links: "https://example.org/v/1 Video", sources: JSON.stringify(sources), weapon: "artillery", facet_keys: "weapon" },
    });
    expect(byId(r, "2")?.properties).toMatchObject({ event_type: "Unclassified" });
    expect(byId(r, "2")?.properties).not.toHaveProperty("facet_keys");
    expect(r.report.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/property "sources" holds an array; kept as its JSON text/)]));
  });

  it("imports GeoJSON features whose properties are only location, description and link", async () => {
    const r = await run(
      sourceOf(["location", "description", "link"], [["Izium", "Shelling", "https://example.org/a"], ["Kharkiv", "Strike", "javascript:alert(1)"]], {
        geometries: [{ type: "Point", coordinates: [37.26, 49.21] }, { type: "Point", coordinates: [36.23, 49.99] }],
      }),
    );
    balanced(r);
    expect(r.report).toMatchObject({ profile: "GeoJSON", accepted: 2, rejected: [] });
    expect(r.collection.features[0].properties).toMatchObject({ event_id: "IMP-1", event_date: null, time_precision: 3, event_type: "Unclassified", location: "Izium", notes: "Shelling", source_url: "https://example.org/a" });
    expect(r.report.assumptions).toEqual(expect.arrayContaining(["no event type column: every incident is Unclassified", expect.stringMatching(/no geo_precision: positions are as given/)]));
  });
});

describe("inspection and preview", () => {
  const rows = Array.from({ length: 30 }, (_, i) => [`E${i}`, i === 3 ? "yesterday" : `0${(i % 9) + 1}/02/2022`, "49.2", i === 5 ? "0" : "38.9", "Izium", i % 2 ? "Battles" : "Shelling"]);
  rows[5][2] = "0";
  const source = sourceOf(["id", "date", "lat", "lon", "location", "type"], rows);

  it("proposes a mapping, shows the first rows as they will be read, and counts the sample's problems", () => {
    const ins = inspectSource(source);
    expect(ins).not.toHaveProperty("source.sample");
    expect(ins.source.columns).toEqual(["id", "date", "lat", "lon", "location", "type"]);
    expect(ins.sampleSize).toBe(30);
    expect(ins.proposal.date).toMatchObject({ candidates: ["dmy"], unreadable: [{ value: "yesterday", count: 1 }] });
    expect(ins.preview).toHaveLength(PREVIEW_ROWS);
    expect(ins.preview[0]).toEqual({ row: 1, date: "2022-02-01", timePrecision: 1, position: [38.9, 49.2], eventType: "Shelling" });
    // an unreadable date leaves the row undated and flagged; (0, 0) is a missing position, the place is geocoded
    expect(ins.preview[3]).toMatchObject({ row: 4, date: null, timePrecision: 3, flags: [expect.stringMatching(/^date = "yesterday": is not a date written dmy .*the row is undated/)] });
    expect(ins.preview[5]).toMatchObject({ row: 6, place: "Izium", flags: [expect.stringMatching(/within 1 km of \(0, 0\).*placed by its place name instead/)] });
    expect(ins.rejectedInSample).toEqual([]);
  });

  it("previews again under a changed mapping", () => {
    const ins = inspectSource(source);
    const changed = { ...ins.proposal.mapping, dateFormat: "mdy" as const };
    const { preview, rejectedInSample } = previewMapping(ins, changed);
    expect(preview[0].date).toBe("2022-01-02");
    expect(rejectedInSample).toEqual([]);
    expect(preview[3].flags).toEqual([expect.stringMatching(/is not a date written mdy/)]);
    // a structured clone of the last Inspection (it came back through postMessage) still finds its sample
    expect(previewMapping(structuredClone(ins), changed).preview[0].date).toBe("2022-01-02");
    inspectSource(sourceOf(["x", "lat", "lon"], [["1", "2", "3"]]));
    expect(() => previewMapping(structuredClone(ins), changed)).toThrow(/previewMapping needs the Inspection/);
  });

  it("imports with the changed mapping and says so", async () => {
    const ins = inspectSource(source);
    const roles = { ...ins.proposal.mapping.roles, type: "ignore" as const };
    const r = await run(source, { mapping: { ...ins.proposal.mapping, roles } });
    expect(r.collection.features.every((f) => (f.properties.event_type as string) === "Unclassified")).toBe(true);
    expect(r.report.assumptions[0]).toMatch(/the mapping was set in the mapping step/);
  });
});

describe("ids, progress, cancel", () => {
  it("drops exact repeats of an id (first kept) and keeps an id already on the map under a suffix", async () => {
    const rows = [["A", "32.6", "36.1", "x"], ["B", "32.6", "36.1", "x"], ["A", "32.6", "36.1", "x"], ["", "32.6", "36.1", "x"]];
    const r = await run(sourceOf(["event_id", "lat", "lon", "location"], rows), { existingIds: new Set(["B"]) });
    balanced(r);
    expect(r.collection.features.map((f) => f.properties.event_id)).toEqual(["A", "B-2", "IMP-4"]);
    expect(r.report.duplicates).toEqual([{ row: 3, id: "A", firstRow: 1 }]);
    expect(r.report.rejected).toEqual([]);
    expect(r.report.flagged).toEqual([{ row: 2, line: 3, id: "B-2", kind: "id-renamed", field: "event_id", value: "B", message: expect.stringMatching(/already used.*imported as B-2/) }]);
  });

  it("reports progress per batch and stops with an AbortError when cancelled", async () => {
    const rows = Array.from({ length: 50 }, (_, i) => [`E${i}`, "32.6", "36.1", "x"]);
    const source = sourceOf(["event_id", "lat", "lon", "location"], rows, { batchSize: 10 });
    const seen: number[] = [];
    await run(source, { onProgress: (p) => seen.push(p.rowsRead) });
    expect(seen).toEqual([10, 20, 30, 40, 50, 50]);
    const controller = new AbortController();
    const p = run(source, { signal: controller.signal, onProgress: (x) => x.rowsRead >= 20 && controller.abort() });
    await expect(p).rejects.toMatchObject({ name: "AbortError" });
  });

  it("refuses a file that nothing places, and places without a geocoder", async () => {
    await expect(run(sourceOf(["a", "b"], [["1", "2"]]))).rejects.toThrow(/nothing says where the rows are/);
    await expect(run(sourceOf(["town"], [["Tafas"]]))).rejects.toThrow(/no geocoder was given/);
  });
});

describe("a mapping from elsewhere", () => {
  it("keeps columns it does not name or names with an unknown role, and never reads a prototype's role", async () => {
    const source = sourceOf(["lat", "lon", "town", "extra", "constructor"], [["32.6", "36.1", "Daraa", "x", "y"]]);
    const mapping: Mapping = { profile: "custom", roles: { lat: "latitude", lon: "longitude", town: "bogus" as ColumnRole }, dateFormat: null, twoDigitYearPivot: 30, precision: { geo: "acled", time: "acled" } };
    const r = await run(source, { mapping });
    expect(r.collection.features[0].properties).toMatchObject({ town: "Daraa", extra: "x", location: "32.6, 36.1" });
    expect(Object.keys(r.collection.features[0].properties)).not.toContain("constructor");
  });
});

describe("the model's last word", () => {
  it("rejects a row whose category the model refuses (a control character), naming field and value", async () => {
    const r = await run(sourceOf(["type", "lat", "lon", "location"], [["Shel\nling", "32.6", "36.1", "x"], ["Shelling", "32.6", "36.1", "y"]], { format: "json-records" }));
    expect(r.collection.features.map((f) => f.properties.location)).toEqual(["y"]);
    expect(r.report.rejected).toEqual([{ row: 1, line: 2, field: "event_type", value: '"Shel\\nling"', message: expect.stringMatching(/control characters/) }]);
  });
});
