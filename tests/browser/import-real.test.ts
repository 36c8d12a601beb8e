// Three real files other people published (tests/fixtures/real/README.md), imported through the page as a
// user does: pick the file, press Enter on the mapping step, read the count. Every row whose position can
// be read is on the map: the page's total grows by the rows counted by hand in cases.ts.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { open, useBrowser } from "./harness";
import { pick, pressImport, report, totalCount } from "./import-helpers";
import { REAL_CASES } from "../fixtures/real/cases";

const DIR = join(__dirname, "../fixtures/real");
const browserOf = useBrowser();

const FILES: { file: string; mime: string }[] = [
  // Interleaved countries, South Africa and Madagascar among them; the last record cut off (rejected).
  { file: "acled-2020-middle-east.csv", mime: "text/csv" },
  // API records whose precision reads "(2) 25 km Precision "; two placed only by their country.
  { file: "insecurity-insight-protection.json", mime: "application/json" },
  // A Polygon, a LineString and two Points, two of them without a name.
  { file: "unmiss-incidents.geojson", mime: "application/geo+json" },
];

describe("real files through the page", () => {
  for (const { file, mime } of FILES) {
    const c = REAL_CASES.find((x) => x.file === file)!;
    it(`${file}: ${c.kept} of ${c.read} rows on the map`, async () => {
      const { context, page, errors } = await open(browserOf(), "/");
      // The seeded dataset loads first; on a loaded machine that can take longer than the default poll.
      await expect.poll(() => totalCount(page), { timeout: 30_000 }).toBeGreaterThan(0);
      const before = await totalCount(page);
      expect(await pick(page, file, readFileSync(join(DIR, file)), mime)).toBe("step");
      await pressImport(page);
      await expect(report(page).innerText()).resolves.toMatch(new RegExp(`\\b${c.kept} of ${c.read}\\b`));
      await expect.poll(() => totalCount(page)).toBe(before + c.kept);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
