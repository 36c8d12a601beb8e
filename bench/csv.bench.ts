// `npm run bench -- csv`: lib/csv's reader beside PapaParse alone and the importer's former hand-written
// parser (bench/old-import-csv.ts), on a 100,000-row synthetic ACLED CSV written by the project's export.
import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { cities500Path } from "../lib/build/cities500";
import { parseGeonamesTowns, synthesizeIncidents } from "../lib/build/synth";
import { readCsv } from "../lib/csv/read";
import { toAcledCsv } from "../lib/export/csv";
import { parseCsv as oldParseCsv } from "./old-import-csv";
import { timeMedian, type BenchRow } from "./types";

const BENCH = "csv";
const COUNT = 100_000;
const OLD = "hand-written parser (former lib/import/csv.ts)";

export default async function bench(): Promise<BenchRow[]> {
  const towns = parseGeonamesTowns(readFileSync(cities500Path(), "utf8"));
  const exported = toAcledCsv(synthesizeIncidents({ count: COUNT, seed: 1, towns }).features);
  const text = exported.charCodeAt(0) === 0xfeff ? exported.slice(1) : exported;

  // The three must agree on what they read before their speeds mean anything.
  const ours = readCsv(text).records.map((r) => r.fields);
  const papa = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
  const old = oldParseCsv(text, Infinity).records.map((r) => r.fields);
  const same = JSON.stringify(ours) === JSON.stringify(old) && JSON.stringify(papa) === JSON.stringify(old);
  const records = old.length;
  const agree = same ? `all three read the same ${records} records` : "the parsers DISAGREE on the records";

  const oursMs = await timeMedian(() => readCsv(text));
  // The same reader with every record through PapaParse's step callback: what plainRecords (lib/csv/read.ts) saves.
  const papaOnlyMs = await timeMedian(() => readCsv(text, { papaOnly: true }));
  const papaMs = await timeMedian(() => Papa.parse<string[]>(text, { skipEmptyLines: true }));
  // The former parser takes seconds a run: three runs of it, not five.
  const oldMs = await timeMedian(() => oldParseCsv(text, Infinity), 3);
  const limitMs = await timeMedian(() => readCsv(text, { maxRecords: 1_000 }));
  const rate = (ms: number) => records / (ms / 1000);
  const mib = (new TextEncoder().encode(text).length / 2 ** 20).toFixed(1);

  return [
    { bench: BENCH, metric: `lib/csv readCsv, ${COUNT} rows`, value: rate(oursMs), unit: "rows/s", anchor: { name: OLD, value: rate(oldMs) }, ratio: oldMs / oursMs, note: `median of 5 (the former parser's of 3); ${mib} MiB, ${agree}` },
    { bench: BENCH, metric: `lib/csv readCsv, ${COUNT} rows, plain records read without PapaParse`, value: rate(oursMs), unit: "rows/s", anchor: { name: "every record through PapaParse (papaOnly)", value: rate(papaOnlyMs) }, ratio: papaOnlyMs / oursMs, note: "median of 5 each; the same records, lines and errors (tests/unit/csv.test.ts compares them)" },
    { bench: BENCH, metric: `PapaParse.parse alone, ${COUNT} rows`, value: rate(papaMs), unit: "rows/s", anchor: { name: OLD, value: rate(oldMs) }, ratio: oldMs / papaMs, note: "median of 5; delimiter and line ending guessed, skipEmptyLines" },
    { bench: BENCH, metric: "lib/csv readCsv, stop at 1,000 records", value: limitMs, unit: "ms", anchor: { name: "whole file", value: oursMs }, ratio: oursMs / limitMs, note: "the record limit stops reading early" },
  ];
}
