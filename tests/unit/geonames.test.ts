// lib/build/geonames.ts: GeoNames rows read by column, and the Arabic name picked among the alternates.
import { describe, expect, it } from "vitest";
import { parseGeonames, pickArabic } from "@/lib/build/geonames";

const row = (id: string, ascii: string, alternates: string, cc = "SY", lat = "33.5") =>
  [id, ascii, ascii, alternates, lat, "36.3", "P", "PPLC", cc, "", "13", "", "", "", "1569394", "", "", "Asia/Damascus", ""].join("\t");

describe("parseGeonames", () => {
  it("reads the columns, keeps one country when asked and skips malformed lines", () => {
    const tsv = [row("170654", "Damascus", "Damas,,دمشق"), row("250441", "Amman", "عمان", "JO"), row("1", "Bad", "", "SY", ""), "short\tline"].join("\n");
    expect(parseGeonames(tsv, "SY")).toEqual([
      {
        geonameId: 170654, name: "Damascus", asciiName: "Damascus", alternateNames: ["Damas", "دمشق"], latitude: 33.5, longitude: 36.3,
        featureClass: "P", featureCode: "PPLC", countryCode: "SY", admin1Code: "13", admin2Code: "", population: 1569394,
      },
    ]);
    expect(parseGeonames(tsv).map((g) => g.countryCode)).toEqual(["SY", "JO"]);
  });
});

describe("pickArabic", () => {
  const place = (asciiName: string, alternateNames: string[]) => ({ geonameId: 1, asciiName, alternateNames });
  it("prefers one word where the Latin name is one, and the article where it has one", () => {
    expect(pickArabic(place("Damascus", ["Damas", "د مشق", "دمشق"]))).toBe("دمشق");
    expect(pickArabic(place("Al Kiswah", ["كسوة", "الكسوة"]))).toBe("الكسوة");
  });
  it("passes over Persian or Kurdish letters, vowel marks and mixed Latin", () => {
    expect(pickArabic(place("Latakia", ["ladhqyہ", "لاذقیه", "لاذقية"]))).toBe("لاذقية");
    expect(pickArabic(place("Daraa", ["دَرْعَا", "درعا"]))).toBe("درعا");
  });
  it("gives null without an Arabic alternate, and a preferred name only if the data has it", () => {
    expect(pickArabic(place("Nowhere", ["Nowhere"]))).toBeNull();
    expect(pickArabic(place("Amman", ["امان", "عمّان"]), "عمّان")).toBe("عمّان");
    expect(() => pickArabic(place("Amman", ["امان"]), "عمّان")).toThrow(/not among its alternate names/);
  });
});
