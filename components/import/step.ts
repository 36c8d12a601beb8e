// Where the import of one file stands: read and inspected, shown in the mapping step, being imported.
import type { ImportProgress, Inspection, PreviewRow, SampleProblems } from "@/lib/import";
import type { RowEstimate, WholeFileCount } from "@/lib/import/estimate";
import type { Mapping } from "@/lib/import/mapping/types";
import type { ReadSourceOptions } from "@/lib/import/source/types";
import type { Remembered } from "./remembered";

export interface MappingState {
  kind: "mapping";
  fileName: string;
  inspection: Inspection;
  /** SHA-256 of the file's bytes, hex: the same file imported again is recognised by it. */
  sha256: string;
  estimate: RowEstimate;
  /** Per column, up to two values as the file gives them. */
  samples: unknown[][];
  read: ReadSourceOptions;
  mapping: Mapping;
  preview: PreviewRow[];
  rejectedInSample: SampleProblems[];
  /** Set when `mapping` is the one remembered for this header. */
  remembered: Remembered | null;
  /** A preview or a re-read is on its way: the table shows the previous one meanwhile. */
  pending: "preview" | "read" | null;
  /** Import (or Replace, `replaceId`) pressed while `pending`: carried out when it has come, if the mapping it
   *  was pressed on still holds (pressedAndReady). */
  pressed: { replaceId: string | undefined; mapping: Mapping } | null;
  /** The whole file read under `mapping` (no features built): the numbers the step promises, once counted. */
  whole: WholeFileCount | null;
  /** The share of the file counted so far, while a count runs; null otherwise. */
  counting: number | null;
}

export type Step =
  | { kind: "idle" }
  | { kind: "reading"; fileName: string; file: File }
  | MappingState
  | { kind: "importing"; fileName: string; estimate: RowEstimate; progress: ImportProgress | null; cancelling: boolean };

/** Incidents the button promises: from the whole file once counted (rows placed by name counted as placed,
 *  which the geocoder may still refuse: `upTo`), else the rows there are (or about) less the sample's share
 *  of rejections. */
export function expectedIncidents(s: Pick<MappingState, "estimate" | "rejectedInSample" | "inspection" | "whole">): { count: number; exact: boolean; upTo?: boolean } {
  if (s.whole) return { count: s.whole.placed + s.whole.toGeocode, exact: s.whole.toGeocode === 0, upTo: s.whole.toGeocode > 0 };
  const rejected = s.rejectedInSample.reduce((n, p) => n + p.count, 0);
  const size = s.inspection.sampleSize;
  if (s.estimate.exact && s.estimate.rows === size) return { count: Math.max(0, size - rejected), exact: true };
  const share = size > 0 ? rejected / size : 0;
  return { count: Math.round(s.estimate.rows * (1 - share)), exact: s.estimate.exact && rejected === 0 };
}
