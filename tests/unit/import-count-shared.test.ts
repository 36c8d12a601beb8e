// The mapping step's whole-file count reading the file for an import at the same time (estimate.ts countImport
// with an import's collector): the import it finishes is the one importFile makes, and the count is the count.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importFile } from "@/lib/import";
import { countImport } from "@/lib/import/estimate";
import { importCollector } from "@/lib/import/pipeline";
import { readSource } from "@/lib/import/source";
import { proposeMapping } from "@/lib/import/mapping/propose";
import type { SkippedRows } from "@/lib/import/types";

const FIXTURES = join(__dirname, "../fixtures");
// Rejected rows, flags, repeated ids, a geocoder-free file with rows it cannot place, a HXL row.
const FILES = ["real/acled-2020-middle-east.csv", "real/ucdp-ged-hdx-bangladesh.csv", "import/hostile.csv", "import/hdx-hxl.csv", "import/duplicate-ids.geojson", "import/semicolon-decimal-comma.csv"];

describe.each(FILES)("%s counted and imported in one reading", (file) => {
  it("gives importFile's result and countImport's numbers", async () => {
    const bytes = new Uint8Array(readFileSync(join(FIXTURES, file)));
    const existingIds = new Set(["X-1"]);
    const alone = await importFile(bytes, file, { idPrefix: "T", existingIds });
    const source = readSource(bytes, file);
    const mapping = proposeMapping(source).mapping;
    const countAlone = await countImport(readSource(bytes, file), mapping, { existingIds });

    const collector = importCollector(source, { idPrefix: "T", existingIds });
    let scanned: { total: number; skipped: SkippedRows } | undefined;
    const count = await countImport(source, mapping, { existingIds }, { ...collector, scanned: (s) => (scanned = s) });
    expect(count).toEqual(countAlone);
    expect(scanned).toBeDefined();
    expect(await collector.finish(scanned!)).toEqual(alone);
  });
});
