// A place written with its divisions and country, as GDELT's ActionGeo_FullName and many spreadsheets write it.
import { describe, expect, it } from "vitest";
import { splitPlaceText } from "@/lib/geocode/query";

describe("splitPlaceText", () => {
  it.each([
    ["Kiev, Ukraine (general), Ukraine", { text: "Kiev", country: "Ukraine" }],
    ["Dniprorudne, Zaporiz'ka Oblast', Ukraine", { text: "Dniprorudne", admin1: "Zaporiz'ka Oblast'", country: "Ukraine" }],
    ["Landázuri, Santander, Colombia", { text: "Landázuri", admin1: "Santander", country: "Colombia" }],
    ["Tafas, Syria", { text: "Tafas", country: "Syria" }],
  ])("%s", (text, query) => {
    expect(splitPlaceText({ text })).toEqual(query);
  });

  it("keeps the row's own context over what the text says, and reads no comma as nothing to split", () => {
    expect(splitPlaceText({ text: "Barbosa, Antioquia, Colombia", admin1: "SANTANDER" })).toEqual({ text: "Barbosa", admin1: "SANTANDER", country: "Colombia" });
    expect(splitPlaceText({ text: "Daraa al-Balad" })).toBeNull();
  });
});
