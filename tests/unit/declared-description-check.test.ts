// A declared description's layer files get the whole GeoJSON check on the server (geojson-validation), not
// only the page's lighter one (lib/incident/shape.ts): an unclosed ring, which Leaflet would draw, is refused.
import { describe, expect, it, vi } from "vitest";

const files = new Map<string, string>();
vi.mock("node:fs", async (original) => {
  const fs = await original<typeof import("node:fs")>();
  const readFileSync = ((path: string, ...rest: unknown[]) => {
    for (const [end, text] of files) if (String(path).endsWith(end)) return text;
    return (fs.readFileSync as (...a: unknown[]) => unknown)(path, ...rest);
  }) as typeof fs.readFileSync;
  return { ...fs, default: { ...fs, readFileSync }, readFileSync };
});

const { declaredDescription } = await import("@/lib/server/dataset-description");
const { readDescription } = await import("@/lib/dataset/description");

const ring = (closed: boolean) => ({
  type: "FeatureCollection",
  features: [{ type: "Feature", properties: {}, geometry: { type: "Polygon", coordinates: [[[36, 32], [36.1, 32], [36.1, 32.1], ...(closed ? [[36, 32]] : [[36, 32.1]])]] } }],
});

describe("a declared layer's file", () => {
  it("is served when it is valid GeoJSON", () => {
    files.set("datasets/ring-ok.json", JSON.stringify({ name: "Ring", contextLayers: [{ id: "a", kind: "area", name: "A", file: "ring-ok-layer.geojson" }] }));
    files.set("ring-ok-layer.geojson", JSON.stringify(ring(true)));
    expect(declaredDescription("ring-ok")?.contextLayers[0].data.features).toHaveLength(1);
  });
  it("is refused, naming the file and the field, when only the page's check would pass it", () => {
    files.set("datasets/ring-open.json", JSON.stringify({ name: "Ring", contextLayers: [{ id: "a", kind: "area", name: "A", file: "ring-open-layer.geojson" }] }));
    files.set("ring-open-layer.geojson", JSON.stringify(ring(false)));
    // The page's own reader takes it: the server's check is the one that refuses it.
    expect(() => readDescription({ name: "Ring", contextLayers: [{ id: "a", kind: "area", name: "A", data: ring(false) }] })).not.toThrow();
    expect(() => declaredDescription("ring-open")).toThrow(/^Invalid geodata\/ring-open-layer\.geojson: features\[0\]: .*first and last positions must be equivalent/);
  });
});
