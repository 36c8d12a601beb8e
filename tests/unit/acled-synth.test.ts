// The synthetic ACLED export used by the import bench and the 1M-row browser test: the same text for a
// seed, today's 31 columns on every row, dates in ACLED's `05 August 2021` form, rows in date order.
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { ACLED_2023_COLUMNS, acledCsv } from "@/lib/build/acled-synth";

describe("acledCsv", () => {
  const text = acledCsv({ rows: 500, seed: 7 });
  const rows = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;

  it("is deterministic for a seed and differs between seeds", () => {
    expect(acledCsv({ rows: 500, seed: 7 })).toBe(text);
    expect(acledCsv({ rows: 500, seed: 8 })).not.toBe(text);
  });

  it("writes the header and the asked rows, 31 cells each, quoted notes intact", () => {
    expect(rows[0]).toEqual([...ACLED_2023_COLUMNS]);
    expect(rows).toHaveLength(501);
    for (const r of rows) expect(r).toHaveLength(31);
    expect(rows[1][27]).toMatch(/^On \d\d [A-Z][a-z]+ 2021, .+, .+; the source said "\d killed"\.$/);
  });

  it("starts on 01 January 2021 and never goes back in time", () => {
    expect(rows[1][1]).toBe("01 January 2021");
    const days = rows.slice(1).map((r) => Date.parse(`${r[1]} UTC`));
    for (let i = 1; i < days.length; i++) expect(days[i]).toBeGreaterThanOrEqual(days[i - 1]);
    expect(new Date(days[days.length - 1]).getUTCFullYear()).toBe(2024);
  });

  it("refuses a count that is not a whole number", () => {
    expect(() => acledCsv({ rows: 1.5, seed: 1 })).toThrow(/rows must be a whole number ≥ 0, got 1.5/);
  });
});
