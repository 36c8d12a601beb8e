// The world gazetteer behind geocodePlace: places disambiguated by their row's country and divisions,
// countries and divisions named alone placed at geo_precision 3, Syria's own answers unchanged. Expected
// ids and positions are GeoNames rows read by hand from cities500.txt (tests/fixtures/geocode/world.json).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { geocode, geocodePlace, GeocodeInputError, type GeocodeResult } from "@/lib/geocode";
import { parseCsvObjects } from "@/lib/geocode/csv";
import { foldDivision, foldName } from "@/lib/geocode/world/fold";
import { defaultWorld } from "@/lib/geocode/world";
import type { PlaceQuery } from "@/lib/import/types";

const FIXTURES = join(__dirname, "../fixtures/geocode");
interface Case { why: string; query: PlaceQuery; status: GeocodeResult["status"]; id?: string; at?: [number, number]; precision?: number; source?: string }
const cases = JSON.parse(readFileSync(join(FIXTURES, "world.json"), "utf8")) as Case[];
const variants = parseCsvObjects(readFileSync(join(FIXTURES, "variants.csv"), "utf8"));

describe("geocodePlace against the world gazetteer", () => {
  // Loading the world's places takes a few seconds on a busy machine: once, before the cases.
  beforeAll(() => void defaultWorld().places(), 120_000);

  it.each(cases.map((c) => [c.why, c] as const))("%s", (_, c) => {
    const r = geocodePlace(c.query);
    expect(r.status, r.message).toBe(c.status);
    if (c.status === "unresolved") return expect(r.best).toBeNull();
    if (!c.id) return;
    expect(r.best?.properties.id).toBe(c.id);
    expect(r.best?.geometry).toEqual({ type: "Point", coordinates: c.at });
    expect(r.best?.properties.geo_precision).toBe(c.precision);
    expect(r.best?.properties.source).toBe(c.source ?? c.id);
  });

  it("names the places an ambiguous query could be, with their division and country", () => {
    const r = geocodePlace({ text: "BARBOSA", country: "CO" });
    expect(r.message).toMatch(/Barbosa \(Antioquia, CO\).*Barbosa \(Santander Department, CO\)|Barbosa \(Santander Department, CO\).*Barbosa \(Antioquia, CO\)/);
    expect(r.candidates.map((c) => c.properties.id)).toEqual(expect.arrayContaining(["geonames:3689205", "geonames:3689206"]));
  });

  it("says when the row's country is not one it knows, and does not use it", () => {
    const r = geocodePlace({ text: "Landazuri", country: "Narnia" });
    expect(r.status).toBe("resolved");
    expect(r.message).toMatch(/country "Narnia" is not one the gazetteer knows/);
  });

  it("answers Syria's spellings exactly as the Syrian geocoder does", () => {
    for (const v of variants) {
      const own = geocode(v.query);
      const placed = geocodePlace({ text: v.query });
      expect([v.query, placed.status, placed.best?.properties.id]).toEqual([v.query, own.status, own.best?.properties.id]);
    }
  });

  it("refuses a context value that is not text, naming the field", () => {
    expect(() => geocodePlace({ text: "Tafas", admin1: 7 as unknown as string })).toThrow(GeocodeInputError);
    expect(() => geocodePlace({ text: "Tafas", admin1: 7 as unknown as string })).toThrow(/query\.admin1 must be a string/);
  });

  it("gives every country a GeoNames point inside it", () => {
    const { countries } = defaultWorld();
    expect(countries.list.length).toBeGreaterThan(230);
    for (const c of countries.list) expect(Number.isInteger(c.geonameId) && c.geonameId > 0, c.iso2).toBe(true);
  });
});

describe("folding", () => {
  it("meets Spanish upper case without accents", () => {
    expect(foldName("LANDAZURI")).toBe(foldName("Landázuri"));
    expect(foldName("Ta‘izz")).toBe(foldName("Taizz"));
  });
  it("drops the kind of a division and reads French compass words", () => {
    expect(foldDivision("Santander Department")).toBe("santander");
    expect(foldDivision("Departamento de La Guajira")).toBe("la guajira");
    expect(foldDivision("Nord-Kivu")).toBe(foldDivision("North Kivu"));
  });
});
