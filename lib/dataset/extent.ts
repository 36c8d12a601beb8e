// A dataset's robust extent: the box the map frames it by. A few far-off incidents (a mistyped
// coordinate, a stray country centroid) must not zoom the map out to the world, so they are left out and counted.
import type { Position } from "geojson";
import type { BBox } from "../geo/bbox";

export interface ExtentOptions {
  // @option quantile: number = 0.9
  // The share of incidents whose distance from the median point sets the dataset's own scale.
  quantile?: number;
  // @option factor: number = 3
  // An incident farther than factor × that scale from the median point is far off.
  factor?: number;
  // @option minKm: number = 100
  // Nothing within this many km of the median point is far off, however tight the rest (a dataset on one spot).
  minKm?: number;
}

export const DEFAULT_EXTENT_OPTIONS: Readonly<Required<ExtentOptions>> = { quantile: 0.9, factor: 3, minKm: 100 };

export interface RobustExtent {
  /** [west, south, east, north] of the incidents kept. */
  bbox: BBox;
  /** Incidents inside the extent. */
  framed: number;
  /** Far-off incidents left out of the extent. */
  outliers: number;
}

const EARTH_KM = 6371.0088;
const RAD = Math.PI / 180;

/** Great-circle distance in km (haversine): plain arithmetic, so the page need not load Turf for it. */
function km([x1, y1]: Position, [x2, y2]: Position): number {
  const dLat = (y2 - y1) * RAD;
  const dLng = (x2 - x1) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(y1 * RAD) * Math.cos(y2 * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The q-quantile of sorted numbers, interpolated between neighbours. */
function quantileOf(sorted: ArrayLike<number>, q: number): number {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

/**
 * The box of `points` ([lng, lat]) without the far-off ones: an incident is far off when its distance from
 * the median point (median longitude, median latitude) exceeds both `factor` times the `quantile` of all
 * such distances and `minKm`. A dataset spread over the world keeps every point: its own scale is the world.
 * @returns null for no points
 */
export function robustExtent(points: readonly Position[], options: ExtentOptions = {}): RobustExtent | null {
  const { quantile, factor, minKm } = { ...DEFAULT_EXTENT_OPTIONS, ...options };
  if (points.length === 0) return null;
  // Plain loops over typed arrays, which sort by number natively: a million anchors in tens of milliseconds.
  const count = points.length;
  const xs = new Float64Array(count);
  const ys = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    xs[i] = points[i][0];
    ys[i] = points[i][1];
  }
  const median: Position = [quantileOf(xs.slice().sort(), 0.5), quantileOf(ys.slice().sort(), 0.5)];
  const distances = new Float64Array(count);
  for (let i = 0; i < count; i++) distances[i] = km(median, [xs[i], ys[i]]);
  const limit = Math.max(minKm, factor * quantileOf(distances.slice().sort(), quantile));
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  let outliers = 0;
  points.forEach(([x, y], i) => {
    if (distances[i] > limit) {
      outliers += 1;
      return;
    }
    if (x < w) w = x;
    if (y < s) s = y;
    if (x > e) e = x;
    if (y > n) n = y;
  });
  return { bbox: [w, s, e, n], framed: points.length - outliers, outliers };
}
