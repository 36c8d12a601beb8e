// Which reader a file gets: by extension, then by its first bytes.
import { describe, expect, it } from "vitest";
import { readSource } from "@/lib/import/source";
import { detectFormat } from "@/lib/import/source/detect";

const utf8 = (s: string) => new TextEncoder().encode(s);
const detect = (name: string, text: string) => detectFormat(name, utf8(text), () => text);
const feature = '{"type":"Feature","geometry":null,"properties":{"a":1}}';

describe("detectFormat", () => {
  it.each([
    ["a.csv", "{not json", "csv"],
    ["a.tsv", "a\tb", "csv"],
    ["a.geojson", "{}", "geojson"],
    ["a.json", "[]", "geojson"],
    ["a.ndjson", "{}", "ndjson"],
    ["a.geojsonl", "{}", "ndjson"],
    ["a.jsonl", "{}", "ndjson"],
    ["a.kml", "<kml/>", "kml"],
    ["a.xlsx", "", "xlsx"],
  ])("%s by its extension → %s", (name, text, format) => expect(detect(name, text)).toBe(format));
  it.each([
    ["<?xml version=\"1.0\"?><kml/>", "kml"],
    ["  <kml xmlns=\"http://www.opengis.net/kml/2.2\"/>", "kml"],
    ["\uFEFF[{\"a\":1}]", "geojson"],
    ['{\n "type": "FeatureCollection"\n}', "geojson"],
    [`${feature}\n${feature}\n`, "ndjson"],
    ["id,date\n1,2\n", "csv"],
  ])("an unnamed file starting %j → %s", (text, format) => expect(detect("download", text)).toBe(format));
  it("goes by the bytes for zip (xlsx) and OLE2 (xls) whatever the name", () => {
    expect(detectFormat("a.csv", Uint8Array.from([0x50, 0x4b, 0x03, 0x04]), () => "")).toBe("xlsx");
    expect(detectFormat("a.csv", Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0]), () => "")).toBe("ole2");
  });
  it("reads a .tsv as tab-separated even when its header holds commas", () => {
    expect(readSource(utf8("name, given\tplace\nA, B\tC\n"), "a.tsv").columns).toEqual(["name, given", "place"]);
  });
  it("refuses an empty file", () => {
    expect(() => readSource(new Uint8Array(0), "a.csv")).toThrow(/^file: the file is empty/);
  });
});
