// Every limit and default of the importer, declared once. `importFile` takes `limits` to override any of
// them per call (tests shrink MAX_IMPORT_BYTES instead of allocating 500 MB).
import type { BBox } from "../geo/bbox";

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
  geocodeBatchSize: number;
  maxPlaceLength: number;
}

export const DEFAULT_LIMITS: Readonly<ImportLimits> = Object.freeze({
  maxBytes: MAX_IMPORT_BYTES,
  maxJsonDepth: MAX_JSON_DEPTH,
  maxRows: MAX_ROWS,
  maxColumns: MAX_COLUMNS,
  geocodeBatchSize: GEOCODE_BATCH_SIZE,
  maxPlaceLength: MAX_PLACE_LENGTH,
});

// @option DEFAULT_EXPECTED_REGION: BBox [west, south, east, north], default [35.0, 29.0, 43.0, 37.5]: Syria
// and its neighbours. A point outside it whose swapped [lat, lng] lies inside is rejected as swapped; a
// point outside it otherwise is accepted with a warning.
export const DEFAULT_EXPECTED_REGION: Readonly<BBox> = Object.freeze([35.0, 29.0, 43.0, 37.5]) as Readonly<BBox>;

// @option DEFAULT_PLACE_COLUMNS: string[], default ["place", "location", "placename"]. Columns tried, in
// order and case-insensitively, for the place name to geocode when a CSV has no latitude/longitude.
export const DEFAULT_PLACE_COLUMNS: readonly string[] = Object.freeze(["place", "location", "placename"]);

// @option MAX_LISTED_ROWS: integer, default 10. Row numbers listed in one aggregated warning.
export const MAX_LISTED_ROWS = 10;
