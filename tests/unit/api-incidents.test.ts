import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GET, MAX_QUERY_STRING } from "@/app/api/incidents/route";
import { loadIncidents } from "@/lib/server/load";
import { applyFilter } from "@/lib/incident/filter";
import { describeFilter } from "@/lib/export/describe-filter";
import { parseFilterParams } from "@/lib/url/filter-params";
import { markerAnchor } from "@/lib/incident/anchor";
import { GEOJSON_MEDIA_TYPE, toExportCollection } from "@/lib/export/geojson";
import { DATASET_NAME } from "@/lib/incident/dataset-name";
import { synthesizeIncidents, type Town } from "@/lib/build/synth";
import { incidentIssues } from "@/lib/incident/validate";
import type { IncidentFeature } from "@/lib/incident/model";

// These hold the in-memory path (INCIDENTS_PATH); tests/unit/serve-store.test.ts holds the store's to the same bytes.
process.env.INCIDENTS_PATH ||= join(process.cwd(), "geodata", "incidents.geojson");

const get = (query: string) => GET(new Request(`http://x/api/incidents${query}`));

/** The ids the view shows for a query string: applyFilter with bbox = marker anchor, over `features`. */
function expectedIds(query: string, features: readonly IncidentFeature[] = loadIncidents().features): string[] {
  const filter = parseFilterParams(new URLSearchParams(query), { allowBbox: true });
  return applyFilter(features, (f) => {
    return { properties: f.properties, anchor: markerAnchor(f.geometry) };
  }, filter).map((f) => f.properties.event_id);
}

describe("GET /api/incidents", () => {
  it("answers every incident as application/geo+json, as the export makes it", async () => {
    const res = await get("");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(GEOJSON_MEDIA_TYPE);
    const text = await res.text();
    expect(Number(res.headers.get("content-length"))).toBe(Buffer.byteLength(text));
    const all = loadIncidents().features;
    expect(text).toBe(JSON.stringify(toExportCollection(all, { name: DATASET_NAME, filters: {} })));
    expect(incidentIssues(JSON.parse(text))).toEqual([]);
  });

  it.each([
    "?bbox=35.9,32.5,36.2,32.8",
    "?from=2021-07-29&to=2021-08-05",
    "?from=2021-08-01&to=2021-08-31&undated=1&bbox=35.9,32.5,36.2,32.8",
    "?from=2018-06-01&to=2018-06-01",
    "?types=Battles,Explosions%2FRemote%20violence&fatal=some",
    "?types=Skirmish,Shelling%252C%20heavy,Unclassified",
    "?precision=1&actors=Military%20Forces%20of%20Syria%20(2000-)",
    "?to=2021-07-31",
    "?bbox=0,0,1,1",
  ])("%s: the incidents applyFilter keeps, with the filter recorded", async (query) => {
    const res = await get(query);
    expect(res.status).toBe(200);
    const json = await res.json();
    expect(json.features.map((f: IncidentFeature) => f.properties.event_id)).toEqual(expectedIds(query));
    expect(json.filters).toEqual(describeFilter(parseFilterParams(new URLSearchParams(query), { allowBbox: true })));
    expect(json.name).toBe(DATASET_NAME);
  });

  it("the filters member is describeFilter's canonical form", async () => {
    const json = await (await get("?precision=2,1&to=2021-09-01&from=2021-08-01&bbox=35,32,37,34")).json();
    expect(json.filters).toEqual({ from: "2021-08-01", to: "2021-09-01", includeUndated: false, geoPrecision: [1, 2], bbox: [35, 32, 37, 34] });
  });

  it.each([
    ["?bbox=1,2,3", "bbox", "1,2,3"],
    ["?bbox=10,0,5,1", "bbox", "10,0,5,1"],
    ["?from=2021-02-30", "from", "2021-02-30"],
    ["?from=2021-08-05&to=2021-08-01", "to", "2021-08-01"],
    ["?types=Battle%0A", "types", "Battle\\n"],
    ["?fatal=many", "fatal", "many"],
    ["?precision=4", "precision", "4"],
    ["?undated=yes", "undated", "yes"],
    ["?actors=ok,%25E0%25A4%25A", "actors", "%E0%A4%A"],
  ])("%s: 400 naming %s and its value", async (query, field, value) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.field).toBe(field);
    expect(body.error).toContain(field);
    expect(body.error).toContain(value);
  });

  it(`a query string over ${MAX_QUERY_STRING} characters: 414 with a clear message`, async () => {
    const res = await get(`?actors=${"a".repeat(MAX_QUERY_STRING)}`);
    expect(res.status).toBe(414);
    expect((await res.json()).error).toMatch(/query string.*longer than 4000/);
    expect((await get(`?actors=${"a".repeat(MAX_QUERY_STRING - 7)}`)).status).toBe(200);
  });
});

describe("GET /api/incidents on another dataset (INCIDENTS_PATH)", () => {
  const dir = mkdtempSync(join(tmpdir(), "api-incidents-"));
  const towns: Town[] = [
    { name: "Dar'a", lng: 36.10628, lat: 32.61889, population: 97969, admin1: "Daraa" },
    { name: "Aleppo", lng: 37.16117, lat: 36.20124, population: 1602264, admin1: "Aleppo" },
    { name: "Homs", lng: 36.72339, lat: 34.72682, population: 775404, admin1: "Homs" },
  ];
  const synthetic = synthesizeIncidents({ count: 3000, seed: 1, towns });
  const file = join(dir, "incidents.geojson");
  writeFileSync(file, JSON.stringify(synthetic));
  const before = process.env.INCIDENTS_PATH;
  afterAll(() => {
    if (before === undefined) delete process.env.INCIDENTS_PATH;
    else process.env.INCIDENTS_PATH = before;
    rmSync(dir, { recursive: true, force: true });
  });

  it("serves that file, streaming a large answer, with the same incidents as applyFilter", async () => {
    process.env.INCIDENTS_PATH = file;
    const features = synthetic.features as IncidentFeature[];
    for (const query of ["?bbox=36,32.5,36.3,32.8&from=2015-01-01&to=2015-03-31", "?from=2013-01-01&to=2016-12-31&fatal=none", ""]) {
      const res = await get(query);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(Number(res.headers.get("content-length"))).toBe(Buffer.byteLength(text));
      expect(JSON.parse(text).features.map((f: IncidentFeature) => f.properties.event_id)).toEqual(expectedIds(query, features));
    }
    expect(loadIncidents().features.length).toBe(3000);
  });
});
