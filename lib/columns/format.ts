// The layout of incident columns: a compact, columnar transfer of placed incidents (lib/incident/place.ts), for
// the page's own loading of the dataset. GeoJSON stays the format users get (export, GET /api/incidents); this is only how
// the page moves 100,000 incidents from the server into its map quickly:
//
// - Property values that repeat (types, actors, places, dates, precisions) are stored once per column and
//   referenced by 1-, 2- or 4-byte codes; values that do not (ids, notes) are kept as a plain list. The
//   server also sends what it derived once per dataset (anchors, distances, labels), so the browser runs
//   no Turf to show a large dataset.
// - The numbers travel as typed arrays in one ArrayBuffer, which a Web Worker can hand to the page
//   without copying, instead of structured-cloning 100,000 objects (measured: about 0.7 s at 100k).
// - The server gzips the bytes once per dataset version (lib/server/dataset-columns.ts, encode.ts); the worker inflates them with the
//   browser's DecompressionStream.
//
// Layout (little-endian): "ICOL", u32 version, u32 header length, the header as UTF-8 JSON, zero padding
// to a multiple of 8, then the sections the header points to (offsets from that aligned start, each
// aligned to 8). `readColumns` (read.ts) checks all of it (bounds, codes, every value's type, unique ids) before
// anything is built, so a damaged or hostile body fails with the field and value named.
import type { DistanceTo } from "../incident/distance";
import type { IncidentGeometry } from "../incident/model";

/** Media type of the gzipped bytes (not one a server compresses again). */
export const COLUMNS_MEDIA_TYPE = "application/vnd.incident-map.columns+gzip";

export const MAGIC = "ICOL";
export const VERSION = 1;
export const PREAMBLE_BYTES = 12;

/** Whether this machine stores numbers little-endian, as the sections are (typed arrays use its order). */
export const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export type Kind = "f64" | "u8" | "u16" | "u32";
export const BYTES: Record<Kind, number> = { f64: 8, u8: 1, u16: 2, u32: 4 };
export interface Section {
  kind: Kind;
  /** Byte offset from the start of the data (after the header and its padding); a multiple of 8. */
  offset: number;
  /** Number of elements. */
  length: number;
}


export type Primitive = string | number | boolean | null;

export interface Column {
  key: string;
  /** Per incident: 0 = absent; else, with `dict`, 1 + the index of the value; with `plain`, 1 = present. */
  codes: Section;
  /** Distinct values, for columns that repeat. */
  dict?: Primitive[];
  /** Every present value in incident order, for columns that do not. */
  plain?: unknown[];
}


export interface Header {
  count: number;
  /** lng, lat per incident; NaN, NaN where the geometry is not a Point (then it is in `geometries`). */
  points: Section;
  geometries: [number, IncidentGeometry][];
  /** Feature-level `id` members, where a feature has one. */
  ids: [number, string | number][];
  /** Marker anchors, lng, lat per incident. */
  anchors: Section;
  /** Distance from the reference point, km, and what it was measured to (index into DISTANCE_TO). */
  km: Section;
  to: Section;
  labels: string[];
  properties: Column[];
}


export const DISTANCE_TO: readonly DistanceTo[] = ["point", "nearest point of line", "nearest point of area"];

export const isPrimitive = (v: unknown): v is Primitive => v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean";

/** Checked columns (readColumns), ready to build incidents from; posted from the worker with `buffer` transferred. */
export interface IncidentColumns {
  header: Header;
  buffer: ArrayBuffer;
  dataStart: number;
}

export type TypedArray = Float64Array | Uint8Array | Uint16Array | Uint32Array;

/** A section's elements, viewed in place in the columns' buffer. */
export function view(c: IncidentColumns, s: Section): TypedArray {
  const at = c.dataStart + s.offset;
  switch (s.kind) {
    case "f64":
      return new Float64Array(c.buffer, at, s.length);
    case "u32":
      return new Uint32Array(c.buffer, at, s.length);
    case "u16":
      return new Uint16Array(c.buffer, at, s.length);
    case "u8":
      return new Uint8Array(c.buffer, at, s.length);
  }
}
