import { describe, expect, it } from "vitest";
import { bboxContains, bboxesIntersect, bboxWithin, geometryBbox, parseBbox, unionBbox } from "@/lib/geo/bbox";

describe("bbox", () => {
  it("parses west,south,east,north and names the rule a bad value breaks (the API's error names the value)", () => {
    expect(parseBbox("35.8,32.3,36.6,33.2")).toEqual([35.8, 32.3, 36.6, 33.2]);
    expect(() => parseBbox("1,2,3")).toThrow(/four decimal numbers/);
    expect(() => parseBbox("36,33,35,32")).toThrow(/west ≤ east/);
    expect(() => parseBbox("1,2,3,1e400")).toThrow(/four decimal numbers/);
    // Number() reads these as 0 or as hex; a bbox never does.
    for (const bad of [",,,", "35,,37,", "0x23,0x20,0x24,0x21", "35, 32,37,33", "+35,32,37,33"]) expect(() => parseBbox(bad), bad).toThrow(/four decimal numbers/);
  });
  it("intersects on shared edges, not when apart", () => {
    expect(bboxesIntersect([0, 0, 1, 1], [1, 1, 2, 2])).toBe(true);
    expect(bboxesIntersect([0, 0, 1, 1], [1.1, 0, 2, 1])).toBe(false);
  });
  it("unions boxes; none gives null", () => {
    expect(unionBbox([[0, 0, 1, 1], [-1, 0.5, 0.5, 2]])).toEqual([-1, 0, 1, 2]);
    expect(unionBbox([])).toBeNull();
  });
  it("boxes every kind of geometry, and holds its own positions", () => {
    expect(geometryBbox({ type: "Point", coordinates: [36.1, 32.6] })).toEqual([36.1, 32.6, 36.1, 32.6]);
    const area = { type: "MultiPolygon" as const, coordinates: [[[[36, 32], [36.5, 32], [36.5, 33], [36, 32]]], [[[35, 32.5], [35.2, 32.5], [35.2, 32.9], [35, 32.5]]]] };
    expect(geometryBbox(area)).toEqual([35, 32, 36.5, 33]);
    expect(bboxContains(geometryBbox(area), [35, 33])).toBe(true);
    expect(bboxContains(geometryBbox(area), [34.99, 33])).toBe(false);
  });
});

describe("bboxWithin", () => {
  it("holds a box wholly inside, edges included, and nothing that crosses an edge", () => {
    expect(bboxWithin([0, 0, 10, 10], [1, 1, 9, 9])).toBe(true);
    expect(bboxWithin([0, 0, 10, 10], [0, 0, 10, 10])).toBe(true);
    expect(bboxWithin([0, 0, 10, 10], [5, 5, 11, 9])).toBe(false);
    expect(bboxWithin([0, 0, 10, 10], [-1, 1, 9, 9])).toBe(false);
  });
});
