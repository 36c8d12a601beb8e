import { describe, expect, it } from "vitest";
import { JsonList } from "@/lib/columns/json-list";

const text = (pieces: Iterable<Uint8Array>) => Buffer.concat([...pieces]).toString("utf8");

describe("JsonList", () => {
  it("writes the list as JSON.stringify does, across its chunks, and gives the values back", () => {
    // ~2.5 MB of values: three 1 MiB chunks, one value larger than a chunk, text of 1 to 4 UTF-8 bytes a character.
    const values: unknown[] = Array.from({ length: 30_000 }, (_, i) => (i % 3 === 0 ? `note ${i} قصف 🚀 "${"x".repeat(i % 50)}"` : i % 3 === 1 ? i / 7 : { a: [i, null, true] }));
    values.splice(12_345, 0, "\ud800 lone", "y".repeat(1_500_000), "", null, false);
    const list = new JsonList(values.length);
    for (const v of values) list.push(v);
    for (const items of [1, 7, 10_000, values.length + 1]) expect(text(list.jsonPieces(items))).toBe(JSON.stringify(values));
    expect(list.values()).toEqual(values);
    expect(list.jsonByteLength()).toBe(Buffer.byteLength(JSON.stringify(values)));
    expect(Buffer.from(list.bytesOf(12_346)).toString("utf8")).toBe(JSON.stringify(values[12_346]));
  });

  it("writes an empty list, and holds no more values than it was made for", () => {
    expect(text(new JsonList(0).jsonPieces(5))).toBe("[]");
    expect(new JsonList(0).jsonByteLength()).toBe(2);
    const list = new JsonList(1);
    list.push("a");
    expect(() => list.push("b")).toThrow(RangeError);
  });
});
