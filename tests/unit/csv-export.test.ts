// CSV export: ACLED's column order with HXL tags, UTF-8 BOM, CRLF, RFC 4180 quoting, formula injection
// made inert while numbers stay numbers, and an exact round trip through the importer.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CSV_COLUMNS, toAcledCsv } from "@/lib/export/csv";
import { importFile } from "@/lib/import";
import { readCsv } from "@/lib/csv/read";
import type { IncidentFeature, IncidentGeometry, IncidentProperties } from "@/lib/incident/model";
import { assertIncidentCollection } from "@/lib/incident/validate";
import { incidentProperties } from "../support/incidents";

const base: IncidentProperties = incidentProperties({ event_date: "2021-08-05", source: "" });
const feature = (props: Partial<IncidentProperties> & Record<string, unknown>, geometry: IncidentGeometry = { type: "Point", coordinates: [36.1008, 32.6122] }): IncidentFeature => ({
  type: "Feature",
  geometry,
  properties: { ...base, ...props } as IncidentProperties,
});

const NASTY = [
  "=1+1",
  "=HYPERLINK(\"http://evil.example\",\"click\")",
  "+44 20",
  "-5 km",
  "@SUM(A1:A9)",
  "\tleading tab",
  "\rleading CR",
  "'=already escaped",
  "''=twice",
  "'plain apostrophe'",
  'He said "hi", then; left',
  "line one\nline two\r\nline three",
  "  padded  ",
  "اشتباكات في درعا البلد، ٣ قتلى",
  "💥 🇸🇾 emoji",
  "<img src=x onerror=alert(1)>",
  "<script>alert(1)</script>",
  "javascript:alert(1)",
  "#not+a+tag",
  ",",
  ";",
  '"',
  "sep=;",
];

function nastyFeatures(): IncidentFeature[] {
  const features = NASTY.map((text, i) =>
    feature({
      event_id: i % 3 === 0 ? `-ID-${i}` : i % 3 === 1 ? `=ID-${i}` : `ID-${i}`,
      notes: text,
      source: NASTY[(i + 1) % NASTY.length],
      source_quote: NASTY[(i + 2) % NASTY.length],
      actor1: NASTY[(i + 3) % NASTY.length],
      sub_event_type: NASTY[(i + 4) % NASTY.length],
      location: `${NASTY[(i + 5) % NASTY.length]}x`,
      admin1: NASTY[(i + 6) % NASTY.length],
      actor2: NASTY[(i + 7) % NASTY.length],
      phase: NASTY[(i + 8) % NASTY.length],
      assoc_actor_1: NASTY[(i + 9) % NASTY.length],
      "=cmd|key": "extra key that itself starts with =",
      "a,b \"c\"": text,
    }),
  );
  return [
    ...features,
    feature(
      { event_id: "LINE", event_date: null, time_precision: 3, event_date_end: "2021-09-01", distance_km: 2.5, wounded: 4, captured: 0, civilian_targeting: false, fatalities: 7 },
      { type: "LineString", coordinates: [[36.0, 32.6], [36.1234567891, 32.7000000001]] },
    ),
    feature(
      { event_id: "AREA", civilian_targeting: true, distance_km: 0 },
      // clockwise on purpose: the CSV keeps geometries exactly as they are
      { type: "Polygon", coordinates: [[[36.09, 32.6], [36.09, 32.62], [36.11, 32.62], [36.11, 32.6], [36.09, 32.6]]] },
    ),
    feature({ event_id: "SOUTH-WEST", location: "Sydney" }, { type: "Point", coordinates: [151.2093, -33.8688] }),
    feature({ event_id: "WEST", location: "Brazil" }, { type: "Point", coordinates: [-47.9292, -15.7801] }),
  ];
}

describe("toAcledCsv", () => {
  const features = nastyFeatures();
  const csv = toAcledCsv(features);
  const body = csv.slice(1);
  const records = readCsv(body).records;

  it("writes UTF-8 text with a BOM and CRLF line ends", () => {
    expect(csv.startsWith("\uFEFFevent_id_cnty,event_date,year,time_precision,disorder_type,event_type,")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    // every line break outside quoted cells is CRLF
    expect(records).toHaveLength(2 + features.length);
  });

  it("orders columns as ACLED does, then the project's, then extras; HXL tags in row 2", () => {
    const header = records[0].fields;
    expect(header.slice(0, 31)).toEqual([
      "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type", "actor1",
      "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso", "region",
      "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source",
      "source_scale", "notes", "fatalities", "tags", "timestamp",
    ]);
    expect(header.slice(31, 37)).toEqual(["event_date_end", "wounded", "captured", "source_quote", "distance_km", "geometry_geojson"]);
    expect(header.slice(37)).toEqual(["phase", "'=cmd|key", 'a,b "c"']);
    const hxl = Object.fromEntries(header.map((h, i) => [h, records[1].fields[i]]));
    expect(hxl).toMatchObject({
      event_id_cnty: "#event+code",
      event_date: "#date+occurred",
      event_type: "#event+type",
      admin1: "#adm1+name",
      location: "#loc+name",
      latitude: "#geo+lat",
      longitude: "#geo+lon",
      fatalities: "#affected+killed",
      notes: "#description",
      source: "#meta+source",
      phase: "",
    });
    expect(CSV_COLUMNS.map((c) => c.name)).toEqual(header.slice(0, 37));
  });

  it("makes formula cells inert and leaves numbers, even negative ones, as numbers", () => {
    const header = records[0].fields;
    const rowOf = (id: string) => {
      const r = records.find((rec) => rec.fields[0].replace(/^'/, "") === id);
      if (!r) throw new Error(id);
      return Object.fromEntries(header.map((h, i) => [h, r.fields[i]]));
    };
    expect(rowOf("=ID-1")).toMatchObject({ event_id_cnty: "'=ID-1", notes: "'=HYPERLINK(\"http://evil.example\",\"click\")" });
    expect(rowOf("-ID-3")).toMatchObject({ event_id_cnty: "'-ID-3", notes: "'-5 km" });
    expect(rowOf("ID-5")).toMatchObject({ notes: "'\tleading tab" });
    expect(rowOf("=ID-7")).toMatchObject({ notes: "''=already escaped" });
    expect(rowOf("ID-8")).toMatchObject({ notes: "'''=twice" });
    expect(rowOf("-ID-9")).toMatchObject({ notes: "'plain apostrophe'" });
    expect(rowOf("SOUTH-WEST")).toMatchObject({ latitude: "-33.8688", longitude: "151.2093", year: "2021", fatalities: "0" });
    expect(rowOf("WEST")).toMatchObject({ latitude: "-15.7801", longitude: "-47.9292" });
    expect(rowOf("LINE")).toMatchObject({ year: "", event_date: "", civilian_targeting: "false", wounded: "4", distance_km: "2.5" });
    expect(rowOf("AREA")).toMatchObject({ civilian_targeting: "Civilian targeting" });
    expect(JSON.parse(rowOf("AREA").geometry_geojson)).toEqual(features.find((f) => f.properties.event_id === "AREA")?.geometry);
    // no cell, quoted or not, begins with a trigger character once the apostrophe rule is applied
    for (const r of records.slice(2)) {
      header.forEach((h, i) => {
        if (!["latitude", "longitude"].includes(h)) expect(r.fields[i]).not.toMatch(/^[=+\-@\t\r]/);
      });
    }
  });

  it("quotes cells holding separators, quotes and line breaks (RFC 4180)", () => {
    expect(body).toContain('"He said ""hi"", then; left"');
    expect(body).toContain('"line one\nline two\r\nline three"');
    expect(body).toContain('"  padded  "');
  });

  it("refuses features that are not valid incidents", () => {
    expect(() => toAcledCsv([feature({ fatalities: -1 })])).toThrow(/fatalities/);
  });

  it("does not change its input", () => {
    const copy = structuredClone(features);
    toAcledCsv(features);
    expect(features).toEqual(copy);
  });

  it("round-trips every value byte for byte through importFile", async () => {
    const r = await importFile(new TextEncoder().encode(csv), "export.csv", { idPrefix: "RT" });
    expect(r.report.rejected).toEqual([]);
    expect(r.report.accepted).toBe(features.length);
    expect(r.report.encoding).toBe("utf-8 (BOM)");
    expect(r.collection.features).toEqual(features);
    // …and again: the second export is identical text
    expect(toAcledCsv(r.collection.features)).toBe(csv);
  });

  it("round-trips the project's dataset", async () => {
    const dataset = assertIncidentCollection(JSON.parse(readFileSync(join(__dirname, "../../geodata/incidents.geojson"), "utf8")));
    // extras that are not text would come back as text (CSV has no types); the dataset's are all text
    const out = toAcledCsv(dataset.features);
    const r = await importFile(new TextEncoder().encode(out), "dataset.csv", { idPrefix: "RT" });
    expect(r.report.rejected).toEqual([]);
    expect(r.collection.features.map((f) => f.properties)).toEqual(dataset.features.map((f) => ({ ...f.properties })));
    expect(r.collection.features.map((f) => f.geometry)).toEqual(dataset.features.map((f) => f.geometry));
  });
});
