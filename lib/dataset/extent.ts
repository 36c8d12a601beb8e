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

/** Great-circle distance in km (haversine) from the point at (x1, y1): plain arithmetic, so the page need not
 *  load Turf for it, and numbers rather than arrays, as it runs once per incident. */
function km(x1: number, y1: number, x2: number, y2: number): number {
  const dLat = (y2 - y1) * RAD;
  const dLng = (x2 - x1) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(y1 * RAD) * Math.cos(y2 * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The k-th smallest of `a` (0-based), found in place by quickselect: `a` is left with every element before k
 *  no larger and every element after it no smaller. Linear on average, where a sort of a million is not. */
function selectInPlace(a: Float64Array, k: number): number {
  let lo = 0, hi = a.length - 1;
  while (hi > lo) {
    // The median of three as the pivot: an input already in order stays linear.
    const mid = (lo + hi) >>> 1;
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[hi] < a[mid]) swap(a, hi, mid);
    const pivot = a[mid];
    let i = lo, j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) swap(a, i++, j--);
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k];
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/** The q-quantile of the numbers, interpolated between neighbours in their order (reorders `values`). */
export function quantileOf(values: Float64Array, q: number): number {
  const at = (values.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  const low = selectInPlace(values, lo);
  if (hi === lo) return low;
  // After the selection the next in order is the smallest of those after lo.
  let high = values[hi];
  for (let i = hi + 1; i < values.length; i++) if (values[i] < high) high = values[i];
  return low + (high - low) * (at - lo);
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
  // Plain loops over typed arrays, and selections rather than sorts: a million anchors in tens of milliseconds.
  const count = points.length;
  const xs = new Float64Array(count);
  const ys = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    xs[i] = points[i][0];
    ys[i] = points[i][1];
  }
  const mx = quantileOf(xs.slice(), 0.5), my = quantileOf(ys.slice(), 0.5);
  const distances = new Float64Array(count);
  for (let i = 0; i < count; i++) distances[i] = km(mx, my, xs[i], ys[i]);
  const limit = Math.max(minKm, factor * quantileOf(distances.slice(), quantile));
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  let outliers = 0;
  for (let i = 0; i < count; i++) {
    if (distances[i] > limit) {
      outliers += 1;
      continue;
    }
    const x = xs[i], y = ys[i];
    if (x < w) w = x;
    if (y < s) s = y;
    if (x > e) e = x;
    if (y > n) n = y;
  }
  return { bbox: [w, s, e, n], framed: points.length - outliers, outliers };
}
