import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { incidentLabel, numberedRepeats, uniqueLabels } from "@/lib/incident/describe";
import type { IncidentCollection } from "@/lib/incident/model";
import { NumberedLabels } from "@/lib/columns/numbered-labels";

/** The labels' JSON as NumberedLabels writes it, `items` a piece. */
function written(labels: readonly string[], items: number, hash?: (bytes: Uint8Array) => number): string {
  const numbered = new NumberedLabels(labels.length, hash);
  for (const l of labels) numbered.add(l);
  const bytes = Buffer.concat([...numbered.jsonPieces(items)]);
  expect(numbered.jsonByteLength()).toBe(bytes.length);
  return bytes.toString("utf8");
}

// Repeats near and far apart, text of 1 to 4 UTF-8 bytes a character, a lone surrogate, quotes and escapes,
// and labels that differ only in bytes a hash might confuse.
const labels = [
  "Tafas, 2021-08-26 — Shelling", "Jasim, 2021-08-26 — Attack", "Tafas, 2021-08-26 — Shelling", "درعا — قصف 🚀",
  "\ud800 alone", "say \"no\"\n\\", "", "درعا — قصف 🚀", "ab", "ba", "Tafas, 2021-08-26 — Shelling", "\ud800 alone", "",
];

describe("NumberedLabels", () => {
  it("writes numberedRepeats' labels as JSON.stringify does, in pieces of any size", () => {
    const expected = JSON.stringify(numberedRepeats(labels));
    for (const items of [1, 2, 5, labels.length, 1000]) expect(written(labels, items)).toBe(expected);
  });

  it("numbers repeats across its chunks of bytes (40,000 labels, ~2.5 MB)", () => {
    const many = Array.from({ length: 40_000 }, (_, i) => `Place ${i % 5_000} قصف, 2021-01-${String(1 + (i % 25)).padStart(2, "0")} — Attack ${"x".repeat(i % 10)}`);
    const expected = JSON.stringify(numberedRepeats(many));
    expect(expected).toMatch(/ \(\d+ of \d+\)"/);
    for (const items of [1, 999, 10_000]) expect(written(many, items)).toBe(expected);
  });

  it("tells labels apart by their bytes when their hashes collide", () => {
    expect(written(labels, 3, () => 0)).toBe(JSON.stringify(numberedRepeats(labels)));
    expect(written(labels, 4, (b) => b.length % 3)).toBe(JSON.stringify(numberedRepeats(labels)));
  });

  it("numbers a real dataset's labels as uniqueLabels does, and writes none for none", () => {
    const data = JSON.parse(readFileSync("geodata/incidents.geojson", "utf8")) as IncidentCollection;
    // Its labels are unique: half of them again makes repeats, far apart.
    const props = data.features.map((f) => f.properties);
    props.push(...props.slice(0, props.length / 2));
    const unique = uniqueLabels(props);
    expect(unique.some((l) => / \(\d+ of \d+\)$/.test(l))).toBe(true);
    expect(written(props.map(incidentLabel), 100)).toBe(JSON.stringify(unique));
    expect(written([], 10)).toBe("[]");
  });

  it("takes as many labels as it was made for", () => {
    const numbered = new NumberedLabels(1);
    numbered.add("a");
    expect(() => numbered.add("b")).toThrow(RangeError);
    expect(() => [...new NumberedLabels(2).jsonPieces(1)]).toThrow(/1 added|0 added/);
  });
});
