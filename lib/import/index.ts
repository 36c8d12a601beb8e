// "Bring your own incidents": a researcher's file → validated incidents and a report. Pure and worker-safe
// (no DOM, no Node APIs): the app runs it in a Web Worker. The steps: lib/import/pipeline.ts.
export { inspectFile, inspectFileAsync, previewMapping, importFile, inspectSource, importSource, PREVIEW_ROWS } from "./pipeline";
export type { Inspection, PreviewRow, SampleProblems, ImportProgress, PipelineOptions } from "./pipeline";
export type { Mapping, Proposal, DateGuess, DateFormat, ColumnRole, PrecisionScale } from "./mapping/types";
export { COLUMN_ROLES, DATE_FORMATS } from "./mapping/types";
export type { Source, SourceFormat, EncodingGuess, ReadSourceOptions } from "./source/types";
export type { RejectedRow, ImportReport, ImportResult, GeocodeBatch, GeocodeAnswer, ImportOptions, PlaceQuery, PlaceContext } from "./types";
export { placeQuery, placeQueryKey } from "./geocoding";
export { ImportError } from "./errors";
export { safeHttpUrl } from "./url";
export { escapeFormula, unescapeFormula } from "./formula";
export { checkFileSize } from "./size";
export { MAX_IMPORT_BYTES, MAX_JSON_DEPTH, MAX_ROWS, type ImportLimits } from "./limits";
