// The readers on the real-world fixtures (tests/fixtures/import/README.md): how each file's bytes become
// named columns and records, before any mapping. Expected values are read by hand from the files.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readSource, readSourceAsync } from "@/lib/import/source";
import type { Source, SourceRecord } from "@/lib/import/source/types";

const FIXTURES = join(__dirname, "../fixtures/import");
const read = (name: string) => readSource(new Uint8Array(readFileSync(join(FIXTURES, name))), name);

/** Every record and reader-rejected row, through the batches. */
function all(source: Source): { records: SourceRecord[]; rejected: number[] } {
  const records: SourceRecord[] = [];
  const rejected: number[] = [];
  for (const b of source.batches()) {
    records.push(...b.records);
    rejected.push(...b.rejected.map((r) => r.row));
  }
  return { records, rejected };
}
const cell = (s: Source, r: SourceRecord, column: string) => r.values[s.columns.indexOf(column)];

describe("CSV and TSV", () => {
  it("acled-2023.csv: today's 31 columns, comma, UTF-8", () => {
    const s = read("acled-2023.csv");
    expect(s).toMatchObject({ format: "csv", separator: ",", hasGeometry: false });
    expect(s.encoding?.name).toBe("utf-8");
    expect(s.columns).toHaveLength(31);
    expect(s.columns.slice(0, 5)).toEqual(["event_id_cnty", "event_date", "year", "time_precision", "disorder_type"]);
    expect(all(s).records).toHaveLength(12);
  });

  it("acled-2016.csv: windows-1252 from the bytes, the seven empty unnamed columns dropped, a quoted CRLF kept", () => {
    const s = read("acled-2016.csv");
    expect(s.encoding?.name).toBe("windows-1252");
    expect(s.encoding?.basis).toBe("detected");
    expect(s.columns).toHaveLength(25);
    expect(s.columns[0]).toBe("GWNO");
    expect(s.columns[24]).toBe("FATALITIES");
    expect(s.warnings.join(" ")).toMatch(/7/);
    const { records, rejected } = all(s);
    expect(rejected).toEqual([]);
    expect(records).toHaveLength(13);
    const [, moz1245, moz1310, moz1388, , , moz1533] = records;
    expect(cell(s, moz1245, "LOCATION")).toBe("Báruè");
    expect(cell(s, moz1533, "SOURCE")).toBe("Der Standard (Österreich); EFE (España)");
    expect(cell(s, moz1310, "NOTES")).toMatch(/Muxúnguè\.\r?\nPassengers/);
    // Row 3 spans lines 4 and 5, so row 4 starts on line 6.
    expect(moz1388).toMatchObject({ row: 4, line: 6 });
  });

  it("acled-1256.csv: windows-1256 without a BOM", () => {
    const s = read("acled-1256.csv");
    expect(s.encoding?.name).toBe("windows-1256");
    const { records } = all(s);
    expect(cell(s, records[1], "location")).toBe("طفس");
  });

  it("acled-2020-excel.csv: the truncated last row is the 11th, alone", () => {
    const s = read("acled-2020-excel.csv");
    expect(s.columns).toHaveLength(31);
    expect(s.columns.slice(0, 3)).toEqual(["data_id", "iso", "event_id_cnty"]);
    const { records, rejected } = all(s);
    expect(records.length + rejected.length).toBe(11);
    expect(records.slice(0, 10).map((r) => r.row)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it("ucdp-ged.csv: GED's 49 columns", () => {
    const s = read("ucdp-ged.csv");
    expect(s.columns).toHaveLength(49);
    expect(s.columns).toEqual(expect.arrayContaining(["date_start", "date_end", "date_prec", "where_prec", "type_of_violence", "geom_wkt", "best"]));
    const { records } = all(s);
    expect(records).toHaveLength(10);
    expect(cell(s, records[1], "geom_wkt")).toBe("POINT (36.0665 32.7371)");
  });

  it("hdx-hxl.csv: the hashtag row is read as hashtags, not as data", () => {
    const s = read("hdx-hxl.csv");
    expect(s.hxl).toEqual(["#date", "#adm1+name", "#adm2+name", "#loc+name", "#geo+lat", "#geo+lon", "#event+type", "#affected+killed", "#description"]);
    const { records } = all(s);
    expect(records).toHaveLength(8);
    expect(records[0].row).toBe(1);
    expect(cell(s, records[0], "Localité")).toBe("Kaya");
  });

  it("semicolon-decimal-comma.csv: `;` and a UTF-8 BOM", () => {
    const s = read("semicolon-decimal-comma.csv");
    expect(s.separator).toBe(";");
    expect(s.encoding).toMatchObject({ name: "utf-8", basis: "bom" });
    expect(s.columns[0]).toBe("event_date");
    expect(cell(s, all(s).records[0], "latitude")).toBe("32,6122");
  });

  it("incidents.tsv: tabs", () => {
    const s = read("incidents.tsv");
    expect(s.separator).toBe("\t");
    expect(all(s).records).toHaveLength(12);
  });
});

describe("JSON, GeoJSON, NDJSON, KML, xlsx", () => {
  it("acled-api.json: the records inside the API's { success, data } envelope", () => {
    const s = read("acled-api.json");
    expect(s.format).toBe("json-records");
    expect(s.columns).toEqual(expect.arrayContaining(["event_id_cnty", "event_date", "latitude", "longitude", "geo_precision", "timestamp"]));
    expect(all(s).records).toHaveLength(5);
  });

  it("timemap.json: a bare array of records with nested sources and filters", () => {
    const s = read("timemap.json");
    expect(s.format).toBe("json-records");
    expect(s.columns).toEqual(expect.arrayContaining(["id", "date", "latitude", "longitude", "location", "description"]));
    const { records } = all(s);
    expect(records).toHaveLength(10);
    expect(cell(s, records[0], "date")).toBe("02/24/2022");
  });

  it("geojson-minimal.geojson: three properties, and a feature without geometry", () => {
    const s = read("geojson-minimal.geojson");
    expect(s).toMatchObject({ format: "geojson", hasGeometry: true });
    expect([...s.columns].sort()).toEqual(["description", "link", "location"]);
    const { records, rejected } = all(s);
    expect(records.length + rejected.length).toBe(6);
    expect(records[0].geometry).toEqual({ type: "Point", coordinates: [-4.64, 14.2] });
  });

  it("incidents.ndjson: one Feature per line; the cut-off line 5 is refused alone", () => {
    const s = read("incidents.ndjson");
    expect(s.format).toBe("ndjson");
    const { records, rejected } = all(s);
    expect(records).toHaveLength(7);
    expect(rejected).toEqual([5]);
  });

  it("umap.kml and google-my-maps.kml: ExtendedData becomes columns", () => {
    const u = read("umap.kml");
    expect(u).toMatchObject({ format: "kml", hasGeometry: true });
    expect(u.columns).toEqual(expect.arrayContaining(["date", "event_type", "fatalities"]));
    expect(all(u).records).toHaveLength(5);
    const g = read("google-my-maps.kml");
    expect(g.columns).toEqual(expect.arrayContaining(["Date", "Type", "Killed"]));
    const { records } = all(g);
    expect(records).toHaveLength(4);
    // My Maps writes an altitude of 0; the reader may keep it, the position is the first two.
    expect(records[0].geometry).toMatchObject({ type: "Point", coordinates: expect.arrayContaining([36.231, 49.9922]) });
    expect((records[0].geometry as { coordinates: number[] }).coordinates.slice(0, 2)).toEqual([36.231, 49.9922]);
  });

  it("incidents.xlsx: two sheets named, the first read, number cells as numbers", async () => {
    const xlsx = new Uint8Array(readFileSync(join(FIXTURES, "incidents.xlsx")));
    const s = await readSourceAsync(xlsx, "incidents.xlsx");
    expect(s).toMatchObject({ format: "xlsx", sheets: ["Incidents", "Sources"], sheet: "Incidents" });
    expect(s.columns).toEqual(["Date", "Location", "Latitude", "Longitude", "Event type", "Fatalities", "Notes"]);
    const { records } = all(s);
    expect(records).toHaveLength(8);
    expect(cell(s, records[0], "Latitude")).toBe(49.9935);
    expect(cell(s, records[7], "Fatalities")).toBe(1);
    const other = await readSourceAsync(xlsx, "incidents.xlsx", { sheet: "Sources" });
    expect(other.columns).toEqual(["Source", "Address"]);
  });
});
