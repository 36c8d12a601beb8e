// Records in batches for the caller's progress bar and Cancel, from any sequence of converted items.
import type { RejectedRow } from "../types";
import type { SourceBatch, SourceRecord } from "./types";

// @option BATCH_SIZE: number = 5000, records (accepted or rejected) per batch: small enough to report progress
// and honour Cancel every few milliseconds, large enough that the hand-over costs nothing.
export const BATCH_SIZE = 5000;

/** One item read: a record, a rejection, or nothing (a skipped row of empty cells). */
export type RowOutcome = { record: SourceRecord } | { rejected: RejectedRow } | null;

/** Groups row outcomes into batches of at most `size` records and rejections; `fraction` comes from `progress()`. */
export function* inBatches(outcomes: Iterable<RowOutcome>, progress: () => number, size: number = BATCH_SIZE): Generator<SourceBatch> {
  let records: SourceRecord[] = [];
  let rejected: RejectedRow[] = [];
  for (const outcome of outcomes) {
    if (outcome === null) continue;
    if ("record" in outcome) records.push(outcome.record);
    else rejected.push(outcome.rejected);
    if (records.length + rejected.length >= size) {
      yield { records, rejected, fraction: Math.min(1, progress()) };
      records = [];
      rejected = [];
    }
  }
  yield { records, rejected, fraction: 1 };
}

/** Batches of a list-backed source read from the start, their fraction the share of its `total` items read. */
export function countedBatches(outcomes: Iterable<RowOutcome>, total: number): Generator<SourceBatch> {
  let done = 0;
  const counted = (function* () {
    for (const outcome of outcomes) {
      done++;
      yield outcome;
    }
  })();
  return inBatches(counted, () => done / Math.max(1, total));
}

/** The first `n` records of a sequence of row outcomes. */
export function firstRecords(outcomes: Iterable<RowOutcome>, n: number): SourceRecord[] {
  const out: SourceRecord[] = [];
  if (n <= 0) return out;
  for (const outcome of outcomes) {
    if (outcome !== null && "record" in outcome) {
      out.push(outcome.record);
      if (out.length >= n) break;
    }
  }
  return out;
}
