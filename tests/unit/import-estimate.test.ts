// The row count behind "Import N incidents" before the whole file is read.
import { describe, expect, it } from "vitest";
import { estimateRows } from "@/lib/import/estimate";
import { SAMPLE_ROWS } from "@/lib/import/source/types";

const bytes = (text: string) => new TextEncoder().encode(text);
const csv = (rows: number, last = "\n") => "a,b\n" + Array.from({ length: rows }, (_, i) => `${i},x`).join("\n") + last;

describe("estimateRows", () => {
  it("is exact when the reader counted, or the sample is the whole file", () => {
    expect(estimateRows(bytes("[]"), { source: { format: "geojson", totalHint: 1234 }, sampleSize: SAMPLE_ROWS })).toEqual({ rows: 1234, exact: true });
    expect(estimateRows(bytes(csv(7)), { source: { format: "csv" }, sampleSize: 7 })).toEqual({ rows: 7, exact: true });
  });

  it("counts lines less the header (and the HXL row) for a longer CSV, with or without a final line break", () => {
    expect(estimateRows(bytes(csv(5000)), { source: { format: "csv" }, sampleSize: SAMPLE_ROWS })).toEqual({ rows: 5000, exact: false });
    expect(estimateRows(bytes(csv(5000, "")), { source: { format: "csv" }, sampleSize: SAMPLE_ROWS })).toEqual({ rows: 5000, exact: false });
    expect(estimateRows(bytes("#x,#y\n" + csv(5000)), { source: { format: "csv", hxl: ["#x", "#y"] }, sampleSize: SAMPLE_ROWS }).rows).toBe(5000);
  });
});
