// The few geometry helpers the geocoder needs, on GeoJSON [lng, lat] positions. Kept local (not Turf) so the
// CLI and the API route start fast; the formulas are the standard ones.
import type { Geometry, Position } from "geojson";
import { geometryBbox, positionsBbox, type BBox } from "../geo/bbox";
import { roundCoordinate } from "../geo/round";

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
  return [roundCoordinate((a[0] + b[0]) / 2), roundCoordinate((a[1] + b[1]) / 2)];
}

/** Box around positions, padded by `pad` degrees on each side, rounded as the gazetteer writes it. */
export function bboxOf(points: readonly Position[], pad = 0): BBox {
  const [w, s, e, n] = positionsBbox(points);
  return [roundCoordinate(w - pad), roundCoordinate(s - pad), roundCoordinate(e + pad), roundCoordinate(n + pad)];
}

/** The point itself, the middle vertex of a line, or the centre of an area's box. */
export function representativePoint(g: Geometry): Position {
  if (g.type === "Point") return g.coordinates;
  if (g.type === "LineString") return g.coordinates[Math.floor(g.coordinates.length / 2)];
  const [w, s, e, n] = geometryBbox(g);
  return [roundCoordinate((w + e) / 2), roundCoordinate((s + n) / 2)];
}
