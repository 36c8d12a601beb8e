// Real incident files other people published (tests/fixtures/real/README.md), imported in one click: every
// row whose position can be read is kept, only what cannot be read is rejected, and known rows land where
// and when the file says. Counts and rows were read by hand from the extracts (cases.ts), not from the importer.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { importFile, type ImportResult } from "@/lib/import";
import type { IncidentFeature } from "@/lib/incident/model";
import { REAL_CASES, type Bbox, type RealCase } from "../fixtures/real/cases";

const DIR = join(__dirname, "../fixtures/real");

import { offlineGeocoder, preloadWorld, WORLD_LOAD_TIMEOUT } from "../support/geocode";

beforeAll(preloadWorld, WORLD_LOAD_TIMEOUT);

const cache = new Map<string, Promise<ImportResult>>();
const imported = (c: RealCase): Promise<ImportResult> => {
  if (!cache.has(c.file)) {
    const bytes = new Uint8Array(readFileSync(join(DIR, c.file)));
    cache.set(c.file, importFile(bytes, c.file, { idPrefix: "T", ...(c.geocode ? { geocode: offlineGeocoder } : {}) }));
  }
  return cache.get(c.file)!;
};

/** Read / kept / rejected with reasons, for the failure message: what the importer did with the file. */
function summary(r: ImportResult): string {
  const reasons = r.report.rejected.slice(0, 5).map((x) => `row ${x.row} ${x.field}=${JSON.stringify(x.value)}: ${x.message}`);
  const unresolved = r.report.unresolved.slice(0, 3).map((u) => `row ${u.row} ${JSON.stringify(u.place)}`);
  return [
    `read ${r.report.total}, kept ${r.collection.features.length}, rejected ${r.report.rejected.length}, unresolved ${r.report.unresolved.length}, ambiguous ${r.report.ambiguous.length}, duplicates ${r.report.duplicates.length}`,
    ...reasons.map((x) => `  rejected ${x}`),
    ...unresolved.map((x) => `  unresolved ${x}`),
  ].join("\n");
}

/** A row by the file's id, or by its generated `T-<row>` whatever column the proposal took as the id. */
function row(r: ImportResult, id: string, alt?: string): IncidentFeature {
  const ids = [id, alt].filter(Boolean);
  const f = r.collection.features.find((x) => ids.includes(String(x.properties.event_id)) || ids.includes(`T-${x.properties.event_id}`));
  if (!f) throw new Error(`no incident ${id} among ${r.collection.features.length}:\n${summary(r)}`);
  return f;
}

const inside = ([lng, lat]: number[], [w, s, e, n]: Bbox) => lng >= w && lng <= e && lat >= s && lat <= n;

describe.each(REAL_CASES)("$file, a real file in one click", (c) => {
  it(`keeps every row whose position can be read: ${c.kept} of ${c.read}, ${c.rejected.length} rejected`, async () => {
    const r = await imported(c).catch((err: unknown) => {
      throw new Error(`${c.file} refused: ${err instanceof Error ? err.message : String(err)}`);
    });
    const said = summary(r);
    expect(r.report.total, said).toBe(c.read);
    expect(r.collection.features.length, said).toBe(c.kept);
    expect(r.report.unresolved, said).toEqual([]);
    expect(r.report.rejected.map((x) => x.row), said).toEqual(c.rejected.map((x) => x.row));
    c.rejected.forEach((want, i) => expect(r.report.rejected[i].field, said).toMatch(want.field));
  });

  it.each(c.known)("row $id: where and when the file says", async (k) => {
    const f = row(await imported(c), k.id, k.alt);
    const p = f.properties;
    if (k.date !== undefined) expect(p.event_date).toBe(k.date);
    if (k.eventType) expect(p.event_type).toBe(k.eventType);
    if (k.geoPrecision) expect(p.geo_precision).toBe(k.geoPrecision);
    if (k.timePrecision) expect(p.time_precision).toBe(k.timePrecision);
    if (k.position) expect(f.geometry).toEqual({ type: "Point", coordinates: k.position });
    if (k.within) {
      expect(f.geometry?.type).toBe("Point");
      const at = (f.geometry as { coordinates: number[] }).coordinates;
      expect(inside(at, k.within), `${k.id} at ${at.join(", ")}`).toBe(true);
    }
    if (k.props) expect(p).toMatchObject(k.props);
  });
});

describe("quirks beyond the counts", () => {
  const find = (file: string) => REAL_CASES.find((c) => c.file === file)!;

  it("unmiss-incidents.geojson: the Polygon and the LineString keep their shapes", async () => {
    const r = await imported(find("unmiss-incidents.geojson"));
    expect(r.collection.features.map((f) => f.geometry?.type).sort()).toEqual(["LineString", "Point", "Point", "Polygon"]);
  });

  it("acled-2015-asia.csv: every country of the file is on the map, Bangladesh first and Vietnam last", async () => {
    const r = await imported(find("acled-2015-asia.csv"));
    // EVENT_ID_CNTY ends in the country's code: BNG Bangladesh … DRV Vietnam, in the file's order.
    const countries = [...new Set(r.collection.features.map((f) => String(f.properties.event_id).replace(/^\d+/, "")))];
    expect(countries).toEqual(["BNG", "CAM", "IND", "LAO", "MYA", "NEP", "PAK", "SRI", "THI", "DRV"]);
  });

  it("acled-2024-bangladesh.csv: an event listed once per actor under one id keeps both rows, one actor each", async () => {
    const r = await imported(find("acled-2024-bangladesh.csv"));
    const pair = r.collection.features.filter((f) => String(f.properties.event_id).startsWith("BGD28032"));
    expect(pair.map((f) => f.properties.actor1).sort()).toEqual(["Civilians (Bangladesh)", "Rioters (Bangladesh)"]);
    expect(new Set(pair.map((f) => f.properties.event_id)).size).toBe(2);
  });

  it("masacres-colombia.csv: the repeated massacre is kept and flagged as a possible repeat, for the user to drop in one click", async () => {
    const r = await imported(find("masacres-colombia.csv"));
    const landazuri = r.collection.features.filter((f) => f.properties.event_date === "2022-09-11");
    expect(landazuri).toHaveLength(2);
    expect(r.report.flagged.filter((f) => f.kind === "possible-repeat").map((f) => [f.row, f.value])).toEqual([[33, "row 32"]]);
  });
});
