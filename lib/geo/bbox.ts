// Bounding boxes as GeoJSON has them: [west, south, east, north], lon/lat.
import { bbox as turfBbox } from "@turf/turf";
import type { Geometry } from "geojson";

export type BBox = [west: number, south: number, east: number, north: number];

export function geometryBbox(geometry: Geometry): BBox {
  return turfBbox(geometry) as BBox;
}

/** True when two boxes share any point (edges count). Neither box may cross the antimeridian. */
export function bboxesIntersect(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/** The smallest box holding every box given; null for none. */
export function unionBbox(boxes: Iterable<BBox>): BBox | null {
  let out: BBox | null = null;
  for (const b of boxes) {
    out = out ? [Math.min(out[0], b[0]), Math.min(out[1], b[1]), Math.max(out[2], b[2]), Math.max(out[3], b[3])] : [...b];
  }
  return out;
}

// A plain decimal number as JavaScript writes one: no hex, no blanks, no empty part, no Infinity or NaN.
const DECIMAL = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

/**
 * Parses `west,south,east,north`, four plain decimal numbers (`36.1`, `-0.5`, `1e-7`); nothing else
 * (`0x23`, ` 36`, an empty part) is read as a number.
 * @throws RangeError naming the rule broken, when the parts are not four such ordered, in-range numbers
 */
export function parseBbox(text: string): BBox {
  const parts = text.split(",");
  const numbers = parts.map(Number);
  if (parts.length !== 4 || !parts.every((p) => DECIMAL.test(p)) || !numbers.every(Number.isFinite)) {
    throw new RangeError('must be four decimal numbers "west,south,east,north"');
  }
  const [w, s, e, n] = numbers;
  if (w < -180 || e > 180 || s < -90 || n > 90 || w > e || s > n) {
    throw new RangeError("must have -180 ≤ west ≤ east ≤ 180 and -90 ≤ south ≤ north ≤ 90");
  }
  return [w, s, e, n];
}
