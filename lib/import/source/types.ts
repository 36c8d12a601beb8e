// What a file reader hands the mapping step: named columns and records of raw values, whatever the format
// was (CSV/TSV, xlsx, GeoJSON, NDJSON, JSON records, KML). Readers decide nothing about incidents; they say
// how they read the bytes (encoding, separator, sheet) so the mapping step can show it and let it change.
import type { Geometry } from "geojson";
import type { Separator } from "../../csv/read";
import type { ImportLimits } from "../limits";
import type { RejectedRow } from "../rejected";

export type SourceFormat = "csv" | "xlsx" | "geojson" | "ndjson" | "json-records" | "kml";

export interface EncodingGuess {
  /** The WHATWG label the text was decoded with: "utf-8", "utf-16le", "windows-1252", "windows-1256", … */
  name: string;
  /** How it was decided: a byte-order mark, valid UTF-8, a statistical detector, or the user's choice. */
  basis: "bom" | "utf-8" | "detected" | "chosen";
  /** The detector's confidence, 0–100, when basis is "detected". */
  confidence?: number;
  /** Other encodings worth offering the user, best first (never includes `name`). */
  alternatives: string[];
  /** When another code page reads the file as plausibly: one line holding high bytes, as each of the two reads it. */
  readings?: { name: string; text: string }[];
}

export interface SourceRecord {
  /** 1-based data row: tables count after the header (and any HXL row); feature files count features from 1. */
  row: number;
  /** Text formats: 1-based line where the record starts. */
  line?: number;
  /** Values aligned with Source.columns: strings from CSV/KML, JSON values from JSON, numbers/strings/booleans from xlsx. */
  values: unknown[];
  /** Feature formats: the feature's geometry (structurally checked by the reader), or null when it has none. */
  geometry?: Geometry | null;
}

export interface SourceBatch {
  records: SourceRecord[];
  /** Records refused by the reader itself (a malformed CSV row, a feature that is not a Feature), row by row. */
  rejected: RejectedRow[];
  /** Share of the input consumed so far, 0–1, for the progress bar. */
  fraction: number;
}

export interface Source {
  format: SourceFormat;
  fileName: string;
  byteLength: number;
  encoding?: EncodingGuess;
  separator?: Separator;
  /** xlsx: every sheet's name, and the one read. */
  sheets?: string[];
  sheet?: string;
  /** Column names as the file writes them; a blank header becomes "column N", a repeated one "NAME (2)". */
  columns: string[];
  /** HXL hashtags per column when the file has a hashtag row (HDX), else undefined. */
  hxl?: (string | null)[];
  /** True for feature formats, whose records carry `geometry`. */
  hasGeometry: boolean;
  /** Records when known before reading them all (xlsx, JSON); undefined while streaming CSV. */
  totalHint?: number;
  /** The first records (up to SAMPLE_ROWS), for proposing and previewing the mapping. */
  sample: SourceRecord[];
  /** Everything the reader assumed or dropped, in words (e.g. "7 empty unnamed columns at the end were ignored").
   *  A streamed CSV counts its row-level warnings over the sample until batches() has run to the end, then
   *  over the whole file: read it again after the last batch. */
  warnings: string[];
  /** Reads every record from the start, in batches, so the caller can report progress and cancel between them. */
  batches(): Iterable<SourceBatch>;
}

export interface ReadSourceOptions {
  /** Decode with this encoding instead of the detected one (the user's choice in the mapping step). */
  encoding?: string;
  /** xlsx: the sheet to read; default the first with data. */
  sheet?: string;
  /** Separator instead of the detected one. */
  separator?: Separator;
  /** Overrides of lib/import/limits.ts (bytes, rows, columns, JSON depth); tests shrink them. */
  limits?: Partial<ImportLimits>;
}

// @option SAMPLE_ROWS: number = 200, records read ahead for the mapping step's proposal and preview.
export const SAMPLE_ROWS = 200;
