// GET /api/incidents's answer: the incidents of one dataset passing a filter, as the export collection
// (lib/export/geojson.ts, byte for byte) spliced from the store's stored text.
//
// The line between SQL and JavaScript: lib/db/incident-reads.ts narrows in SQL (the geometry's box, the
// days, the types) and says where each candidate's marker stands; here the exact rules of
// lib/incident/filter.ts decide: the marker's anchor in the bbox and the other facets (actors,
// fatalities, precision).
//
// An answer of up to SMALL_ANSWER rows is one query. A larger one is two: the first decides which rows
// and their bbox (the bbox member comes before the features) and their byte lengths (Content-Length),
// the second streams their stored text as bytes (lib/db/feature-bytes.ts), a page at a time, so a
// whole-dataset answer never sits in memory and its text never becomes strings. An unfiltered read past
// SMALL_ANSWER needs no exact rule: SQL sums its first pass (count, bytes, the stored boxes' union).
import "server-only";
import type { Db, Queryable } from "../db/types";
import { readCandidateBytes, readCandidates, type IncidentCandidate } from "../db/incident-reads";
import { featureBytes, featurePages, pageBytes, type FeaturePage } from "../db/feature-bytes";
import { rememberShapes, type IncidentShape } from "../db/incident-shapes";
import { filterIsEmpty, matches, type IncidentFilter } from "../incident/filter";
import type { IncidentProperties } from "../incident/model";
import { bboxContains, unionBbox } from "../geo/bbox";
import { collectionHeadText, type ExportOptions } from "../export/geojson";
import { logFailure } from "./failure-log";

// @option SMALL_ANSWER: number = 5000
// Rows an answer may have and still be read in one query with its features' text (a map view at 1M
// incidents is a few hundred); past it, the two-pass stream.
export const SMALL_ANSWER = 5000;

/** A response body of known length, the one shape GET /api/incidents sends. */
export interface StreamedBody {
  /** Exact size in bytes of the UTF-8 JSON the chunks make. */
  byteLength: number;
  /** The collection's UTF-8 JSON in pieces; iterable once. */
  chunks(): AsyncGenerator<Uint8Array<ArrayBuffer>>;
}

const UTF8 = new TextEncoder();

/** The candidates that pass the exact rules: the marker's anchor in the bbox, then the facets SQL left. */
function passing(candidates: readonly IncidentCandidate[], filter: IncidentFilter): IncidentCandidate[] {
  const box = filter.bbox;
  const facets = { actors: filter.actors, fatalities: filter.fatalities, geoPrecision: filter.geoPrecision };
  return candidates.filter(
    (c) => (!box || bboxContains(box, c.anchor)) && (c.facets === undefined || matches(c.facets as IncidentProperties, null, facets)),
  );
}

/** The whole dataset: its head from SQL's sums (a row's stored box is the one the per-row pass reads), its features as bytes. */
function wholeDataset(db: Db, datasetId: number, pages: readonly FeaturePage[], options: ExportOptions): StreamedBody {
  const headBytes = UTF8.encode(collectionHeadText(options, unionBbox(pages.map((p) => p.box))));
  const rows = pages.reduce((n, p) => n + p.rows, 0);
  const byteLength = pages.reduce((n, p) => n + p.bytes, headBytes.length + 2 + Math.max(0, rows - 1));
  return {
    byteLength,
    async *chunks() {
      yield headBytes;
      yield* pageBytes(db, datasetId, pages);
      yield UTF8.encode("]}");
    },
  };
}

/** Keeps the shapes a read worked out; a store that refuses (a read-only replica) costs the next read a parse, not this answer. */
const keepShapes = (db: Queryable, datasetId: number, shapes: IncidentShape[]) =>
  rememberShapes(db, datasetId, shapes).catch((err: unknown) => logFailure("GET /api/incidents: keeping shapes", err));

const COMMA = 0x2c;
const TAIL = UTF8.encode("]}");

/** `head`, the features' bytes between commas, then `tail`: one buffer. */
function joined(headBytes: Uint8Array, features: readonly Uint8Array[], tail: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(features.reduce((n, f) => n + f.length, headBytes.length + tail.length + Math.max(0, features.length - 1)));
  out.set(headBytes);
  let at = headBytes.length;
  features.forEach((f, i) => {
    if (i > 0) out[at++] = COMMA;
    out.set(f, at);
    at += f.length;
  });
  out.set(tail, at);
  return out;
}

const head = (answer: readonly IncidentCandidate[], options: ExportOptions) => collectionHeadText(options, unionBbox(answer.map((c) => c.box)));

/**
 * The export collection (lib/export/geojson.ts's toExportCollection, byte for byte) of the dataset's
 * incidents that pass `filter`, with the store's feature text.
 * @throws RangeError when `from` or `to` is not an ISO day
 */
export async function queryIncidents(db: Db, datasetId: number, filter: IncidentFilter, options: ExportOptions): Promise<StreamedBody> {
  if (filterIsEmpty(filter)) {
    const pages = await featurePages(db, datasetId);
    if (pages.reduce((n, p) => n + p.rows, 0) > SMALL_ANSWER) return wholeDataset(db, datasetId, pages, options);
  }
  const small = await readCandidateBytes(db, datasetId, filter, SMALL_ANSWER + 1);
  await keepShapes(db, datasetId, small.learned);
  if (small.rows.length <= SMALL_ANSWER) {
    const answer = passing(small.rows, filter);
    const bytes = joined(UTF8.encode(head(answer, options)), answer.map((c) => c.featureBytes!), TAIL);
    return {
      byteLength: bytes.length,
      async *chunks() {
        yield bytes;
      },
    };
  }
  const large = await readCandidates(db, datasetId, filter);
  await keepShapes(db, datasetId, large.learned);
  const answer = passing(large.rows, filter);
  const headBytes = UTF8.encode(head(answer, options));
  let byteLength = headBytes.length + 2 + Math.max(0, answer.length - 1);
  for (const c of answer) byteLength += c.bytes!;
  return {
    byteLength,
    async *chunks() {
      yield headBytes;
      // A write between the two passes changed the rows: featureBytes throws, and the body ends short
      // rather than send other data.
      yield* featureBytes(db, datasetId, answer.map((c) => c.seq));
      yield UTF8.encode("]}");
    },
  };
}
