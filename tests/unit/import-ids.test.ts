// lib/import/ids.ts contentOf: a record's cells (and a feature's geometry) as one number, which the import
// compares to tell an exact repeat from another row under the same id.
import { describe, expect, it } from "vitest";
import { contentOf } from "@/lib/import/ids";

describe("contentOf", () => {
  it("gives the same cells the same number, and tells apart cells that differ only in where they split", () => {
    expect(contentOf(["SYN1", "2021-01-01", "Tafas"])).toBe(contentOf(["SYN1", "2021-01-01", "Tafas"].map((s) => ` ${s}`.slice(1))));
    expect(contentOf(["ab", "c"])).not.toBe(contentOf(["a", "bc"]));
    expect(contentOf(["", "x"])).not.toBe(contentOf(["x", ""]));
    expect(contentOf(["x".repeat(70_000)])).not.toBe(contentOf(["x".repeat(70_001)]));
  });

  it("tells a text from the value it spells, and a geometry from none", () => {
    expect(contentOf(["1"])).not.toBe(contentOf([1]));
    expect(contentOf(["null"])).not.toBe(contentOf([null]));
    expect(contentOf([{ a: 1 }])).toBe(contentOf([{ a: 1 }]));
    const point = { type: "Point", coordinates: [36.1, 32.6] };
    expect(contentOf(["a"], point)).toBe(contentOf(["a"], { ...point }));
    expect(contentOf(["a"], point)).not.toBe(contentOf(["a"]));
    expect(contentOf(["a"], point)).not.toBe(contentOf(["a"], { ...point, coordinates: [36.1, 32.7] }));
  });

  it("is a safe integer", () => {
    for (const cells of [[], ["a"], ["é€😀", 2.5, true]]) expect(Number.isSafeInteger(contentOf(cells))).toBe(true);
  });
});
