import { describe, it, expect } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { booleanClockwise, booleanPointInPolygon, booleanValid, point } from "@turf/turf";
import { featureCollectionIssues } from "@/lib/incident/validate";
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon, Position } from "geojson";

const DIR = path.resolve(__dirname, "../../geodata/basemap");
const FILES = ["countries.geojson", "governorates.geojson", "towns.geojson"] as const;
const MAX_TOTAL_BYTES = 400 * 1024;

const DARAA: Position = [36.1, 32.62];
const TAFAS: Position = [36.0665, 32.7371];
const DAMASCUS: Position = [36.2913, 33.5102];

function load<G extends Polygon | MultiPolygon | Point>(name: string): FeatureCollection<G> {
  return JSON.parse(fs.readFileSync(path.join(DIR, name), "utf8")) as FeatureCollection<G>;
}

function positions(g: Polygon | MultiPolygon | Point): Position[] {
  if (g.type === "Point") return [g.coordinates];
  if (g.type === "Polygon") return g.coordinates.flat();
  return g.coordinates.flat(2);
}

function rings(g: Polygon | MultiPolygon): Position[][][] {
  return g.type === "Polygon" ? [g.coordinates] : g.coordinates;
}

type Poly = Feature<Polygon | MultiPolygon, Record<string, unknown>>;

describe("bundled offline basemap", () => {
  for (const name of FILES) {
    describe(name, () => {
      it("parses as a FeatureCollection with features", () => {
        const fc = load(name);
        expect(fc.type).toBe("FeatureCollection");
        expect(Array.isArray(fc.features)).toBe(true);
        expect(fc.features.length).toBeGreaterThan(0);
        for (const f of fc.features) expect(f.type).toBe("Feature");
      });

      it("has every coordinate within lng -180..180 / lat -90..90", () => {
        for (const f of load(name).features) {
          for (const [lng, lat] of positions(f.geometry)) {
            expect(Number.isFinite(lng) && Number.isFinite(lat)).toBe(true);
            expect(lng).toBeGreaterThanOrEqual(-180);
            expect(lng).toBeLessThanOrEqual(180);
            expect(lat).toBeGreaterThanOrEqual(-90);
            expect(lat).toBeLessThanOrEqual(90);
          }
        }
      });
    });
  }

  it("has closed, valid polygon rings wound per RFC 7946 (outer counter-clockwise)", () => {
    for (const name of ["countries.geojson", "governorates.geojson"]) {
      for (const f of load<Polygon | MultiPolygon>(name).features) {
        expect(["Polygon", "MultiPolygon"]).toContain(f.geometry.type);
        expect(booleanValid(f)).toBe(true);
        for (const poly of rings(f.geometry)) {
          poly.forEach((ring, i) => {
            expect(ring.length).toBeGreaterThanOrEqual(4);
            expect(ring[ring.length - 1]).toEqual(ring[0]);
            expect(booleanClockwise(ring)).toBe(i > 0);
          });
        }
      }
    }
  });

  it("country outlines: Syria and neighbours, Syria contains Daraa city", () => {
    const countries = load<Polygon | MultiPolygon>("countries.geojson").features as Poly[];
    const isos = countries.map((f) => f.properties.iso);
    expect(isos).toEqual(expect.arrayContaining(["SY", "LB", "IL", "PS", "JO", "IQ", "TR"]));
    const syria = countries.find((f) => f.properties.iso === "SY");
    expect(syria?.properties).toMatchObject({ iso: "SY", name: "Syria", name_ar: "سوريا" });
    expect(booleanPointInPolygon(point(DARAA), syria!)).toBe(true);
    expect(booleanPointInPolygon(point(DAMASCUS), syria!)).toBe(true);
    const jordan = countries.find((f) => f.properties.iso === "JO")!;
    expect(booleanPointInPolygon(point(DARAA), jordan)).toBe(false);
  });

  it("governorates: all SY-*, Daraa (SY-DR) contains Daraa city and Tafas but not Damascus", () => {
    const govs = load<Polygon | MultiPolygon>("governorates.geojson").features as Poly[];
    const codes = govs.map((f) => f.properties.code);
    for (const code of ["SY-DI", "SY-RD", "SY-DR", "SY-SU", "SY-QU", "SY-HI", "SY-HM", "SY-HL",
      "SY-ID", "SY-LA", "SY-TA", "SY-RA", "SY-DY", "SY-HA"]) {
      expect(codes).toContain(code);
    }
    for (const f of govs) {
      expect(String(f.properties.code)).toMatch(/^SY-[A-Z]+$/);
      expect(typeof f.properties.name).toBe("string");
    }
    const dr = govs.find((f) => f.properties.code === "SY-DR")!;
    expect(dr.properties).toMatchObject({ code: "SY-DR", name: "Daraa", name_ar: "درعا" });
    expect(booleanPointInPolygon(point(DARAA), dr)).toBe(true);
    expect(booleanPointInPolygon(point(TAFAS), dr)).toBe(true);
    expect(booleanPointInPolygon(point(DAMASCUS), dr)).toBe(false);
    const di = govs.find((f) => f.properties.code === "SY-DI")!;
    expect(booleanPointInPolygon(point(DAMASCUS), di)).toBe(true);
  });

  it("towns: every town is a Point with a name, a GeoNames id and a rank", () => {
    const towns = load<Point>("towns.geojson").features;
    const ids = new Set<number>();
    for (const f of towns) {
      const p = f.properties as Record<string, unknown>;
      expect(f.geometry.type).toBe("Point");
      expect(typeof p.name).toBe("string");
      expect((p.name as string).length).toBeGreaterThan(0);
      expect(Number.isInteger(p.geonames_id)).toBe(true);
      expect([1, 2, 3]).toContain(p.rank);
      expect(typeof p.population).toBe("number");
      ids.add(p.geonames_id as number);
    }
    expect(ids.size).toBe(towns.length);
    const names = towns.map((f) => (f.properties as { name: string }).name);
    expect(names).toEqual(expect.arrayContaining(["Daraa", "Tafas", "Jasim", "Nawa", "Damascus", "Amman"]));
    const daraa = towns.find((f) => (f.properties as { name: string }).name === "Daraa")!;
    expect((daraa.properties as { rank: number }).rank).toBe(1);
  });

  it("passes the check the map applies before drawing it (components/map/OfflineBaseLayer.tsx)", () => {
    for (const f of FILES) expect([f, featureCollectionIssues(load(f)).slice(0, 3)]).toEqual([f, []]);
  });

  it("is small enough to bundle (total under 400 KB)", () => {
    const total = FILES.reduce((s, f) => s + fs.statSync(path.join(DIR, f)).size, 0);
    expect(total).toBeLessThan(MAX_TOTAL_BYTES);
  });
});
