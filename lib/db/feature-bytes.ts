import "server-only";
// The stored text of a dataset's incidents as bytes, from the store straight into an answer: COPY's binary
// format sends a json column as its text framed by its length, so no row becomes a JavaScript string, an
// object or a structured clone on its way (PostgreSQL through pg-copy-streams, PGlite through /dev/blob).
import type { Db } from "./types";

// @option PAGE_ROWS: number = 5000
// Features per COPY statement (a ~3 MB page at 100k incidents); its seqs are written into the statement.
export const PAGE_ROWS = 5000;

// COPY's binary format: this signature, flags (int32), a header extension's length (int32) and the extension.
const SIGNATURE = Uint8Array.from([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00]);
const HEADER = SIGNATURE.length + 8;
const COMMA = 0x2c;

/**
 * Reads COPY's binary output of one non-null column, chunk by chunk, into the fields' bytes joined by
 * commas (each tuple: int16 field count, int32 length, the bytes; a count of -1 ends it).
 */
export class CopyFields {
  /** Fields read so far. */
  rows = 0;
  private pending = new Uint8Array(0);
  private left = 0;
  private state: "header" | "tuples" | "done" = "header";

  /** `leadingComma`: a comma before the first field too (the fields continue a list). */
  constructor(private readonly leadingComma = false) {}

  /** This chunk's fields' bytes, with their commas (the part of a frame the chunk cuts waits for the next). */
  push(chunk: Uint8Array): Uint8Array<ArrayBuffer> {
    const buf = this.pending.length ? concat(this.pending, chunk) : chunk;
    this.pending = new Uint8Array(0);
    // A frame (6 bytes) becomes at most a comma: the output is never longer than the input.
    const out = new Uint8Array(buf.length);
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    let at = 0;
    let o = 0;
    while (at < buf.length) {
      if (this.left > 0) {
        const n = Math.min(this.left, buf.length - at);
        out.set(buf.subarray(at, at + n), o);
        at += n;
        o += n;
        this.left -= n;
        continue;
      }
      const room = buf.length - at;
      if (this.state === "done") throw new Error(`COPY's binary output: ${room} bytes after its end`);
      if (this.state === "header") {
        if (room < HEADER || room < HEADER + view.getInt32(at + HEADER - 4)) break;
        if (SIGNATURE.some((b, i) => buf[at + i] !== b)) throw new Error("COPY's binary output: no PGCOPY signature");
        at += HEADER + view.getInt32(at + HEADER - 4);
        this.state = "tuples";
        continue;
      }
      if (room < 2) break;
      const fields = view.getInt16(at);
      if (fields === -1) {
        at += 2;
        this.state = "done";
        continue;
      }
      if (fields !== 1) throw new Error(`COPY's binary output: a row of ${fields} fields (expected 1)`);
      if (room < 6) break;
      const length = view.getInt32(at + 2);
      if (length < 0) throw new Error(`COPY's binary output: row ${this.rows} is null`);
      at += 6;
      if (this.rows++ > 0 || this.leadingComma) out[o++] = COMMA;
      this.left = length;
    }
    if (at < buf.length) this.pending = buf.slice(at);
    return out.subarray(0, o);
  }

  /** @throws Error when the output ended before its trailer */
  end(): void {
    if (this.state !== "done" || this.left > 0 || this.pending.length > 0) throw new Error(`COPY's binary output: cut short after ${this.rows} rows`);
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const both = new Uint8Array(a.length + b.length);
  both.set(a);
  both.set(b, a.length);
  return both;
}

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
 * One page's stored text (the dataset's rows where `which`, in seq order), joined by commas.
 * @throws Error when it has other than `rows` rows (a write since they were counted)
 */
async function* copiedPage(db: Db, datasetId: number, which: string, rows: number, leadingComma: boolean): AsyncGenerator<Uint8Array<ArrayBuffer>> {
  const fields = new CopyFields(leadingComma);
  for await (const chunk of db.copyOut(`SELECT feature FROM incidents WHERE dataset_id = ${seqText(datasetId)} AND ${which} ORDER BY seq`)) {
    const bytes = fields.push(chunk);
    if (bytes.length) yield bytes;
  }
  fields.end();
  if (fields.rows !== rows) throw new Error(`dataset ${datasetId} changed while its answer was sent (${fields.rows} rows where ${rows} were counted)`);
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
