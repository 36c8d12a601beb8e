// Bounding boxes as GeoJSON has them: [west, south, east, north], lon/lat. Plain loops, not Turf, so the
// geocoder's CLI and API route that use them start without loading Turf.
import type { Geometry, Polygon, Position } from "geojson";

export type BBox = [west: number, south: number, east: number, north: number];

/** The smallest box holding every position; [Infinity, Infinity, -Infinity, -Infinity] for none. */
export function positionsBbox(points: Iterable<Position>): BBox {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) {
    if (x < w) w = x;
    if (y < s) s = y;
    if (x > e) e = x;
    if (y > n) n = y;
  }
  return [w, s, e, n];
}

function* positions(g: Geometry): Generator<Position> {
  switch (g.type) {
    case "Point":
      yield g.coordinates;
      return;
    case "MultiPoint":
    case "LineString":
      yield* g.coordinates;
      return;
    case "MultiLineString":
    case "Polygon":
      for (const line of g.coordinates) yield* line;
      return;
    case "MultiPolygon":
      for (const polygon of g.coordinates) for (const ring of polygon) yield* ring;
      return;
    case "GeometryCollection":
      for (const part of g.geometries) yield* positions(part);
  }
}

export function geometryBbox(geometry: Geometry): BBox {
  return positionsBbox(positions(geometry));
}

/** True when the point (x, y) lies inside the box or on its edge: the one point-in-box rule. */
export function bboxHolds(b: Readonly<BBox>, x: number, y: number): boolean {
  return x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3];
}

/** True when the position lies inside the box or on its edge. */
export const bboxContains = (b: Readonly<BBox>, p: Position): boolean => bboxHolds(b, p[0], p[1]);

/** True when `inner` lies wholly inside `outer` (edges count). */
export function bboxWithin(outer: BBox, inner: BBox): boolean {
  return inner[0] >= outer[0] && inner[1] >= outer[1] && inner[2] <= outer[2] && inner[3] <= outer[3];
}

/** The box as a closed, counter-clockwise Polygon. */
export function bboxPolygon([w, s, e, n]: BBox): Polygon {
  return { type: "Polygon", coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] };
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
