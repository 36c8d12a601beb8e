// A dataset as the page loads it (gzipped incident columns, lib/columns/), built from the store once per
// dataset version and kept, with an ETag that is a hash of the bytes: a dataset's write changes its tag
// (lib/server/dataset-access.ts), the next request rebuilds, and every other request is these bytes or a 304.
import "server-only";
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import type { Queryable } from "../db/types";
import type { IncidentFeature } from "../incident/model";
import { placeUnlabelled } from "../incident/place";
import { incidentLabel } from "../incident/describe";
import { ColumnsEncoder } from "../columns/encode";
import { NumberedLabels } from "../columns/numbered-labels";
import { countIncidents, featureTextPages } from "../db/incidents";
import { joinedBytes } from "../db/bytes";
import { processCache } from "./process-cache";
import type { ReadableDataset } from "./dataset-access";

// @option READ_PAGE_ROWS: number = 2000
// Features read per query while a dataset's columns are built (keyset pages by seq). Small, so that a page's
// rows die young, with the features parsed from them: pages of 20,000 outlived the young generation, and at
// 1M incidents their garbage held a gigabyte before the old generation was swept.
export const READ_PAGE_ROWS = 2000;

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

const cache = processCache("dataset-columns-by-size", () => new Map<number, Entry>());

/**
 * The bytes encodeColumns(placeIncidents(every feature)) makes, in pieces, encoded a feature at a time: each is parsed,
 * added and dropped, and only the labels wait for all of them (a 1M-incident dataset's features, held whole,
 * took 0.9 GB of the heap, and placed, 1.3 GB; a page of them parsed at once outlived the young generation).
 * The labels and the plain columns' values wait as their JSON's bytes, not strings: the rss bench's 1M row
 * went from ~1,300 MiB to ~720–775 MiB.
 * @throws RangeError when the dataset gained or lost incidents while it was read (the next request builds again)
 */
async function encodedPieces(db: Queryable, datasetId: number): Promise<Iterable<Uint8Array>> {
  const n = await countIncidents(db, datasetId);
  const encoder = new ColumnsEncoder(n, { plainJson: true });
  const labels = new NumberedLabels(n);
  for await (const page of featureTextPages(db, datasetId, READ_PAGE_ROWS)) {
    for (const text of page) {
      const feature = JSON.parse(text) as IncidentFeature;
      encoder.add(placeUnlabelled(feature));
      labels.add(incidentLabel(feature.properties));
    }
  }
  return encoder.pieces(labels);
}

// @option GZIP_WRITE_BYTES: number = 64 KiB
// Pieces smaller than this are joined before gzip takes them: each piece is a write of its own (a task on
// libuv's threads), and a repeated label comes as three pieces of a few bytes (at 1M incidents the build
// took 41 s instead of 21 without this).
const GZIP_WRITE_BYTES = 64 * 1024;

/** `pieces`, the small ones joined into pieces of at least GZIP_WRITE_BYTES. */
function* coalesced(pieces: Iterable<Uint8Array>): Generator<Uint8Array> {
  let held: Uint8Array[] = [];
  let bytes = 0;
  for (const piece of pieces) {
    if (piece.length < GZIP_WRITE_BYTES) {
      held.push(piece);
      bytes += piece.length;
      if (bytes < GZIP_WRITE_BYTES) continue;
    }
    if (held.length > 0) yield joinedBytes(held);
    if (piece.length >= GZIP_WRITE_BYTES) yield piece;
    held = [];
    bytes = 0;
  }
  if (held.length > 0) yield joinedBytes(held);
}

/** `pieces` gzipped as they come (on libuv's threads, not this one), never joined whole before. */
async function gzipped(pieces: Iterable<Uint8Array>): Promise<Uint8Array<ArrayBuffer>> {
  const out: Buffer[] = [];
  await pipeline(Readable.from(coalesced(pieces)), createGzip(), async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) out.push(chunk);
  });
  return joinedBytes(out);
}

async function build(db: Queryable, datasetId: number): Promise<Columns> {
  const body = await gzipped(await encodedPieces(db, datasetId));
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
