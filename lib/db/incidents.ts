import "server-only";
// A dataset's incidents: written in batches inside the caller's transaction, read in the file's order and
// filtered in SQL by bbox (through the GiST index), date range and event types.
import type { BBox } from "../geo/bbox";
import type { IncidentFeature } from "../incident/model";
import { exportedFeature } from "../export/geojson";
import type { Db, Queryable } from "./types";
import { geometryBbox } from "../geo/bbox";
import { boxText, copyLine, pointText } from "./copy-text";
import { joinedBytes } from "./bytes";

// @option BATCH_ROWS: number = 10000, features per COPY
export const BATCH_ROWS = 10_000;

// COPY in its text format (lib/db/copy-text.ts): on both engines several times faster than multi-row
// INSERTs. The geometry's box and a Point's position go in as core types (the filter and the reads use
// only them, so both engines answer alike); the feature as it is served (lib/export's exportedFeature:
// polygons rewound, coordinates rounded), as JSON text that json (not jsonb) keeps as it is.
const COLUMNS = ["dataset_id", "seq", "event_id", "event_date", "event_date_end", "event_type", "bounds", "lnglat", "feature"];

/** An incident as the store writes it: the feature as served and its JSON text (the `feature` column). */
export interface StoredText {
  feature: IncidentFeature;
  text: string;
}

export function storedText(feature: IncidentFeature): StoredText {
  const out = exportedFeature(feature);
  return { feature: out, text: JSON.stringify(out) };
}

/**
 * The seq the dataset's next incident takes. Locks the dataset's row until the transaction ends, so two
 * saves to one dataset take turns instead of numbering the same seqs.
 */
export async function nextSeq(tx: Queryable, datasetId: number): Promise<number> {
  const locked = await tx.query("SELECT 1 FROM datasets WHERE id = $1 FOR UPDATE", [datasetId]);
  if (locked.rows.length === 0) throw new Error(`No dataset with id ${datasetId}`);
  const { rows } = await tx.query<{ next: number }>("SELECT coalesce(max(seq) + 1, 0)::int AS next FROM incidents WHERE dataset_id = $1", [datasetId]);
  return rows[0].next;
}

/** One incident's row in COPY's text format, numbered `seq`. */
function rowText(datasetId: number, seq: number, { feature: f, text }: StoredText): string {
  const p = f.properties;
  const g = f.geometry;
  const lnglat = g.type === "Point" ? pointText(g.coordinates) : null;
  return copyLine([datasetId, seq, p.event_id, p.event_date ?? null, p.event_date_end ?? null, p.event_type, boxText(geometryBbox(g)), lnglat, text]);
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

const UTF8 = new TextEncoder();

// @option TURN_MS: number = 20, the longest the server's thread writes COPY text before other work gets a turn
// (the same as lib/server/slices.ts's SLICE_MS; by time, not rows: a row of a long polygon costs a hundred of a point)
const TURN_MS = 20;

/** The COPY text of `features[from, to)`, numbered from `first`, as UTF-8 bytes in a buffer of their own, in one go (a thread of its own). */
export function batchText(datasetId: number, first: number, features: readonly IncidentFeature[], from: number, to: number): Uint8Array<ArrayBuffer> {
  let text = "";
  for (let i = from; i < to; i++) text += rowText(datasetId, first + i - from, storedText(features[i]));
  // A buffer of its own (TextEncoder's result never shares Node's pool), to move.
  return UTF8.encode(text) as Uint8Array<ArrayBuffer>;
}

/**
 * The COPY text of `features[from, to)`, numbered from `first`, as UTF-8 bytes in a buffer of their own (moved
 * to the store's thread, not copied): written TURN_MS at a time with a turn of the event loop between, in which
 * a COPY already sent goes on and the server stays responsive.
 */
async function batchBytes(datasetId: number, first: number, features: readonly IncidentFeature[], from: number, to: number): Promise<Uint8Array<ArrayBuffer>> {
  const slices: Uint8Array[] = [];
  let text = "";
  let start = performance.now();
  for (let i = from; i < to; i++) {
    text += rowText(datasetId, first + i - from, storedText(features[i]));
    if (performance.now() - start < TURN_MS) continue;
    slices.push(UTF8.encode(text));
    text = "";
    await nextTurn();
    start = performance.now();
  }
  slices.push(UTF8.encode(text));
  return joinedBytes(slices);
}

/** Writes up to BATCH_ROWS incidents numbered from `first` in one statement. */
export async function insertBatch(tx: Queryable, datasetId: number, first: number, batch: readonly StoredText[]): Promise<void> {
  if (batch.length === 0) return;
  if (batch.length > BATCH_ROWS) throw new RangeError(`insertBatch: ${batch.length} rows, more than BATCH_ROWS (${BATCH_ROWS})`);
  await tx.copyIn("incidents", COLUMNS, batch.map((row, i) => rowText(datasetId, first + i, row)).join(""));
}

/**
 * Where a save's rows come from: how many, and the COPY text of rows [from, to) numbered from `first`, as UTF-8
 * bytes of their own (insertIncidents writes it from features; a save whose body was read on a thread of its
 * own has that thread write it, lib/server/save-body.ts).
 */
export interface IncidentRows {
  count: number;
  text(datasetId: number, first: number, from: number, to: number): Promise<Uint8Array<ArrayBuffer>>;
}

/**
 * Appends validated incidents (lib/incident/validate) to a dataset after its last one, in batches; run it
 * inside a transaction (`db.transaction`) so that a failure leaves none of them. Returns how many were added.
 */
export function insertIncidents(tx: Queryable, datasetId: number, features: readonly IncidentFeature[]): Promise<number> {
  return insertIncidentRows(tx, datasetId, { count: features.length, text: (id, first, from, to) => batchBytes(id, first, features, from, to) });
}

/** insertIncidents of rows whose COPY text `rows` writes. */
export async function insertIncidentRows(tx: Queryable, datasetId: number, rows: IncidentRows): Promise<number> {
  const first = await nextSeq(tx, datasetId);
  if (rows.count > 0) await withoutRowChecks(tx, datasetId, () => copyIncidents(tx, datasetId, first, rows));
  return rows.count;
}

/**
 * Runs a save's COPYs with the incidents table's triggers off (`session_replication_role = replica`, the way
 * pg_restore loads) where this session may, as the embedded engine's superuser always may: the per-row foreign
 * key check and the version trigger's copy of every new row were ~40 % of a 100k save's CPU. Both stay true
 * without them: nextSeq holds the dataset's row locked to the end of the transaction, so the key exists, and
 * the version is bumped here once instead. Elsewhere (a role without the right) the triggers do it as before.
 */
async function withoutRowChecks(tx: Queryable, datasetId: number, copy: () => Promise<void>): Promise<void> {
  const { rows } = await tx.query<{ may: boolean }>("SELECT has_parameter_privilege('session_replication_role', 'SET') AS may");
  if (!rows[0].may) return copy();
  await tx.query("SET LOCAL session_replication_role = replica");
  await copy();
  await tx.query("SET LOCAL session_replication_role = DEFAULT");
  await tx.query("UPDATE datasets SET version = version + 1 WHERE id = $1", [datasetId]);
}

/** Writes `rows` numbered from `first`, in batches of BATCH_ROWS, each a COPY. */
async function copyIncidents(tx: Queryable, datasetId: number, first: number, rows: IncidentRows): Promise<void> {
  // Each batch's text is written while the engine copies the one before (on PGlite's thread or the
  // PostgreSQL server): the save takes about the longer of the two, not their sum.
  let copying: Promise<number> | undefined;
  for (let at = 0; at < rows.count; at += BATCH_ROWS) {
    const bytes = await rows.text(datasetId, first + at, at, Math.min(at + BATCH_ROWS, rows.count));
    await copying;
    copying = tx.copyIn("incidents", COLUMNS, bytes);
    // Its failure is thrown where it is awaited, after the next batch's text; not an unhandled rejection meanwhile.
    copying.catch(() => {});
  }
  await copying;
}

/** Appends features in one transaction of its own: all of them or none. */
export const saveIncidents = (db: Db, datasetId: number, features: readonly IncidentFeature[]): Promise<number> =>
  db.transaction((tx) => insertIncidents(tx, datasetId, features));

/** Replaces every incident of a dataset with `features`, numbered from 0; inside the caller's transaction. */
export async function replaceIncidents(tx: Queryable, datasetId: number, features: readonly IncidentFeature[]): Promise<number> {
  await tx.query("DELETE FROM incidents WHERE dataset_id = $1", [datasetId]);
  return insertIncidents(tx, datasetId, features);
}

/** Every incident of the dataset, in its order, as its stored JSON text, `pageRows` at a time (keyset pages by seq), other work served between pages. */
export async function* featureTextPages(db: Queryable, datasetId: number, pageRows: number): AsyncGenerator<string[]> {
  for (let last = -1; ; ) {
    const { rows } = await db.query<{ seq: number; feature: string }>(
      "SELECT seq, feature::text AS feature FROM incidents WHERE dataset_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
      [datasetId, last, pageRows],
    );
    yield rows.map((r) => r.feature);
    if (rows.length < pageRows) return;
    await nextTurn();
    last = rows[rows.length - 1].seq;
  }
}

export async function countIncidents(db: Queryable, datasetId: number): Promise<number> {
  const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM incidents WHERE dataset_id = $1", [datasetId]);
  return rows[0].n;
}

export interface IncidentQuery {
  /** [west, south, east, north]: incidents whose geometry's box meets it (edges count). */
  bbox?: BBox;
  /** Inclusive ISO days; an incident's range [event_date, event_date_end ?? event_date] must overlap them. */
  from?: string;
  to?: string;
  /** With a date range, undated incidents are in only when this is true (lib/incident/filter.ts's rule). */
  includeUndated?: boolean;
  /** Undefined or empty: every type. */
  types?: readonly string[];
}

/**
 * The one SQL of the incident filter (lib/incident/filter.ts's rules that SQL can answer: the geometry's box,
 * the days, the types), over `incidents i`, its values appended to `params`. The API's query
 * (lib/server/incident-query.ts) uses it; the database tests read through it (tests/support/stored-incidents.ts).
 */
export function incidentWhere(datasetId: number, q: IncidentQuery, params: unknown[]): string {
  const p = (value: unknown) => `$${params.push(value)}`;
  const where = [`i.dataset_id = ${p(datasetId)}`];
  if (q.bbox) {
    const [w, s, e, n] = q.bbox;
    where.push(`i.bounds && box(point(${p(w)}::float8, ${p(s)}::float8), point(${p(e)}::float8, ${p(n)}::float8))`);
  }
  if (q.from !== undefined || q.to !== undefined) {
    // Inclusive ranges overlap; undated incidents only on request. The expression of the
    // incidents_bounds_days index (lib/db/migrations: …_lighter-writes.sql), so the planner can use it.
    const days = `daterange(${q.from !== undefined ? `${p(q.from)}::date` : "NULL"}, ${q.to !== undefined ? `${p(q.to)}::date` : "NULL"}, '[]')`;
    const overlap = `i.event_date IS NOT NULL AND daterange(i.event_date, coalesce(i.event_date_end, i.event_date), '[]') && ${days}`;
    where.push(q.includeUndated ? `(i.event_date IS NULL OR (${overlap}))` : `(${overlap})`);
  }
  if (q.types?.length) where.push(`i.event_type = ANY(${p([...q.types])}::text[])`);
  return where.join(" AND ");
}
