// Reads an imported file off the main thread, so a 500 MB file never freezes the page. One worker serves
// one file: `inspect` reads a sample and proposes a mapping, `preview` shows the sample under a changed
// mapping, `import` reads every row with progress, `cancel` stops it between batches. An import answers
// with the page's incident columns (columns.ts), their buffer transferred, as a saved dataset arrives; `read`,
// `encode` and `flag` make columns for the page from stored bytes, an old stored import, or a report's action.
// Place names are resolved by the server's geocoder (POST /api/geocode), one request per batch of unique
// place queries, each query asked once per file (the mapping step's count and the import share the answers).
import {
  inspectSource,
  previewMapping,
  placeQueryKey,
  type GeocodeAnswer,
  type ImportProgress,
  type Inspection,
  type Mapping,
  type PlaceQuery,
  type PreviewRow,
  type ReadSourceOptions,
  type SampleProblems,
} from "@/lib/import";
import { readSourceAsync } from "@/lib/import/source";
import type { Source, SourceRecord } from "@/lib/import/source/types";
import { countImport, estimateRows, type RowEstimate, type WholeFileCount } from "@/lib/import/estimate";
import { importCollector, importFileInto, type ImportCollector } from "@/lib/import/pipeline";
import type { SkippedRows } from "@/lib/import/types";
import type { ImportReport } from "@/lib/import";
import type { IncidentColumns } from "@/lib/columns/format";
import type { Frame } from "@/lib/dataset/frame";
import { splitHeader, type HeaderPart } from "@/lib/columns/parts";
import { readColumns } from "@/lib/columns/read";
import { withHeaderBytes } from "@/lib/columns/encode";
import type { IncidentFeature } from "@/lib/incident/model";
import type { FlagAction } from "@/lib/import/flags";
import { ColumnsSink, columnsOf, flaggedColumns } from "./columns";
import { sameMapping } from "./remembered";
import { listedFlagGroups, type ListedFlagGroup } from "./labels";

export type ImportRequest =
  /** `file` the first time; without it the bytes already read are inspected again (another encoding or sheet).
   *  With `count`, the whole-file count of the proposal starts as soon as the sample is read, ahead of the
   *  page's `count` request with these ids, which then takes it over. */
  | { type: "inspect"; seq: number; file?: File; read?: ReadSourceOptions; count?: { idPrefix: string; existingIds: string[] } }
  | { type: "preview"; seq: number; mapping: Mapping }
  /** The whole file read under `mapping`: the mapping step's numbers. A newer count stops an older one. The
   *  rows are kept meanwhile for an import under the same mapping, `idPrefix` and `existingIds`, which goes on
   *  from where the count is rather than reading the file again. */
  | { type: "count"; seq: number; mapping: Mapping; idPrefix: string; existingIds: string[] }
  | { type: "import"; seq: number; mapping?: Mapping; read?: ReadSourceOptions; idPrefix: string; existingIds: string[] }
  /** Stored columns (IndexedDB) checked again and handed back, `bytes` transferred both ways. */
  | { type: "read"; seq: number; bytes: ArrayBuffer }
  /** An import stored as GeoJSON objects before imports were kept as columns. */
  | { type: "encode"; seq: number; features: IncidentFeature[] }
  | { type: "flag"; seq: number; bytes: ArrayBuffer; ids: string[]; action: FlagAction }
  /** The columns of the import that answered `imported` with seq `of`, as the bytes to keep (a `kept` reply). */
  | { type: "keep"; seq: number; of: number }
  | { type: "cancel" };

export type ImportReply =
  | { type: "inspected"; seq: number; inspection: Inspection; sha256: string; estimate: RowEstimate; samples: unknown[][] }
  | { type: "previewed"; seq: number; preview: PreviewRow[]; rejectedInSample: SampleProblems[] }
  | { type: "counting"; seq: number; fraction: number }
  | { type: "counted"; seq: number; count: WholeFileCount }
  | ({ type: "progress"; seq: number } & ImportProgress)
  /** Ahead of a reply with columns: a part of its header's long lists (the reply's header holds them emptied). */
  | { type: "part"; seq: number; part: HeaderPart }
  /** The incidents as columns (ColumnsSink), their buffer (transferred) holding the sections only (dataStart 0):
   *  the bytes to keep follow in a `kept` reply. And what came in and what did not. */
  | {
      type: "imported";
      seq: number;
      /** Without its problemRows, which come as `problemRows`. */
      report: ImportReport;
      columns: IncidentColumns;
      /** The incidents' frame (incidentsFrame). */
      frame: Frame | null;
      /** The report's problemRows as their JSON text: a 1M import's 50,000 rows × 31 cells took the page's
       *  thread hundreds of ms to receive as objects, and only the download reads them. */
      problemRows?: Blob;
      /** The report's flagged rows (its `flagged` is sent empty): by group, as the report lists them, and all
       *  of them as their JSON text, for the download and IndexedDB. */
      flags: ListedFlagGroup[];
      flaggedRows?: Blob;
    }
  /** The imported columns as their format's bytes (transferred) and a Blob of them for IndexedDB, made when
   *  the page asks, once it has drawn them: the header's JSON took 0.5 s of a 100k import before its reply. */
  | { type: "kept"; seq: number; bytes: ArrayBuffer; blob: Blob }
  | { type: "columns"; seq: number; columns: IncidentColumns }
  | { type: "cancelled"; seq: number }
  | { type: "failed"; seq: number; error: string; field?: string };

// @option PROGRESS_EVERY_MS: number = 100, so the page redraws the bar about ten times a second at most.
const PROGRESS_EVERY_MS = 100;

// Every answer this worker's file has had, by placeQueryKey: the import asks nothing its count already asked.
const answered = new Map<string, GeocodeAnswer>();

/** The batch's answers, asking the server only for the queries not answered before. */
async function geocodeBatch(queries: PlaceQuery[]): Promise<Map<string, GeocodeAnswer>> {
  const unasked = queries.filter((q) => !answered.has(placeQueryKey(q)));
  if (unasked.length > 0) for (const [key, answer] of await askServer(unasked)) answered.set(key, answer);
  return new Map(queries.map((q) => [placeQueryKey(q), answered.get(placeQueryKey(q))!]));
}

/** One POST per batch (the importer sends at most GEOCODE_BATCH_SIZE unique queries, the API takes 500);
 *  the server sends no `best`: the first feature of a resolved answer is its best. */
async function askServer(queries: PlaceQuery[]): Promise<Map<string, GeocodeAnswer>> {
  const res = await fetch("/api/geocode", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ queries }) });
  if (!res.ok) {
    const why = ((await res.json().catch(() => null)) as { error?: unknown } | null)?.error;
    throw new Error(`geocoder answered HTTP ${res.status}${typeof why === "string" ? `: ${why.slice(0, 200)}` : ""}`);
  }
  const body = (await res.json()) as { results?: { status: GeocodeAnswer["status"]; features: NonNullable<GeocodeAnswer["best"]>[] }[] };
  const results = Array.isArray(body.results) ? body.results : [];
  if (results.length !== queries.length) throw new Error(`geocoder answered ${results.length} results for ${queries.length} queries`);
  return new Map(queries.map((q, i) => {
    const fc = results[i];
    return [placeQueryKey(q), { status: fc.status, best: fc.status === "resolved" ? (fc.features[0] ?? null) : null, candidates: fc.features }];
  }));
}

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

// @option SAMPLE_VALUES: number = 2, non-blank values shown beside each column's name.
const SAMPLE_VALUES = 2;

/** Per column, its first non-blank values in the sample, as the file gives them. */
function columnSamples(columns: readonly string[], sample: readonly SourceRecord[]): unknown[][] {
  return columns.map((_, i) => {
    const out: unknown[] = [];
    for (const r of sample) {
      const v = r.values[i];
      if (v !== null && v !== undefined && String(v).trim() !== "") out.push(v);
      if (out.length === SAMPLE_VALUES) break;
    }
    return out;
  });
}

// The one file this worker serves, read once.
let file: { bytes: Uint8Array; name: string; sha256: Promise<string> } | null = null;
let inspection: Inspection | null = null;
// The Source the last inspection read, for whole-file counts (its batches() reads the bytes again).
let source: Source | null = null;
let running: AbortController | null = null;
let counting: AbortController | null = null;

const post = (reply: ImportReply, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(reply, transfer);

/** Columns to the page with their buffer transferred, not copied, the header's long lists in parts ahead of it
 *  (each its own message, so the page reads none of them in a long task). */
function postColumns(reply: Extract<ImportReply, { columns: IncidentColumns }>): void {
  const { skeleton, parts } = splitHeader(reply.columns.header);
  for (const part of parts) post({ type: "part", seq: reply.seq, part });
  post({ ...reply, columns: { ...reply.columns, header: skeleton } }, [reply.columns.buffer]);
}

function failed(seq: number, err: unknown): ImportReply {
  const e = err as Error & { field?: string };
  return { type: "failed", seq, error: e?.message ?? String(err), ...(typeof e?.field === "string" ? { field: e.field } : {}) };
}

async function inspect({ seq, file: picked, read, count }: Extract<ImportRequest, { type: "inspect" }>): Promise<ImportReply> {
  const started = performance.now();
  if (picked) {
    const bytes = new Uint8Array(await picked.arrayBuffer());
    // Started now, awaited after the sample is read: the two overlap.
    file = { bytes, name: picked.name, sha256: sha256(bytes) };
  }
  if (!file) throw new Error("inspect: no file was given to this worker");
  // Read here rather than through inspectFile: the columns' example values come from the same sample.
  const readNow = await readSourceAsync(file.bytes, file.name, read);
  source = readNow;
  inspection = inspectSource(readNow, read?.limits);
  inspections++;
  inspectedRead = read;
  const samples = columnSamples(inspection.source.columns, readNow.sample);
  // The count starts now, not after the file's SHA-256 (1.6 s of a 350 MB file) and the page's answer.
  if (count) {
    const req = { type: "count", seq: -1, mapping: inspection.proposal.mapping, ...count } as const;
    const to = { seq: -1 };
    early = { key: countKey(req), to, reply: runCount(req, to).catch((err: unknown) => failed(to.seq, err)) };
  } else early = null;
  const inspected = performance.now();
  const reply: ImportReply = { type: "inspected", seq, inspection, sha256: await file.sha256, estimate: estimateRows(file.bytes, inspection), samples };
  console.info("import inspect (ms):", { read_and_inspect: Math.round(inspected - started), sha256_and_estimate: Math.round(performance.now() - inspected) });
  return reply;
}

/** A count's reading kept for an import: the import's collector fed by the count's scan (estimate.ts countImport). */
/** An import's report and its incidents as columns (ColumnsSink), `laps` the milliseconds of the columns' finish. */
type ColumnsImport = { report: ImportReport; incidents: { columns: IncidentColumns; frame: Frame | null } };

interface SharedScan {
  key: string;
  controller: AbortController;
  collector: ImportCollector<ColumnsImport>;
  laps: Record<string, number>;
  scanned: Promise<{ total: number; skipped: SkippedRows }>;
  /** The import's progress, once one has taken the reading over. */
  onProgress: ((p: ImportProgress) => void) | null;
}
let shared: SharedScan | null = null;
// The read options of the last inspection that succeeded: the Source counts read the file with.
let inspectedRead: ReadSourceOptions | undefined;

/** What an import must share with a count to go on from its reading: the same ids, mapping (undefined: the proposal) and reading. */
const scanKey = (idPrefix: string, mapping: Mapping | undefined, read: ReadSourceOptions | undefined, existingIds: readonly string[]) =>
  JSON.stringify([idPrefix, mapping ?? null, read ?? {}, existingIds]);

/** The import's collector for a count's mapping, reading a Source of its own as importFile would; null when
 *  the import would refuse the mapping before reading (the count still counts). */
async function shareable(req: Extract<ImportRequest, { type: "count" }>, controller: AbortController): Promise<{ scan: SharedScan; source: Source; done: (s: { total: number; skipped: SkippedRows }) => void; failed: (err: unknown) => void } | null> {
  // A workbook is read whole to open it: a second reading per count would cost more than the import saves.
  if (!file || !inspection || inspection.source.format === "xlsx") return null;
  const mapping = sameMapping(req.mapping, inspection.proposal.mapping) ? undefined : req.mapping;
  const read = inspectedRead;
  const own = await readSourceAsync(file.bytes, file.name, { ...read, limits: { ...read?.limits } });
  let done!: (s: { total: number; skipped: SkippedRows }) => void;
  let failed!: (err: unknown) => void;
  const scanned = new Promise<{ total: number; skipped: SkippedRows }>((resolve, reject) => ((done = resolve), (failed = reject)));
  // Nobody may wait for it: a count that no import took over is not an error.
  scanned.catch(() => undefined);
  const laps: Record<string, number> = {};
  const scan: SharedScan = { key: scanKey(req.idPrefix, mapping, read, req.existingIds), controller, scanned, onProgress: null, collector: null as unknown as ImportCollector<ColumnsImport>, laps };
  try {
    scan.collector = importCollector(
      own,
      {
        idPrefix: req.idPrefix,
        existingIds: new Set(req.existingIds),
        geocode: geocodeBatch,
        mapping,
        signal: controller.signal,
        onProgress: (p) => scan.onProgress?.(p),
      },
      new ColumnsSink(laps),
    );
  } catch {
    return null;
  }
  return { scan, source: own, done, failed };
}

/** A count the worker started itself (inspect's `count`): the page's request with the same key takes it over. */
let early: { key: string; to: { seq: number }; reply: Promise<ImportReply> } | null = null;
let inspections = 0;
const countKey = (req: Extract<ImportRequest, { type: "count" }>) => JSON.stringify([inspections, req.idPrefix, req.mapping, req.existingIds]);

/** The page's count: the early one when it is for the same mapping and ids, else a new one. */
async function count(req: Extract<ImportRequest, { type: "count" }>): Promise<ImportReply> {
  const taken = early;
  early = null;
  if (!taken || taken.key !== countKey(req)) return runCount(req, { seq: req.seq });
  taken.to.seq = req.seq;
  return { ...(await taken.reply), seq: req.seq };
}

/** `to.seq`: the request its progress and answer are for (an early count's changes when the page takes it over). */
async function runCount(req: Extract<ImportRequest, { type: "count" }>, to: { seq: number }): Promise<ImportReply> {
  if (!source) throw new Error("count: nothing has been inspected yet");
  counting?.abort();
  shared = null;
  const mine = new AbortController();
  counting = mine;
  let last = 0;
  const share = await shareable(req, mine).catch(() => null);
  if (share && !mine.signal.aborted) shared = share.scan;
  try {
    const count = await countImport(
      share?.source ?? source,
      req.mapping,
      {
        existingIds: new Set(req.existingIds),
        geocode: geocodeBatch,
        signal: mine.signal,
        onProgress: (fraction) => {
          const now = performance.now();
          if (now - last < PROGRESS_EVERY_MS) return;
          last = now;
          post({ type: "counting", seq: to.seq, fraction });
        },
      },
      share ? { ...share.scan.collector, scanned: share.done } : undefined,
    );
    return { type: "counted", seq: to.seq, count };
  } catch (err) {
    share?.failed(err);
    // A newer count (or an import) took over.
    if ((err as Error)?.name === "AbortError" || mine.signal.aborted) return { type: "cancelled", seq: to.seq };
    throw err;
  } finally {
    if (counting === mine) counting = null;
  }
}

/** Progress to the page about ten times a second, and always the last. */
function progressPoster(seq: number, started = performance.now()): (p: ImportProgress) => void {
  let last = 0;
  return (p) => {
    const now = performance.now();
    if (now - last < PROGRESS_EVERY_MS && p.fraction < 1) return;
    last = now;
    post({ type: "progress", seq, ...p, elapsedMs: Math.round(now - started) });
  };
}

async function runImport(req: Extract<ImportRequest, { type: "import" }>): Promise<Extract<ImportReply, { type: "imported" | "cancelled" }>> {
  if (!file) throw new Error("import: no file was given to this worker");
  const scan = shared;
  shared = null;
  if (scan && scan.key === scanKey(req.idPrefix, req.mapping, req.read, req.existingIds) && !scan.controller.signal.aborted) {
    // The count has been reading the file for this import: it goes on from there.
    running = scan.controller;
    scan.onProgress = progressPoster(req.seq);
    try {
      const asked = performance.now();
      const scanned = await scan.scanned;
      const read = performance.now();
      const result = await scan.collector.finish(scanned);
      console.info("import scan (ms):", { waited_for_scan: Math.round(read - asked), finish: Math.round(performance.now() - read), ...scan.laps });
      return imported(req.seq, result);
    } catch (err) {
      if ((err as Error)?.name === "AbortError" || scan.controller.signal.aborted) return { type: "cancelled", seq: req.seq };
      throw err;
    } finally {
      running = null;
    }
  }
  counting?.abort();
  running = new AbortController();
  try {
    const laps: Record<string, number> = {};
    const started = performance.now();
    const result = await importFileInto(
      file.bytes,
      file.name,
      {
        idPrefix: req.idPrefix,
        existingIds: new Set(req.existingIds),
        geocode: geocodeBatch,
        mapping: req.mapping,
        read: req.read,
        signal: running.signal,
        onProgress: progressPoster(req.seq),
      },
      new ColumnsSink(laps),
    );
    console.info("import read (ms):", { read_and_finish: Math.round(performance.now() - started), ...laps });
    return imported(req.seq, result);
  } catch (err) {
    if ((err as Error)?.name === "AbortError" || running.signal.aborted) return { type: "cancelled", seq: req.seq };
    throw err;
  } finally {
    running = null;
  }
}

function imported(seq: number, result: ColumnsImport): Extract<ImportReply, { type: "imported" }> {
  const { columns, frame } = result.incidents;
  const { problemRows, flagged, ...report } = result.report;
  return {
    type: "imported",
    seq,
    report: { ...report, flagged: [] },
    columns,
    frame,
    flags: listedFlagGroups(flagged),
    ...(flagged.length > 0 ? { flaggedRows: new Blob([JSON.stringify(flagged)], { type: "application/json" }) } : {}),
    ...(problemRows ? { problemRows: new Blob([JSON.stringify(problemRows)], { type: "application/json" }) } : {}),
  };
}

// The last import's columns, their buffer holding the sections only (ColumnsSink's), until the page asks for
// the bytes to keep.
let toKeep: { of: number; columns: IncidentColumns } | null = null;

/** The `kept` reply; the bytes as a Blob are made here, so the page stores them in IndexedDB without copying
 *  100 MB on its thread. */
function kept({ seq, of }: Extract<ImportRequest, { type: "keep" }>): ImportReply {
  if (toKeep?.of !== of) throw new Error(`keep: no import ${of} to keep`);
  const { columns } = toKeep;
  toKeep = null;
  const started = performance.now();
  const { buffer } = withHeaderBytes(columns);
  const blob = new Blob([buffer]);
  console.info("import kept (ms):", { incidents: columns.header.count, bytes_and_blob: Math.round(performance.now() - started) });
  return { type: "kept", seq, bytes: buffer, blob };
}

self.onmessage = async (e: MessageEvent<ImportRequest>) => {
  const req = e.data;
  if (req.type === "cancel") {
    running?.abort();
    return;
  }
  try {
    if (req.type === "inspect") post(await inspect(req));
    else if (req.type === "preview") {
      if (!inspection) throw new Error("preview: nothing has been inspected yet");
      post({ type: "previewed", seq: req.seq, ...previewMapping(inspection, req.mapping) });
    } else if (req.type === "count") post(await count(req));
    else if (req.type === "import") {
      const reply = await runImport(req);
      const posting = performance.now();
      if (reply.type === "imported") {
        // A copy of the sections stays here: the buffer goes to the page.
        toKeep = { of: req.seq, columns: { ...reply.columns, buffer: reply.columns.buffer.slice(0) } };
        postColumns(reply);
        console.info("import posted (ms):", Math.round(performance.now() - posting));
      } else post(reply);
    } else if (req.type === "read") postColumns({ type: "columns", seq: req.seq, columns: readColumns(req.bytes) });
    else if (req.type === "encode") postColumns({ type: "columns", seq: req.seq, columns: columnsOf(req.features) });
    else if (req.type === "flag") postColumns({ type: "columns", seq: req.seq, columns: flaggedColumns(req.bytes, req.ids, req.action) });
    else if (req.type === "keep") {
      const reply = kept(req);
      post(reply, reply.type === "kept" ? [reply.bytes] : []);
    }
  } catch (err) {
    post(failed(req.seq, err));
  }
};
