// Fixture-driven, as Turf's own tests are: tests/fixtures/distance/in/*.geojson through distanceFrom,
// compared with out/*.json. UPDATE_FIXTURES=1 rewrites the expected files, to be reviewed as a diff.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { distanceFrom, exactDistanceKm } from "@/lib/incident/distance";
import { DARAA_AL_BALAD } from "@/lib/incident/reference";
import type { IncidentFeature } from "@/lib/incident/model";

const dir = "tests/fixtures/distance";

describe("distanceFrom (fixtures)", () => {
  for (const file of readdirSync(join(dir, "in")).sort()) {
    it(file, () => {
      const feature = JSON.parse(readFileSync(join(dir, "in", file), "utf8")) as IncidentFeature;
      const got = distanceFrom(feature.geometry);
      const outFile = join(dir, "out", file.replace(/\.geojson$/, ".json"));
      if (process.env.UPDATE_FIXTURES) writeFileSync(outFile, JSON.stringify(got, null, 2) + "\n");
      expect(got).toEqual(JSON.parse(readFileSync(outFile, "utf8")));
    });
  }
});

// Expected values that cannot come from the code under test: Turf's `distance` is the haversine
// great-circle distance on a sphere of radius 6371.0088 km (the IUGG mean radius), so the references below
// are that spherical geometry written out here, and one published great-circle figure.
const R = 6371.0088;
const RAD = Math.PI / 180;
const at = (coordinates: number[]) => ({ type: "Feature" as const, properties: {}, geometry: { type: "Point" as const, coordinates } });

describe("distanceFrom", () => {
  it("measures a point by the haversine formula, to one decimal", () => {
    const [[λ1, φ1], [λ2, φ2]] = [DARAA_AL_BALAD.geometry.coordinates, [35.99088, 32.73655]].map(([x, y]) => [x * RAD, y * RAD]);
    // hav(d / R) = hav(Δφ) + cos φ1 · cos φ2 · hav(Δλ), with hav(θ) = sin²(θ / 2)
    const h = Math.sin((φ2 - φ1) / 2) ** 2 + Math.cos(φ1) * Math.cos(φ2) * Math.sin((λ2 - λ1) / 2) ** 2;
    const km = 2 * R * Math.asin(Math.sqrt(h));
    expect(km).toBeCloseTo(17.23, 2);
    expect(exactDistanceKm({ type: "Point", coordinates: [35.99088, 32.73655] })).toBeCloseTo(km, 9);
    expect(distanceFrom({ type: "Point", coordinates: [35.99088, 32.73655] })).toEqual({ km: Math.round(km * 10) / 10, to: "point" });
  });

  it("measures along a meridian as the arc R · Δφ", () => {
    // 0.1° of latitude due north of Daraa al-Balad: 6371.0088 · 0.1 · π / 180 = 11.1195 km.
    const [lng, lat] = DARAA_AL_BALAD.geometry.coordinates;
    expect(exactDistanceKm({ type: "Point", coordinates: [lng, lat + 0.1] })).toBeCloseTo(R * 0.1 * RAD, 9);
  });

  it("agrees with a published great-circle distance: LAX to JFK, 0.623585 rad", () => {
    // Ed Williams, Aviation Formulary, worked example: LAX 33°57′N 118°24′W, JFK 40°38′N 73°47′W,
    // d = 0.623585 radians (2144 nm). Published to six decimals, so the tolerance is half the last digit,
    // 5e-7 rad (3 m); the figure is an angle, so it checks the formula, not the choice of radius.
    const km = exactDistanceKm({ type: "Point", coordinates: [-(73 + 47 / 60), 40 + 38 / 60] }, at([-(118 + 24 / 60), 33 + 57 / 60]));
    expect(Math.abs(km / R - 0.623585)).toBeLessThan(5e-7);
  });

  it("measures a line to its nearest point: the cross-track distance to a meridian", () => {
    // A point at latitude φ lies R · asin(cos φ · sin Δλ) from the meridian Δλ east of it (its distance from
    // the meridian's plane); the foot of that perpendicular (near 32.61° N) lies inside the segment.
    const line = { type: "LineString" as const, coordinates: [[36.2, 32.5], [36.2, 32.8]] };
    const [lng, lat] = DARAA_AL_BALAD.geometry.coordinates;
    const km = R * Math.asin(Math.cos(lat * RAD) * Math.sin((36.2 - lng) * RAD));
    expect(km).toBeCloseTo(9.29, 2);
    expect(exactDistanceKm(line)).toBeCloseTo(km, 6);
    expect(distanceFrom(line)).toEqual({ km: 9.3, to: "nearest point of line" });
  });

  it("is 0 inside an area, and says it measured to the area", () => {
    const area = { type: "Polygon" as const, coordinates: [[[36, 32.5], [36.2, 32.5], [36.2, 32.7], [36, 32.7], [36, 32.5]]] };
    expect(distanceFrom(area)).toEqual({ km: 0, to: "nearest point of area" });
  });

  it("accepts another reference point", () => {
    expect(distanceFrom({ type: "Point", coordinates: [36, 32.7] }, at([36, 32.7])).km).toBe(0);
  });
});
