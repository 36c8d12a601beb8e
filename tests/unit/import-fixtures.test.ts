// Every real-world fixture (tests/fixtures/import/README.md) imported in one click: no mapping given, the
// proposal is used. Counts, rejected rows and two or more known rows per file are checked against values
// read by hand from the fixture files (never from the code under test).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { geocode } from "@/lib/geocode";
import { importFile, inspectFile, inspectFileAsync, type GeocodeBatch, type ImportResult } from "@/lib/import";
import type { IncidentFeature } from "@/lib/incident/model";
import { assertIncidentCollection } from "@/lib/incident/validate";

const FIXTURES = join(__dirname, "../fixtures/import");
const bytes = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));

/** The project's own offline geocoder behind the importer's callback, as the app's worker uses it via the API. */
const offlineGeocoder: GeocodeBatch = async (places) => new Map(places.map((p) => [p, geocode(p)]));

interface Known {
  /** event_id: the file's own id, or `T-<row>` (1-based data row or feature) when the file has none. */
  id: string;
  date: string | null;
  end?: string;
  timePrecision: 1 | 2 | 3;
  /** [lng, lat] of a Point; omitted for other geometries. */
  position?: [number, number];
  eventType: string;
  geoPrecision: 1 | 2 | 3;
  /** Other properties as the file gives them. */
  props?: Record<string, unknown>;
}

interface Case {
  file: string;
  format: string;
  encoding?: RegExp;
  total: number;
  accepted: number;
  /** Rejected rows and the field named (the file's own name for it), in row order. */
  rejected: { row: number; field?: RegExp }[];
  known: Known[];
  geocode?: GeocodeBatch;
}

const CASES: Case[] = [
  {
    file: "acled-2023.csv",
    format: "csv",
    encoding: /^utf-8/,
    total: 12,
    accepted: 11, // row 12 repeats SYR116215 of row 2: reported as a duplicate, the first kept
    rejected: [],
    known: [
      { id: "SYR116355", date: "2021-08-05", timePrecision: 1, position: [36.1008, 32.6122], eventType: "Strategic developments", geoPrecision: 1 },
      { id: "SYR116301", date: "2021-08-01", timePrecision: 2, position: [36.0609, 32.9912], eventType: "Violence against civilians", geoPrecision: 2, props: { civilian_targeting: true, fatalities: 1 } },
      { id: "SYR116512", date: "2021-08-24", timePrecision: 3, position: [36.1021, 32.6189], eventType: "Battles", geoPrecision: 3 },
    ],
  },
  {
    file: "acled-api.json",
    format: "json-records",
    total: 5,
    accepted: 5,
    rejected: [],
    known: [
      { id: "UKR1003", date: "2022-03-09", timePrecision: 1, position: [37.5434, 47.0971], eventType: "Explosions/Remote violence", geoPrecision: 1, props: { fatalities: 3, location: "Mariupol" } },
      { id: "UKR1004", date: "2022-03-31", timePrecision: 2, position: [30.212, 50.5436], eventType: "Violence against civilians", geoPrecision: 2, props: { fatalities: 10 } },
    ],
  },
  {
    file: "acled-2020-excel.csv",
    format: "csv",
    encoding: /^utf-8/,
    total: 11,
    accepted: 10,
    rejected: [{ row: 11, field: /longitude|row|record/i }], // cut off after its latitude
    known: [
      { id: "SYR62011", date: "2020-05-09", timePrecision: 1, position: [36.1021, 32.6189], eventType: "Violence against civilians", geoPrecision: 1 },
      { id: "SYR62480", date: "2020-06-02", timePrecision: 2, position: [36, 32.7], eventType: "Strategic developments", geoPrecision: 2 },
      { id: "SYR62702", date: "2020-06-30", timePrecision: 3, position: [36.2, 33], eventType: "Battles", geoPrecision: 3 },
    ],
  },
  {
    file: "acled-2016.csv",
    format: "csv",
    encoding: /^windows-1252/,
    total: 13,
    accepted: 13,
    rejected: [],
    known: [
      // Remote violence → Explosions/Remote violence; ö and ñ survive only when read as windows-1252.
      { id: "MOZ1533", date: "2015-12-29", timePrecision: 1, position: [33.9167, -17.85], eventType: "Explosions/Remote violence", geoPrecision: 1, props: { source: "Der Standard (Österreich); EFE (España)", event_type_original: "Remote violence" } },
      { id: "MOZ1245", date: "2015-02-07", timePrecision: 1, position: [33.1667, -18.0833], eventType: "Explosions/Remote violence", geoPrecision: 2, props: { location: "Báruè" } },
      // Battle-No change of territory → Battles; a trailing non-breaking space is not part of the place.
      { id: "MOZ1201", date: "2015-01-14", timePrecision: 1, position: [34.0708, -18.6767], eventType: "Battles", geoPrecision: 1, props: { location: "Gorongosa", fatalities: 2 } },
      { id: "DRC9870", date: "2015-11-29", timePrecision: 3, position: [29.2442, -0.1587], eventType: "Battles", geoPrecision: 2 },
      { id: "MOZ1540", date: "2015-12-31", timePrecision: 1, position: [35.5833, -17.3333], eventType: "Violence against civilians", geoPrecision: 1, props: { fatalities: 3, admin1: "Zambézia" } },
      // Riots/Protests split as ACLED's 2019 types did: rioters (inter1 5) riot, protesters (inter1 6) protest.
      { id: "CIV3188", date: "2015-08-20", timePrecision: 1, position: [-4.0719, 5.3364], eventType: "Riots", geoPrecision: 1 },
      { id: "MOZ1388", date: "2015-04-30", timePrecision: 1, position: [32.5892, -25.9653], eventType: "Protests", geoPrecision: 1 },
    ],
  },
  {
    file: "acled-1256.csv",
    format: "csv",
    encoding: /^windows-1256/,
    total: 8,
    accepted: 8,
    rejected: [],
    known: [
      { id: "T-2", date: "2021-07-29", timePrecision: 1, position: [36.0665, 32.7371], eventType: "Battles", geoPrecision: 1, props: { location: "طفس" } },
      { id: "T-4", date: "2021-08-05", timePrecision: 1, position: [36.1008, 32.6122], eventType: "Strategic developments", geoPrecision: 1, props: { location: "درعا البلد" } },
    ],
  },
  {
    file: "ucdp-ged.csv",
    format: "csv",
    encoding: /^utf-8/,
    total: 10,
    accepted: 10,
    rejected: [],
    known: [
      // type_of_violence 1 → Battles; date_prec 2 → 2; where_prec 2 → 2; fatalities = best.
      { id: "401102", date: "2021-08-26", end: "2021-08-28", timePrecision: 2, position: [36.0665, 32.7371], eventType: "Battles", geoPrecision: 2, props: { fatalities: 4 } },
      // date_prec 4 (the month) → 3; where_prec 4 (ADM1 centroid) → 3.
      { id: "701202", date: "2022-04-01", end: "2022-04-30", timePrecision: 3, position: [37.8, 48], eventType: "Battles", geoPrecision: 3, props: { fatalities: 32 } },
      // type_of_violence 3 (one-sided) → Violence against civilians.
      { id: "401103", date: "2021-08-10", timePrecision: 1, position: [36.1008, 32.6122], eventType: "Violence against civilians", geoPrecision: 1 },
      // type_of_violence 2 (non-state) → Battles; where_prec 6 (country) → 3.
      { id: "801302", date: "2021-06-15", timePrecision: 1, position: [-3.99, 17.57], eventType: "Battles", geoPrecision: 3 },
    ],
  },
  {
    file: "timemap.json",
    format: "json-records",
    total: 10,
    accepted: 10,
    rejected: [],
    known: [
      { id: "CH-0001", date: "2022-02-24", timePrecision: 1, position: [38.9, 49.21], eventType: "Unclassified", geoPrecision: 1 },
      { id: "CH-0006", date: "2022-03-16", timePrecision: 1, position: [37.5494, 47.0958], eventType: "Unclassified", geoPrecision: 1, props: { location: "Drama Theatre, Mariupol" } },
    ],
  },
  {
    file: "geojson-minimal.geojson",
    format: "geojson",
    total: 6,
    accepted: 5,
    rejected: [{ row: 6, field: /geometry/ }],
    known: [
      { id: "T-1", date: null, timePrecision: 3, position: [-4.64, 14.2], eventType: "Unclassified", geoPrecision: 1, props: { location: "Moura, Mopti region" } },
      { id: "T-4", date: null, timePrecision: 3, position: [2.4, 15.92], eventType: "Unclassified", geoPrecision: 1, props: { location: "Ménaka" } },
    ],
  },
  {
    file: "incidents.ndjson",
    format: "ndjson",
    total: 8,
    accepted: 7,
    rejected: [{ row: 5 }], // a line cut off mid-object
    known: [
      { id: "T-1", date: "2023-04-15", timePrecision: 1, position: [32.5599, 15.5007], eventType: "Battles", geoPrecision: 1, props: { location: "Khartoum" } },
      { id: "T-3", date: "2023-04-24", timePrecision: 1, position: [22.4471, 13.4527], eventType: "Violence against civilians", geoPrecision: 1, props: { fatalities: 12 } },
    ],
  },
  {
    file: "umap.kml",
    format: "kml",
    total: 5,
    accepted: 5,
    rejected: [],
    known: [
      { id: "T-1", date: "2021-08-26", timePrecision: 1, position: [36.0665, 32.7371], eventType: "Explosions/Remote violence", geoPrecision: 1, props: { fatalities: 2 } },
      { id: "T-3", date: "2021-08-03", timePrecision: 1, eventType: "Battles", geoPrecision: 1 }, // a LineString
      { id: "T-4", date: "2021-08-05", timePrecision: 1, position: [36.1008, 32.6122], eventType: "Strategic developments", geoPrecision: 1 },
    ],
  },
  {
    file: "google-my-maps.kml",
    format: "kml",
    total: 4,
    accepted: 4,
    rejected: [],
    known: [
      { id: "T-1", date: "2022-03-01", timePrecision: 1, position: [36.231, 49.9922], eventType: "Missile strike", geoPrecision: 1 },
      { id: "T-3", date: "2022-03-16", timePrecision: 1, position: [36.283, 50.041], eventType: "Shelling", geoPrecision: 1 },
    ],
  },
  {
    file: "hdx-hxl.csv",
    format: "csv",
    encoding: /^utf-8/,
    total: 8,
    accepted: 8,
    rejected: [],
    known: [
      { id: "T-1", date: "2022-01-08", timePrecision: 1, position: [-1.0844, 13.0917], eventType: "Attaque", geoPrecision: 1, props: { fatalities: 3 } },
      { id: "T-4", date: "2022-02-21", timePrecision: 1, position: [-1.6306, 14.1022], eventType: "Affrontement", geoPrecision: 1, props: { fatalities: 7 } },
    ],
  },
  {
    file: "semicolon-decimal-comma.csv",
    format: "csv",
    encoding: /^utf-8/,
    total: 8,
    accepted: 7,
    rejected: [{ row: 6, field: /latitude/ }], // 329,912
    known: [
      { id: "T-3", date: "2021-08-05", timePrecision: 1, position: [36.1008, 32.6122], eventType: "Strategic developments", geoPrecision: 1 },
      { id: "T-7", date: "2021-08-26", timePrecision: 1, position: [36.0665, 32.7371], eventType: "Explosions/Remote violence", geoPrecision: 1, props: { fatalities: 2 } },
      { id: "T-1", date: "2021-07-29", timePrecision: 1, position: [36.1008, 32.6122], eventType: "Battles", geoPrecision: 1, props: { notes: "Clashes at checkpoints, after the siege began" } },
    ],
  },
  {
    file: "incidents.tsv",
    format: "csv",
    encoding: /^utf-8/,
    total: 12,
    accepted: 10,
    rejected: [
      { row: 5, field: /latitude|longitude/ }, // (0, 0)
      { row: 9, field: /latitude|longitude/ }, // swapped: (49.99 E, 36.23 N) against a file in Ukraine
    ],
    known: [
      { id: "T-7", date: "2022-03-09", timePrecision: 1, position: [37.5434, 47.0971], eventType: "Explosions/Remote violence", geoPrecision: 1, props: { fatalities: 3 } },
      { id: "T-12", date: "2022-06-12", timePrecision: 1, position: [38.4917, 48.9482], eventType: "Battles", geoPrecision: 1 },
    ],
  },
  {
    file: "places-only.csv",
    format: "csv",
    encoding: /^utf-8/,
    total: 8,
    accepted: 7,
    rejected: [],
    geocode: offlineGeocoder,
    known: [
      // Positions from geodata/gazetteer: curated.csv (cur:daraa-al-balad, cur:daraa-camp) and geonames-sy.json (164328).
      { id: "T-1", date: "2021-07-29", timePrecision: 1, position: [36.100833, 32.612222], eventType: "Battles", geoPrecision: 1 },
      { id: "T-3", date: "2021-07-30", timePrecision: 1, position: [36.16052, 32.82666], eventType: "Battles", geoPrecision: 1 },
      { id: "T-6", date: "2021-08-18", timePrecision: 1, position: [36.11098, 32.61762], eventType: "Explosions/Remote violence", geoPrecision: 2 },
    ],
  },
  {
    file: "incidents.xlsx",
    format: "xlsx",
    total: 8,
    accepted: 8,
    rejected: [],
    known: [
      { id: "T-1", date: "2022-02-24", timePrecision: 1, position: [36.2304, 49.9935], eventType: "Explosions/Remote violence", geoPrecision: 1 },
      { id: "T-8", date: "2022-07-30", timePrecision: 1, position: [35.1396, 47.8388], eventType: "Explosions/Remote violence", geoPrecision: 1, props: { fatalities: 1, location: "Zaporizhzhia" } },
    ],
  },
];

const byId = (r: ImportResult, id: string): IncidentFeature => {
  const f = r.collection.features.find((x) => x.properties.event_id === id);
  if (!f) throw new Error(`no feature with event_id ${id}; ids: ${r.collection.features.map((x) => x.properties.event_id).join(", ")}`);
  return f;
};

const importFixture = (c: Case) => importFile(bytes(c.file), c.file, { idPrefix: "T", ...(c.geocode ? { geocode: c.geocode } : {}) });

describe.each(CASES)("$file in one click", (c) => {
  it(`reads ${c.total} rows: ${c.accepted} accepted, ${c.rejected.length} rejected`, async () => {
    const r = await importFixture(c);
    expect(() => assertIncidentCollection(r.collection)).not.toThrow();
    expect(r.report.format).toBe(c.format);
    if (c.encoding) expect(r.report.encoding).toMatch(c.encoding);
    expect(r.report.total).toBe(c.total);
    expect(r.report.accepted).toBe(c.accepted);
    expect(r.collection.features).toHaveLength(c.accepted);
    const rejected = r.report.rejected.filter((x) => !r.report.duplicates.some((d) => d.row === x.row));
    expect(rejected.map((x) => x.row)).toEqual(c.rejected.map((x) => x.row));
    c.rejected.forEach((want, i) => {
      if (want.field) expect(rejected[i].field).toMatch(want.field);
    });
  });

  it.each(c.known)("row $id: date, precision, position and type as the file says", async (k) => {
    const f = byId(await importFixture(c), k.id);
    const p = f.properties;
    expect(p.event_date).toBe(k.date);
    expect(p.event_date_end).toBe(k.end);
    expect(p.time_precision).toBe(k.timePrecision);
    expect(p.event_type).toBe(k.eventType);
    expect(p.geo_precision).toBe(k.geoPrecision);
    if (k.position) expect(f.geometry).toEqual({ type: "Point", coordinates: k.position });
    if (k.props) expect(p).toMatchObject(k.props);
  });
});

describe("quirks beyond the counts", () => {
  const find = (file: string) => CASES.find((c) => c.file === file)!;

  it("acled-2023.csv: the repeated event_id is reported with the row it repeats", async () => {
    const r = await importFixture(find("acled-2023.csv"));
    expect(r.report.duplicates).toEqual([{ row: 12, id: "SYR116215", firstRow: 2 }]);
  });

  it("acled-2016.csv: the seven unnamed empty columns become nothing, and a quoted newline stays in its cell", async () => {
    const r = await importFixture(find("acled-2016.csv"));
    for (const f of r.collection.features) expect(Object.keys(f.properties).filter((k) => /^column \d+$/.test(k))).toEqual([]);
    expect(byId(r, "MOZ1310").properties.notes).toMatch(/near Muxúnguè\.\r?\nPassengers were robbed/);
  });

  it("incidents.tsv: a file in Ukraine is not judged by a Syrian frame", async () => {
    const r = await importFixture(find("incidents.tsv"));
    expect(r.report.warnings.filter((w) => /outside|expected region/i.test(w))).toEqual([]);
  });

  it("umap.kml: a LineString placemark keeps its line", async () => {
    const r = await importFixture(find("umap.kml"));
    expect(byId(r, "T-3").geometry).toEqual({ type: "LineString", coordinates: [[35.89278, 32.80889], [35.8697, 32.822]] });
  });

  it("places-only.csv: the unknown place is reported unresolved, never placed", async () => {
    const r = await importFixture(find("places-only.csv"));
    expect(r.report.unresolved).toEqual([{ row: 7, place: "Nowhere-on-earth" }]);
    expect(r.report.ambiguous).toEqual([]);
  });

  it("ambiguous-dates.csv: every day is ≤ 12, so the proposal says the column is ambiguous and reads it one way", async () => {
    const inspection = inspectFile(bytes("ambiguous-dates.csv"), "ambiguous-dates.csv");
    expect(inspection.proposal.date.ambiguous).toBe(true);
    expect(inspection.proposal.date.candidates).toEqual(expect.arrayContaining(["dmy", "mdy"]));
    const r = await importFile(bytes("ambiguous-dates.csv"), "ambiguous-dates.csv", { idPrefix: "T" });
    expect(r.report.accepted).toBe(8);
    // 05/08/2021 and 02/09/2021 read the same way: both day-first or both month-first.
    const pair = [byId(r, "T-3").properties.event_date, byId(r, "T-8").properties.event_date];
    expect([["2021-08-05", "2021-09-02"], ["2021-05-08", "2021-02-09"]]).toContainEqual(pair);
    expect(byId(r, "T-3").geometry).toEqual({ type: "Point", coordinates: [36.1008, 32.6122] });
  });

  it("incidents.xlsx: both sheets are offered and the first, with the incidents, is read", async () => {
    const inspection = await inspectFileAsync(bytes("incidents.xlsx"), "incidents.xlsx");
    expect(inspection.source.sheets).toEqual(["Incidents", "Sources"]);
    expect(inspection.source.sheet).toBe("Incidents");
  });

  it("acled-2016.csv: the encoding is named, with windows-1256 not chosen", () => {
    const inspection = inspectFile(bytes("acled-2016.csv"), "acled-2016.csv");
    expect(inspection.source.encoding?.name).toBe("windows-1252");
  });
});
