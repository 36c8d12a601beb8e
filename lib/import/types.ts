// The importer's public shapes and the internal hand-over between its stages.
import type { Separator } from "../csv/read";
import type { GeocodeResult } from "../geocode/geocode";
import type { IncidentCollection, IncidentGeometry } from "../incident/model";
import type { ImportLimits } from "./limits";
import type { NormalisedRow } from "./mapping/apply";
import type { Mapping } from "./mapping/types";
import type { SourceFormat } from "./source/types";

export type { RejectedRow } from "./rejected";
import type { RejectedRow } from "./rejected";
export type { FlaggedRow, FlagKind, RowFlag } from "./flags";
import type { FlaggedRow } from "./flags";

/** Rows that are not records (empty, or only a date or filler): skipped, counted apart from rejections. */
export interface SkippedRows {
  count: number;
  /** The first few, as the file has them (non-blank cells joined). */
  examples: { row: number; line?: number; text: string }[];
}

/** The cells of every rejected or flagged row as the file has them, for the report's download. */
export interface ProblemRows {
  /** The file's columns (features: their properties, then "geometry" as GeoJSON text). */
  columns: string[];
  rows: { row: number; values: unknown[] }[];
  /** Rows left out past MAX_PROBLEM_ROWS. */
  omitted: number;
}

export interface ImportReport {
  fileName: string;
  format: SourceFormat;
  /** The encoding's WHATWG name and how it was decided: "utf-8", "utf-8 (BOM)", "windows-1252 (detected)", "windows-1256 (chosen)". */
  encoding: string;
  separator?: Separator;
  /** xlsx: the sheet read. */
  sheet?: string;
  /** Records in the file (skipped rows not counted); = accepted + rejected + ambiguous + unresolved + duplicates. */
  total: number;
  /** Imported, flagged rows included. */
  accepted: number;
  rejected: RejectedRow[];
  /** Imported rows a check flagged (a row may carry several flags); each kind offers a one-click action. */
  flagged: FlaggedRow[];
  skipped: SkippedRows;
  ambiguous: { row: number; place: string; candidates: string[] }[];
  unresolved: { row: number; place: string }[];
  /** Exact repeats: an earlier row has the same id and the same cells; not imported, the first kept. (Rows
   *  without an id that repeat one are kept and flagged `possible-repeat`.) */
  duplicates: { row: number; id: string; firstRow: number }[];
  warnings: string[];
  /** The profile the mapping used ("ACLED pre-2018", "UCDP GED", "GeoJSON", "custom", …). */
  profile: string;
  mapping: Mapping;
  /** What was assumed, in words (crosswalks, swapped columns, precision as given, an ambiguous date format). */
  assumptions: string[];
  /** The rejected and flagged rows' own cells, for the download (reportCsv). */
  problemRows?: ProblemRows;
}

export interface ImportResult {
  collection: IncidentCollection;
  report: ImportReport;
}

/** The geocoder's answer (lib/geocode's GeocodeResult) as the worker rebuilds it from POST /api/geocode, which
 *  sends no `best`: the first feature of a resolved answer is its best. Checked again here, like any input. */
export type GeocodeAnswer = Pick<GeocodeResult, "status" | "best" | "candidates">;

/** Resolves unique place queries; answers are keyed by `placeQueryKey(query)` (lib/import/geocoding.ts).
 *  The app backs it with the project's geocoder (in the worker, via POST /api/geocode). */
export type GeocodeBatch = (queries: PlaceQuery[]) => Promise<Map<string, GeocodeAnswer>>;

export interface ImportOptions {
  /** Prefix of generated event_ids, e.g. "IMP1" → "IMP1-7" for data row 7. Must be non-empty. */
  idPrefix: string;
  /** Ids already on the map (dataset and earlier imports): an imported row reusing one is kept under a suffixed id. */
  existingIds?: ReadonlySet<string>;
  /** Needed only for CSV rows placed by name rather than coordinates. */
  geocode?: GeocodeBatch;
  /** The column holding place names to geocode (any case); default: the mapping's place, else location, column. */
  placeColumn?: string;
  /** Overrides of the limits in limits.ts (tests use a small maxBytes). */
  limits?: Partial<ImportLimits>;
}

/** A row that passed every per-row check and has its geometry; its id is settled in the last stage. */
export interface AcceptedRow {
  row: number;
  line?: number;
  normalised: NormalisedRow;
  geometry: IncidentGeometry;
  /** The file's name for event_id, for messages about collisions. */
  idField: string;
  /** Hash of the row's cells (ids.ts): an exact repeat is told by it. */
  content?: number;
}

export type { PlaceContext, PlaceQuery } from "../geocode/query";
import type { PlaceContext, PlaceQuery } from "../geocode/query";

/** A CSV row that passed the per-row checks but has no coordinates: it waits for the geocoder. */
export interface PendingPlace {
  row: number;
  line?: number;
  normalised: NormalisedRow;
  place: string;
  placeField: string;
  idField: string;
  /** The row's country/admin columns, when the mapping has them. */
  context?: PlaceContext;
  /** Set when the row names no place, only this division or its country: `place` is that name, and the row is
   *  placed on the division itself (geo_precision 3). */
  admin?: keyof PlaceContext;
}
