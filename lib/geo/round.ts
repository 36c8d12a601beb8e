// Coordinates as the project writes them: six decimals (about 0.1 m), finer than any source position and
// coarse enough that floating-point noise never changes a rebuilt file or an export.
import type { Geometry } from "geojson";

// @option COORDINATE_DECIMALS: number = 6
// Decimal places kept in every coordinate the project writes (dataset build, geocoder, export).
export const COORDINATE_DECIMALS = 6;

const FACTOR = 10 ** COORDINATE_DECIMALS;

/** `n` rounded to `decimals` places; -0 comes back as 0, so JSON and `toEqual` agree. */
export function roundDecimals(n: number, decimals: number): number {
  const factor = 10 ** decimals;
  const r = Math.round(n * factor) / factor;
  return r === 0 ? 0 : r;
}

/** A coordinate rounded to COORDINATE_DECIMALS (one argument, so `array.map(roundCoordinate)` is safe). */
export function roundCoordinate(n: number): number {
  const r = Math.round(n * FACTOR) / FACTOR;
  return r === 0 ? 0 : r;
}

/** A copy of a position, or of any nesting of positions, with every number rounded by roundCoordinate. */
export function roundCoordinates<T>(coords: T): T {
  if (typeof coords === "number") return roundCoordinate(coords) as T;
  return (coords as unknown[]).map(roundCoordinates) as T;
}

/** A copy of the geometry with every coordinate rounded, keeping only `type` and `coordinates` (or `geometries`). */
export function roundGeometry<G extends Geometry>(g: G): G {
  if (g.type === "GeometryCollection") return { type: g.type, geometries: g.geometries.map(roundGeometry) } as G;
  return { type: g.type, coordinates: roundCoordinates(g.coordinates) } as G;
}
