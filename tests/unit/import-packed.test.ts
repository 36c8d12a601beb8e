// A CSV read in a second worker (lib/import/source/packed.ts, components/import/read.worker.ts): its batches
// packed, cloned as postMessage clones them, and unpacked, the count and the import they feed are the ones
// the file read in the importing worker gives, record for record, rejection for rejection, error for error.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importFile } from "@/lib/import";
import { countImport } from "@/lib/import/estimate";
import { importCollector } from "@/lib/import/pipeline";
import { readSource } from "@/lib/import/source";
import { errorMessage, errorOf, packable, packBatch, unpackBatch, type PackedMessage } from "@/lib/import/source/packed";
import type { ReadSourceOptions, SourceBatch } from "@/lib/import/source/types";
import { proposeMapping } from "@/lib/import/mapping/propose";
import type { SkippedRows } from "@/lib/import/types";

const FIXTURES = join(__dirname, "../fixtures");

/** What read.worker.ts sends for the file, each message cloned as postMessage would. */
function messages(bytes: Uint8Array, name: string, read?: ReadSourceOptions): PackedMessage[] {
  const out: PackedMessage[] = [];
  try {
    const source = readSource(bytes, name, read);
    for (const batch of source.batches()) out.push(structuredClone({ batch: packBatch(batch, source.columns.length) }));
    out.push({ done: true });
  } catch (err) {
    out.push(structuredClone(errorMessage(err)));
  }
  return out;
}

/** The importing worker's side (import.worker.ts readElsewhere). */
async function* unpacked(ms: PackedMessage[]): AsyncGenerator<SourceBatch> {
  for (const m of ms) {
    if ("error" in m) throw errorOf(m);
    if ("done" in m) return;
    yield unpackBatch(m.batch);
  }
}

/** Count and import in one reading, as the import worker does, with the batches from `batches` or the Source. */
async function countAndImport(bytes: Uint8Array, name: string, packed: boolean, read?: ReadSourceOptions) {
  const existingIds = new Set(["X-1"]);
  const source = readSource(bytes, name, read);
  const collector = importCollector(source, { idPrefix: "T", existingIds, read });
  let scanned: { total: number; skipped: SkippedRows } | undefined;
  const batches = packed ? unpacked(messages(bytes, name, read)) : undefined;
  const count = await countImport(source, proposeMapping(source).mapping, { existingIds, batches }, { ...collector, scanned: (s) => (scanned = s) });
  return { count, result: await collector.finish(scanned!) };
}

const csv = (text: string) => new TextEncoder().encode(text);
const HEADER = "event_id_cnty,event_date,event_type,location,latitude,longitude,notes";
const CASES: [string, Uint8Array][] = [
  ["a record whose quoted notes hold line breaks and a doubled quote", csv(`${HEADER}\nA1,2021-08-01,Battles,Daraa,32.6,36.1,"one\nline ""two""\nthree"\nA2,2021-08-02,Battles,Tafas,32.7,35.9,plain\n`)],
  ["a BOM and CRLF line ends", new Uint8Array([0xef, 0xbb, 0xbf, ...csv(`${HEADER}\r\nA1,2021-08-01,Battles,Daraa,32.6,36.1,x\r\nA2,2021-08-02,Battles,Tafas,32.7,35.9,"a\r\nb"\r\n`)])],
  ["one row, no line break at the end", csv(`${HEADER}\nA1,2021-08-01,Battles,Daraa,32.6,36.1,x`)],
  ["rows of empty cells and filler among the records", csv(`${HEADER}\n,,,,,,\n-,n/a,,,,,\nA1,2021-08-01,Battles,Daraa,32.6,36.1,x\n,,,,,,\n`)],
  ["short and long rows, a malformed quote, blank lines and an unclosed quote at the end", csv(`${HEADER}\nA1,2021-08-01,Battles,Daraa,32.6,36.1\n\nA2,2021-08-02,Battles,Tafas,32.7,35.9,x,extra\nA3,2021-08-03,Battles,Tafas,32.7,35.9,a "quote" inside\nA4,2021-08-04,Battles,Tafas,32.7,35.9,"open\n`)],
  // More than a batch (5,000 records), repeated ids among them, so that batches and ids cross.
  ["12,000 rows over three batches", csv(`${HEADER}\n${Array.from({ length: 12_000 }, (_, i) => `A${i % 11_000},2021-08-${String(1 + (i % 28)).padStart(2, "0")},Battles,"Place, ${i % 97}",${32 + (i % 100) / 100},${36 + (i % 50) / 100},"row ${i}\nnext line"`).join("\n")}\n`)],
];
const FILES = ["real/acled-2020-middle-east.csv", "real/ucdp-ged-hdx-bangladesh.csv", "import/hostile.csv", "import/hdx-hxl.csv", "import/semicolon-decimal-comma.csv", "import/incidents.tsv", "import/arabic-windows-1256.csv", "import/bom-utf8.csv"];

describe("a CSV read in a second worker", () => {
  it.each([...CASES, ...FILES.map((f): [string, Uint8Array] => [f, new Uint8Array(readFileSync(join(FIXTURES, f)))])])("%s: the same count and import", async (name, bytes) => {
    const file = name.includes(".") ? name : "case.csv";
    const here = await countAndImport(bytes, file, false);
    const there = await countAndImport(bytes, file, true);
    expect(there.count).toEqual(here.count);
    expect(there.result).toEqual(here.result);
    expect(there.result).toEqual(await importFile(bytes, file, { idPrefix: "T", existingIds: new Set(["X-1"]) }));
  });

  it("stops with the reader's own error, field and value (too many rows)", async () => {
    const bytes = CASES[5][1];
    const read = { limits: { maxRows: 7_000 } };
    const here = await countAndImport(bytes, "case.csv", false, read).then(() => null, (err: unknown) => err);
    const there = await countAndImport(bytes, "case.csv", true, read).then(() => null, (err: unknown) => err);
    expect(here).toMatchObject({ name: "ImportError", field: "csv" });
    expect(there).toBeInstanceOf(Error);
    expect({ ...(there as object), message: (there as Error).message }).toEqual({ ...(here as object), message: (here as Error).message });
  });

  it("packs CSV only, and refuses a cell holding NUL rather than misreading it", () => {
    expect(packable(readSource(csv(`${HEADER}\nA1,2021-08-01,Battles,Daraa,32.6,36.1,x\n`), "a.csv"))).toBe(true);
    expect(packable(readSource(new Uint8Array(readFileSync(join(FIXTURES, "import/good.geojson"))), "good.geojson"))).toBe(false);
    expect(() => packBatch({ records: [{ row: 1, line: 2, values: ["a\u0000b", "c"] }], rejected: [], fraction: 1 }, 2)).toThrow(/NUL/);
  });
});
