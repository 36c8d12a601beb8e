import "server-only";
// The stored text of a dataset's incidents as bytes, from the store straight into an answer: COPY's binary
// format sends a json column as its text framed by its length, so no row becomes a JavaScript string, an
// object or a structured clone on its way (PostgreSQL through pg-copy-streams, PGlite through /dev/blob), and
// the store's thread strips the framing (copy-fields.mjs).
import type { Db } from "./types";

// @option PAGE_ROWS: number = 5000
// Features per COPY statement (a ~3 MB page at 100k incidents); its seqs are written into the statement.
export const PAGE_ROWS = 5000;

/** A seq as it is written into a statement: COPY takes no parameters, so only a whole number gets in. */
function seqText(seq: number): string {
  if (!Number.isSafeInteger(seq)) throw new RangeError(`seq: not a whole number (value: ${seq})`);
  return String(seq);
}

/**
 * The stored text of the dataset's incidents `seqs` (ascending), joined by commas, as UTF-8 bytes in
 * chunks as the store sends them, a page of PAGE_ROWS at a time. Leaving early (return()) ends the COPY
 * under way and frees its connection.
 * @throws Error when a page has fewer rows than asked (a write since the seqs were read)
 */
export async function* featureBytes(db: Db, datasetId: number, seqs: readonly number[]): AsyncGenerator<Uint8Array<ArrayBuffer>> {
  for (let at = 0; at < seqs.length; at += PAGE_ROWS) {
    const page = seqs.slice(at, at + PAGE_ROWS);
    yield* copiedPage(db, datasetId, `seq = ANY('{${page.map(seqText).join(",")}}'::int[])`, page.length, at > 0);
  }
}

/**
 * One page's stored text (the dataset's rows where `which`, in seq order), joined by commas: COPY's
 * framing stripped on the store's thread (Db.copyFields), so this thread only sends the bytes.
 * @throws Error when it has other than `rows` rows (a write since they were counted)
 */
async function* copiedPage(db: Db, datasetId: number, which: string, rows: number, leadingComma: boolean): AsyncGenerator<Uint8Array<ArrayBuffer>> {
  const fields = await db.copyFields(`SELECT feature FROM incidents WHERE dataset_id = ${seqText(datasetId)} AND ${which} ORDER BY seq`, leadingComma);
  if (fields.rows !== rows) throw new Error(`dataset ${datasetId} changed while its answer was sent (${fields.rows} rows where ${rows} were counted)`);
  if (fields.bytes.length) yield fields.bytes;
}

/** A run of consecutive rows of an answer: its seqs' range and row count, and its features' bytes and box. */
export interface FeaturePage {
  first: number;
  last: number;
  rows: number;
  bytes: number;
  /** The union of its rows' stored boxes (`bounds`, the geometry's box as the save worked it out). */
  box: [number, number, number, number];
}

/**
 * The dataset's incidents summed in SQL, PAGE_ROWS rows to a page in seq order: what a whole-dataset
 * answer's head needs (count, bytes, box) without a row crossing to this thread.
 */
export async function featurePages(db: Db, datasetId: number): Promise<FeaturePage[]> {
  const { rows } = await db.query<{ first: number; last: number; rows: number; bytes: string; w: number; s: number; e: number; n: number }>(
    `SELECT min(seq)::int AS first, max(seq)::int AS last, count(*)::int AS rows, sum(octet_length(feature::text))::text AS bytes,
       min((bounds[1])[0]) AS w, min((bounds[1])[1]) AS s, max((bounds[0])[0]) AS e, max((bounds[0])[1]) AS n
     FROM (SELECT seq, bounds, feature, (row_number() OVER (ORDER BY seq) - 1) / ${PAGE_ROWS} AS page FROM incidents WHERE dataset_id = $1) AS numbered
     GROUP BY page ORDER BY page`,
    [datasetId],
  );
  return rows.map((r) => ({ first: r.first, last: r.last, rows: r.rows, bytes: Number(r.bytes), box: [r.w, r.s, r.e, r.n] }));
}

/**
 * The stored text of the dataset's incidents in `pages` (from featurePages), joined by commas, as
 * featureBytes sends it.
 * @throws Error when a page has other than its count of rows (a write since the pages were read)
 */
export async function* pageBytes(db: Db, datasetId: number, pages: readonly FeaturePage[]): AsyncGenerator<Uint8Array<ArrayBuffer>> {
  let leadingComma = false;
  for (const page of pages) {
    yield* copiedPage(db, datasetId, `seq BETWEEN ${seqText(page.first)} AND ${seqText(page.last)}`, page.rows, leadingComma);
    leadingComma ||= page.rows > 0;
  }
}
