import { describe, expect, it } from "vitest";
import { jsonBlobInSlices } from "@/components/import/reportBlob";

describe("jsonBlobInSlices", () => {
  it("writes the text JSON.stringify writes, long arrays and nested objects included", async () => {
    const rows = Array.from({ length: 1234 }, (_, i) => ({ row: i, values: [`a${i}`, i % 3 ? null : undefined, i / 7, "q\"uote"] }));
    const value = { fileName: "x.csv", skipped: undefined, flagged: rows, problemRows: { columns: ["a", "b"], rows, omitted: 0 }, empty: [], nested: [[1, 2], { a: [3] }], n: null };
    await expect((await jsonBlobInSlices(value, 0)).text()).resolves.toBe(JSON.stringify(value));
    await expect((await jsonBlobInSlices(rows.slice(0, 501))).text()).resolves.toBe(JSON.stringify(rows.slice(0, 501)));
    await expect((await jsonBlobInSlices("plain")).text()).resolves.toBe(JSON.stringify("plain"));
  });

  it("takes a Blob inside the value as the JSON text of its value (the worker's problem rows)", async () => {
    const problemRows = { columns: ["a", "b"], rows: Array.from({ length: 800 }, (_, i) => ({ row: i, values: [`a${i}`, null] })), omitted: 0 };
    const report = { fileName: "x.csv", flagged: [{ row: 1 }], problemRows: new Blob([JSON.stringify(problemRows)]), after: [1] };
    await expect((await jsonBlobInSlices(report, 0)).text()).resolves.toBe(JSON.stringify({ ...report, problemRows }));
  });

  it("gives the page's thread back between slices", async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => ({ row: i, text: "x".repeat(40) }));
    let turns = 0;
    const timer = setInterval(() => turns++, 0);
    await jsonBlobInSlices({ rows }, 0);
    clearInterval(timer);
    expect(turns).toBeGreaterThan(0);
  });
});
