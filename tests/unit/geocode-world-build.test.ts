// lib/build/world-gazetteer.ts on a handful of GeoNames rows: which place stands for a country and a
// division, and that every record the loader reads names its GeoNames id.
import { describe, expect, it } from "vitest";
import { buildWorldGazetteer, type CountryOutline } from "@/lib/build/world-gazetteer";
import type { GeoName } from "@/lib/build/geonames";
import { parseCountryLine } from "@/lib/geocode/world/format";

const place = (geonameId: number, name: string, countryCode: string, admin1Code: string, featureCode: string, population: number, longitude: number, latitude: number, alternateNames: string[] = []): GeoName => ({
  geonameId, name, asciiName: name.normalize("NFKD").replace(/\p{M}/gu, ""), alternateNames, latitude, longitude, featureClass: "P", featureCode, countryCode, admin1Code, admin2Code: "", population,
});
// Outlines as boxes: enough to say which points lie inside.
const box = (iso2: string, iso3: string, name: string, [w, s, e, n]: number[]): CountryOutline => ({ iso2, iso3, name, aliases: [], contains: (lng, lat) => lng >= w && lng <= e && lat >= s && lat <= n });

const input = {
  places: [
    place(3688465, "Bucaramanga", "CO", "26", "PPLA", 581130, -73.1198, 7.12539),
    place(3678328, "Landázuri", "CO", "26", "PPLA2", 9238, -73.81121, 6.21826),
    place(3688689, "Bogotá", "CO", "34", "PPLC", 7674366, -74.08175, 4.60971, ["Bogota", "Santa Fe de Bogotá", "Богота"]),
    // A capital GeoNames files under a country whose outline does not hold it is passed over.
    place(1, "Elsewhere", "XX", "01", "PPLC", 900000, 50, 50),
    place(2, "Village", "XX", "01", "PPL", 600, 10, 10),
    place(3, "Town", "XX", "02", "PPL", 5000, 11, 11),
  ],
  admin1: [{ code: "CO.26", name: "Santander Department" }, { code: "CO.34", name: "Bogota D.C." }, { code: "XX.01", name: "One" }, { code: "XX.02", name: "Two" }, { code: "XX.03", name: "Empty" }],
  admin2: [],
  countries: [box("CO", "COL", "Colombia", [-80, -5, -66, 13]), box("XX", "XXX", "Testland", [0, 0, 20, 20]), box("YY", "YYY", "Nowhere", [100, 0, 101, 1])],
};

describe("buildWorldGazetteer", () => {
  const out = buildWorldGazetteer(input);
  const countries = out.countries.split("\n").filter((l) => l && !l.startsWith("#")).map((l, i) => parseCountryLine(l, `line ${i + 1}`));
  const records = out.places.split("\n").filter((l) => l && !l.startsWith("#")).map((l) => l.split("\t"));

  it("places a country at its capital, else at its largest place inside its outline, and leaves out one without places", () => {
    expect(countries.map((c) => [c.iso2, c.geonameId, c.pointRole])).toEqual([["CO", 3688689, "capital"], ["XX", 3, "largest place"]]);
    expect(out.stats.countriesWithoutPlace).toEqual(["YY"]);
  });

  it("places a division at its seat, else its largest place, and leaves out one without places", () => {
    expect(records.filter((r) => r[0] === "A").map((r) => [`${r[1]}.${r[2]}`, r[6], r[8]])).toEqual([
      ["CO.26", "3688465", "seat"], ["CO.34", "3688689", "largest place"], ["XX.01", "1", "largest place"], ["XX.02", "3", "largest place"],
    ]);
    expect(out.stats.divisionsWithoutPlace).toBe(1);
  });

  it("keeps every place under its GeoNames id, with the folded spellings only where lower case is not enough", () => {
    const p = records.filter((r) => r[0] === "P");
    expect(p.map((r) => r[1])).toEqual(["1", "2", "3", "3678328", "3688465", "3688689"]);
    expect(p.find((r) => r[1] === "3678328")?.[10]).toBe("landazuri");
    // Cyrillic spellings are left out; "Bogota" is Bogotá's own fold.
    expect(p.find((r) => r[1] === "3688689")?.[10]).toBe("bogota|santa fe de bogota");
    expect(p.find((r) => r[1] === "3688465")?.[10]).toBe("");
  });
});
