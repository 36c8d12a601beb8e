// How many records a file holds, for the mapping step's "Import N incidents" before every row is read:
// exact when the reader knows (xlsx, JSON) or the sample is the whole file, else from its line count.
import { SAMPLE_ROWS } from "./source/types";
import type { Source } from "./source/types";

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
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0a) lines++;
  // A last line without its line break is a record too.
  if (bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a) lines++;
  const headerLines = source.format === "csv" ? 1 + (source.hxl ? 1 : 0) : 0;
  return { rows: Math.max(sampleSize, lines - headerLines), exact: false };
}
