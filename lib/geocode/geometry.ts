// The few geometry helpers the geocoder needs, on GeoJSON [lng, lat] positions. Kept local (not Turf) so the
// CLI and the API route start fast; the formulas are the standard ones.
import type { Geometry, Polygon, Position } from "geojson";

export type BBox = [minLng: number, minLat: number, maxLng: number, maxLat: number];

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance in kilometres (haversine). */
export function distanceKm(a: Position, b: Position): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLng = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Midpoint of two nearby positions (plain average: exact enough across a few km). */
export function midpoint(a: Position, b: Position): Position {
  return [round6((a[0] + b[0]) / 2), round6((a[1] + b[1]) / 2)];
}

export function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/** Box around positions, padded by `pad` degrees on each side. */
export function bboxOf(points: readonly Position[], pad = 0): BBox {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return [round6(minX - pad), round6(minY - pad), round6(maxX + pad), round6(maxY + pad)];
}

export function bboxPolygon([w, s, e, n]: BBox): Polygon {
  return { type: "Polygon", coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] };
}

function positions(g: Geometry): Position[] {
  switch (g.type) {
    case "Point":
      return [g.coordinates];
    case "MultiPoint":
    case "LineString":
      return g.coordinates;
    case "MultiLineString":
    case "Polygon":
      return g.coordinates.flat();
    case "MultiPolygon":
      return g.coordinates.flat(2);
    case "GeometryCollection":
      return g.geometries.flatMap(positions);
  }
}

export function geometryBBox(g: Geometry): BBox {
  return bboxOf(positions(g));
}

/** The point itself, the middle vertex of a line, or the centre of an area's box. */
export function representativePoint(g: Geometry): Position {
  if (g.type === "Point") return g.coordinates;
  if (g.type === "LineString") return g.coordinates[Math.floor(g.coordinates.length / 2)];
  const [w, s, e, n] = geometryBBox(g);
  return [round6((w + e) / 2), round6((s + n) / 2)];
}

export function bboxContains([w, s, e, n]: BBox, [x, y]: Position): boolean {
  return x >= w && x <= e && y >= s && y <= n;
}
