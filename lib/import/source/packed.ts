// A CSV Source's batches read in another worker and handed over cheaply: a batch's cells as one text (joined by
// NUL, which no CSV text the readers accept holds: encoding.ts refuses it) and its row and line numbers as
// typed arrays, instead of a hundred thousand small arrays and strings for postMessage to copy one by one.
// The import worker reads the file's records while a second worker decodes and parses it (2 cores: the
// parse, about a third of the import's reading, leaves the importing worker's thread).
import { ImportError } from "../errors";
import type { RejectedRow } from "../types";
import type { Source, SourceBatch, SourceRecord } from "./types";

const NUL = "\u0000";

/** One batch, packed. `width`: cells per record (every CSV record has one per column). */
export interface PackedBatch {
  width: number;
  cells: string;
  rows: Int32Array;
  lines: Int32Array;
  rejected: RejectedRow[];
  fraction: number;
}

/** Whether `source`'s batches can be packed: CSV, whose records hold text cells, one per column. */
export const packable = (source: Pick<Source, "format" | "hasGeometry" | "columns">) => source.format === "csv" && !source.hasGeometry && source.columns.length > 0;

/** A batch packed for postMessage (transfer `rows.buffer` and `lines.buffer`). */
export function packBatch(batch: SourceBatch, width: number): PackedBatch {
  const n = batch.records.length;
  const rows = new Int32Array(n);
  const lines = new Int32Array(n);
  const cells: string[] = new Array<string>(n * width);
  for (let k = 0; k < n; k++) {
    const r = batch.records[k];
    if (r.values.length !== width) throw new Error(`packBatch: row ${r.row} has ${r.values.length} cells, not ${width}`);
    rows[k] = r.row;
    lines[k] = r.line ?? 0;
    for (let j = 0; j < width; j++) {
      const v = r.values[j];
      if (typeof v !== "string") throw new Error(`packBatch: row ${r.row} holds a ${typeof v}, not text`);
      if (v.includes(NUL)) throw new Error(`packBatch: row ${r.row} holds NUL`);
      cells[k * width + j] = v;
    }
  }
  return { width, cells: cells.join(NUL), rows, lines, rejected: batch.rejected, fraction: batch.fraction };
}

/** The batch again, each record's cells as the reader gave them. */
export function unpackBatch(p: PackedBatch): SourceBatch {
  const n = p.rows.length;
  const records: SourceRecord[] = new Array<SourceRecord>(n);
  if (n > 0) {
    const all = p.cells.split(NUL);
    if (all.length !== n * p.width) throw new Error(`unpackBatch: ${all.length} cells for ${n} rows of ${p.width}`);
    for (let k = 0; k < n; k++) {
      const line = p.lines[k];
      const values = all.slice(k * p.width, (k + 1) * p.width);
      records[k] = line > 0 ? { row: p.rows[k], line, values } : { row: p.rows[k], values };
    }
  }
  return { records, rejected: p.rejected, fraction: p.fraction };
}

/** What the reading worker sends: a batch, the end, or why it stopped (an ImportError's field and value kept). */
export type PackedMessage = { batch: PackedBatch } | { done: true } | { error: string; field?: string; value?: string };

/** The message for an error thrown while reading. */
export function errorMessage(err: unknown): Extract<PackedMessage, { error: string }> {
  if (err instanceof ImportError) return { error: err.message, field: err.field, value: err.value };
  return { error: err instanceof Error ? err.message : String(err) };
}

/** The error again on the importing side: an ImportError when it was one, so the report names field and value. */
export function errorOf(m: Extract<PackedMessage, { error: string }>): Error {
  const err = new Error(m.error);
  if (m.field === undefined) return err;
  // The message as the reader composed it (ImportError's constructor would compose it again).
  Object.setPrototypeOf(err, ImportError.prototype);
  return Object.assign(err, { name: "ImportError", field: m.field, value: m.value ?? "" });
}
