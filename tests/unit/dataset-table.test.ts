// The source table's parser and row checks: every error names the row, the column and the value.
import { describe, expect, it } from "vitest";
import { buildGeodata, COLUMNS, tableRecords, parseIncidentTable, TableError, type GeocodeAnswer } from "@/lib/build/dataset";
import { answer, candidate } from "../support/geocode";

const HEADER = COLUMNS.map((c) => c.name).join(",");
// A box around Daraa city; these cases fail on a row before any layer is clipped to it.
const DARAA = { type: "Polygon" as const, coordinates: [[[35.9, 32.5], [36.3, 32.5], [36.3, 32.8], [35.9, 32.8], [35.9, 32.5]]] };
const ARTICLE = "On August 14, the Syrian Army bombarded Daraa al-Balad, killing one civilian.\ncasualties1:\n  text: 1 killed 0 captured\n";

/** A valid row as cells by column name; tests override one cell at a time. */
function cells(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    event_id: "DAR-2021-001",
    event_date: "2021-08-14",
    event_date_end: "",
    time_precision: "1",
    event_type: "Explosions/Remote violence",
    sub_event_type: "Shelling/artillery/missile attack",
    actor1: "Military Forces of Syria (2000-2024)",
    assoc_actor_1: "",
    actor2: "",
    civilian_targeting: "",
    fatalities: "1",
    fatalities_side: "civilians",
    wounded: "",
    captured: "",
    location: "Daraa al-Balad",
    place_query: "",
    geo_precision: "",
    admin1: "Daraa",
    phase: "offensive",
    notes: "A test row.",
    source_quote: "On August 14, the Syrian Army bombarded Daraa al-Balad, killing one civilian.",
    override_lng: "",
    override_lat: "",
    override_source: "",
    ...overrides,
  };
}

const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const line = (c: Record<string, string>) => COLUMNS.map(({ name }) => quote(c[name] ?? "")).join(",");
const table = (...rows: Record<string, string>[]) => [HEADER, ...rows.map(line)].join("\n") + "\n";

function tableError(fn: () => unknown): TableError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(TableError);
    return err as TableError;
  }
  throw new Error("expected a TableError");
}

describe("tableRecords (RFC 4180)", () => {
  it("reads quoted commas, doubled quotes, embedded newlines and CRLF", () => {
    const recs = tableRecords('a,b\r\n"x, y","say ""hi"""\r\n"two\nlines",’curly’\r\n');
    expect(recs.map((r) => r.fields)).toEqual([
      ["a", "b"],
      ["x, y", 'say "hi"'],
      ["two\nlines", "’curly’"],
    ]);
    expect(recs[2]).toMatchObject({ record: 3, line: 3 });
  });

  it("keeps empty trailing fields and ignores blank lines", () => {
    expect(tableRecords("a,b,\n\n").map((r) => r.fields)).toEqual([["a", "b", ""]]);
  });

  it("names the row and field of a stray or unclosed quote", () => {
    const stray = tableError(() => tableRecords('a,b\nx,y"z\n'));
    expect(stray).toMatchObject({ row: 2, column: "field 2" });
    const unclosed = tableError(() => tableRecords('a,b\n1,"open\n'));
    expect(unclosed.message).toMatch(/row 2.*a quote opened on line 2 is never closed/);
  });
});

describe("parseIncidentTable", () => {
  it("reads a valid row into typed values", () => {
    const [row] = parseIncidentTable(table(cells()));
    expect(row).toMatchObject({ row: 2, event_id: "DAR-2021-001", fatalities: 1, time_precision: 1, place_query: "Daraa al-Balad" });
    expect(row.event_date_end).toBeUndefined();
  });

  it.each([
    ["event_date", { event_date: "2021-13-01" }, "2021-13-01", /ISO day/],
    ["time_precision", { event_date: "", time_precision: "1" }, "1", /must be 3 when event_date is empty/],
    ["event_date_end", { event_date_end: "2021-08-13", time_precision: "2" }, "2021-08-13", /after event_date/],
    ["event_type", { event_type: "Battle" }, "Battle", /ACLED's types/],
    ["sub_event_type", { sub_event_type: "Armed clash" }, "Armed clash", /not an ACLED sub-event type of "Explosions\/Remote violence"/],
    ["fatalities", { fatalities: "two" }, "two", /whole number/],
    ["fatalities_side", { fatalities_side: "" }, "", /whose dead/],
    ["civilian_targeting", { civilian_targeting: "yes" }, "yes", /true, false/],
    ["notes", { notes: "" }, "", /must not be empty/],
    ["override_source", { override_lng: "36.1", override_lat: "32.6" }, "", /needs all of/],
    ["event_id", { event_id: "X-1" }, "X-1", /DAR-2021-001/],
  ])("names row, column and value for a bad %s", (column, overrides, value, message) => {
    const err = tableError(() => parseIncidentTable(table(cells(), cells({ event_id: "DAR-2021-002", ...overrides }))));
    expect(err.row).toBe(3);
    expect(err.column).toBe(column);
    expect(err.value).toBe(value);
    expect(err.message).toMatch(message);
    expect(err.message).toContain(`row 3, column "${column}"`);
  });

  it("rejects duplicate ids, naming the first row", () => {
    const err = tableError(() => parseIncidentTable(table(cells(), cells())));
    expect(err).toMatchObject({ row: 3, column: "event_id", value: "DAR-2021-001" });
    expect(err.message).toMatch(/row 2/);
  });

  it("rejects unknown and missing columns and short rows", () => {
    expect(tableError(() => parseIncidentTable("event_id,colour\n")).message).toMatch(/unknown column/);
    expect(tableError(() => parseIncidentTable("event_id\nDAR-2021-001\n")).message).toMatch(/required column is missing/);
    expect(tableError(() => parseIncidentTable(`${HEADER}\nDAR-2021-001,2021-08-14\n`)).message).toMatch(/has 2 fields/);
  });
});

describe("buildGeodata errors", () => {
  const resolved = (text: string): GeocodeAnswer => answer(text, "resolved", [candidate(text, [36.100833, 32.612222], { admin1: "Daraa" })]);

  it("names the row and location when the geocoder cannot resolve a place", async () => {
    const geocode = (text: string): GeocodeAnswer => answer(text, "unresolved");
    await expect(buildGeodata({ table: table(cells()), article: ARTICLE, geocode, daraa: DARAA })).rejects.toThrow(/row 2, column "location".*unresolved.*Daraa al-Balad/);
  });

  it("names the row when a quote is not verbatim in the article", async () => {
    const bad = cells({ source_quote: "On August 14, the Syrian Army bombarded Daraa al-Balad, killing a civilian." });
    await expect(buildGeodata({ table: table(bad), article: ARTICLE, geocode: resolved, daraa: DARAA })).rejects.toThrow(/row 2, column "source_quote".*verbatim/);
  });

  it("refuses a row that claims finer precision than the geocoder gives", async () => {
    const coarse = (text: string): GeocodeAnswer => {
      const a = resolved(text);
      a.best!.properties.geo_precision = 2;
      return a;
    };
    await expect(buildGeodata({ table: table(cells({ geo_precision: "1" })), article: ARTICLE, geocode: coarse, daraa: DARAA })).rejects.toThrow(/row 2, column "geo_precision".*only coarsen/);
  });

  it("refuses a place the geocoder puts in another governorate", async () => {
    await expect(buildGeodata({ table: table(cells({ admin1: "Idlib" })), article: ARTICLE, geocode: resolved, daraa: DARAA })).rejects.toThrow(/row 2, column "admin1".*lies in Daraa/);
  });
});
