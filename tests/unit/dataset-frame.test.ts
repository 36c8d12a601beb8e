import { describe, expect, it } from "vitest";
import { datasetFrame, unionFrame } from "@/lib/dataset/frame";
import { referenceInForce } from "@/lib/dataset/reference";

describe("datasetFrame and unionFrame", () => {
  it("a declared default view wins over the incidents' extent", () => {
    expect(datasetFrame({ defaultView: [1, 2, 3, 4] }, [[50, 50]])).toEqual({ bbox: [1, 2, 3, 4], outliers: 0 });
    expect(datasetFrame({ defaultView: null }, [[50, 50], [51, 51]])).toEqual({ bbox: [50, 50, 51, 51], outliers: 0 });
    expect(datasetFrame(null, [])).toBeNull();
  });
  it("several datasets frame the union of theirs, and their far-off incidents add up", () => {
    expect(unionFrame([{ bbox: [0, 0, 1, 1], outliers: 2 }, null, { bbox: [-5, 3, 0.5, 4], outliers: 1 }])).toEqual({ bbox: [-5, 0, 1, 4], outliers: 3 });
    expect(unionFrame([null])).toBeNull();
  });
});

describe("referenceInForce", () => {
  const balad = { name: "Daraa al-Balad", coordinates: [36.100833, 32.612222] as [number, number] };
  it("is none when neither the user nor an open dataset sets one", () => {
    expect(referenceInForce(null, null, [null, null])).toBeNull();
  });
  it("is the first open dataset's own, else the user's, named by the place searched or by its coordinates", () => {
    expect(referenceInForce(null, null, [null, balad])).toMatchObject({ geometry: { coordinates: balad.coordinates }, properties: { name: "Daraa al-Balad" } });
    expect(referenceInForce([36.8219, -1.2921], "Nairobi", [balad])?.properties.name).toBe("Nairobi");
    expect(referenceInForce([36.2, 32.7], null, [balad])?.properties.name).toBe("32.7000° N, 36.2000° E");
  });
});
