// NDJSON / GeoJSON Lines → Source: a Feature or record per line, a bad line rejected alone with its line.
import { describe, expect, it } from "vitest";
import { readSource } from "@/lib/import/source";
import type { Source } from "@/lib/import/source/types";

const utf8 = (s: string) => new TextEncoder().encode(s);
const everything = (s: Source) => {
  const b = [...s.batches()];
  return { records: b.flatMap((x) => x.records), rejected: b.flatMap((x) => x.rejected), fractions: b.map((x) => x.fraction) };
};
const f = (lng: number, lat: number, props: object) => JSON.stringify({ type: "Feature", geometry: { type: "Point", coordinates: [lng, lat] }, properties: props });

describe("readSource: NDJSON", () => {
  it("reads GeoJSON Lines: one Feature per line, columns the union of all lines' properties", () => {
    const text = [f(1, 2, { a: 1 }), "", f(3, 4, { b: "x" }), f(5, 6, { a: 2, c: [1] })].join("\n") + "\n";
    const s = readSource(utf8(text), "events.geojsonl");
    expect(s).toMatchObject({ format: "ndjson", hasGeometry: true, totalHint: 3, columns: ["a", "b", "c"] });
    expect(everything(s).records).toEqual([
      { row: 1, line: 1, values: [1, undefined, undefined], geometry: { type: "Point", coordinates: [1, 2] } },
      { row: 2, line: 3, values: [undefined, "x", undefined], geometry: { type: "Point", coordinates: [3, 4] } },
      { row: 3, line: 4, values: [2, undefined, [1]], geometry: { type: "Point", coordinates: [5, 6] } },
    ]);
  });
  it("rejects a line that is not JSON, or nests too deep, alone with its line number", () => {
    const text = `${f(1, 2, { a: 1 })}\n{"type":"Feature",oops\n${"[".repeat(50)}\n${f(3, 4, { a: 2 })}`;
    const { records, rejected } = everything(readSource(utf8(text), "x.ndjson"));
    expect(records.map((r) => [r.row, r.line])).toEqual([[1, 1], [4, 4]]);
    expect(rejected.map((r) => [r.row, r.line, r.field])).toEqual([[2, 2, "line"], [3, 3, "line"]]);
    expect(rejected[1].message).toMatch(/deeper than 32/);
  });
  it("reads JSON Lines records, nested values kept", () => {
    const s = readSource(utf8('{"id":1,"date":"2022-02-24","sources":[{"u":1}]}\r\n{"id":2,"place":"Kyiv"}\r\n'), "x.jsonl");
    expect(s).toMatchObject({ hasGeometry: false, columns: ["id", "date", "sources", "place"] });
    expect(s.sample[0].values).toEqual([1, "2022-02-24", [{ u: 1 }], undefined]);
  });
  it("is sniffed from the lines when the name says .json or nothing", () => {
    const text = `${f(1, 2, { a: 1 })}\n${f(3, 4, { a: 2 })}\n`;
    expect(readSource(utf8(text), "x.json").format).toBe("ndjson");
    expect(readSource(utf8(text), "download").format).toBe("ndjson");
    expect(readSource(utf8(JSON.stringify({ type: "FeatureCollection", features: [JSON.parse(f(1, 2, {}))] }, null, 1)), "download.json").format).toBe("geojson");
  });
  it("drops reserved keys and refuses too many lines", () => {
    const s = readSource(utf8('{"__proto__":{"x":1},"ok":1}\n{"ok":2}\n'), "x.ndjson");
    expect(s.columns).toEqual(["ok"]);
    expect(() => readSource(utf8('{"a":1}\n{"a":2}\n{"a":3}\n'), "x.ndjson", { limits: { maxRows: 2 } })).toThrow(/more than 2 records/);
  });
});
