// An index over a dataset's incidents, built once per process, so that GET /api/incidents answers a map
// view (bbox + date range) over a million incidents in milliseconds instead of scanning them all, and
// serialises its answer by copying bytes prepared at build instead of JSON.stringify-ing objects.
//
// Exactness first: `query(filter)` returns exactly the indices `applyFilter` keeps when each incident's
// bbox is its marker anchor as a point (lib/incident/place.ts: an incident is in a view when its anchor is), and
// `exportBody` is byte for byte `JSON.stringify(toExportCollection(...))` (tests/unit/incident-index.test.ts
// checks both on random data). The index only narrows the candidates; the facets (types, actors,
// fatalities, precision) are still decided by `matches` from lib/incident/filter.ts.
//
// The JSON of every exported feature is made once, at build, and kept as UTF-8 bytes in one buffer (not
// as a string per feature: 1M strings would sit in the GC'd heap, and the response needs bytes anyway),
// so an answer is a few memcpy's of its features' slices between a head and a tail.
//
// Server-only (Buffer). Validation is not repeated here: the collection is validated once where it is
// loaded (lib/server/load.ts), and any subset of a valid collection is valid.
import "server-only";
import KDBush from "kdbush";
import type { IncidentFeature } from "../incident/model";
import { markerAnchor } from "../incident/anchor";
import { bboxHolds, geometryBbox, type BBox } from "../geo/bbox";
import { dayNumber } from "../incident/days";
import { matches, type IncidentFilter } from "../incident/filter";
import { exportedFeature, roundCoordinate as round, type ExportOptions } from "../export/geojson";

// @option LONG_RANGE_DAYS: number = 31
// Incidents whose date range spans more days than this are kept out of the sorted-by-start time index
// and scanned on every dated query. The sorted index looks back `longest short range` days before `from`
// for ranges that began earlier and still overlap, so one multi-year range must not widen every query's
// window; ACLED ranges are mostly a week or a month, so the long list stays small.
const LONG_RANGE_DAYS = 31;

// @option GRID_SIZE: number = 64
// Cells per side of the coarse count grid used to estimate how many anchors a bbox holds, which picks the
// cheaper of the spatial and the time index for a query with both. 64² cells cost 17 KB.
const GRID_SIZE = 64;

// @option CHUNK_BYTES: number = 262144
// Size of the pieces a response body is streamed in: big enough that per-chunk overhead vanishes, small
// enough that a whole-dataset answer never needs one buffer the size of the dataset.
const CHUNK_BYTES = 256 * 1024;

// @option BUILD_BLOCK_BYTES: number = 16777216
// Size of the blocks the pre-serialised JSON is written into while the index is built (then joined).
const BUILD_BLOCK_BYTES = 16 * 1024 * 1024;

export interface ExportBody {
  /** Exact size in bytes of the UTF-8 JSON the chunks make. */
  byteLength: number;
  /** The collection's UTF-8 JSON, in pieces of about CHUNK_BYTES; iterable once per call of `exportBody`. */
  chunks(): Generator<Uint8Array<ArrayBuffer>>;
}

export interface IncidentIndex {
  /** The indexed features, in the collection's order; `query` returns indices into this array. */
  readonly features: readonly IncidentFeature[];
  /**
   * Indices of the incidents passing the filter, ascending (the collection's order). An unset part of the
   * filter means what IncidentFilter (lib/incident/filter.ts) says it means; only `bbox` is read differently from
   * `matches`: the incident's marker anchor must lie in it (edges count), not merely its geometry's bbox.
   * @throws RangeError when `from` or `to` is not an ISO day (as `matches` does)
   */
  query(filter: IncidentFilter): number[];
  /** The export collection of `indices` (in that order) as UTF-8 JSON, ready to send. */
  exportBody(indices: readonly number[], options: ExportOptions): ExportBody;
}

// ---------------------------------------------------------------------------------------------------
// Small sorted-array helpers.

/** First k with a[k] >= x (a ascending). */
function lowerBound(a: Int32Array, x: number): number {
  let lo = 0, hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First k with a[k] > x (a ascending). */
function upperBound(a: Int32Array, x: number): number {
  let lo = 0, hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The facets of a filter (what the indices do not decide), or null when there are none. */
function facetsOf(filter: IncidentFilter): IncidentFilter | null {
  const rest: IncidentFilter = {};
  if (filter.types?.length) rest.types = filter.types;
  if (filter.actors?.length) rest.actors = filter.actors;
  if (filter.fatalities !== undefined) rest.fatalities = filter.fatalities;
  if (filter.geoPrecision?.length) rest.geoPrecision = filter.geoPrecision;
  return Object.keys(rest).length ? rest : null;
}

const UTF8 = new TextEncoder();

// ---------------------------------------------------------------------------------------------------

/**
 * Builds the index over `features` (not copied, not mutated; they must not change afterwards).
 * O(n log n) time; per incident about 60 bytes of typed arrays plus its exported JSON.
 *
 * @throws Error naming the feature when one has no geometry (it could be neither placed nor exported)
 */
export function buildIncidentIndex(features: readonly IncidentFeature[]): IncidentIndex {
  const n = features.length;

  // Anchors (where the marker stands) and the per-feature bbox of the exported geometry.
  const ax = new Float64Array(n);
  const ay = new Float64Array(n);
  const boxes = new Float64Array(4 * n);
  // Days as serial numbers; undated incidents are flagged and never enter the sorted time index.
  const start = new Int32Array(n);
  const end = new Int32Array(n);
  const undatedFlag = new Uint8Array(n);
  const undated: number[] = [];
  const long: number[] = [];
  let maxShort = 0;

  // Each feature's JSON followed by a comma, back to back: the features k..m in order are then one slice.
  // Each string is encoded into a block as soon as it is made, so it dies young: kept strings would be
  // promoted and make every major GC re-mark them (at 1M incidents that tripled the build time).
  const offsets = new Float64Array(n + 1);
  const blocks: Buffer[] = [];
  let block = Buffer.allocUnsafe(BUILD_BLOCK_BYTES);
  let used = 0;
  let byteOffset = 0;

  for (let i = 0; i < n; i++) {
    const f = features[i];
    if (!f.geometry) throw new Error(`features[${i}].geometry: null (value: ${JSON.stringify(f.properties?.event_id ?? null)}); an incident needs a geometry to be placed and exported`);
    const [x, y] = markerAnchor(f.geometry);
    ax[i] = x;
    ay[i] = y;

    const out = exportedFeature(f);
    const b = geometryBbox(out.geometry);
    boxes.set(b, 4 * i);
    const text = JSON.stringify(out) + ",";
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    if (used + 3 * text.length > block.length) {
      blocks.push(block.subarray(0, used));
      block = Buffer.allocUnsafe(Math.max(BUILD_BLOCK_BYTES, 3 * text.length));
      used = 0;
    }
    offsets[i] = byteOffset;
    const written = block.write(text, used, "utf8");
    used += written;
    byteOffset += written;

    const p = f.properties;
    if (p.event_date === null || p.event_date === undefined) {
      undatedFlag[i] = 1;
      undated.push(i);
      continue;
    }
    const s = dayNumber(p.event_date);
    const e = p.event_date_end === undefined || p.event_date_end === null ? s : dayNumber(p.event_date_end);
    start[i] = s;
    end[i] = e;
    if (e - s > LONG_RANGE_DAYS) long.push(i);
    else if (e - s > maxShort) maxShort = e - s;
  }
  offsets[n] = byteOffset;
  blocks.push(block.subarray(0, used));
  const bytes = Buffer.concat(blocks, byteOffset);
  blocks.length = 0;

  // Time index: dated, not-long incidents sorted by first day, then by position (a stable order).
  const order: number[] = [];
  for (let i = 0; i < n; i++) if (!undatedFlag[i] && end[i] - start[i] <= LONG_RANGE_DAYS) order.push(i);
  order.sort((a, b) => start[a] - start[b] || a - b);
  const byStart = Uint32Array.from(order);
  const starts = Int32Array.from(order, (i) => start[i]);
  const longIdx = Uint32Array.from(long);
  const undatedIdx = Uint32Array.from(undated);

  // Spatial index over the anchors (kdbush stores Float64 coordinates: the comparisons are exact).
  const kd = new KDBush(Math.max(n, 1));
  for (let i = 0; i < n; i++) kd.add(ax[i], ay[i]);
  if (n === 0) kd.add(Infinity, Infinity); // kdbush wants at least one item; this one is never in a box
  kd.finish();

  // Coarse summed-area count grid, for an upper bound of the anchors in a box.
  let gx0 = Infinity, gy0 = Infinity, gx1 = -Infinity, gy1 = -Infinity;
  for (let i = 0; i < n; i++) {
    if (ax[i] < gx0) gx0 = ax[i];
    if (ax[i] > gx1) gx1 = ax[i];
    if (ay[i] < gy0) gy0 = ay[i];
    if (ay[i] > gy1) gy1 = ay[i];
  }
  const cellW = (gx1 - gx0) / GRID_SIZE || 1;
  const cellH = (gy1 - gy0) / GRID_SIZE || 1;
  const cellX = (x: number) => Math.min(GRID_SIZE - 1, Math.max(0, Math.floor((x - gx0) / cellW)));
  const cellY = (y: number) => Math.min(GRID_SIZE - 1, Math.max(0, Math.floor((y - gy0) / cellH)));
  const W = GRID_SIZE + 1;
  const sat = new Int32Array(W * W); // sat[(r+1)*W + (c+1)] = anchors in cells [0..c] × [0..r]
  for (let i = 0; i < n; i++) sat[(cellY(ay[i]) + 1) * W + cellX(ax[i]) + 1]++;
  for (let r = 1; r < W; r++) for (let c = 1; c < W; c++) sat[r * W + c] += sat[(r - 1) * W + c] + sat[r * W + c - 1] - sat[(r - 1) * W + c - 1];
  const estimateInBox = (b: BBox): number => {
    if (n === 0 || b[0] > gx1 || b[2] < gx0 || b[1] > gy1 || b[3] < gy0) return 0;
    const c0 = cellX(b[0]), c1 = cellX(b[2]) + 1, r0 = cellY(b[1]), r1 = cellY(b[3]) + 1;
    return sat[r1 * W + c1] - sat[r0 * W + c1] - sat[r1 * W + c0] + sat[r0 * W + c0];
  };

  function query(filter: IncidentFilter): number[] {
    const dated = filter.from !== undefined || filter.to !== undefined;
    const fromN = filter.from !== undefined ? dayNumber(filter.from) : -Infinity;
    const toN = filter.to !== undefined ? dayNumber(filter.to) : Infinity;
    const withUndated = filter.includeUndated === true;
    const box = filter.bbox;
    const inBox = (i: number) => bboxHolds(box!, ax[i], ay[i]);

    let found: Uint32Array;
    let count = 0;
    if (!dated && !box) {
      found = new Uint32Array(n);
      for (let i = 0; i < n; i++) found[i] = i;
      count = n;
    } else {
      // The time index's window: incidents starting in [from - maxShort, to], plus the long ones.
      const lo = lowerBound(starts, fromN - maxShort);
      const hi = upperBound(starts, toN);
      const timeCandidates = dated ? Math.max(0, hi - lo) + longIdx.length + (withUndated ? undatedIdx.length : 0) : Infinity;
      if (box && estimateInBox(box) < timeCandidates) {
        const ids = kd.range(...box);
        found = new Uint32Array(ids.length);
        for (const i of ids) {
          if (i >= n) continue;
          if (dated && (undatedFlag[i] ? !withUndated : start[i] > toN || end[i] < fromN)) continue;
          found[count++] = i;
        }
      } else {
        found = new Uint32Array(timeCandidates);
        for (let k = lo; k < hi; k++) {
          const i = byStart[k];
          if (end[i] >= fromN && (!box || inBox(i))) found[count++] = i;
        }
        for (const i of longIdx) if (start[i] <= toN && end[i] >= fromN && (!box || inBox(i))) found[count++] = i;
        if (withUndated) for (const i of undatedIdx) if (!box || inBox(i)) found[count++] = i;
      }
      found = found.subarray(0, count).sort();
    }

    // The facets, decided by the one predicate the whole app shares. The dates and the bbox are already
    // applied exactly above, so they are left out of the filter handed to `matches`.
    const facets = facetsOf(filter);
    const result: number[] = [];
    for (let k = 0; k < count; k++) {
      const i = found[k];
      if (facets === null || matches(features[i].properties, null, facets)) result.push(i);
    }
    return result;
  }

  function exportBody(indices: readonly number[], options: ExportOptions): ExportBody {
    // The collection's members in toExportCollection's order: type, name, bbox, filters, features.
    let bx0 = Infinity, by0 = Infinity, bx1 = -Infinity, by1 = -Infinity;
    for (const i of indices) {
      if (!(i >= 0 && i < n && Number.isInteger(i))) throw new RangeError(`index out of range 0..${n - 1}: ${i}`);
      bx0 = Math.min(bx0, boxes[4 * i]);
      by0 = Math.min(by0, boxes[4 * i + 1]);
      bx1 = Math.max(bx1, boxes[4 * i + 2]);
      by1 = Math.max(by1, boxes[4 * i + 3]);
    }
    const bboxMember = indices.length ? `,"bbox":${JSON.stringify([bx0, by0, bx1, by1].map(round))}` : "";
    const filtersMember = options.filters ? `,"filters":${JSON.stringify(options.filters)}` : "";
    const head = UTF8.encode(`{"type":"FeatureCollection","name":${JSON.stringify(options.name)}${bboxMember}${filtersMember},"features":[`);
    const tail = UTF8.encode("]}");

    // Runs of consecutive indices are one slice of `bytes` (commas included); the last comma is dropped.
    const runs: number[] = [];
    for (let k = 0; k < indices.length; ) {
      let m = k;
      while (m + 1 < indices.length && indices[m + 1] === indices[m] + 1) m++;
      runs.push(offsets[indices[k]], offsets[indices[m] + 1]);
      k = m + 1;
    }
    let byteLength = head.length + tail.length;
    for (let r = 0; r < runs.length; r += 2) byteLength += runs[r + 1] - runs[r];
    if (indices.length) byteLength -= 1;

    function* chunks(): Generator<Uint8Array<ArrayBuffer>> {
      // No chunk bigger than what is left to send: a 100 KB answer allocates 100 KB, not CHUNK_BYTES.
      let left = byteLength;
      const nextChunk = () => new Uint8Array(Math.min(CHUNK_BYTES, left));
      let chunk = nextChunk();
      let used = 0;
      const full: Uint8Array<ArrayBuffer>[] = [];
      const put = (src: Uint8Array) => {
        for (let at = 0; at < src.length; ) {
          const take = Math.min(src.length - at, chunk.length - used);
          if (take === 0) throw new Error("exportBody: more bytes than byteLength (internal error)");
          chunk.set(src.subarray(at, at + take), used);
          used += take;
          at += take;
          if (used === chunk.length) {
            full.push(chunk);
            left -= used;
            chunk = nextChunk();
            used = 0;
          }
        }
      };
      put(head);
      for (let r = 0; r < runs.length; r += 2) {
        const last = r === runs.length - 2;
        put(bytes.subarray(runs[r], runs[r + 1] - (last ? 1 : 0)));
        while (full.length) yield full.shift()!;
      }
      put(tail);
      while (full.length) yield full.shift()!;
      if (used) yield chunk.subarray(0, used);
    }
    return { byteLength, chunks };
  }

  return { features, query, exportBody };
}
