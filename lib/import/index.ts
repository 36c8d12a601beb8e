// "Bring your own incidents": a GeoJSON or CSV file → validated incidents and a report of what came in,
// what was rejected and why. Pure and worker-safe (no DOM, no Node APIs): the app runs it in a Web Worker
// so a 50 MB file does not freeze the page. A refused file throws ImportError and yields nothing, so the
// caller's dataset and earlier imports stay as they were.
import type { Separator } from "../csv/read";
import type { IncidentCollection, IncidentFeature, IncidentProperties } from "../incident/model";
import { assertIncidentCollection, incidentIssues, showValue } from "../incident/validate";
import { decodeBytes } from "./decode";
import { ImportError } from "./errors";
import { geocodeRows } from "./geocoding";
import { readGeoJson } from "./geojson";
import { objectFromEntries } from "./keys";
import { DEFAULT_EXPECTED_REGION, DEFAULT_LIMITS, type ImportLimits } from "./limits";
import { readCsv } from "./table";
import type { Candidate, ImportOptions, ImportReport, ImportResult, RejectedRow } from "./types";
import { WarningLog } from "./warnings";

export type { RejectedRow, ImportReport, ImportResult, GeocodeBatch, GeocodeAnswer, ImportOptions } from "./types";
export { ImportError } from "./errors";
export { safeHttpUrl } from "./url";
export { escapeFormula, unescapeFormula } from "./formula";
import { checkFileSize } from "./size";
export { checkFileSize };
export { MAX_IMPORT_BYTES, MAX_JSON_DEPTH, MAX_ROWS, DEFAULT_EXPECTED_REGION, DEFAULT_PLACE_COLUMNS, type ImportLimits } from "./limits";

/** "geojson" for .geojson/.json names, "csv" for .csv/.txt, else by the first character of the text. */
function detectFormat(fileName: string, text: string): "geojson" | "csv" {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (ext === "geojson" || ext === "json") return "geojson";
  if (ext === "csv" || ext === "txt") return "csv";
  const first = /\S/.exec(text)?.[0];
  return first === "{" || first === "[" ? "geojson" : "csv";
}

export async function importFile(bytes: Uint8Array, fileName: string, options: ImportOptions): Promise<ImportResult> {
  if (typeof options.idPrefix !== "string" || options.idPrefix.trim() === "") {
    throw new ImportError("idPrefix", options.idPrefix, "a non-empty prefix for generated event_ids is required");
  }
  const limits: ImportLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const region = options.expectedRegion ?? DEFAULT_EXPECTED_REGION;
  checkFileSize(bytes.byteLength, limits.maxBytes);
  if (bytes.byteLength === 0) throw new ImportError("file", fileName, "the file is empty");
  const { text, encoding, warnings } = decodeBytes(bytes);
  const format = detectFormat(fileName, text);
  const log = new WarningLog();
  for (const w of warnings) log.add(w);

  let total: number;
  let candidates: Candidate[];
  let rejected: RejectedRow[];
  let separator: Separator | undefined;
  let ambiguous: ImportReport["ambiguous"] = [];
  let unresolved: ImportReport["unresolved"] = [];
  if (format === "geojson") {
    ({ total, candidates, rejected } = readGeoJson(text, limits, region, log));
  } else {
    const csv = readCsv(text, { limits, region, placeColumn: options.placeColumn, canGeocode: options.geocode !== undefined }, log);
    ({ total, candidates, rejected, separator } = csv);
    if (csv.pending.length > 0 && options.geocode) {
      const geo = await geocodeRows(csv.pending, options.geocode, limits, region, log);
      candidates = [...candidates, ...geo.candidates].sort((a, b) => a.row - b.row);
      rejected = [...rejected, ...geo.rejected];
      ({ ambiguous, unresolved } = geo);
    }
  }

  const features = assemble(candidates, options, rejected, format === "csv" ? "row" : "feature");
  rejected.sort((a, b) => a.row - b.row);
  const collection: IncidentCollection = { type: "FeatureCollection", features };
  // Every row was checked on its own; this is the promise to the caller that the whole is valid too.
  assertIncidentCollection(collection);
  return {
    collection,
    report: {
      fileName,
      format,
      encoding,
      ...(separator ? { separator } : {}),
      total,
      accepted: features.length,
      rejected,
      ambiguous,
      unresolved,
      warnings: log.list(format === "csv" ? "row" : "feature"),
    },
  };
}

/**
 * Settles ids and builds the features. A row whose event_id is already on the map, or repeats an earlier
 * row's, is rejected and reported (never overwritten); rows without one get `<prefix>-<row>`, made unique.
 */
function assemble(candidates: readonly Candidate[], options: ImportOptions, rejected: RejectedRow[], rowWord: "row" | "feature"): IncidentFeature[] {
  const existing = options.existingIds ?? new Set<string>();
  const claimed = new Map<string, number>();
  const kept: [Candidate, string | null][] = [];
  for (const c of candidates) {
    const id = c.normalised.explicitId;
    if (id === null) {
      kept.push([c, null]);
      continue;
    }
    const reject = (message: string) => rejected.push({ row: c.row, ...(c.line ? { line: c.line } : {}), field: c.idField, value: showValue(id), message });
    if (existing.has(id)) reject("this event_id is already used by an incident on the map (the dataset or an earlier import)");
    else if (claimed.has(id)) reject(`duplicates the event_id of ${rowWord} ${claimed.get(id)}`);
    else {
      claimed.set(id, c.row);
      kept.push([c, id]);
    }
  }
  const taken = (id: string) => existing.has(id) || claimed.has(id);
  const features: IncidentFeature[] = [];
  for (const [c, explicit] of kept) {
    let id = explicit;
    if (id === null) {
      const base = `${options.idPrefix}-${c.row}`;
      id = base;
      for (let n = 2; taken(id); n++) id = `${base}-${n}`;
      claimed.set(id, c.row);
    }
    const properties = objectFromEntries<unknown>([["event_id", id], ...c.normalised.props]) as IncidentProperties;
    const feature: IncidentFeature = { type: "Feature", geometry: c.geometry, properties };
    // The last line of defence: the project's own validator on this one feature.
    const issues = incidentIssues({ type: "FeatureCollection", features: [feature] });
    if (issues.length > 0) {
      const first = issues[0];
      rejected.push({ row: c.row, ...(c.line ? { line: c.line } : {}), field: first.path.replace(/^features\[0\]\.(properties\.)?/, ""), value: first.value, message: first.message });
      continue;
    }
    features.push(feature);
  }
  return features;
}
