// What a saved dataset's owner may store as its description (lib/dataset/stored-description.ts): what is
// kept of a feature, and the limits that keep a description small, each refusal naming the field and the value.
import { describe, expect, it } from "vitest";
import { DESCRIPTION_LIMITS, describedBy, readStoredDescription } from "@/lib/dataset/stored-description";
import { readDescription } from "@/lib/dataset/description";

const point = (lng: number, lat: number, properties: Record<string, unknown> | null = {}) => ({ type: "Feature", geometry: { type: "Point", coordinates: [lng, lat] }, properties });
const layer = (features: unknown[], name = "Places") => ({ name, data: { type: "FeatureCollection", features } });
const described = (contextLayers: unknown[]) => ({ reference: null, defaultView: null, contextLayers });

describe("readStoredDescription", () => {
  it("keeps a feature's geometry and its name only, drops an altitude, trims names", () => {
    const d = readStoredDescription({
      reference: { name: "  Bridge ", coordinates: [36.1, 32.6, 410] },
      defaultView: [35, 32, 37, 33],
      contextLayers: [layer([point(36, 32, { name: "A", onclick: "<script>", fill: "red" }), point(36.5, 32.5, null)])],
    });
    expect(d.reference).toEqual({ name: "Bridge", coordinates: [36.1, 32.6] });
    expect(d.contextLayers[0].data.features.map((f) => f.properties)).toEqual([{ name: "A" }, {}]);
    // Served as area layers, which the page's reader takes as they are.
    const served = describedBy("Notes", d);
    expect(readDescription(JSON.parse(JSON.stringify(served)))).toEqual(served);
    expect(served.contextLayers.map((l) => [l.id, l.kind])).toEqual([["layer-1", "area"]]);
  });

  it("holds at most its layers, features and positions, naming the field", () => {
    const one = layer([point(1, 1)]);
    expect(() => readStoredDescription(described(Array(DESCRIPTION_LIMITS.layers).fill(one)))).not.toThrow();
    expect(() => readStoredDescription(described(Array(DESCRIPTION_LIMITS.layers + 1).fill(one)))).toThrow(/^contextLayers: must be at most 8 layers/);
    const many = Array.from({ length: DESCRIPTION_LIMITS.features + 1 }, (_, i) => point(i / 1000, 0));
    expect(() => readStoredDescription(described([layer(many.slice(0, -1))]))).not.toThrow();
    expect(() => readStoredDescription(described([layer(many)]))).toThrow(/^contextLayers: must hold at most 2000 features in all/);
    const line = (n: number) => ({ type: "Feature", properties: {}, geometry: { type: "LineString", coordinates: Array.from({ length: n }, (_, i) => [i / 1e5, 0]) } });
    expect(() => readStoredDescription(described([layer([line(DESCRIPTION_LIMITS.positions)])]))).not.toThrow();
    expect(() => readStoredDescription(described([layer([line(DESCRIPTION_LIMITS.positions + 1)])]))).toThrow(/^contextLayers: must hold at most 50000 positions in all/);
  });

  it("refuses a ring that does not close, a view upside down, a point off the globe, a layer without a name", () => {
    const ring = { type: "Feature", properties: {}, geometry: { type: "Polygon", coordinates: [[[0, 0], [1, 0], [1, 1], [0, 2]]] } };
    expect(() => readStoredDescription(described([layer([ring])]))).toThrow(/^contextLayers\[0\]\.data\.features\[0\]\.geometry\.coordinates\[0\]: must end where it starts \(value: \[\[0,0\]/);
    expect(() => readStoredDescription({ ...described([]), defaultView: [37, 32, 35, 33] })).toThrow(/^defaultView: .*\(value: \[37,32,35,33\]\)/);
    expect(() => readStoredDescription(described([layer([point(0, 91)])]))).toThrow(/^contextLayers\[0\]\.data\.features\[0\]\.geometry\.coordinates\[1\]/);
    expect(() => readStoredDescription(described([layer([point(0, 0)], " ")]))).toThrow(/^contextLayers\[0\]\.name: must not be empty/);
  });
});
