// A dataset as the page loads it (gzipped incident columns, lib/columns/), built from the store once per
// dataset version and kept, with an ETag that is a hash of the bytes: a dataset's write changes its tag
// (lib/server/dataset-access.ts), the next request rebuilds, and every other request is these bytes or a 304.
import "server-only";
import { createHash } from "node:crypto";
import { gzip } from "node:zlib";
import { promisify } from "node:util";
import type { Queryable } from "../db/types";
import type { IncidentFeature } from "../incident/model";
import { placeIncidents } from "../incident/place";
import { encodeColumns } from "../columns/encode";
import { processCache } from "./process-cache";
import type { ReadableDataset } from "./dataset-access";

// @option READ_PAGE_ROWS: number = 20000
// Features read per query while a dataset's columns are built (keyset pages by seq).
const READ_PAGE_ROWS = 20_000;

// @option KEPT_BYTES: number = 256 MiB
// The gzipped columns one process keeps, by size, not count: a count let 17 small datasets asked in turn
// push out a large one, rebuilt (for seconds) every time. The least recently asked for goes first; the
// newest is kept whatever its size.
export const KEPT_BYTES = 256 * 1024 * 1024;

export interface Columns {
  body: Uint8Array<ArrayBuffer>;
  etag: string;
}

interface Entry {
  tag: string;
  columns: Promise<Columns>;
  /** The body's size once built (0 while building). */
  bytes: number;
}

const gzipAsync = promisify(gzip);

const cache = processCache("dataset-columns-by-size", () => new Map<number, Entry>());

/** Every incident of the dataset, in its order, as stored. */
export async function readAllFeatures(db: Queryable, datasetId: number): Promise<IncidentFeature[]> {
  const features: IncidentFeature[] = [];
  for (let last = -1; ; ) {
    const { rows } = await db.query<{ seq: number; feature: string }>(
      "SELECT seq, feature::text AS feature FROM incidents WHERE dataset_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
      [datasetId, last, READ_PAGE_ROWS],
    );
    for (const r of rows) features.push(JSON.parse(r.feature) as IncidentFeature);
    if (rows.length < READ_PAGE_ROWS) return features;
    // Other requests are answered between pages.
    await new Promise((resolve) => setImmediate(resolve));
    last = rows[rows.length - 1].seq;
  }
}

async function build(db: Queryable, datasetId: number): Promise<Columns> {
  // Compressed on libuv's threads, not this one.
  const gz = await gzipAsync(encodeColumns(placeIncidents(await readAllFeatures(db, datasetId))));
  const body = new Uint8Array(gz.buffer.slice(gz.byteOffset, gz.byteOffset + gz.byteLength));
  return { body, etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"` };
}

/** The dataset's columns at its current tag: kept, or built now (one build per tag, however many ask). */
export function datasetColumns(db: Queryable, dataset: ReadableDataset): Promise<Columns> {
  const held = cache.get(dataset.id);
  if (held && held.tag === dataset.tag) {
    cache.delete(dataset.id); // to the back of the line: recently used
    cache.set(dataset.id, held);
    return held.columns;
  }
  const columns = build(db, dataset.id);
  const entry: Entry = { tag: dataset.tag, columns, bytes: 0 };
  cache.delete(dataset.id);
  cache.set(dataset.id, entry);
  columns.then(
    (built) => {
      entry.bytes = built.body.byteLength;
      evict();
    },
    // A failed build is not kept: the next request tries again.
    () => cache.get(dataset.id) === entry && cache.delete(dataset.id),
  );
  return columns;
}

/** Drops the least recently asked for columns until the kept ones fit KEPT_BYTES (the newest always stays). */
function evict(): void {
  let total = 0;
  for (const e of cache.values()) total += e.bytes;
  for (const [id, e] of cache) {
    if (total <= KEPT_BYTES || cache.size <= 1) return;
    cache.delete(id);
    total -= e.bytes;
  }
}
