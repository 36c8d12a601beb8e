// Fixture-driven, as Turf's own tests are: tests/fixtures/distance/in/*.geojson through distanceFrom,
// compared with out/*.json. UPDATE_FIXTURES=1 rewrites the expected files, to be reviewed as a diff.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { distance } from "@turf/turf";
import { distanceFrom, roundKm } from "@/lib/incident/distance";
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

describe("distanceFrom", () => {
  it("measures a point with Turf's haversine distance, one decimal", () => {
    const west: [number, number] = [35.99088, 32.73655];
    const expected = roundKm(distance(DARAA_AL_BALAD.geometry.coordinates, west, { units: "kilometers" }));
    expect(distanceFrom({ type: "Point", coordinates: west })).toEqual({ km: expected, to: "point" });
  });

  it("measures a line to its nearest point, which is nearer than either end", () => {
    const line = { type: "LineString" as const, coordinates: [[36.0, 32.7], [36.2, 32.7]] };
    const d = distanceFrom(line);
    expect(d.to).toBe("nearest point of line");
    const ends = line.coordinates.map((c) => distance(DARAA_AL_BALAD.geometry.coordinates, c));
    expect(d.km).toBeLessThan(Math.min(...ends));
    expect(d.km).toBeCloseTo(9.8, 0);
  });

  it("accepts another reference point", () => {
    const ref = { type: "Feature" as const, properties: {}, geometry: { type: "Point" as const, coordinates: [36, 32.7] } };
    expect(distanceFrom({ type: "Point", coordinates: [36, 32.7] }, ref).km).toBe(0);
  });
});
