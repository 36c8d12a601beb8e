import { describe, expect, it } from "vitest";
import { datasetFrame, incidentsFrame, rememberIncidentsFrame, unionFrame } from "@/lib/dataset/frame";
import { buildPlaced } from "@/lib/columns/build";
import { synthesizeIncidents } from "@/lib/build/synth";
import type { IncidentFeature } from "@/lib/incident/model";
import { columnsAndFrameOf } from "@/components/import/columns";
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

describe("incidentsFrame", () => {
  it("is datasetFrame of the anchors, worked out once per array", () => {
    const incidents = [{ anchor: [36, 32] }, { anchor: [36.5, 32.5] }, { anchor: [37, 33] }];
    const frame = incidentsFrame(incidents);
    expect(frame).toEqual(datasetFrame(null, incidents.map((p) => p.anchor)));
    incidents[0].anchor = [0, 0]; // not looked at again
    expect(incidentsFrame(incidents)).toBe(frame);
    expect(incidentsFrame([])).toBeNull();
  });

  it("takes the frame the import worker sends, which is the one the page would work out", () => {
    const towns = [{ name: "Dar'a", lng: 36.10628, lat: 32.61889, population: 97969, admin1: "Daraa" }, { name: "Aleppo", lng: 37.16117, lat: 36.20124, population: 1602264, admin1: "Aleppo" }];
    const features = synthesizeIncidents({ count: 400, seed: 3, towns }).features as IncidentFeature[];
    // One far off, left out of the frame and counted.
    features[7] = { ...features[7], geometry: { type: "Point", coordinates: [-70, -30] } };
    const { columns, frame } = columnsAndFrameOf(features);
    const onPage = buildPlaced(columns);
    expect(frame).toEqual(incidentsFrame(buildPlaced(columns)));
    expect(frame!.outliers).toBe(1);
    rememberIncidentsFrame(onPage, { bbox: [1, 2, 3, 4], outliers: 0 });
    expect(incidentsFrame(onPage)).toEqual({ bbox: [1, 2, 3, 4], outliers: 0 });
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
