// collectionShapeIssues, the page's check of GeoJSON our server has checked: it accepts what
// featureCollectionIssues (geojson-validation) accepts, refuses what Leaflet cannot draw, and the modules the
// page loads first reach no geojson-validation through it.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { collectionShapeIssues } from "@/lib/incident/shape";
import { featureCollectionIssues } from "@/lib/incident/validate";

const feature = (geometry: unknown) => ({ type: "Feature", geometry, properties: {} });
const fc = (...features: unknown[]) => ({ type: "FeatureCollection", features });
const ring = [[36, 32], [36.1, 32], [36.1, 32.1], [36, 32]];

describe("collectionShapeIssues", () => {
  const drawable = fc(
    feature({ type: "Point", coordinates: [36.1, 32.6] }),
    feature({ type: "MultiPoint", coordinates: [[36.1, 32.6], [36.2, 32.7]] }),
    feature({ type: "LineString", coordinates: [[36.1, 32.6], [36.2, 32.7]] }),
    feature({ type: "MultiLineString", coordinates: [[[36.1, 32.6], [36.2, 32.7]]] }),
    feature({ type: "Polygon", coordinates: [ring] }),
    feature({ type: "MultiPolygon", coordinates: [[ring]] }),
    feature({ type: "GeometryCollection", geometries: [{ type: "Point", coordinates: [36, 32] }] }),
    feature({ type: "Polygon", coordinates: [] }),
    feature(null),
  );
  it("accepts every geometry type, and what featureCollectionIssues accepts", () => {
    expect(featureCollectionIssues(drawable)).toEqual([]);
    expect(collectionShapeIssues(drawable)).toEqual([]);
  });
  it("accepts the context layers and base map tiles the server serves", () => {
    const files = ["geodata/checkpoints.geojson", "geodata/siege.geojson", "geodata/basemap/governorates.geojson", "geodata/basemap/tiles/0/0/0.geojson", "geodata/basemap/tiles/7/76/51.geojson"];
    for (const f of files) {
      const json: unknown = JSON.parse(readFileSync(f, "utf8"));
      expect([f, featureCollectionIssues(json)]).toEqual([f, []]);
      expect([f, collectionShapeIssues(json)]).toEqual([f, []]);
    }
  });
  it.each([
    ["a position out of range", feature({ type: "Point", coordinates: [200, 32] }), "features[0].geometry.coordinates", /longitude/],
    ["a position not a number", feature({ type: "LineString", coordinates: [[36, 32], ["a", 32]] }), "features[0].geometry.coordinates[1]", /finite/],
    ["a polygon nested as a line", feature({ type: "Polygon", coordinates: ring }), "features[0].geometry", /nested/],
    ["a point without a position", feature({ type: "Point", coordinates: [] }), "features[0].geometry", /nested/],
    ["an unknown geometry type", feature({ type: "Circle", coordinates: [36, 32] }), "features[0].geometry", /nested/],
    ["a bad member of a collection", feature({ type: "GeometryCollection", geometries: [{ type: "Point" }] }), "features[0].geometry", /nested/],
  ])("refuses %s, with its path, as featureCollectionIssues does", (_what, f, path, message) => {
    const issues = collectionShapeIssues(fc(f));
    expect(issues.map((i) => i.path)).toEqual([path]);
    expect(issues[0].message).toMatch(message);
    expect(featureCollectionIssues(fc(f)).length).toBeGreaterThan(0);
  });
  it("refuses a geometry in place of a feature (geojson-validation takes any GeoJSON object there)", () => {
    expect(collectionShapeIssues(fc({ type: "Point", coordinates: [36, 32] }))[0]).toMatchObject({ path: "features[0]", message: "must be a Feature" });
  });
  it("refuses what is not a FeatureCollection, and a legacy crs", () => {
    expect(collectionShapeIssues({ type: "Feature" })[0].path).toBe("(root)");
    expect(collectionShapeIssues(null)[0].path).toBe("(root)");
    expect(collectionShapeIssues({ ...fc(), crs: { type: "name" } })[0].path).toBe("crs");
  });
});

/** Every project module `entry` imports, transitively (relative and "@/" imports; packages by name). */
function importsOf(entry: string): Set<string> {
  const seen = new Set<string>();
  const files = [resolve(entry)];
  while (files.length) {
    const file = files.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const { fileName: spec } of ts.preProcessFile(readFileSync(file, "utf8"), true, true).importedFiles) {
      const base = spec.startsWith("@/") ? resolve(spec.slice(2)) : spec.startsWith(".") ? resolve(dirname(file), spec) : null;
      if (base === null) {
        seen.add(spec);
        continue;
      }
      const found = [".ts", ".tsx", "/index.ts", ""].map((ext) => base + ext).find((p) => existsSync(p) && !p.endsWith("/"));
      if (found && /\.tsx?$/.test(found)) files.push(found);
    }
  }
  return seen;
}

describe("the page's first modules", () => {
  it.each(["lib/dataset/description.ts", "components/map/OfflineBaseLayer.tsx", "lib/incident/shape.ts", "lib/columns/read.ts"])("%s reaches no geojson-validation", (entry) => {
    const reached = importsOf(entry);
    expect(reached.size).toBeGreaterThan(2);
    expect([...reached].filter((m) => m === "geojson-validation" || m.endsWith(join("lib", "incident", "validate.ts")))).toEqual([]);
  });
});
