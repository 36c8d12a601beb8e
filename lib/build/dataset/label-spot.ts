// Where to put an area's label so that it covers no marker: the point of a grid over the area that
// lies farthest from every point to avoid. Deterministic, so the rebuilt file keeps its bytes.
import { bbox, booleanPointInPolygon, distance } from "@turf/turf";
import type { MultiPolygon, Polygon, Position } from "geojson";
import { roundCoordinate } from "../../geo/round";

// @option step: number, degrees, default 0.02 (about 2 km here): fine enough for a label, coarse
// enough that the search stays a few thousand distance checks.
export function labelSpot(area: Polygon | MultiPolygon, avoid: readonly Position[], { step = 0.02 } = {}): Position {
  const [w, s, e, n] = bbox(area);
  let best: Position | null = null;
  let bestKm = -1;
  for (let lat = s + step / 2; lat < n; lat += step) {
    for (let lng = w + step / 2; lng < e; lng += step) {
      const p = [lng, lat];
      if (!booleanPointInPolygon(p, area)) continue;
      const km = avoid.reduce((m, q) => Math.min(m, distance(p, q, { units: "kilometers" })), Infinity);
      if (km > bestKm) [best, bestKm] = [p, km];
    }
  }
  if (!best) throw new Error(`label spot: no grid point at a ${step}° step falls inside the area`);
  return best.map(roundCoordinate);
}
