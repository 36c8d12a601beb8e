// The import worker's columns made as the file is read (ColumnsSink, pipeline.ts IncidentSink): the same bytes,
// frame and report as the features importFile gives written by columnsOf, for every import fixture and real
// file; and the ids of rows settled before and after one that waits for the geocoder, as ids.ts gives them.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ColumnsSink, columnsAndFrameOf } from "@/components/import/columns";
import { buildPlaced } from "@/lib/columns/build";
import { withHeaderBytes } from "@/lib/columns/encode";
import { checkColumns } from "@/lib/columns/read";
import { acledCsv } from "@/lib/build/acled-synth";
import { importFile, placeQueryKey, type GeocodeBatch } from "@/lib/import";
import { importFileInto } from "@/lib/import/pipeline";
import { answer, candidate } from "../support/geocode";

const FIXTURES = join(__dirname, "../fixtures");
const FILES = ["real", "import"].flatMap((dir) => readdirSync(join(FIXTURES, dir)).filter((f) => /\.(csv|tsv|json|geojson|ndjson|kml|xlsx)$/.test(f)).map((f) => `${dir}/${f}`));

/** Both ways of making an import's columns, side by side. */
async function bothWays(bytes: Uint8Array, name: string, options: Parameters<typeof importFile>[2]) {
  const alone = await importFile(bytes, name, options);
  const expected = columnsAndFrameOf(alone.collection.features);
  const sunk = await importFileInto(bytes, name, options, new ColumnsSink());
  // The page builds from the columns as they come (their header an object), IndexedDB keeps their bytes.
  checkColumns(sunk.incidents.columns);
  return { alone, expected, sunk, bytes: withHeaderBytes(sunk.incidents.columns).buffer };
}

describe("an import's columns made as the file is read", () => {
  it.each(FILES)("%s: columnsOf's bytes, frame and the same report", async (file) => {
    const bytes = new Uint8Array(readFileSync(join(FIXTURES, file)));
    let both: Awaited<ReturnType<typeof bothWays>>;
    try {
      both = await bothWays(bytes, file, { idPrefix: "T", existingIds: new Set(["T-2"]) });
    } catch (err) {
      // A file importFile refuses is refused the same way.
      await expect(importFileInto(bytes, file, { idPrefix: "T", existingIds: new Set(["T-2"]) }, new ColumnsSink())).rejects.toThrow((err as Error).message);
      return;
    }
    const { alone, expected, sunk, bytes: sunkBytes } = both;
    expect(Buffer.from(sunkBytes).equals(Buffer.from(expected.columns.buffer))).toBe(true);
    expect(sunk.incidents.columns.header).toEqual(expected.columns.header);
    expect(sunk.incidents.frame).toEqual(expected.frame);
    expect(sunk.report).toEqual(alone.report);
  });

  it("a synthetic ACLED export of 3,000 rows: the same bytes", async () => {
    const { expected, bytes } = await bothWays(new TextEncoder().encode(acledCsv({ rows: 3000, seed: 1 })), "acled-synth.csv", { idPrefix: "T" });
    expect(Buffer.from(bytes).equals(Buffer.from(expected.columns.buffer))).toBe(true);
  });

  it("gives rows without an id theirs once every id of the file is claimed, before and after a row the geocoder places", async () => {
    const geocode: GeocodeBatch = async (batch) => new Map(batch.map((q) => [placeQueryKey(q), answer(q.text, "resolved", [candidate(q.text, [36.1, 32.6])])]));
    // Row 2 has no id and would be P-2, which row 4 writes; row 3 waits for the geocoder; row 5 reuses row 1's
    // id with other cells; row 6 repeats row 2's cells; row 7 repeats row 1 exactly (dropped).
    const csv = [
      "event_id,event_date,event_type,location,latitude,longitude,notes",
      "A,2021-08-01,Battles,Tafas,32.74,35.97,one",
      ",2021-08-02,Battles,Tafas,32.74,35.97,two",
      ",2021-08-03,Battles,Jasim,,,three",
      "P-2,2021-08-04,Battles,Tafas,32.74,35.97,four",
      "A,2021-08-05,Battles,Tafas,32.74,35.97,five",
      ",2021-08-02,Battles,Tafas,32.74,35.97,two",
      "A,2021-08-01,Battles,Tafas,32.74,35.97,one",
      ",2021-08-07,Battles,Jasim,,,seven",
    ].join("\n");
    const options = { idPrefix: "P", geocode, placeColumn: "location", existingIds: new Set(["P-8"]) };
    const { alone, expected, sunk, bytes } = await bothWays(new TextEncoder().encode(csv), "ids.csv", options);
    const ids = buildPlaced(sunk.incidents.columns).map((p) => p.feature.properties.event_id);
    expect(ids).toEqual(["A", "P-2-2", "P-3", "P-2", "A-2", "P-6", "P-8-2"]);
    expect(alone.collection.features.map((f) => f.properties.event_id)).toEqual(ids);
    expect(sunk.report.flagged.map((f) => [f.row, f.id, f.kind])).toEqual([
      [5, "A-2", "id-renamed"],
      [6, "P-6", "possible-repeat"],
    ]);
    expect(sunk.report.duplicates).toEqual([{ row: 7, id: "A", firstRow: 1 }]);
    expect(Buffer.from(bytes).equals(Buffer.from(expected.columns.buffer))).toBe(true);
    expect(sunk.report).toEqual(alone.report);
  });
});
