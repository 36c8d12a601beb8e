// The importer's three entry points for the page: inspect a file (a sample read, a proposed mapping and a
// preview of the first rows as they will be read), preview again under a changed mapping, and import the
// whole file under a mapping (default: the proposal, so a known layout imports in one click), in batches
// with progress and cancellation. Pure and worker-safe (no DOM, no Node APIs).
import type { IncidentFeature, IncidentProperties } from "../incident/model";
import { markerAnchor } from "../incident/anchor";
import { CHECKED_PROPERTIES, incidentGeometryIssue, propertyIssue, showValue } from "../incident/validate";
import { ImportError } from "./errors";
import { geocodeRows } from "./geocoding";
import { unsafeKeyReason } from "./keys";
import { DEFAULT_LIMITS, type ImportLimits } from "./limits";
import { applyMapping, compileMapping, hasAdminNames, hasCoordinates, placeColumn, type Applied, type CompiledMapping } from "./mapping/apply";
import { isBlank, textOf } from "./mapping/values";
import { dateAssumptions } from "./mapping/undated";
import { contentOf, IdLedger } from "./ids";
import type { FlaggedRow, RowFlag } from "./flags";
import { proposeMapping, precisionAssumptions, unsafeColumnWarning } from "./mapping/propose";
import type { Mapping, Proposal } from "./mapping/types";
import { readSource, readSourceAsync } from "./source";
import type { ReadSourceOptions, Source, SourceRecord } from "./source/types";
import type { AcceptedRow, ImportOptions, ImportReport, ImportResult, PendingPlace, ProblemRows, RejectedRow, SkippedRows } from "./types";
import { WarningLog } from "./warnings";
import { nextTurn } from "./turn";

// @option PREVIEW_ROWS: number = 20, sample rows the mapping step shows as they will be read.
export const PREVIEW_ROWS = 20;

// @option YIELD_EVERY_MS: number = 16, longest stretch of work between two turns of the event loop, so a
// Cancel message reaches the worker within a frame.
const YIELD_EVERY_MS = 16;

/** One sample row as it will be read: what the preview table shows. */
export interface PreviewRow {
  row: number;
  /** ISO day (or null when the file gives none), the end day for ranges, ACLED time_precision. */
  date?: string | null;
  dateEnd?: string;
  timePrecision?: 1 | 2 | 3;
  /** [lng, lat] when the row has a position; `place` when it waits for the geocoder. */
  position?: [number, number];
  place?: string;
  eventType?: string;
  /** Set when the row would be rejected: the field as the file names it, the value, why. */
  problem?: RejectedRow;
  /** What the row would be flagged for (it is imported), in words. */
  flags?: string[];
}

export interface SampleProblems {
  field: string;
  message: string;
  count: number;
}

export interface Inspection {
  /** Source without sample/batches: format, encoding (+alternatives), separator, sheets/sheet, columns, hxl, warnings. */
  source: Omit<Source, "sample" | "batches">;
  proposal: Proposal;
  /** The first PREVIEW_ROWS sample rows as read with proposal.mapping. */
  preview: PreviewRow[];
  /** Of the whole sample: how many rows would be rejected, grouped by field and message. */
  rejectedInSample: SampleProblems[];
  sampleSize: number;
}

export interface ImportProgress {
  rowsRead: number;
  rejected: number;
  fraction: number;
  elapsedMs: number;
}

export type PipelineOptions = ImportOptions & {
  mapping?: Mapping;
  read?: ReadSourceOptions;
  onProgress?: (p: ImportProgress) => void;
  signal?: AbortSignal;
};

// The sample behind each Inspection, so previewMapping need not read the file again; the last one also by
// what describes it, for an Inspection that came back through postMessage (a structured clone).
const samples = new WeakMap<Inspection, Source>();
let last: { key: string; source: Source } | null = null;
const keyOf = (s: Omit<Source, "sample" | "batches">) => JSON.stringify([s.fileName, s.byteLength, s.format, s.encoding?.name, s.sheet, s.separator, s.columns]);

/** Proposes a mapping for a Source already read, and previews it. */
export function inspectSource(source: Source, limits: Partial<ImportLimits> = {}): Inspection {
  const maxColumns = limits.maxColumns ?? DEFAULT_LIMITS.maxColumns;
  if (source.columns.length > maxColumns) throw new ImportError("header", `${source.columns.length} columns`, `more than ${maxColumns} columns`);
  const proposal = proposeMapping(source);
  const described = describe(source);
  const inspection: Inspection = { source: described, proposal, ...previewOf(source, proposal.mapping), sampleSize: source.sample.length };
  samples.set(inspection, source);
  last = { key: keyOf(described), source };
  return inspection;
}

/**
 * Reads a sample and proposes a mapping. Throws ImportError only when the file cannot be read at all, or
 * when it is an .xlsx workbook, which only inspectFileAsync reads (read-excel-file is asynchronous).
 */
export function inspectFile(bytes: Uint8Array, fileName: string, read?: ReadSourceOptions): Inspection {
  return inspectSource(readSource(bytes, fileName, read), read?.limits);
}

/** inspectFile for every format, .xlsx workbooks included. */
export async function inspectFileAsync(bytes: Uint8Array, fileName: string, read?: ReadSourceOptions): Promise<Inspection> {
  return inspectSource(await readSourceAsync(bytes, fileName, read), read?.limits);
}

/** The preview again for a mapping the user changed (the sample is kept with the Inspection). */
export function previewMapping(inspection: Inspection, mapping: Mapping): { preview: PreviewRow[]; rejectedInSample: SampleProblems[] } {
  const source = samples.get(inspection) ?? (last?.key === keyOf(inspection.source) ? last.source : undefined);
  if (!source) throw new ImportError("inspection", inspection.source.fileName, "previewMapping needs the Inspection inspectFile returned in this worker");
  return previewOf(source, mapping);
}

/** The Source without its records and reader: what the page is shown and may clone. */
function describe(source: Source): Omit<Source, "sample" | "batches"> {
  const out: Partial<Source> = { ...source };
  delete out.sample;
  delete out.batches;
  return out as Omit<Source, "sample" | "batches">;
}

function previewOf(source: Source, mapping: Mapping): { preview: PreviewRow[]; rejectedInSample: SampleProblems[] } {
  const compiled = compileMapping(mapping, source, DEFAULT_LIMITS.maxJsonDepth);
  const preview: PreviewRow[] = [];
  const problems = new Map<string, SampleProblems>();
  for (const record of source.sample) {
    const applied = applyMapping(compiled, record);
    if (applied.kind === "skipped") continue;
    const row = previewRow(record.row, record.line, applied);
    if (row.problem) {
      const key = `${row.problem.field}\u0000${row.problem.message}`;
      const group = problems.get(key) ?? { field: row.problem.field, message: row.problem.message, count: 0 };
      group.count++;
      problems.set(key, group);
    }
    if (preview.length < PREVIEW_ROWS) preview.push(row);
  }
  return { preview, rejectedInSample: [...problems.values()] };
}

function previewRow(row: number, line: number | undefined, applied: Exclude<Applied, { kind: "skipped" }>): PreviewRow {
  if (applied.kind === "rejected") {
    const { field, value, message } = applied.problem;
    return { row, problem: { row, ...(line ? { line } : {}), field, value, message } };
  }
  const props = applied.row.props;
  const out: PreviewRow = {
    row,
    date: props.event_date as string | null,
    timePrecision: props.time_precision as 1 | 2 | 3,
    eventType: props.event_type as string,
  };
  if (props.event_date_end !== undefined) out.dateEnd = props.event_date_end as string;
  if (applied.row.flags.length > 0) out.flags = applied.row.flags.map((f) => `${f.field} = ${f.value}: ${f.message}`);
  if (applied.kind === "placed") out.position = markerAnchor(applied.geometry).slice(0, 2) as [number, number];
  else out.place = applied.place;
  return out;
}

/**
 * The importer's entry point: the file read (with the user's encoding/sheet choice), every record mapped
 * (default mapping: the proposal, one click), with progress and cancellation. Rejects with an
 * AbortError-named Error when `signal` aborts.
 */
export async function importFile(bytes: Uint8Array, fileName: string, options: PipelineOptions): Promise<ImportResult> {
  const { report, incidents } = await importFileInto(bytes, fileName, options, new FeatureList());
  return { collection: { type: "FeatureCollection", features: incidents }, report };
}

/** importFile with its incidents made into `sink` as they are read (importSourceInto). */
export async function importFileInto<Out>(bytes: Uint8Array, fileName: string, options: PipelineOptions, sink: IncidentSink<Out>): Promise<{ report: ImportReport; incidents: Out }> {
  if (typeof options.idPrefix !== "string" || options.idPrefix.trim() === "") {
    throw new ImportError("idPrefix", options.idPrefix, "a non-empty prefix for generated event_ids is required");
  }
  const source = await readSourceAsync(bytes, fileName, { ...options.read, limits: { ...options.limits, ...options.read?.limits } });
  return importSourceInto(source, options, sink);
}

export const abortError = () => Object.assign(new Error("the import was cancelled"), { name: "AbortError" });

// @option SKIPPED_EXAMPLES: number = 5, skipped rows the report shows as the file has them.
const SKIPPED_EXAMPLES = 5;
// @option MAX_PROBLEM_ROWS: number = 50000, rejected or flagged rows whose cells the report keeps for its download.
export const MAX_PROBLEM_ROWS = 50_000;

export interface ScanOptions {
  signal?: AbortSignal;
  /** After each batch: records so far and the share of the file read. */
  onBatch?: (records: number, fraction: number) => void;
}

/** The non-blank cells of a record, for a skipped row's example. */
const cellsText = (record: SourceRecord) => record.values.filter((v) => !isBlank(v)).map((v) => textOf(v)).join(" | ") || "(empty)";

/**
 * Every record of `source` through the compiled mapping, batch by batch, yielding to the event loop so a
 * Cancel reaches the worker. Rows the reader refused go to `onReaderRejected`; rows that are not records are
 * counted in `skipped`; `visit` sees every other record. The import and the mapping step's whole-file count
 * both read a file through this one loop, so their numbers agree.
 */
export async function scanSource(
  source: Source,
  compiled: CompiledMapping,
  limits: ImportLimits,
  options: ScanOptions,
  visit: (applied: Exclude<Applied, { kind: "skipped" }>, record: SourceRecord) => void,
  onReaderRejected: (r: RejectedRow) => void,
): Promise<{ total: number; skipped: SkippedRows }> {
  const rowWord = source.hasGeometry ? "feature" : "row";
  const skipped: SkippedRows = { count: 0, examples: [] };
  let total = 0;
  let lastYield = Date.now();
  for (const batch of source.batches()) {
    if (options.signal?.aborted) throw abortError();
    for (const r of batch.rejected) onReaderRejected(r);
    total += batch.rejected.length;
    for (const record of batch.records) {
      const applied = applyMapping(compiled, record);
      if (applied.kind === "skipped") {
        if (skipped.count++ < SKIPPED_EXAMPLES) skipped.examples.push({ row: record.row, ...(record.line ? { line: record.line } : {}), text: cellsText(record) });
        continue;
      }
      if (++total > limits.maxRows) {
        throw new ImportError(source.hasGeometry ? "features" : "csv", `${total} ${rowWord}s`, `more than ${limits.maxRows} ${rowWord}s; split the file`);
      }
      visit(applied, record);
    }
    options.onBatch?.(total, batch.fraction);
    if (Date.now() - lastYield >= YIELD_EVERY_MS) {
      await nextTurn();
      lastYield = Date.now();
      if (options.signal?.aborted) throw abortError();
    }
  }
  return { total, skipped };
}

/** The mapping for `source` as the import reads it: the given one (with a place column chosen), else the proposal. */
export function mappingFor(source: Source, options: Pick<PipelineOptions, "mapping" | "placeColumn">): { mapping: Mapping; proposal: Proposal | null } {
  const proposal = options.mapping ? null : proposeMapping(source);
  let mapping = options.mapping ?? (proposal as Proposal).mapping;
  if (options.placeColumn !== undefined) mapping = withPlaceColumn(mapping, source.columns, options.placeColumn);
  return { mapping, proposal };
}

/** Why a row waiting for the geocoder is rejected when there is none (and its own position was not unreadable). */
export function ungeocoded(source: Pick<Source, "hasGeometry">, p: { place: string; placeField: string }): { field: string; value: string; message: string } {
  return source.hasGeometry
    ? { field: "geometry", value: "null", message: `is missing, and no geocoder was given to place the feature by its ${p.placeField}` }
    : { field: p.placeField, value: showValue(p.place), message: "has no coordinates, and no geocoder was given to place it by name" };
}

/** A rejected row as the report lists it. */
const rejectedRow = (record: Pick<SourceRecord, "row" | "line">, p: { field: string; value: string; message: string }): RejectedRow =>
  record.line ? { row: record.row, line: record.line, field: p.field, value: p.value, message: p.message } : { row: record.row, field: p.field, value: p.value, message: p.message };

/** Imports every record of a Source under `options.mapping` (default: the proposal). */
export async function importSource(source: Source, options: PipelineOptions): Promise<ImportResult> {
  const { report, incidents } = await importSourceInto(source, options, new FeatureList());
  return { collection: { type: "FeatureCollection", features: incidents }, report };
}

/** importSource with its incidents made into `sink` as they are read (the import worker's columns). */
export async function importSourceInto<Out>(source: Source, options: PipelineOptions, sink: IncidentSink<Out>): Promise<{ report: ImportReport; incidents: Out }> {
  const collector = importCollector(source, options, sink);
  const scanned = await scanSource(source, collector.compiled, collector.limits, { signal: options.signal, onBatch: collector.onBatch }, collector.visit, collector.onReaderRejected);
  return collector.finish(scanned);
}

/**
 * Where an import's incidents go, one at a time in the file's order, as each is settled: while the file is
 * read when nothing earlier waits for the geocoder, so that a large file's incidents need not all be held as
 * objects first (the import worker writes them into columns as they come).
 */
export interface IncidentSink<Out> {
  /** An incident accepted, its index returned; a row the file gives no id has a stand-in event_id until setId. */
  add(feature: IncidentFeature): number;
  /** Incident `index`'s event_id, given once every id of the file is claimed (ids.ts claimFree). */
  setId(index: number, id: string): void;
  /** Every incident is in. */
  finish(): Out;
}

/** The incidents as features. */
export class FeatureList implements IncidentSink<IncidentFeature[]> {
  private readonly features: IncidentFeature[] = [];
  add(feature: IncidentFeature): number {
    return this.features.push(feature) - 1;
  }
  setId(index: number, id: string): void {
    this.features[index].properties.event_id = id;
  }
  finish(): IncidentFeature[] {
    return this.features;
  }
}

/**
 * importSource in two halves: what the import keeps of each record as the file is read (`visit`,
 * `onReaderRejected`, `onBatch`, for scanSource), then `finish` (the geocoder, ids, the report) once every
 * record is read. Apart so that the mapping step's whole-file count (estimate.ts) can read the file for an
 * import under the same mapping at the same time, and the import goes on from there.
 */
export interface ImportCollector<R = ImportResult> {
  compiled: CompiledMapping;
  limits: ImportLimits;
  /** Returns the record's content hash (ids.ts contentOf) when it made one, for a count reading alongside. */
  visit: (applied: Exclude<Applied, { kind: "skipped" }>, record: SourceRecord) => number | undefined;
  onReaderRejected: (r: RejectedRow) => void;
  onBatch: (rowsRead: number, fraction: number) => void;
  finish: (scanned: { total: number; skipped: SkippedRows }) => Promise<R>;
}

/** The collector for importing `source` under `options`; throws as importSource does before reading a record.
 *  With `sink`, its incidents go there (finish answers with the sink's finish as `incidents`). */
export function importCollector(source: Source, options: PipelineOptions): ImportCollector;
export function importCollector<Out>(source: Source, options: PipelineOptions, sink: IncidentSink<Out>): ImportCollector<{ report: ImportReport; incidents: Out }>;
export function importCollector<Out>(source: Source, options: PipelineOptions, sink?: IncidentSink<Out>): ImportCollector<ImportResult> | ImportCollector<{ report: ImportReport; incidents: Out }> {
  if (!sink) {
    const collector = importCollector(source, options, new FeatureList());
    return { ...collector, finish: async (scanned) => {
      const { report, incidents } = await collector.finish(scanned);
      return { collection: { type: "FeatureCollection", features: incidents }, report };
    } };
  }
  if (typeof options.idPrefix !== "string" || options.idPrefix.trim() === "") {
    throw new ImportError("idPrefix", options.idPrefix, "a non-empty prefix for generated event_ids is required");
  }
  const limits: ImportLimits = { ...DEFAULT_LIMITS, ...options.limits };
  if (source.columns.length > limits.maxColumns) throw new ImportError("header", `${source.columns.length} columns`, `more than ${limits.maxColumns} columns`);
  const started = Date.now();
  const { mapping, proposal } = mappingFor(source, options);
  const compiled = compileMapping(mapping, source, limits.maxJsonDepth);
  checkPlaceable(compiled, source, options);

  const rowWord = source.hasGeometry ? "feature" : "row";
  const log = new WarningLog();
  for (const w of source.warnings) log.add(w);
  source.columns.forEach((name, i) => {
    const unsafe = unsafeKeyReason(name);
    if (unsafe) log.add(unsafeColumnWarning(i, name, unsafe));
  });
  // Placed rows read after one that waits for the geocoder: settled once it has answered, in the file's order.
  const candidates: AcceptedRow[] = [];
  const pending: PendingPlace[] = [];
  const rejected: RejectedRow[] = [];
  const cells = new ProblemCells(source);
  const existing = options.existingIds ?? new Set<string>();
  // Ids seen so far: a row repeating one, or reusing one on the map, may be reported, so its cells are kept.
  const seenIds = new Set<string>();
  const pendingContent = new Map<number, number>();
  // Rows whose position could not be read, waiting for the geocoder by name: without one, that is their reason.
  const unplaced = new Map<number, { field: string; value: string; message: string }>();
  const idField = compiled.byRole.get("id")?.name ?? "event_id";
  const progress = (rowsRead: number, fraction: number) => options.onProgress?.({ rowsRead, rejected: rejected.length, fraction, elapsedMs: Date.now() - started });
  const duplicates: ImportReport["duplicates"] = [];
  const flagged: FlaggedRow[] = [];
  const assembler = new Assembler(options, sink, { rejected, duplicates, flagged });
  // Rows are settled as they are read unless one waiting for the geocoder came before (it may take their ids).
  const settleNow = () => pending.length === 0 || !options.geocode;

  const visit = (applied: Exclude<Applied, { kind: "skipped" }>, record: SourceRecord): number | undefined => {
    const { row, line } = record;
    if (applied.kind === "rejected") {
      rejected.push(rejectedRow(record, applied.problem));
      cells.keep(record, false);
      return undefined;
    }
    for (const w of applied.row.warnings) log.add(w, row);
    const id = applied.row.explicitId;
    const content = contentOf(record.values, record.geometry ?? undefined);
    if (applied.kind === "place" || applied.row.flags.length > 0 || (id !== null && (existing.has(id) || seenIds.has(id)))) cells.keep(record, applied.kind === "place");
    if (id !== null) seenIds.add(id);
    if (applied.kind === "placed") {
      const accepted: AcceptedRow = { row, line, normalised: applied.row, geometry: applied.geometry, idField, content };
      if (settleNow()) assembler.settle(accepted);
      else candidates.push(accepted);
      return content;
    }
    pendingContent.set(row, content);
    if (applied.unplaced) unplaced.set(row, applied.unplaced);
    pending.push({
      row,
      line,
      normalised: applied.row,
      place: applied.place,
      placeField: applied.placeField,
      idField,
      ...(applied.context ? { context: applied.context } : {}),
      ...(applied.admin ? { admin: applied.admin } : {}),
    });
    return content;
  };

  const finish = async ({ total, skipped }: { total: number; skipped: SkippedRows }): Promise<{ report: ImportReport; incidents: Out }> => {
    if (total === 0 && skipped.count === 0) {
      throw new ImportError(source.hasGeometry ? "features" : "csv", source.columns, source.hasGeometry ? "the file has no features: nothing to import" : "the file has a header but no data rows");
    }

    let ambiguous: ImportReport["ambiguous"] = [];
    let unresolved: ImportReport["unresolved"] = [];
    let placed = candidates;
    if (pending.length > 0 && options.geocode) {
      const geo = await geocodeRows(pending, options.geocode, limits, log);
      const withContent = geo.candidates.map((c) => (pendingContent.has(c.row) ? { ...c, content: pendingContent.get(c.row) } : c));
      // All after the rows settled as they were read: those came before the first row waiting for the geocoder.
      placed = [...candidates, ...withContent].sort((a, b) => a.row - b.row);
      rejected.push(...geo.rejected);
      ({ ambiguous, unresolved } = geo);
    } else {
      for (const p of pending) rejected.push(rejectedRow(p, unplaced.get(p.row) ?? ungeocoded(source, p)));
    }
    if (options.signal?.aborted) throw abortError();

    for (const c of placed) assembler.settle(c);
    const incidents = assembler.finish();
    rejected.sort((a, b) => a.row - b.row);
    progress(total, 1);
    const assumptions = [
      ...(proposal ? proposal.assumptions : [`the mapping was set in the mapping step (profile ${mapping.profile}, dates ${mapping.dateFormat ?? "none"})`, ...precisionAssumptions(mapping)]),
      ...dateAssumptions(mapping),
    ];
    const reported = new Set<number>([...rejected, ...flagged, ...ambiguous, ...unresolved].map((r) => r.row));
    return {
      incidents,
      report: {
        fileName: source.fileName,
        format: source.format,
        encoding: encodingText(source),
        ...(source.separator ? { separator: source.separator } : {}),
        ...(source.sheet ? { sheet: source.sheet } : {}),
        total,
        accepted: assembler.accepted,
        rejected,
        flagged,
        skipped,
        ambiguous,
        unresolved,
        duplicates,
        warnings: log.list(rowWord),
        profile: mapping.profile,
        mapping,
        assumptions,
        problemRows: cells.rows(reported),
      },
    };
  };

  return { compiled, limits, visit, onReaderRejected: (r) => rejected.push(r), onBatch: progress, finish };
}

/** The cells of rows the report may list, as the file has them, for its download. */
class ProblemCells {
  private readonly byRow = new Map<number, unknown[]>();
  private readonly features: boolean;
  constructor(private readonly source: Source) {
    this.features = source.hasGeometry;
  }
  /** `always`: rows waiting for the geocoder, which may still be rejected; others stop at MAX_PROBLEM_ROWS. */
  keep(record: SourceRecord, always: boolean): void {
    if (!always && this.byRow.size >= MAX_PROBLEM_ROWS) return;
    this.byRow.set(record.row, this.features ? [...record.values, record.geometry ? JSON.stringify(record.geometry) : ""] : record.values);
  }
  rows(reported: ReadonlySet<number>): ProblemRows {
    const wanted = [...reported].sort((a, b) => a - b);
    const rows: ProblemRows["rows"] = [];
    for (const row of wanted) {
      const values = this.byRow.get(row);
      if (values && rows.length < MAX_PROBLEM_ROWS) rows.push({ row, values });
    }
    return { columns: this.features ? [...this.source.columns, "geometry"] : [...this.source.columns], rows, omitted: wanted.length - rows.length };
  }
}

/** "utf-8", "utf-8 (BOM)", "windows-1252 (detected)", "windows-1256 (chosen)"; a workbook has no text encoding to name. */
function encodingText(source: Source): string {
  const e = source.encoding;
  if (!e) return source.format === "xlsx" ? "none (a workbook stores its text as Unicode)" : "utf-8";
  return e.basis === "bom" ? `${e.name} (BOM)` : e.basis === "detected" || e.basis === "chosen" ? `${e.name} (${e.basis})` : e.name;
}

/** The mapping with `name` (any case) as the place column to geocode. */
function withPlaceColumn(mapping: Mapping, columns: readonly string[], name: string): Mapping {
  const wanted = name.trim().toLowerCase();
  const column = columns.find((c) => c.trim().toLowerCase() === wanted);
  if (column === undefined) throw new ImportError("placeColumn", name, "no such column in the file");
  const roles = Object.fromEntries(Object.entries(mapping.roles).map(([c, r]) => [c, r === "place" ? "keep" : r]));
  return { ...mapping, roles: { ...roles, [column]: "place" } };
}

/** Refuses a mapping that cannot place any row: no coordinates and no place or division column, or names without a geocoder. */
function checkPlaceable(c: CompiledMapping, source: Source, options: ImportOptions): void {
  if (hasCoordinates(c)) return;
  if (!placeColumn(c) && !hasAdminNames(c)) throw new ImportError("header", source.columns, "no latitude/longitude, geometry, place or country column: nothing says where the rows are");
  if (!options.geocode) throw new ImportError("header", source.columns, "no latitude/longitude columns, and no geocoder was given to place rows by name");
}

/** The first rule of the incident model a feature breaks, as a field and a message, or null. */
function featureIssue(f: IncidentFeature): { path: string; value: string; message: string } | null {
  const geometry = incidentGeometryIssue(f.geometry);
  if (geometry) return { path: "geometry", value: showValue(f.geometry), message: geometry };
  const props = f.properties as Record<string, unknown>;
  // Kept columns never carry a model name (apply.ts), so the model's own rules are all there is to check.
  for (const field of CHECKED_PROPERTIES) {
    const message = propertyIssue(field, props[field]);
    if (message) return { path: field, value: showValue(props[field]), message };
  }
  return null;
}

interface Outcome {
  rejected: RejectedRow[];
  duplicates: ImportReport["duplicates"];
  flagged: FlaggedRow[];
}

const repeatFlag = (first: number): RowFlag => ({ kind: "possible-repeat", field: "(the whole row)", value: `row ${first}`, message: `holds exactly the cells of row ${first}, and the file gives no id to tell them apart` });

/**
 * Settles ids and builds the features, row by row in the file's order (ids.ts: exact repeats dropped, other
 * reused ids suffixed and flagged), each into the sink as it is settled; rows without an id get
 * `<prefix>-<row>` at finish, once every file id is claimed. Each row's flags go to the report with the id it
 * was imported as.
 */
class Assembler<Out> {
  private readonly ledger: IdLedger;
  accepted = 0;
  // Rows without an id, in order (their index in the sink, -1 when the model refused them), and the flags
  // reported under each (by position in these lists), whose id comes with theirs.
  private readonly unnamedRows: number[] = [];
  private readonly unnamedIndex: number[] = [];
  private readonly unnamedFlags = new Map<number, FlaggedRow[]>();

  constructor(
    private readonly options: ImportOptions,
    private readonly sink: IncidentSink<Out>,
    private readonly out: Outcome,
  ) {
    this.ledger = new IdLedger(options.existingIds ?? new Set<string>());
  }

  /** The next row placed, in the file's order. */
  settle(c: AcceptedRow): void {
    const id = c.normalised.explicitId;
    if (id === null) {
      // Without an id, two rows of the same cells may be two events: kept, and flagged for the user to judge.
      const first = c.content === undefined ? null : this.ledger.repeatOf(c.content, c.row);
      this.emit(c, null, first === null ? undefined : repeatFlag(first));
      return;
    }
    const settled = this.ledger.settle(id, c.content ?? -c.row, c.row, c.idField);
    if (settled.kind === "repeat") {
      this.out.duplicates.push({ row: c.row, id, firstRow: settled.firstRow });
      return;
    }
    this.emit(c, settled.id, settled.kind === "renamed" ? settled.flag : undefined);
  }

  /** The row's feature checked and into the sink; `id` null: one of its own comes at finish. */
  private emit(c: AcceptedRow, id: string | null, added: RowFlag | undefined): void {
    const flags = added ? [...c.normalised.flags, added] : c.normalised.flags;
    const properties = c.normalised.props as IncidentProperties;
    // A row without an id stands under the id it will have unless that is taken (the model's rule on
    // event_id, a non-empty string, holds for either).
    properties.event_id = id ?? `${this.options.idPrefix}-${c.row}`;
    const feature: IncidentFeature = { type: "Feature", geometry: c.geometry, properties };
    // The last line of defence: the model's own rules on every property and the geometry's shape (ranges
    // and rings were checked when the position was read), without re-running geojson-validation per feature.
    const issue = featureIssue(feature);
    if (id === null) this.unnamedRows.push(c.row);
    if (issue) {
      this.out.rejected.push({ row: c.row, ...(c.line ? { line: c.line } : {}), field: issue.path, value: issue.value, message: issue.message });
      if (id === null) this.unnamedIndex.push(-1);
      return;
    }
    const index = this.sink.add(feature);
    this.accepted++;
    if (id === null) this.unnamedIndex.push(index);
    if (flags.length === 0) return;
    const reported = flags.map((flag): FlaggedRow => ({ row: c.row, ...(c.line ? { line: c.line } : {}), id: properties.event_id, ...flag }));
    this.out.flagged.push(...reported);
    if (id === null) this.unnamedFlags.set(this.unnamedRows.length - 1, reported);
  }

  /** The rows without an id given theirs, in order (a refused one's id is claimed all the same, as it always was). */
  finish(): Out {
    for (let k = 0; k < this.unnamedRows.length; k++) {
      const row = this.unnamedRows[k];
      const id = this.ledger.claimFree(`${this.options.idPrefix}-${row}`, row);
      if (this.unnamedIndex[k] >= 0) this.sink.setId(this.unnamedIndex[k], id);
      for (const f of this.unnamedFlags.get(k) ?? []) f.id = id;
    }
    return this.sink.finish();
  }
}
