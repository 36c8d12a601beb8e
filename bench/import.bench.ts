// `npm run bench -- import`: the whole import pipeline (importFile: decode, read, propose a mapping, read
// every value, validate), and with it the worker's columns for the page (columnsOf), beside PapaParse alone
// on the same 100,000-row ACLED export, which is the floor any pipeline over that CSV library can reach, and
// beside kepler.gl's way of reading a CSV: @loaders.gl/csv with its type detection (dynamicTyping), rows as objects.
import Papa from "papaparse";
import { CSVLoader } from "@loaders.gl/csv";
import { acledCsv } from "../lib/build/acled-synth";
import { importFile } from "../lib/import";
import { columnsOf } from "../components/import/columns";
import { readSource } from "../lib/import/source";
import { countImport } from "../lib/import/estimate";
import { importCollector } from "../lib/import/pipeline";
import { proposeMapping } from "../lib/import/mapping/propose";
import type { SkippedRows } from "../lib/import/types";
import { median, timeMedian, type BenchRow } from "./types";

const BENCH = "import";
// @option ROWS: number = 100_000, rows of the synthetic ACLED export (lib/build/acled-synth.ts, seed 1).
const ROWS = 100_000;
// @option RUNS: number = 3, imports per figure; the median is reported (one import takes seconds).
const RUNS = 3;

export default async function bench(): Promise<BenchRow[]> {
  const text = acledCsv({ rows: ROWS, seed: 1 });
  const bytes = new TextEncoder().encode(text);
  const mib = (bytes.byteLength / 2 ** 20).toFixed(1);

  const first = await importFile(bytes, "acled-synth.csv", { idPrefix: "B" });
  const papaRows = Papa.parse<string[]>(text, { skipEmptyLines: true }).data.length - 1;
  const agree = first.report.accepted === ROWS && papaRows === ROWS ? `both read all ${ROWS} rows` : `importFile accepted ${first.report.accepted}, PapaParse read ${papaRows}`;

  // What the import worker does before it answers the page: the import, then its incidents as checked columns;
  // the import alone is the first part of the same runs.
  const imports: number[] = [];
  const answers: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const imported = await importFile(bytes, "acled-synth.csv", { idPrefix: "B" });
    imports.push(performance.now() - t0);
    columnsOf(imported.collection.features);
    answers.push(performance.now() - t0);
  }
  const oursMs = median(imports);
  const workerMs = median(answers);
  const papaMs = await timeMedian(() => Papa.parse<string[]>(text, { skipEmptyLines: true }), RUNS);
  const keplerOptions = { csv: { shape: "object-row-table" as const, dynamicTyping: true, header: "auto" as const } };
  const keplerRows = (await CSVLoader.parseText(text, keplerOptions)).data.length;
  const keplerMs = await timeMedian(() => CSVLoader.parseText(text, keplerOptions), RUNS);
  // The reader alone (decode, detect, every batch): what the pipeline adds on top of it is the mapping.
  const readMs = await timeMedian(() => {
    for (const batch of readSource(bytes, "acled-synth.csv").batches()) void batch;
  }, RUNS);
  // The mapping step's count reading the file for the import too (the worker's shared reading), then what the
  // worker still does once the user clicks Import: finish (ids, the report) and the columns.
  const afterCount: number[] = [];
  const countWithImport: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const source = readSource(bytes, "acled-synth.csv");
    const collector = importCollector(source, { idPrefix: "B" });
    let scanned: { total: number; skipped: SkippedRows } | undefined;
    const t0 = performance.now();
    await countImport(source, proposeMapping(source).mapping, {}, { ...collector, scanned: (s) => (scanned = s) });
    const t1 = performance.now();
    columnsOf((await collector.finish(scanned!)).collection.features);
    countWithImport.push(t1 - t0);
    afterCount.push(performance.now() - t1);
  }
  const afterCountMs = median(afterCount);
  const rate = (ms: number) => ROWS / (ms / 1000);

  return [
    {
      bench: BENCH,
      metric: `importFile, ACLED CSV, ${ROWS} rows`,
      value: rate(oursMs),
      unit: "rows/s",
      anchor: { name: "PapaParse.parse alone", value: rate(papaMs) },
      ratio: papaMs / oursMs,
      note: `median of ${RUNS}; ${mib} MiB, ${(oursMs / 1000).toFixed(1)} s vs ${(papaMs / 1000).toFixed(2)} s; ${agree}`,
    },
    {
      bench: BENCH,
      metric: `importFile, ACLED CSV, ${ROWS} rows (beside kepler.gl's reader)`,
      value: rate(oursMs),
      unit: "rows/s",
      anchor: { name: "@loaders.gl/csv parseText, dynamicTyping, object rows", value: rate(keplerMs) },
      ratio: keplerMs / oursMs,
      note: `median of ${RUNS}; ${(keplerMs / 1000).toFixed(1)} s for loaders.gl (${keplerRows} rows, types only: no positions, no validation)`,
    },
    {
      bench: BENCH,
      metric: `the import worker's whole answer (importFile, then columnsOf), ${ROWS} rows`,
      value: rate(workerMs),
      unit: "rows/s",
      anchor: { name: "@loaders.gl/csv parseText, dynamicTyping, object rows", value: rate(keplerMs) },
      ratio: keplerMs / workerMs,
      note: `median of ${RUNS}; ${(workerMs / 1000).toFixed(1)} s: the file read, mapped, checked, placed (anchors, labels, distances) and written as the page's columns`,
    },
    {
      bench: BENCH,
      metric: `the import worker's answer once the mapping step's count has read the file (finish, then columnsOf), ${ROWS} rows`,
      value: afterCountMs,
      unit: "ms",
      anchor: { name: "the whole answer without the count's reading (importFile, then columnsOf)", value: workerMs },
      ratio: workerMs / afterCountMs,
      note: `median of ${RUNS}; the count that read for the import took ${(median(countWithImport) / 1000).toFixed(1)} s while the mapping step showed; a user who clicks Import sooner waits for the rest of that reading`,
    },
    {
      bench: BENCH,
      metric: `readSource alone (every batch), ${ROWS} rows`,
      value: rate(readMs),
      unit: "rows/s",
      anchor: { name: "PapaParse.parse alone", value: rate(papaMs) },
      ratio: papaMs / readMs,
      note: `median of ${RUNS}; the reader under importFile: bytes to records, no mapping`,
    },
  ];
}
