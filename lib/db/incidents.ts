import "server-only";
// A dataset's incidents: written in batches inside the caller's transaction, read in the file's order and
// filtered in SQL by bbox (through the GiST index), date range and event types.
import type { BBox } from "../geo/bbox";
import type { IncidentFeature } from "../incident/model";
import { exportedFeature } from "../export/geojson";
import type { Db, Queryable } from "./types";
import { copyLine, hexEwkb } from "./copy-text";

// @option BATCH_ROWS: number = 10000, features per COPY
export const BATCH_ROWS = 10_000;

// COPY in its text format (lib/db/copy-text.ts), the geometry as hex EWKB: on both engines several times
// faster than multi-row INSERTs with ST_GeomFromGeoJSON (see the report in the commit). The feature goes in
// as it is served (lib/export's exportedFeature: polygons rewound, coordinates rounded), as JSON text that
// json (not jsonb) keeps as it is.
const COLUMNS = ["dataset_id", "seq", "event_id", "event_date", "event_date_end", "event_type", "geom", "feature"];

/** An incident as the store writes it: the feature as served and its JSON text (the `feature` column). */
export interface StoredText {
  feature: IncidentFeature;
  text: string;
}

export function served(feature: IncidentFeature): StoredText {
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

/** Writes up to BATCH_ROWS incidents numbered from `first` in one statement. */
export async function insertBatch(tx: Queryable, datasetId: number, first: number, batch: readonly StoredText[]): Promise<void> {
  if (batch.length === 0) return;
  if (batch.length > BATCH_ROWS) throw new RangeError(`insertBatch: ${batch.length} rows, more than BATCH_ROWS (${BATCH_ROWS})`);
  const rows = batch.map(({ feature: f, text }, i) => {
    const p = f.properties;
    return copyLine([datasetId, first + i, p.event_id, p.event_date ?? null, p.event_date_end ?? null, p.event_type, hexEwkb(f.geometry), text]);
  });
  await tx.copyIn("incidents", COLUMNS, rows.join(""));
}

/**
 * Appends validated incidents (lib/incident/validate) to a dataset after its last one, in batches; run it
 * inside a transaction (`db.transaction`) so that a failure leaves none of them. Returns how many were added.
 */
export async function insertIncidents(tx: Queryable, datasetId: number, features: readonly IncidentFeature[]): Promise<number> {
  const first = await nextSeq(tx, datasetId);
  for (let at = 0; at < features.length; at += BATCH_ROWS) {
    await insertBatch(tx, datasetId, first + at, features.slice(at, at + BATCH_ROWS).map(served));
  }
  return features.length;
}

/** Appends features in one transaction of its own: all of them or none. */
export const saveIncidents = (db: Db, datasetId: number, features: readonly IncidentFeature[]): Promise<number> =>
  db.transaction((tx) => insertIncidents(tx, datasetId, features));

/** Replaces every incident of a dataset with `features`, numbered from 0; inside the caller's transaction. */
export async function replaceIncidents(tx: Queryable, datasetId: number, features: readonly IncidentFeature[]): Promise<number> {
  await tx.query("DELETE FROM incidents WHERE dataset_id = $1", [datasetId]);
  return insertIncidents(tx, datasetId, features);
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

export interface StoredIncident {
  seq: number;
  /** The feature's JSON text as stored. */
  feature: string;
}

/**
 * The incidents of a dataset in seq order, filtered in SQL. The bbox test is on the geometry's box
 * (`geom && envelope`, which the GiST index answers): a superset of the map's rule, which tests the
 * marker's anchor (lib/incident/place.ts), so a caller that needs that rule exactly checks the anchors after.
 */
export async function readIncidents(db: Queryable, datasetId: number, q: IncidentQuery = {}): Promise<StoredIncident[]> {
  const { text, params } = incidentsSql(datasetId, q);
  const { rows } = await db.query<StoredIncident>(text, params);
  return rows;
}

/** The SQL of readIncidents, for callers that stream or explain it. */
export function incidentsSql(datasetId: number, q: IncidentQuery = {}): { text: string; params: unknown[] } {
  const params: unknown[] = [datasetId];
  const where = ["dataset_id = $1"];
  const p = (value: unknown) => `$${params.push(value)}`;
  if (q.bbox) {
    const [w, s, e, n] = q.bbox;
    where.push(`geom && ST_MakeEnvelope(${p(w)}::float8, ${p(s)}::float8, ${p(e)}::float8, ${p(n)}::float8, 4326)`);
  }
  if (q.from !== undefined || q.to !== undefined) {
    const overlap = [
      "event_date IS NOT NULL",
      ...(q.to !== undefined ? [`event_date <= ${p(q.to)}::date`] : []),
      ...(q.from !== undefined ? [`coalesce(event_date_end, event_date) >= ${p(q.from)}::date`] : []),
    ].join(" AND ");
    where.push(q.includeUndated ? `(event_date IS NULL OR (${overlap}))` : `(${overlap})`);
  }
  if (q.types?.length) where.push(`event_type = ANY(${p([...q.types])}::text[])`);
  return { text: `SELECT seq, feature::text AS feature FROM incidents WHERE ${where.join(" AND ")} ORDER BY seq`, params };
}
