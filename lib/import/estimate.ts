// How many records a file holds, for the mapping step's "Import N incidents": at once from the line count
// (exact when the reader knows, xlsx and JSON, or the sample is the whole file), then from a pass over the
// whole file under the mapping (countImport), which the mapping step shows when it arrives.
import type { FlagKind } from "./flags";
import { contentOf, IdLedger } from "./ids";
import { DEFAULT_LIMITS, type ImportLimits } from "./limits";
import { compileMapping } from "./mapping/apply";
import type { Mapping } from "./mapping/types";
import { scanSource, ungeocoded, type ImportCollector, type PipelineOptions, type SampleProblems } from "./pipeline";
import { SAMPLE_ROWS } from "./source/types";
import type { Source } from "./source/types";
import type { SkippedRows } from "./types";

export interface RowEstimate {
  rows: number;
  /** False when counted from line breaks: quoted line breaks and blank lines make it an estimate. */
  exact: boolean;
}

type Sampled = { source: Pick<Source, "format" | "totalHint" | "hxl">; sampleSize: number };

export function estimateRows(bytes: Uint8Array, inspection: Sampled): RowEstimate {
  const { source, sampleSize } = inspection;
  if (source.totalHint !== undefined) return { rows: source.totalHint, exact: true };
  if (sampleSize < SAMPLE_ROWS) return { rows: sampleSize, exact: true };
  let lines = 0;
  // indexOf scans natively: a JS loop over every byte of a 200 MB file held the worker for a second.
  for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, at + 1)) lines++;
  // A last line without its line break is a record too.
  if (bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a) lines++;
  const headerLines = source.format === "csv" ? 1 + (source.hxl ? 1 : 0) : 0;
  return { rows: Math.max(sampleSize, lines - headerLines), exact: false };
}

/** What importing the whole file under a mapping will do, counted by reading every record (no features built,
 *  nothing geocoded): the mapping step's "Import N incidents" and "N would be rejected, because…". */
export interface WholeFileCount {
  /** Records (skipped rows not counted): the report's `total`. */
  rows: number;
  /** Placed by their own position and imported (exact repeats left out). */
  placed: number;
  /** Waiting for the geocoder: each is imported, ambiguous or unresolved once the geocoder answers. */
  toGeocode: number;
  /** Rejected, grouped by field and message, largest first. */
  rejected: SampleProblems[];
  /** Flagged rows by kind (imported). */
  flagged: { kind: FlagKind; count: number }[];
  /** Exact repeats of an id, dropped. */
  duplicates: number;
  skipped: number;
}

export type CountOptions = Pick<PipelineOptions, "existingIds" | "limits" | "signal" | "geocode"> & {
  /** The share of the file read so far. */
  onProgress?: (fraction: number) => void;
};

/**
 * The whole file read under `mapping` through the import's own loop (pipeline.ts scanSource) and id rules
 * (ids.ts), so the counts are the report's, bar what only the geocoder decides. Without a geocoder, rows that
 * wait for one are counted as rejected, as the import would reject them.
 */
/** `also`: an import's collector (pipeline.ts importCollector), reading the same records as they are counted;
 *  `finish` it with the scan's total and skipped rows. */
export type CountAlso = Pick<ImportCollector, "visit" | "onReaderRejected" | "onBatch"> & { scanned?: (s: { total: number; skipped: SkippedRows }) => void };

export async function countImport(source: Source, mapping: Mapping, options: CountOptions = {}, also?: CountAlso): Promise<WholeFileCount> {
  const limits: ImportLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const compiled = compileMapping(mapping, source, limits.maxJsonDepth);
  const ledger = new IdLedger(options.existingIds ?? new Set<string>());
  const rejected = new Map<string, SampleProblems>();
  const reject = (field: string, message: string) => {
    const key = `${field}\u0000${message}`;
    const group = rejected.get(key) ?? { field, message, count: 0 };
    group.count++;
    rejected.set(key, group);
  };
  const flagged = new Map<FlagKind, Set<number>>();
  const flag = (kind: FlagKind, row: number) => flagged.set(kind, (flagged.get(kind) ?? new Set<number>()).add(row));
  let placed = 0;
  let toGeocode = 0;
  let duplicates = 0;
  const idField = compiled.byRole.get("id")?.name ?? "event_id";
  const { total, skipped } = await scanSource(
    source,
    compiled,
    limits,
    {
      signal: options.signal,
      onBatch: (records, fraction) => {
        also?.onBatch(records, fraction);
        options.onProgress?.(fraction);
      },
    },
    (applied, record) => {
      const hashed = also?.visit(applied, record);
      if (applied.kind === "rejected") return reject(applied.problem.field, applied.problem.message);
      if (applied.kind === "place") {
        if (options.geocode) toGeocode++;
        else {
          const why = applied.unplaced ?? ungeocoded(source, applied);
          reject(why.field, why.message);
        }
        return;
      }
      const id = applied.row.explicitId;
      const content = hashed ?? contentOf(record.values, record.geometry ?? undefined);
      if (id === null && ledger.repeatOf(content, record.row) !== null) flag("possible-repeat", record.row);
      if (id !== null) {
        const settled = ledger.settle(id, content, record.row, idField);
        if (settled.kind === "repeat") {
          duplicates++;
          return;
        }
        if (settled.kind === "renamed") flag("id-renamed", record.row);
      }
      for (const f of applied.row.flags) flag(f.kind, record.row);
      placed++;
    },
    (r) => {
      also?.onReaderRejected(r);
      reject(r.field, r.message);
    },
  );
  also?.scanned?.({ total, skipped });
  return {
    rows: total,
    placed,
    toGeocode,
    rejected: [...rejected.values()].sort((a, b) => b.count - a.count),
    flagged: [...flagged].map(([kind, rows]) => ({ kind, count: rows.size })),
    duplicates,
    skipped: skipped.count,
  };
}
