// Every real-world fixture (tests/fixtures/import/README.md) imported in one click: no mapping given, the
// proposal is used. Counts, rejected rows and two or more known rows per file are checked against values
// read by hand from the fixture files (never from the code under test).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { importFile, inspectFile, inspectFileAsync, type ImportResult } from "@/lib/import";
import { offlineGeocoder, preloadWorld, WORLD_LOAD_TIMEOUT } from "../support/geocode";
import type { IncidentFeature } from "@/lib/incident/model";
import { assertIncidentCollection } from "@/lib/incident/validate";
import { FIXTURE_CASES as CASES, type FixtureCase as Case } from "../support/import-fixture-cases";

const FIXTURES = join(__dirname, "../fixtures/import");
const bytes = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));


const byId = (r: ImportResult, id: string): IncidentFeature => {
  const f = r.collection.features.find((x) => x.properties.event_id === id);
  if (!f) throw new Error(`no feature with event_id ${id}; ids: ${r.collection.features.map((x) => x.properties.event_id).join(", ")}`);
  return f;
};

const importFixture = (c: Case) => importFile(bytes(c.file), c.file, { idPrefix: "T", ...(c.geocode ? { geocode: offlineGeocoder } : {}) });

// The offline geocoder consults the world gazetteer for places Syria's does not know.
beforeAll(preloadWorld, WORLD_LOAD_TIMEOUT);

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
