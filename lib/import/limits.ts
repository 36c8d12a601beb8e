// Every limit and default of the importer, declared once. `importFile` takes `limits` to override any of
// them per call (tests shrink MAX_IMPORT_BYTES instead of allocating 500 MB).

// @option MAX_IMPORT_BYTES: integer, bytes, default 500 MB (500 × 1024 × 1024). A larger file is refused
// before it is decoded or parsed. The UI should compare `File.size` with it before even reading the file.
export const MAX_IMPORT_BYTES = 500 * 1024 * 1024;

// @option MAX_JSON_DEPTH: integer, default 32. Deepest nesting of `[` and `{` accepted in a GeoJSON file
// (or a geometry_geojson cell). A MultiPolygon feature inside a FeatureCollection needs 8; the limit is
// checked by scanning the text before JSON.parse, so 10,000 nested arrays never reach the parser.
export const MAX_JSON_DEPTH = 32;

// @option MAX_ROWS: integer, default 1,000,000. Most CSV data rows or GeoJSON features in one file: a whole
// ACLED region export, streamed in the worker.
export const MAX_ROWS = 1_000_000;

// @option MAX_COLUMNS: integer, default 500. Most CSV columns (or properties of one feature); ACLED has 31.
export const MAX_COLUMNS = 500;

// @option MAX_XLSX_EXPANDED_BYTES: integer, bytes, default 1 GB (1024 × 1024 × 1024). Most bytes an xlsx
// workbook's parts may declare unpacked together; checked from the zip directory before anything expands.
export const MAX_XLSX_EXPANDED_BYTES = 1024 * 1024 * 1024;

// @option MAX_ZIP_RATIO: number, default 200. Highest expansion ratio of one workbook part over 1 MB: sheet
// XML packs 5–30 times, a zip bomb thousands of times.
export const MAX_ZIP_RATIO = 200;

// @option GEOCODE_BATCH_SIZE: integer, default 100. Unique places handed to the geocoding callback per call.
export const GEOCODE_BATCH_SIZE = 100;

// @option MAX_PLACE_LENGTH: integer, characters, default 200. Longer place text is reported unresolved
// without asking the geocoder (matches its MAX_QUERY_LENGTH, which refuses longer queries).
export const MAX_PLACE_LENGTH = 200;

export interface ImportLimits {
  maxBytes: number;
  maxJsonDepth: number;
  maxRows: number;
  maxColumns: number;
  maxXlsxExpandedBytes: number;
  maxZipRatio: number;
  geocodeBatchSize: number;
  maxPlaceLength: number;
}

export const DEFAULT_LIMITS: Readonly<ImportLimits> = Object.freeze({
  maxBytes: MAX_IMPORT_BYTES,
  maxJsonDepth: MAX_JSON_DEPTH,
  maxRows: MAX_ROWS,
  maxColumns: MAX_COLUMNS,
  maxXlsxExpandedBytes: MAX_XLSX_EXPANDED_BYTES,
  maxZipRatio: MAX_ZIP_RATIO,
  geocodeBatchSize: GEOCODE_BATCH_SIZE,
  maxPlaceLength: MAX_PLACE_LENGTH,
});

// @option MAX_LISTED_ROWS: integer, default 10. Row numbers listed in one aggregated warning.
export const MAX_LISTED_ROWS = 10;
