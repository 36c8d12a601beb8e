import { describe, expect, it } from "vitest";
import { roundCoordinate, roundDecimals, roundGeometry } from "@/lib/geo/round";

describe("roundCoordinate", () => {
  it("keeps six decimals, half away from zero as Math.round does", () => {
    expect(roundCoordinate(36.1008334)).toBe(36.100833);
    expect(roundCoordinate(36.1008335)).toBe(36.100834);
    expect(roundCoordinate(-0.0000004)).toBe(0);
    expect(Object.is(roundCoordinate(-0), 0)).toBe(true);
  });
  it("is safe to pass to Array.map (the index is not a precision)", () => {
    expect([32.1234567, 36.7654321].map(roundCoordinate)).toEqual([32.123457, 36.765432]);
  });
  it("rounds to other precisions when asked", () => {
    expect(roundDecimals(36.100833, 4)).toBe(36.1008);
    expect(Object.is(roundDecimals(-0.00001, 4), 0)).toBe(true);
  });
});

describe("roundGeometry", () => {
  it("rounds every position and keeps only type and coordinates", () => {
    const line = { type: "LineString" as const, bbox: [0, 0, 1, 1] as [number, number, number, number], coordinates: [[36.1234567, 32.7654321], [36.2, 32.8]] };
    expect(roundGeometry(line)).toEqual({ type: "LineString", coordinates: [[36.123457, 32.765432], [36.2, 32.8]] });
    expect(line.coordinates[0][0]).toBe(36.1234567);
  });
});
