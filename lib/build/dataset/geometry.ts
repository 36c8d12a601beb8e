// Geometry helpers for stable output: coordinates rounded to 6 decimals (~0.1 m, finer than any
// source position here) so rebuilding never changes bytes through floating-point noise.
import type { Geometry, Position } from "geojson";

export function round6(n: number): number {
  const r = Math.round(n * 1e6) / 1e6;
  return Object.is(r, -0) ? 0 : r;
}

function roundCoords(c: unknown): unknown {
  if (Array.isArray(c)) {
    return typeof c[0] === "number" ? (c as Position).map(round6) : c.map(roundCoords);
  }
  return c;
}

/** A copy of the geometry with every coordinate rounded to 6 decimals and only `type`/`coordinates` kept. */
export function roundGeometry<G extends Geometry>(g: G): G {
  if (g.type === "GeometryCollection") return { type: g.type, geometries: g.geometries.map(roundGeometry) } as G;
  return { type: g.type, coordinates: roundCoords(g.coordinates) } as G;
}

/** Deterministic JSON: 2-space indent and a final newline; key order is the order objects are built in. */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
