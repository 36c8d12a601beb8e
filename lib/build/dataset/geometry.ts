// Stable output: coordinates rounded by lib/geo/round.ts (re-exported for the layers), JSON written one way.
export { roundGeometry } from "../../geo/round";

/** Deterministic JSON: 2-space indent and a final newline; key order is the order objects are built in. */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
