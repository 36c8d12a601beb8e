// Distance rings and band counts (lib/analysis/bands.ts).
//
// Fixture-driven, as Turf's own tests are: each tests/fixtures/bands/in/*.geojson is a FeatureCollection
// of incidents (optionally with a foreign member `options: { reference?, bandsKm? }`), run through
// bandCounts and distanceRings and compared with out/ of the same name. An out file is a FeatureCollection
// a reviewer can open in any GeoJSON viewer: the reference point, the rings (distanceRings' output as is),
// and every incident coloured by its band with its exact distance; the band rows are the foreign member
// `bands` (an open band's `toKm: Infinity` is written `null`, JSON having no Infinity).
// UPDATE_FIXTURES=1 rewrites the out files, to be reviewed as a diff.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { destination, distance, point } from "@turf/turf";
import type { Feature, Point } from "geojson";
import { bandCounts, bandIndex, DEFAULT_BANDS_KM, distanceRings, type BandRow } from "@/lib/analysis/bands";
import { distanceFrom, exactDistanceKm } from "@/lib/incident/distance";
import { DARAA_AL_BALAD } from "@/lib/incident/reference";
import { incidentIssues } from "@/lib/incident/validate";
import type { IncidentCollection, IncidentFeature } from "@/lib/incident/model";
import { incident as testIncident } from "../support/incidents";

const dir = "tests/fixtures/bands";

type FixtureIn = IncidentCollection & { options?: { reference?: Feature<Point>; bandsKm?: number[] } };

/** JSON with each [lng, lat] on one line, so out files stay readable and their diffs short. */
function stringify(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/\[\s+(-?[\d.eE+-]+(?:,\s+-?[\d.eE+-]+)*)\s+\]/g, (_m, inner: string) => `[${inner.split(/,\s+/).join(", ")}]`) + "\n";
}

function run(input: FixtureIn) {
  const reference = input.options?.reference ?? DARAA_AL_BALAD;
  const bandsKm = input.options?.bandsKm ?? DEFAULT_BANDS_KM;
  const bands = bandCounts(input.features, reference, bandsKm);
  const rings = distanceRings(reference, bandsKm);
  const review = input.features.map((f) => {
    const km = exactDistanceKm(f.geometry, reference);
    const row = bands[bandIndex(km, bandsKm)];
    const style = f.geometry.type === "Point" ? { "marker-color": row.color } : { stroke: row.color, fill: row.color, "fill-opacity": 0.1 };
    return {
      type: "Feature",
      properties: { event_id: f.properties.event_id, band: row.label, distance_km_exact: km, distance_km: distanceFrom(f.geometry, reference).km, ...style },
      geometry: f.geometry,
    };
  });
  const centre = {
    type: "Feature",
    properties: { ...reference.properties, role: "reference", "marker-color": "#000000", "marker-symbol": "star" },
    geometry: reference.geometry,
  };
  return { bands, rings, out: { type: "FeatureCollection", bands, features: [centre, ...rings.features, ...review] } };
}

describe("bandCounts and distanceRings (fixtures)", () => {
  for (const file of readdirSync(join(dir, "in")).sort()) {
    it(file, () => {
      const input = JSON.parse(readFileSync(join(dir, "in", file), "utf8")) as FixtureIn;
      expect(incidentIssues(input), "the fixture holds valid incidents").toEqual([]);
      const before = structuredClone(input);

      const { bands, out } = run(input);
      expect(input, "input not mutated").toEqual(before);

      // Every incident in exactly one band; the rows add up to the input.
      expect(bands.reduce((s, r) => s + r.incidents, 0)).toBe(input.features.length);
      expect(bands.reduce((s, r) => s + r.fatalities, 0)).toBe(input.features.reduce((s, f) => s + f.properties.fatalities, 0));
      expect(bands.flatMap((r) => r.ids).sort()).toEqual(input.features.map((f) => f.properties.event_id).sort());

      const outFile = join(dir, "out", file);
      const got = JSON.parse(JSON.stringify(out));
      if (process.env.UPDATE_FIXTURES) writeFileSync(outFile, stringify(got));
      expect(got).toEqual(JSON.parse(readFileSync(outFile, "utf8")));
    });
  }
});

const at = (km: number, bearing: number, from = DARAA_AL_BALAD.geometry.coordinates) =>
  destination(from, km, bearing, { units: "kilometers" }).geometry.coordinates;

const incident = (id: string, geometry: IncidentFeature["geometry"], fatalities = 0, geo_precision: 1 | 2 | 3 = 1) =>
  testIncident({ event_id: id, location: id, fatalities, geo_precision }, geometry);

const labelsOf = (rows: BandRow[]) => Object.fromEntries(rows.filter((r) => r.incidents > 0).map((r) => [r.label, r.ids]));

describe("bandCounts", () => {
  it("has the documented defaults and labels", () => {
    expect(DEFAULT_BANDS_KM).toEqual([5, 10, 25, 50]);
    const rows = bandCounts([]);
    expect(rows.map((r) => r.label)).toEqual(["0–5 km", "5–10 km", "10–25 km", "25–50 km", "50 km +"]);
    expect(rows.map((r) => [r.fromKm, r.toKm])).toEqual([[0, 5], [5, 10], [10, 25], [25, 50], [50, Infinity]]);
    expect(rows.every((r) => r.incidents === 0 && r.fatalities === 0 && r.ids.length === 0)).toBe(true);
  });

  it("puts a distance exactly on an edge in the band that starts there ([from, to))", () => {
    // An edge equal to the exact distance of a point, so the comparison is exact, not approximately 5.
    const p = at(5, 33);
    const d = exactDistanceKm({ type: "Point", coordinates: p });
    const rows = bandCounts([incident("edge", { type: "Point", coordinates: p })], DARAA_AL_BALAD, [d, 2 * d]);
    expect(rows[1].ids).toEqual(["edge"]);
    expect(rows[0].incidents).toBe(0);
    // And the reference itself, 0 km, is in the first band.
    expect(bandIndex(0)).toBe(0);
    expect(bandIndex(5)).toBe(1);
    expect(bandIndex(50)).toBe(4);
    expect(bandIndex(4.999999999999999)).toBe(0); // the double just below 5
  });

  it("uses the exact distance, not the one-decimal figure the list shows", () => {
    const inner = incident("4.96", { type: "Point", coordinates: at(4.96, 0) });
    const outer = incident("5.04", { type: "Point", coordinates: at(5.04, 0) });
    // Both are listed as 5.0 km …
    expect(distanceFrom(inner.geometry).km).toBe(5);
    expect(distanceFrom(outer.geometry).km).toBe(5);
    // … but lie on either side of the 5 km ring.
    expect(labelsOf(bandCounts([inner, outer]))).toEqual({ "0–5 km": ["4.96"], "5–10 km": ["5.04"] });
  });

  it("measures a LineString to its nearest point, not its ends or its middle", () => {
    const road = incident("road", { type: "LineString", coordinates: [at(30, -45), at(30, 45)] }, 3, 2);
    const rows = bandCounts([road]);
    expect(labelsOf(rows)).toEqual({ "10–25 km": ["road"] });
    expect(rows[2].fatalities).toBe(3);
    expect(exactDistanceKm(road.geometry)).toBeCloseTo(30 * Math.cos(Math.PI / 4), 0);
  });

  it("counts region-precision incidents and says how many", () => {
    const region = incident("region", { type: "Polygon", coordinates: [[[35.8, 32.4], [36.6, 32.4], [36.6, 33.2], [35.8, 33.2], [35.8, 32.4]]] }, 7, 3);
    const rows = bandCounts([region, incident("here", DARAA_AL_BALAD.geometry)]);
    expect(rows[0]).toMatchObject({ incidents: 2, fatalities: 7, regionPrecision: 1 });
  });

  it("follows another reference point", () => {
    const tafas = point([36.06654, 32.73709]);
    const rows = bandCounts([incident("tafas", tafas.geometry), incident("balad", DARAA_AL_BALAD.geometry)], tafas);
    expect(labelsOf(rows)).toEqual({ "0–5 km": ["tafas"], "10–25 km": ["balad"] });
  });

  it("rejects bands that are not positive and strictly ascending, and a reference that is not a point", () => {
    for (const bad of [[10, 5], [5, 5], [0, 5], [-1], [Number.NaN], [5, Infinity]]) expect(() => bandCounts([], DARAA_AL_BALAD, bad)).toThrow(/strictly ascending/);
    expect(() => bandCounts([], { type: "Feature", properties: {}, geometry: { type: "LineString", coordinates: [] } } as unknown as Feature<Point>)).toThrow(/Feature<Point>/);
  });

  it("the real dataset at the default bands (printed)", () => {
    const fc = JSON.parse(readFileSync("geodata/incidents.geojson", "utf8")) as IncidentCollection;
    const rows = bandCounts(fc.features);
    expect(rows.reduce((s, r) => s + r.incidents, 0)).toBe(fc.features.length);
    expect(rows.reduce((s, r) => s + r.fatalities, 0)).toBe(fc.features.reduce((s, f) => s + f.properties.fatalities, 0));
    const table = rows.map((r) => `${r.label.padEnd(9)} ${String(r.incidents).padStart(3)} incidents (${r.regionPrecision} region-only) ${String(r.fatalities).padStart(3)} fatalities  ${r.ids.join(" ")}`);
    console.log(`Bands around ${DARAA_AL_BALAD.properties.name}, geodata/incidents.geojson:\n${table.join("\n")}`);
  });
});

describe("distanceRings", () => {
  it("draws one Turf circle per band edge, every vertex at the band's distance", () => {
    const rings = distanceRings(DARAA_AL_BALAD);
    expect(rings.features.map((f) => f.properties.label)).toEqual(["5 km", "10 km", "25 km", "50 km"]);
    for (const ring of rings.features) {
      const coords = ring.geometry.coordinates[0];
      expect(coords).toHaveLength(65);
      expect(coords[0]).toEqual(coords[64]);
      for (const c of coords) expect(distance(DARAA_AL_BALAD.geometry.coordinates, c, { units: "kilometers" })).toBeCloseTo(ring.properties.km, 6);
      expect(ring.properties).toMatchObject({ "fill-opacity": 0 });
      expect(ring.properties.stroke).toMatch(/^#[0-9a-f]{6}$/);
    }
  });

  it("takes steps and other bands, and never shares or changes the reference's properties", () => {
    const reference = structuredClone(DARAA_AL_BALAD);
    const rings = distanceRings(reference, [2.5], { steps: 8 });
    expect(rings.features).toHaveLength(1);
    expect(rings.features[0].properties).toMatchObject({ km: 2.5, label: "2.5 km" });
    expect(rings.features[0].geometry.coordinates[0]).toHaveLength(9);
    expect(rings.features[0].properties).not.toBe(reference.properties);
    expect(reference).toEqual(DARAA_AL_BALAD);
    expect(distanceRings(reference, []).features).toEqual([]);
    expect(() => distanceRings(reference, [5], { steps: 2 })).toThrow(/steps/);
  });
});
