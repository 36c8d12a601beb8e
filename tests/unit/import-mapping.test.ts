// The mapping step on its own: each layout's header → profile and roles, role guessing for unknown files,
// swapped columns judged per file, event-type crosswalks, precision scales, positions.
import { describe, expect, it } from "vitest";
import { applyMapping, compileMapping, type Applied } from "@/lib/import/mapping/apply";
import { readEventType } from "@/lib/import/mapping/event-types";
import { readPrecision } from "@/lib/import/mapping/precision";
import { proposeMapping } from "@/lib/import/mapping/propose";
import { parseNumber, parseWktPoint } from "@/lib/import/mapping/values";
import { ACLED_2016, ACLED_2020, ACLED_2023, rowOf, TIMEMAP, UCDP_GED } from "../support/headers";
import { sourceOf } from "../support/source";

const rolesOf = (columns: string[], rows: unknown[][] = []) => proposeMapping(sourceOf(columns, rows)).mapping;

describe("profiles", () => {
  it("recognises ACLED today, 2019–2020 and pre-2018 from the header, any case", () => {
    const today = rolesOf(ACLED_2023);
    expect(today.profile).toBe("ACLED 2023–");
    expect(today.roles).toMatchObject({ event_id_cnty: "id", event_date: "date", civilian_targeting: "civilian_targeting", disorder_type: "keep", inter1: "keep", tags: "keep", timestamp: "keep", geo_precision: "geo_precision" });
    const mid = rolesOf(ACLED_2020);
    expect(mid.profile).toBe("ACLED 2019–2020");
    expect(mid.roles).toMatchObject({ data_id: "keep", iso3: "keep", event_id_no_cnty: "keep", sub_event_type: "sub_event_type", latitude: "latitude" });
    const old = rolesOf(ACLED_2016);
    expect(old.profile).toBe("ACLED pre-2018");
    expect(old.roles).toMatchObject({ EVENT_ID_CNTY: "id", EVENT_DATE: "date", EVENT_TYPE: "event_type", ALLY_ACTOR_1: "keep", GWNO: "keep", LATITUDE: "latitude", LONGITUDE: "longitude", NOTES: "notes", FATALITIES: "fatalities" });
    expect(old.precision).toEqual({ geo: "acled", time: "acled" });
  });

  it("recognises UCDP GED with its precision scales, and TimeMap records", () => {
    const ucdp = rolesOf(UCDP_GED);
    expect(ucdp.profile).toBe("UCDP GED");
    expect(ucdp.roles).toMatchObject({ id: "id", date_start: "date", date_end: "date_end", type_of_violence: "event_type", side_a: "actor1", side_b: "actor2", best: "fatalities", low: "keep", high: "keep", where_prec: "geo_precision", date_prec: "time_precision", geom_wkt: "ignore", where_coordinates: "location", adm_1: "admin1" });
    expect(ucdp.precision).toEqual({ geo: "ucdp-where", time: "ucdp-date" });
    const tm = rolesOf(TIMEMAP);
    expect(tm.profile).toBe("TimeMap");
    expect(tm.roles).toMatchObject({ id: "id", date: "date", description: "notes", sources: "link", filters: "facet", location: "location" });
  });

  it("guesses roles of an unknown table by name, case and HXL tag", () => {
    const m = proposeMapping(sourceOf(["Lat", "LNG", "Datetime", "Town", "Category", "Summary", "URL", "Killed", "other"], [], { hxl: [null, null, null, null, null, null, null, null, "#affected+injured"] })).mapping;
    expect(m.profile).toBe("custom");
    expect(m.roles).toEqual({ Lat: "latitude", LNG: "longitude", Datetime: "date", Town: "place", Category: "event_type", Summary: "notes", URL: "link", Killed: "fatalities", other: "wounded" });
    expect(rolesOf(["#geo+lat", "#geo+lon", "#date+occurred"]).roles).toEqual({ "#geo+lat": "latitude", "#geo+lon": "longitude", "#date+occurred": "date" });
  });

  it("finds WKT by its values, keeps a second column of the same role as its own, ignores reserved names", () => {
    const p = proposeMapping(sourceOf(["where", "type", "category", "__proto__"], [["POINT (36.1 32.6)", "a", "b", "x"]]));
    expect(p.mapping.roles).toEqual({ where: "geometry", type: "event_type", category: "keep" });
    expect(Object.hasOwn(p.mapping.roles, "__proto__")).toBe(false);
    expect(p.assumptions).toEqual(expect.arrayContaining([expect.stringMatching(/"category" is kept as its own property: column "type" already gives event_type/), expect.stringMatching(/"__proto__"\) was ignored: its name is a reserved/)]));
  });

  it("proposes the GeoJSON profile for features with unknown properties", () => {
    const p = proposeMapping(sourceOf(["location", "description", "link"], [["Izium", "Shelling", "https://x.example/a"]], { geometries: [{ type: "Point", coordinates: [37.2, 49.2] }] }));
    expect(p.mapping).toMatchObject({ profile: "GeoJSON", roles: { location: "location", description: "notes", link: "link" }, dateFormat: null });
    expect(p.assumptions).toContain("no event type column: every incident is Unclassified");
  });
});

describe("swapped coordinates: the columns judged per file, a row only against the country it names", () => {
  it("swaps the columns when most rows have a latitude beyond ±90 and a longitude that fits", () => {
    const p = proposeMapping(sourceOf(["latitude", "longitude"], [["120.5", "-3.2"], ["121", "-4"], ["", ""]]));
    expect(p.mapping.roles).toEqual({ latitude: "longitude", longitude: "latitude" });
    expect(p.assumptions.join("\n")).toMatch(/appear swapped: in 2 of 2 sample rows "latitude" is beyond ±90/);
  });

  it("never judges a row against the file's other rows: a position far from them is kept as given", () => {
    const ukraine = [["49.9935", "36.2304"], ["50.4501", "30.5234"], ["50.3103", "34.8988"], ["51.4982", "31.2893"], ["47.0971", "37.5434"], ["48.7233", "37.5563"]];
    const swapped = apply(["latitude", "longitude"], ["36.2304", "49.9935"], {}, ukraine);
    expect(swapped).toMatchObject({ kind: "placed", geometry: { coordinates: [49.9935, 36.2304] } });
    expect(swapped.kind === "placed" && swapped.row.flags).toEqual([]);
  });

  it("leaves a Ukrainian or African file alone (no expected region)", () => {
    expect(rolesOf(["lat", "lon"], [["49.21", "38.9"], ["-1.95", "30.06"]]).roles).toEqual({ lat: "latitude", lon: "longitude" });
  });
});

/** The last of `rows` read under the mapping proposed for all of them. */
const apply = (columns: string[], row: unknown[], extra: Partial<Parameters<typeof sourceOf>[2]> = {}, before: unknown[][] = []): Applied => {
  const source = sourceOf(columns, [...before, row], extra);
  const { mapping } = proposeMapping(source);
  return applyMapping(compileMapping(mapping, source, 32), source.sample[before.length]);
};
const props = (a: Applied) => (a.kind === "placed" || a.kind === "place" ? a.row.props : a);

describe("event types", () => {
  it.each([
    ["Battles", "Battles", undefined],
    ["riots", "Riots", undefined],
    ["Battle-No change of territory", "Battles", "Battle-No change of territory"],
    ["Battle - Government regains territory", "Battles", "Battle - Government regains territory"],
    ["Battle-Non-state actor overtakes territory", "Battles", "Battle-Non-state actor overtakes territory"],
    ["Remote violence", "Explosions/Remote violence", "Remote violence"],
    ["Strategic development", "Strategic developments", "Strategic development"],
    ["Headquarters or base established", "Strategic developments", "Headquarters or base established"],
    ["Non-violent transfer of territory", "Strategic developments", "Non-violent transfer of territory"],
    ["Riots/Protests", "Protests", "Riots/Protests"],
    ["Shelling", "Shelling", undefined],
    ["", "Unclassified", undefined],
  ])("ACLED %j → %s", (value, type, original) => {
    const r = readEventType(value, "acled");
    expect(r.eventType).toBe(type);
    expect(r.original).toBe(original);
  });

  it("splits the old Riots/Protests by ACLED's actor type (inter1 5 = rioters)", () => {
    expect(readEventType("Riots/Protests", "acled", "5").eventType).toBe("Riots");
    expect(readEventType("Riots/Protests", "acled", "6").eventType).toBe("Protests");
  });

  it("maps UCDP type_of_violence with its category as the sub-event type, original kept", () => {
    expect(readEventType("1", "ucdp")).toEqual({ eventType: "Battles", original: "1", subEventType: "State-based conflict" });
    expect(readEventType("2", "ucdp")).toEqual({ eventType: "Battles", original: "2", subEventType: "Non-state conflict" });
    expect(readEventType("3", "ucdp")).toEqual({ eventType: "Violence against civilians", original: "3", subEventType: "One-sided violence" });
    expect(readEventType("4", "ucdp")).toEqual({ eventType: "4" });
  });

  it("writes the crosswalked type, its original and the implied sub-event type into the row", () => {
    const p = props(apply(ACLED_2016, rowOf(ACLED_2016, { EVENT_DATE: "29/12/2015", EVENT_TYPE: "Battle-Government regains territory", LOCATION: "Daraa", LATITUDE: "32.6", LONGITUDE: "36.1" })));
    expect(p).toMatchObject({ event_type: "Battles", event_type_original: "Battle-Government regains territory", sub_event_type: "Government regains territory", event_date: "2015-12-29" });
  });
});

describe("precision", () => {
  it.each([
    ["acled", "2", 2],
    ["ucdp-where", "1", 1],
    ["ucdp-where", "2", 2],
    ["ucdp-where", 3, 3],
    ["ucdp-where", "7", 3],
    ["ucdp-date", "1", 1],
    ["ucdp-date", "3", 2],
    ["ucdp-date", "4", 3],
    ["ucdp-date", "5", 3],
    ["acled", "", null],
  ] as const)("%s %j → %j", (scale, value, code) => expect(readPrecision(value, scale)).toBe(code));

  it("names the scale a value breaks", () => {
    expect(() => readPrecision("4", "acled")).toThrow("must be 1, 2 or 3");
    expect(() => readPrecision("8", "ucdp-where")).toThrow(/1 to 7/);
    expect(() => readPrecision("0", "ucdp-date")).toThrow(/1 to 5/);
  });

  it("derives time_precision from the range a row covers when the file gives none", () => {
    const row = (start: string, end: string) => props(apply(["date", "date_end", "lat", "lon", "place"], [start, end, "32.6", "36.1", "X"]));
    expect(row("2021-08-05", "")).toMatchObject({ time_precision: 1 });
    expect(row("2021-08-05", "2021-08-05")).toMatchObject({ time_precision: 1 });
    expect(row("2021-08-05", "2021-08-09")).toMatchObject({ time_precision: 2, event_date_end: "2021-08-09" });
    expect(row("2021-08-01", "2021-08-31")).toMatchObject({ time_precision: 3 });
  });

  it("reads a month as a range with time_precision 3", () => {
    expect(props(apply(["date", "lat", "lon", "place"], ["August 2021", "32.6", "36.1", "X"]))).toMatchObject({ event_date: "2021-08-01", event_date_end: "2021-08-31", time_precision: 3 });
  });
});

describe("positions", () => {
  it.each([
    [" 32.6 ", 32.6],
    ["32,6", 32.6],
    ["32", 32],
    ["1 234.5", 1234.5],
    ["\u00a036.1\u00a0", 36.1],
    [53.9, 53.9],
  ])("reads %j as %j", (text, n) => expect(parseNumber(text)).toBe(n));

  it("reads WKT points and names other WKT", () => {
    expect(parseWktPoint("POINT (36.1 32.6)")).toEqual([36.1, 32.6]);
    expect(parseWktPoint("SRID=4326;point(36.1 32.6)")).toEqual([36.1, 32.6]);
    expect(() => parseWktPoint("LINESTRING (1 2, 3 4)")).toThrow(/WKT LINESTRING is not read/);
  });

  const good = [["32.6", "36.1", "Daraa"], ["49.2", "37.2", "Izium"]];
  const at = (cells: unknown[]) => apply(["latitude", "longitude", "location"], cells, {}, good);
  it("places rows by latitude/longitude written any way; an unreadable position falls back on the place name, and says why", () => {
    expect(at(["32,6122", "36,1008", "Daraa"])).toMatchObject({ kind: "placed", geometry: { coordinates: [36.1008, 32.6122] } });
    // (0, 0) is a missing position: the place name is geocoded instead
    expect(at(["0", "0", "X"])).toMatchObject({ kind: "place", place: "X", unplaced: { field: "latitude, longitude", value: "0, 0", message: expect.stringMatching(/within 1 km of \(0, 0\)/) } });
    // a latitude beyond ±90 whose swap is a position: read swapped, flagged
    const swapped = at(["136.1", "32.6", "X"]);
    expect(swapped).toMatchObject({ kind: "placed", geometry: { coordinates: [136.1, 32.6] } });
    expect(swapped.kind === "placed" && swapped.row.flags[0]).toMatchObject({ kind: "swapped", message: expect.stringMatching(/beyond ±90/) });
    expect(at(["32.6", "200", "X"])).toMatchObject({ kind: "place", unplaced: { message: "longitude 200 is outside -180..180" } });
    expect(at(["abc", "36.1", "X"])).toMatchObject({ kind: "place", unplaced: { field: "latitude", value: '"abc"', message: "must be a decimal number" } });
    expect(at(["abc", "36.1", ""])).toMatchObject({ kind: "rejected", problem: { field: "latitude", value: '"abc"', message: "must be a decimal number" } });
    expect(at(["32.6", "200", ""])).toMatchObject({ kind: "rejected", problem: { message: "longitude 200 is outside -180..180" } });
  });

  it("places rows by a WKT or GeoJSON column, and by the feature's geometry first", () => {
    expect(apply(["geom", "location"], ["POINT (36.1 32.6)", "X"])).toMatchObject({ kind: "placed", geometry: { type: "Point", coordinates: [36.1, 32.6] } });
    expect(apply(["geometry_geojson", "location"], ['{"type":"Point","coordinates":[36.1,32.6]}', "X"])).toMatchObject({ kind: "placed" });
    expect(apply(["geom", "location"], ["POLYGON ((0 0, 1 0, 1 1, 0 0))", "X"])).toMatchObject({ kind: "place", unplaced: { field: "geom" } });
    expect(apply(["geom", "location"], ["POLYGON ((0 0, 1 0, 1 1, 0 0))", ""])).toMatchObject({ kind: "rejected", problem: { field: "geom" } });
    const feature = apply(["latitude", "longitude", "location"], ["1", "2", "X"], { geometries: [{ type: "Point", coordinates: [36.1, 32.6] }] });
    expect(feature).toMatchObject({ kind: "placed", geometry: { coordinates: [36.1, 32.6] } });
  });

  it("waits for the geocoder when a row has a place and no coordinates", () => {
    expect(apply(["latitude", "longitude", "town"], ["", "", "Tafas"])).toMatchObject({ kind: "place", place: "Tafas", placeField: "town" });
  });

  it("writes the coordinates as the location of a file that names no places", () => {
    expect(props(apply(["lat", "lon"], ["32.6", "36.1"]))).toMatchObject({ location: "32.6, 36.1" });
  });
});

describe("a date column found by its values", () => {
  it("takes the first kept column whose values are all dates, never a column of bare numbers", () => {
    const p = proposeMapping(sourceOf(["n", "when it happened", "lat", "lon"], [["2021", "05 August 2021", "1", "2"], ["2020", "6 Aug 2021", "1", "2"]]));
    expect(p.mapping.roles).toMatchObject({ n: "keep", "when it happened": "date" });
    expect(p.mapping.dateFormat).toBe("d mmmm yyyy");
  });
});

describe("GDELT's SQLDATE", () => {
  // GDELT 1.0/2.0 event table columns (GDELT-Event_Codebook-V2.0): a day as eight digits beside MonthYear and Year.
  it("is the date, read as YYYYMMDD, and a row's day comes from it", () => {
    const columns = ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "ActionGeo_FullName", "ActionGeo_Lat", "ActionGeo_Long"];
    const row = ["1089765432", "20230312", "202303", "2023", "Bakhmut, Donets'ka Oblast', Ukraine", "48.5956", "38.0003"];
    const p = proposeMapping(sourceOf(columns, [row, ["1089765433", "20230313", "202303", "2023", "Kyiv, Kyyiv, Misto, Ukraine", "50.4333", "30.5167"]]));
    expect(p.mapping.roles).toMatchObject({ SQLDATE: "date" });
    expect(p.mapping.dateFormat).toBe("yyyymmdd");
    expect(props(apply(columns, row))).toMatchObject({ event_date: "2023-03-12" });
  });
});

describe("names that say a role most plainly win", () => {
  it("takes event_id over a feature's own id, and latitude over y, whatever the column order", () => {
    const m = proposeMapping(sourceOf(["id", "y", "x", "event_id", "latitude", "longitude"], [])).mapping;
    expect(m.roles).toEqual({ id: "keep", y: "keep", x: "keep", event_id: "id", latitude: "latitude", longitude: "longitude" });
  });
});

describe("a file's own category", () => {
  it("is kept up to 100 characters; a longer one is flagged and the row Unclassified", () => {
    expect(props(apply(["type", "lat", "lon"], ["Airstrike", "32.6", "36.1"]))).toMatchObject({ event_type: "Airstrike" });
    const long = apply(["type", "lat", "lon"], ["x".repeat(101), "32.6", "36.1"]);
    expect(long).toMatchObject({ kind: "placed", row: { props: { event_type: "Unclassified" }, flags: [{ kind: "unreadable", field: "type", message: expect.stringMatching(/longer than 100/) }] } });
  });
});

describe("feature geometry", () => {
  it("drops an altitude (KML writes one, always 0 from Google My Maps)", () => {
    const line = { type: "LineString" as const, coordinates: [[36.1, 32.6, 0], [36.2, 32.7, 5]] };
    expect(apply(["name"], ["x"], { geometries: [line] })).toMatchObject({ kind: "placed", geometry: { type: "LineString", coordinates: [[36.1, 32.6], [36.2, 32.7]] } });
  });
});

describe("a column named like a date that holds none", () => {
  it("is kept as its own property, and a column of dates found by its values instead", () => {
    const p = proposeMapping(sourceOf(["time", "reported", "lat", "lon"], [["10:00", "2021-08-05", "1", "2"], ["morning", "2021-08-06", "1", "2"]]));
    expect(p.mapping.roles).toMatchObject({ time: "keep", reported: "date" });
    expect(p.assumptions).toContain('column "time" holds no date this importer reads: it is kept as its own property');
  });
});

describe("kept columns and the model's names", () => {
  it("never take a name the model gives a meaning, whatever the mapping says", () => {
    const source = sourceOf(["lat", "lon", "place", "wounded", "event_type"], [["32.6", "36.1", "X", "three", "Shelling"]]);
    const mapping = { ...proposeMapping(source).mapping, roles: { lat: "latitude", lon: "longitude", place: "location", wounded: "keep", event_type: "keep" } as const };
    const a = applyMapping(compileMapping(mapping, source, 32), source.sample[0]);
    expect(props(a)).toMatchObject({ "wounded (file)": "three", "event_type (file)": "Shelling", event_type: "Unclassified" });
    expect(props(a)).not.toHaveProperty("wounded");
  });
});
