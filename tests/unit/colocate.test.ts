import { describe, expect, it } from "vitest";
import { fanOffset, MARKER_SIZE, stackPositions } from "@/lib/display/colocate";

describe("co-located incidents", () => {
  it("numbers the members of each stack", () => {
    const pts = [[36.1, 32.6], [36.0, 32.7], [36.1, 32.6], [36.1000000001, 32.6]];
    expect(stackPositions(pts, (p) => p)).toEqual([[0, 3], [0, 1], [1, 3], [2, 3]]);
  });
  it("leaves a lone marker where it is", () => {
    expect(fanOffset(0, 1)).toEqual([0, 0]);
  });
  it.each([2, 3, 5, 8, 10, 11, 40, 300, 1000])("fans a stack of %i so no two markers are closer than a marker's width", (n) => {
    const offsets = Array.from({ length: n }, (_, i) => fanOffset(i, n));
    let closest = Infinity;
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) closest = Math.min(closest, Math.hypot(offsets[i][0] - offsets[j][0], offsets[i][1] - offsets[j][1]));
    expect(closest).toBeGreaterThanOrEqual(MARKER_SIZE);
  });
});
