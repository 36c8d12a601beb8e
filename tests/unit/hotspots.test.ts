// Hotspots (lib/analysis/hotspots.ts).
//
// Fixture-driven, as Turf's own tests are: each tests/fixtures/hotspots/in/*.geojson is a FeatureCollection
// of incidents (optionally with a foreign member `options: { radiusKm?, minPoints? }`), run through
// `hotspots` and compared with out/ of the same name. An out file is a FeatureCollection a reviewer can open
// in any GeoJSON viewer: first the hotspot polygons exactly as `hotspots` returns them, then every input
// incident (its own geometry) coloured by its fate: the hotspot's colour for members, dark grey for noise,
// light grey for excluded (region precision). `noise` and `excluded` are foreign members.
// UPDATE_FIXTURES=1 rewrites the out files, to be reviewed as a diff.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { booleanPointInPolygon, clustersDbscan as turfClustersDbscan, destination, distance, featureCollection, point } from "@turf/turf";
import type { Position } from "geojson";
import {
  DEFAULT_HOTSPOT_OPTIONS,
  REGION_PRECISION_NOTE,
  hotspots,
  hotspotsFromClusters,
  packAnchors,
  type HotspotOptions,
  type HotspotResult,
} from "@/lib/analysis/hotspots";
import { dbscanCoordinates } from "@/lib/analysis/dbscan";
import { markerAnchor } from "@/lib/incident/anchor";
import { incidentIssues } from "@/lib/incident/validate";
import type { IncidentCollection, IncidentFeature } from "@/lib/incident/model";
import { incident as testIncident } from "../support/incidents";

const dir = "tests/fixtures/hotspots";

type FixtureIn = IncidentCollection & { options?: HotspotOptions };

/** JSON with each [lng, lat] on one line, so out files stay readable and their diffs short. */
function stringify(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/\[\s+(-?[\d.eE+-]+(?:,\s+-?[\d.eE+-]+)*)\s+\]/g, (_m, inner: string) => `[${inner.split(/,\s+/).join(", ")}]`) + "\n";
}

function review(input: IncidentCollection, result: HotspotResult) {
  const hotspotOf = new Map<string, string>();
  for (const h of result.hotspots.features) for (const id of h.properties.event_ids) hotspotOf.set(id, h.properties.id);
  const noise = new Set(result.noise);
  return input.features.map((f) => {
    const id = f.properties.event_id;
    const role = hotspotOf.has(id) ? `member of ${hotspotOf.get(id)}` : noise.has(id) ? "noise" : "excluded (geo_precision 3)";
    const color = hotspotOf.has(id) ? "#6a3d9a" : noise.has(id) ? "#555555" : "#bbbbbb";
    const style = f.geometry.type === "Point" ? { "marker-color": color, "marker-size": "small" } : { stroke: color, fill: color, "fill-opacity": 0.05 };
    return { type: "Feature", properties: { event_id: id, role, ...style }, geometry: f.geometry };
  });
}

/** Invariants every result must keep, whatever the input. */
function expectSound(input: readonly IncidentFeature[], result: HotspotResult) {
  const byId = new Map(input.map((f) => [f.properties.event_id, f]));
  const clustered = result.hotspots.features.flatMap((h) => h.properties.event_ids);
  // Every incident in exactly one of: a hotspot, noise, excluded.
  expect([...clustered, ...result.noise, ...result.excluded].sort()).toEqual(input.map((f) => f.properties.event_id).sort());
  // Excluded is exactly the region-precision incidents, and none of them is in a hotspot.
  expect(result.excluded).toEqual(input.filter((f) => f.properties.geo_precision === 3).map((f) => f.properties.event_id));
  for (const id of clustered) expect(byId.get(id)!.properties.geo_precision, id).not.toBe(3);
  result.hotspots.features.forEach((h, i) => {
    const p = h.properties;
    const members = p.event_ids.map((id) => byId.get(id)!);
    expect(p.id).toBe(`H${i + 1}`);
    expect(p.count).toBe(members.length);
    expect(p.fatalities).toBe(members.reduce((s, f) => s + f.properties.fatalities, 0));
    expect(p.geo_precision).toBe(Math.max(...members.map((f) => f.properties.geo_precision)));
    expect(p.undated).toBe(members.filter((f) => f.properties.event_date === null).length);
    // The outline holds every member's anchor (boundary included).
    for (const f of members) expect(booleanPointInPolygon(markerAnchor(f.geometry), h.geometry), `${p.id} holds ${f.properties.event_id}`).toBe(true);
    // A closed ring.
    const ring = h.geometry.coordinates[0];
    expect(ring[0]).toEqual(ring[ring.length - 1]);
  });
}

describe("hotspots (fixtures)", () => {
  for (const file of readdirSync(join(dir, "in")).sort()) {
    it(file, () => {
      const input = JSON.parse(readFileSync(join(dir, "in", file), "utf8")) as FixtureIn;
      expect(incidentIssues(input), "the fixture holds valid incidents").toEqual([]);
      const before = structuredClone(input);

      const result = hotspots(input.features, input.options);
      expect(input, "input not mutated").toEqual(before);
      expectSound(input.features, result);

      const out = {
        type: "FeatureCollection",
        ...(input.options ? { options: input.options } : {}),
        noise: result.noise,
        excluded: result.excluded,
        features: [...result.hotspots.features, ...review(input, result)],
      };
      const outFile = join(dir, "out", file);
      const got = JSON.parse(JSON.stringify(out));
      if (process.env.UPDATE_FIXTURES) writeFileSync(outFile, stringify(got));
      expect(got).toEqual(JSON.parse(readFileSync(outFile, "utf8")));
    });
  }
});

const fixture = (name: string) => JSON.parse(readFileSync(join(dir, "in", `${name}.geojson`), "utf8")) as FixtureIn;

const incident = (id: string, coordinates: Position, extra: Partial<IncidentFeature["properties"]> = {}) =>
  testIncident({ event_id: id, location: id, ...extra }, coordinates);

describe("hotspots", () => {
  it("has the documented defaults", () => {
    expect(DEFAULT_HOTSPOT_OPTIONS).toEqual({ radiusKm: 2, minPoints: 3 });
    expect(Object.isFrozen(DEFAULT_HOTSPOT_OPTIONS)).toBe(true);
    expect(REGION_PRECISION_NOTE).toMatch(/geo_precision 3/);
  });

  it("empty input: nothing", () => {
    expect(hotspots([])).toEqual({ hotspots: { type: "FeatureCollection", features: [] }, noise: [], excluded: [] });
  });

  it("one point is noise", () => {
    expect(hotspots([incident("a", [36.1, 32.6])])).toMatchObject({ hotspots: { features: [] }, noise: ["a"], excluded: [] });
  });

  it("identical points: a circle of radiusKm / 2 (or a little more, so it circumscribes), span and undated", () => {
    const { hotspots: fc } = hotspots(fixture("identical-points").features);
    expect(fc.features).toHaveLength(1);
    const h = fc.features[0];
    expect(h.properties).toMatchObject({ id: "H1", count: 4, fatalities: 6, from: "2021-07-29", to: "2021-09-01", undated: 1, outline: "circle", geo_precision: 2 });
    expect(h.properties.precision_note).toMatch(/1 undated incident is counted but not in the date span/);
    const centre = [36.100833, 32.612222];
    for (const c of h.geometry.coordinates[0]) {
      const d = distance(centre, c, { units: "kilometers" });
      expect(d).toBeGreaterThanOrEqual(1);
      expect(d).toBeLessThan(1.002);
    }
  });

  it("with no dated member, the span is null", () => {
    const pts = [1, 2, 3].map((i) => incident(`u${i}`, [36.1, 32.6], { event_date: null }));
    expect(hotspots(pts).hotspots.features[0].properties).toMatchObject({ from: null, to: null, undated: 3, count: 3 });
  });

  it("two distinct positions: a circle around their midpoint that holds both, even exactly radiusKm apart", () => {
    const a: Position = [36.1, 32.6];
    const b = destination(a, 2, 77, { units: "kilometers" }).geometry.coordinates;
    // Exactly at the radius: DBSCAN counts it a neighbour (<=), so both must be inside, not on a chord.
    const radiusKm = distance(a, b, { units: "kilometers" });
    const result = hotspots([incident("a", a), incident("b", b)], { radiusKm, minPoints: 2 });
    expect(result.hotspots.features).toHaveLength(1);
    const h = result.hotspots.features[0];
    expect(h.properties.outline).toBe("circle");
    for (const p of [a, b]) expect(booleanPointInPolygon(p, h.geometry, { ignoreBoundary: true })).toBe(true);
  });

  it("three or more distinct positions: the convex hull, wound counter-clockwise (RFC 7946)", () => {
    const { hotspots: fc } = hotspots(fixture("linestring").features);
    expect(fc.features.map((h) => [h.properties.outline, h.properties.event_ids])).toEqual([["convex hull", ["FIX-H-021", "FIX-H-022", "FIX-H-023"]]]);
    const ring = fc.features[0].geometry.coordinates[0];
    let twiceArea = 0;
    for (let i = 0; i < ring.length - 1; i++) twiceArea += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
    expect(twiceArea).toBeGreaterThan(0);
    expect(fc.features[0].properties.precision_note).toMatch(/1 road incident is placed at the middle of the road/);
  });

  it("three or more positions on one line: a circle reaching both ends, wider than radiusKm / 2", () => {
    const { hotspots: fc } = hotspots(fixture("collinear").features);
    expect(fc.features.map((h) => h.properties.outline)).toEqual(["circle"]);
    const ends = fixture("collinear").features.map((f) => f.geometry.coordinates as Position);
    const centre: Position = [36.2, (ends[0][1] + ends[2][1]) / 2];
    for (const c of fc.features[0].geometry.coordinates[0]) expect(distance(centre, c, { units: "kilometers" })).toBeGreaterThan(1.8);
  });

  it("a region-precision incident on a precise cluster is excluded, not merged, and does not make up a cluster", () => {
    const result = hotspots(fixture("region-next-to-cluster").features);
    expect(result.hotspots.features.map((h) => h.properties.event_ids)).toEqual([["FIX-H-031", "FIX-H-032", "FIX-H-033"]]);
    expect(result.excluded).toEqual(["FIX-H-034", "FIX-H-035", "FIX-H-038"]);
    expect(result.noise).toEqual(["FIX-H-036", "FIX-H-037"]);
    // Had they been clustered, Tafas would have made a hotspot of three and al-Balad one of five.
    const all = fixture("region-next-to-cluster").features.map((f) => ({ ...f, properties: { ...f.properties, geo_precision: 1 as const } }));
    expect(hotspots(all).hotspots.features.map((h) => h.properties.count)).toEqual([5, 3]);
  });

  it("changing the radius regroups (no state kept between calls)", () => {
    const muzayrib: Position = [36.02751, 32.71084];
    const pts = [0, 1, 2].map((i) => incident(`m${i}`, destination(muzayrib, 3 * i, 90, { units: "kilometers" }).geometry.coordinates));
    expect(hotspots(pts).hotspots.features).toHaveLength(0);
    expect(hotspots(pts, { radiusKm: 3.5 }).hotspots.features.map((h) => h.properties.count)).toEqual([3]);
    expect(hotspots(pts).noise).toEqual(["m0", "m1", "m2"]);
  });

  it("clusters exactly as Turf's clustersDbscan on the marker anchors", () => {
    const fc = JSON.parse(readFileSync("geodata/incidents.geojson", "utf8")) as IncidentCollection;
    for (const radiusKm of [0.5, 2, 5, 15]) {
      const candidates = fc.features.filter((f) => f.properties.geo_precision !== 3);
      const turf = turfClustersDbscan(featureCollection(candidates.map((f) => point(markerAnchor(f.geometry), { id: f.properties.event_id }))), radiusKm, { minPoints: 3 });
      const groups = new Map<number, string[]>();
      for (const p of turf.features) if (p.properties.cluster !== undefined) groups.set(p.properties.cluster, [...(groups.get(p.properties.cluster) ?? []), p.properties.id]);
      const ours = hotspots(fc.features, { radiusKm });
      expect(ours.hotspots.features.map((h) => h.properties.event_ids), `radius ${radiusKm}`).toEqual([...groups.values()]);
    }
  });

  it("the packed path (for a worker) gives the same answer", () => {
    const fc = JSON.parse(readFileSync("geodata/incidents.geojson", "utf8")) as IncidentCollection;
    const packed = packAnchors(fc.features);
    const result = dbscanCoordinates(packed.coords, 2, { units: "kilometers", minPoints: 3 });
    expect(hotspotsFromClusters(fc.features, packed, result, { radiusKm: 2 })).toEqual(hotspots(fc.features));
  });

  it("rejects options a slider should never produce", () => {
    expect(() => hotspots([], { radiusKm: 0 })).toThrow(/radiusKm/);
    expect(() => hotspots([], { radiusKm: Number.NaN })).toThrow(/radiusKm/);
    expect(() => hotspots([], { minPoints: 0 })).toThrow(/minPoints/);
    expect(() => hotspots([], { minPoints: 2.5 })).toThrow(/minPoints/);
  });

  it("the real dataset at the default settings (printed)", () => {
    const fc = JSON.parse(readFileSync("geodata/incidents.geojson", "utf8")) as IncidentCollection;
    const before = structuredClone(fc);
    const result = hotspots(fc.features);
    expect(fc).toEqual(before);
    expectSound(fc.features, result);
    const byId = new Map(fc.features.map((f) => [f.properties.event_id, f]));
    const places = (ids: readonly string[]) => {
      const count = new Map<string, number>();
      for (const id of ids) {
        const name = String(byId.get(id)!.properties.place_name ?? byId.get(id)!.properties.location);
        count.set(name, (count.get(name) ?? 0) + 1);
      }
      return [...count].map(([name, n]) => `${name} ×${n}`).join(", ");
    };
    const lines = result.hotspots.features.map((h) => {
      const p = h.properties;
      return `${p.id}  ${p.count} incidents  ${p.fatalities} fatalities  ${p.from ?? "?"} – ${p.to ?? "?"}${p.undated ? ` (+${p.undated} undated)` : ""}  ${p.outline}  [${places(p.event_ids)}]\n    ${p.precision_note}`;
    });
    console.log(
      `Hotspots, geodata/incidents.geojson, radiusKm ${DEFAULT_HOTSPOT_OPTIONS.radiusKm}, minPoints ${DEFAULT_HOTSPOT_OPTIONS.minPoints}:\n${lines.join("\n")}\n` +
        `noise (${result.noise.length}): ${result.noise.join(" ")}  [${places(result.noise)}]\n` +
        `excluded, geo_precision 3 (${result.excluded.length}): ${result.excluded.join(" ")}  [${places(result.excluded)}]`,
    );
  });
});
