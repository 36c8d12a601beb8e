// The division of a point from its nearest GeoNames place (lib/geocode/world/divisions.ts), over the real
// world gazetteer: cases in tests/fixtures/geocode/point-divisions.json, positions read from OpenStreetMap.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { defaultWorld } from "@/lib/geocode/world";
import { divisionOfPoint, type PointDivision } from "@/lib/geocode/world/divisions";

interface Case { why: string; at: [number, number]; expected: PointDivision | null }
const cases = JSON.parse(readFileSync(join(__dirname, "../fixtures/geocode/point-divisions.json"), "utf8")) as Case[];

describe("divisionOfPoint", () => {
  beforeAll(() => void defaultWorld().places(), 120_000);

  it.each(cases.map((c) => [c.why, c] as const))("%s", (_, c) => {
    expect(divisionOfPoint(defaultWorld().places(), c.at[0], c.at[1])).toEqual(c.expected);
  });

  it.each([[NaN, 0], [0, Infinity], [181, 10], [10, -91]])("answers null for the impossible point %s, %s", (lng, lat) => {
    expect(divisionOfPoint(defaultWorld().places(), lng, lat)).toBeNull();
  });
});
