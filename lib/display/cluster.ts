// Display clustering: which markers to draw for a view. supercluster (a packed KD-tree per zoom level)
// answers a view in well under a millisecond even for a million points, so only what is visible is ever
// turned into markers. Turf stays the engine for analysis (hotspots); this is for drawing.
import Supercluster from "supercluster";
import type { Position } from "geojson";
import { EVENT_TYPES, type EventType } from "../incident/model";
import type { BBox } from "../geo/bbox";

// @option CLUSTER_RADIUS: number = 50
// Pixels within which markers merge at a zoom: under three marker widths. Smaller radii drew 2–3× more
// DOM markers at town zoom, which made panning miss frames at 100k incidents (npm run bench -- display).
export const CLUSTER_RADIUS = 50;

// @option CLUSTER_MAX_ZOOM: number = 14
// Last zoom at which points are clustered (about 10 m a pixel: street level). Above it every point is
// drawn, fanned out where several share a position; a cluster that would only split beyond it is a stack,
// which opens in place instead of zooming. Two levels fewer than supercluster's default 16 cut the index
// build by about a third (the deepest levels hold nearly every point), which a million incidents need.
export const CLUSTER_MAX_ZOOM = 14;

/** Per-type counts of a cluster, in EVENT_TYPES order. */
export type TypeCounts = number[];

// How the index is built, and what it relies on (read this before upgrading supercluster).
//
// The clustering is supercluster's own: its `_cluster` pass builds each zoom from the one below it and
// `_createTree` packs each level into a KDBush tree, exactly as `Supercluster#load` does. What this module
// does differently is around that:
// - no map/reduce: the per-type counts are not built with one properties object per cluster and one
//   reduce call per merged point (that made the index about 1.4× slower than plain supercluster in Node
//   and 2.7× in Chromium at 1M: ~2.0 s vs ~0.75 s). They are summed afterwards, bottom-up along the
//   parent ids supercluster leaves in its trees, into one Uint32Array per zoom (6 per tree item);
// - no GeoJSON Feature per incident: the leaf level is written straight into a Float64Array, in
//   `load`'s layout, and the incidents' coordinates are kept in one Float64Array;
// - queries (viewItems, clusterMembers, expansionZoom) read the trees directly, reproducing
//   getClusters / getChildren / getLeaves / getClusterExpansionZoom item for item, without building a
//   Feature per cluster.
// This reads supercluster's internals, so package.json pins supercluster to exactly 8.0.1, and
// tests/unit/cluster-counts.test.ts asserts the installed version and compares every view with
// supercluster's public API run the old way (map/reduce). The internals relied on (node_modules/supercluster/index.js 8.0.1):
// - an instance without `reduce` has `stride` 6 and the methods `_createTree(data)` (a KDBush over the
//   items' x, y with `data` attached) and `_cluster(tree, zoom)` (the next level's data), which read
//   `options`, `stride` and `points.length` only;
// - each tree's `data` holds per item: x, y (spherical mercator 0..1), last zoom processed, id (the input
//   index for a point, the cluster id for a cluster), parent cluster id (or -1), number of points;
// - a cluster formed at zoom z from item i of tree z + 1 has id ((i << 5) + (z + 1) + points.length).
// buildClusterIndex checks these as it goes (methods present, stride, tree sizes, every cluster's parent
// links and per-type counts adding up to its point count) and throws an Error naming supercluster's
// internals when they do not hold, rather than drawing wrong counts.
const STRIDE = 6;
const OFFSET_ZOOM = 2;
const OFFSET_ID = 3;
const OFFSET_PARENT = 4;
const OFFSET_NUM = 5;
// viewItems writes the six counts out; this stops compiling if EVENT_TYPES changes length.
const NUM_TYPES: 6 = EVENT_TYPES.length;
/** supercluster's defaults, passed explicitly since the queries below need them too. */
const MIN_ZOOM = 0;
const EXTENT = 512;

/** A KDBush tree as supercluster 8 leaves it, with its level's item data attached. */
interface LevelTree {
  numItems: number;
  data: ArrayLike<number>;
  range(minX: number, minY: number, maxX: number, maxY: number): number[];
  within(x: number, y: number, r: number): number[];
}

/** The parts of a supercluster 8 instance this module uses (not in its public API or typings). */
interface SuperclusterInternals {
  stride: number;
  points: { length: number };
  _createTree(data: ArrayLike<number>): LevelTree;
  _cluster(tree: LevelTree, zoom: number): number[];
}

export interface ClusterIndex {
  /** Number of incidents indexed. */
  readonly size: number;
  /** supercluster's trees: [z] for zoom z ≤ CLUSTER_MAX_ZOOM, [CLUSTER_MAX_ZOOM + 1] the incidents. */
  readonly trees: readonly LevelTree[];
  /** Per-type counts for the items of trees[z], NUM_TYPES a item (zero for single points). */
  readonly counts: readonly Uint32Array[];
  /** The incidents' positions, lng and lat for each. */
  readonly coords: Float64Array;
}

export interface ClusterItem {
  kind: "cluster";
  id: number;
  position: Position;
  count: number;
  counts: TypeCounts;
  /** A stack: its members cannot be told apart at any zoom, so it opens in place. */
  stack: boolean;
}

export interface PointItem {
  kind: "point";
  /** Index into the array the index was built from. */
  index: number;
  position: Position;
}

export type ViewItem = ClusterItem | PointItem;

const TYPE_INDEX = new Map<EventType, number>(EVENT_TYPES.map((t, i) => [t, i]));

function internalsError(what: string): Error {
  return new Error(
    `lib/display/cluster.ts: supercluster's internals are not what this module reads (${what}); it is written against ` +
      "supercluster 8.0.1 (see the comment above STRIDE in lib/display/cluster.ts)",
  );
}

export function buildClusterIndex(items: readonly { anchor: Position; type: EventType }[]): ClusterIndex {
  const n = items.length;
  const sc = new Supercluster({ radius: CLUSTER_RADIUS, maxZoom: CLUSTER_MAX_ZOOM, minZoom: MIN_ZOOM, extent: EXTENT, minPoints: 2 }) as unknown as SuperclusterInternals;
  if (typeof sc._createTree !== "function" || typeof sc._cluster !== "function") throw internalsError("no _createTree/_cluster");
  if (sc.stride !== STRIDE) throw internalsError(`stride ${sc.stride}, expected ${STRIDE}`);

  // The leaf level, as `load` writes it; the coordinates and types are kept aside.
  const coords = new Float64Array(2 * n);
  const types = new Uint8Array(n);
  const leaf = new Float64Array(STRIDE * n);
  for (let i = 0, k = 0; i < n; i++, k += STRIDE) {
    const item = items[i];
    const lng = item.anchor[0];
    const lat = item.anchor[1];
    coords[2 * i] = lng;
    coords[2 * i + 1] = lat;
    types[i] = TYPE_INDEX.get(item.type) ?? 0;
    leaf[k] = Math.fround(lngX(lng));
    leaf[k + 1] = Math.fround(latY(lat));
    leaf[k + OFFSET_ZOOM] = Infinity;
    leaf[k + OFFSET_ID] = i;
    leaf[k + OFFSET_PARENT] = -1;
    leaf[k + OFFSET_NUM] = 1;
  }
  // `_cluster` reads only `points.length` (to offset cluster ids); the incidents themselves are not needed.
  sc.points = { length: n };
  const trees: LevelTree[] = new Array(CLUSTER_MAX_ZOOM + 2);
  let tree = (trees[CLUSTER_MAX_ZOOM + 1] = sc._createTree(leaf));
  for (let z = CLUSTER_MAX_ZOOM; z >= MIN_ZOOM; z--) tree = trees[z] = sc._createTree(sc._cluster(tree, z));
  for (const t of trees) {
    if (!t || t.data.length !== t.numItems * STRIDE || typeof t.within !== "function" || typeof t.range !== "function") {
      throw internalsError("a tree without data of stride 6");
    }
  }
  return { size: n, trees, counts: typeCounts(trees, types, n), coords };
}

/**
 * Per-type counts for every item of every clustered level, bottom-up: each item of level z + 1 that was
 * merged at zoom z names its cluster in its parent field, so its counts (one-hot for an incident) are
 * added to that cluster's; a cluster merely carried over from a deeper level keeps its counts.
 */
function typeCounts(trees: readonly LevelTree[], types: Uint8Array, n: number): Uint32Array[] {
  const counts: Uint32Array[] = new Array(CLUSTER_MAX_ZOOM + 1);
  // at[o][i]: where the cluster that originated at item i of level o sits in the level being filled
  // (its id encodes o and i), so a cluster carried to a higher level finds its counts one level down.
  const at: (Int32Array | undefined)[] = new Array(CLUSTER_MAX_ZOOM + 2);
  for (let z = CLUSTER_MAX_ZOOM; z >= MIN_ZOOM; z--) {
    const below = trees[z + 1].data;
    const belowCounts = counts[z + 1]; // undefined for the leaves
    const level = trees[z].data;
    const m = trees[z].numItems;
    const c = new Uint32Array(m * NUM_TYPES);
    const formed = (at[z + 1] = new Int32Array(trees[z + 1].numItems).fill(-1));
    for (let p = 0; p < m; p++) {
      const k = p * STRIDE;
      if (level[k + OFFSET_NUM] === 1) continue;
      const rel = level[k + OFFSET_ID] - n;
      const o = rel % 32;
      const i = rel >> 5;
      if (o === z + 1) {
        if (i < 0 || i >= formed.length) throw internalsError(`cluster id ${rel + n} at zoom ${z}`);
        formed[i] = p;
      } else {
        // Carried over from a deeper level: it sits at at[o][i] in level z + 1.
        const from = o > z + 1 && o <= CLUSTER_MAX_ZOOM + 1 && belowCounts ? at[o]![i] : -1;
        if (from === undefined || from < 0) throw internalsError(`cluster id ${rel + n} at zoom ${z}`);
        for (let t = 0; t < NUM_TYPES; t++) c[p * NUM_TYPES + t] = belowCounts![from * NUM_TYPES + t];
        at[o]![i] = p;
      }
    }
    for (let q = 0, k = 0; q < trees[z + 1].numItems; q++, k += STRIDE) {
      const parent = below[k + OFFSET_PARENT];
      if (parent === -1) continue;
      const rel = parent - n;
      const p = rel % 32 === z + 1 ? formed[rel >> 5] : -1;
      if (p === undefined || p < 0) throw internalsError(`parent ${parent} at zoom ${z + 1}`);
      if (below[k + OFFSET_NUM] === 1) c[p * NUM_TYPES + types[below[k + OFFSET_ID]]]++;
      else for (let t = 0; t < NUM_TYPES; t++) c[p * NUM_TYPES + t] += belowCounts![q * NUM_TYPES + t];
    }
    // Every cluster's counts must add up to its number of points.
    for (let p = 0; p < m; p++) {
      const num = level[p * STRIDE + OFFSET_NUM];
      if (num === 1) continue;
      let sum = 0;
      for (let t = 0; t < NUM_TYPES; t++) sum += c[p * NUM_TYPES + t];
      if (sum !== num) throw internalsError(`counts of a cluster of ${num} at zoom ${z} add up to ${sum}`);
    }
    counts[z] = c;
  }
  return counts;
}

/** The clusters and points to draw for a view. */
export function viewItems(index: ClusterIndex, bbox: BBox, zoom: number): ViewItem[] {
  const out: ViewItem[] = [];
  appendView(index, bbox, Math.floor(zoom), out);
  return out;
}

// supercluster's getClusters, item for item: the same longitude wrapping, the same tree query.
function appendView(index: ClusterIndex, bbox: readonly number[], zoom: number, out: ViewItem[]): void {
  let minLng = ((((bbox[0] + 180) % 360) + 360) % 360) - 180;
  const minLat = Math.max(-90, Math.min(90, bbox[1]));
  let maxLng = bbox[2] === 180 ? 180 : ((((bbox[2] + 180) % 360) + 360) % 360) - 180;
  const maxLat = Math.max(-90, Math.min(90, bbox[3]));
  if (bbox[2] - bbox[0] >= 360) {
    minLng = -180;
    maxLng = 180;
  } else if (minLng > maxLng) {
    appendView(index, [minLng, minLat, 180, maxLat], zoom, out);
    appendView(index, [-180, minLat, maxLng, maxLat], zoom, out);
    return;
  }
  const z = Math.max(MIN_ZOOM, Math.min(Math.floor(+zoom), CLUSTER_MAX_ZOOM + 1));
  const tree = index.trees[z];
  const data = tree.data;
  const counts = index.counts[z];
  const coords = index.coords;
  for (const p of tree.range(lngX(minLng), latY(maxLat), lngX(maxLng), latY(minLat))) {
    const k = p * STRIDE;
    const num = data[k + OFFSET_NUM];
    const id = data[k + OFFSET_ID];
    if (num > 1) {
      const c = p * NUM_TYPES;
      out.push({
        kind: "cluster",
        id,
        position: [xLng(data[k]), yLat(data[k + 1])],
        count: num,
        counts: [counts[c], counts[c + 1], counts[c + 2], counts[c + 3], counts[c + 4], counts[c + 5]],
        stack: clusterExpansionZoom(index, id) > CLUSTER_MAX_ZOOM,
      });
    } else {
      out.push({ kind: "point", index: id, position: [coords[2 * id], coords[2 * id + 1]] });
    }
  }
}

/**
 * supercluster's getChildren, as tree positions: the children of a cluster, found within the cluster
 * radius of its origin at the zoom it formed from. Throws, as supercluster does, for an unknown id.
 */
function children(index: ClusterIndex, clusterId: number): { zoom: number; ids: number[] } {
  const rel = clusterId - index.size;
  const originId = rel >> 5;
  const originZoom = rel % 32;
  const errorMsg = "No cluster with the specified id.";
  const tree = index.trees[originZoom];
  if (!tree) throw new Error(errorMsg);
  const data = tree.data;
  if (originId * STRIDE >= data.length) throw new Error(errorMsg);
  const r = CLUSTER_RADIUS / (EXTENT * Math.pow(2, originZoom - 1));
  const ids: number[] = [];
  for (const q of tree.within(data[originId * STRIDE], data[originId * STRIDE + 1], r)) {
    if (data[q * STRIDE + OFFSET_PARENT] === clusterId) ids.push(q);
  }
  if (ids.length === 0) throw new Error(errorMsg);
  return { zoom: originZoom, ids };
}

// supercluster's getClusterExpansionZoom.
function clusterExpansionZoom(index: ClusterIndex, clusterId: number): number {
  let zoom = ((clusterId - index.size) % 32) - 1;
  while (zoom <= CLUSTER_MAX_ZOOM) {
    const { zoom: z, ids } = children(index, clusterId);
    zoom++;
    if (ids.length !== 1) break;
    clusterId = index.trees[z].data[ids[0] * STRIDE + OFFSET_ID];
  }
  return zoom;
}

function appendLeaves(index: ClusterIndex, clusterId: number, out: number[]): void {
  const { zoom, ids } = children(index, clusterId);
  const data = index.trees[zoom].data;
  for (const q of ids) {
    const id = data[q * STRIDE + OFFSET_ID];
    if (data[q * STRIDE + OFFSET_NUM] > 1) appendLeaves(index, id, out);
    else out.push(id);
  }
}

/** Indexes (into the built-from array) of every member of a cluster, in supercluster's getLeaves order. */
export function clusterMembers(index: ClusterIndex, clusterId: number): number[] {
  const out: number[] = [];
  appendLeaves(index, clusterId, out);
  return out;
}

/** The zoom at which a cluster splits, capped so a stack never zooms past the last clustered level. */
export function expansionZoom(index: ClusterIndex, clusterId: number): number {
  return Math.min(clusterExpansionZoom(index, clusterId), CLUSTER_MAX_ZOOM + 1);
}

// supercluster's projections (index.js 8.0.1), copied so positions match it bit for bit.
// longitude/latitude to spherical mercator in [0..1] range
function lngX(lng: number): number {
  return lng / 360 + 0.5;
}
function latY(lat: number): number {
  const sin = Math.sin((lat * Math.PI) / 180);
  const y = 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI;
  return y < 0 ? 0 : y > 1 ? 1 : y;
}
// spherical mercator to longitude/latitude
function xLng(x: number): number {
  return (x - 0.5) * 360;
}
function yLat(y: number): number {
  const y2 = ((180 - y * 360) * Math.PI) / 180;
  return (360 * Math.atan(Math.exp(y2))) / Math.PI - 90;
}
