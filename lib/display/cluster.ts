// Display clustering: which markers to draw for a view. supercluster (a packed KD-tree per zoom level)
// answers a view in well under a millisecond even for a million points, so only what is visible is ever
// turned into markers. Turf stays the engine for analysis (hotspots); this is for drawing.
// supercluster's public API throughout, but for the per-type counts (./supercluster-internals.ts).
import Supercluster from "supercluster";
import type { Point, Position } from "geojson";
import { EVENT_TYPES } from "../incident/model";
import type { BBox } from "../geo/bbox";
import { clusterTypeCounts, packTrees, typeCountTable, unpackTrees, type PackedTrees, type TypeCountData, type TypeCountTable } from "./supercluster-internals";

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

/** Per-type counts of a cluster, one per style slot (ClusterSlots; by default EVENT_TYPES order). */
export type TypeCounts = number[];

/** How a cluster's pie groups types: the styles drawn (lib/display/event-style.ts's CategoryStyles is one). */
export interface ClusterSlots {
  readonly slots: readonly unknown[];
  slotOf(type: string): number;
}

const TYPE_INDEX = new Map<string, number>(EVENT_TYPES.map((t, i) => [t, i]));
// @option ACLED_SLOTS: ClusterSlots = one slot per ACLED type
// Without styles (tests, benches), ACLED's six; any other category is counted as the first.
const ACLED_SLOTS: ClusterSlots = { slots: EVENT_TYPES, slotOf: (t) => TYPE_INDEX.get(t) ?? 0 };

// One incident as supercluster reads it: a GeoJSON point Feature whose `id` is the incident's index. The
// geometry is made when asked for (supercluster reads it once, in `load`), so a million incidents hold one
// small object each, over one array of coordinates.
class IncidentPoint {
  constructor(
    readonly id: number,
    private readonly anchors: Float64Array,
  ) {}
  get type(): "Feature" {
    return "Feature";
  }
  get geometry(): Point {
    return { type: "Point", coordinates: [this.anchors[2 * this.id], this.anchors[2 * this.id + 1]] };
  }
  get properties(): null {
    return null;
  }
}

const OPTIONS = { radius: CLUSTER_RADIUS, maxZoom: CLUSTER_MAX_ZOOM, minPoints: 2 };

export interface ClusterIndex {
  /** Number of incidents indexed. */
  readonly size: number;
  /** The loaded supercluster (no map/reduce: counts are in `typeCounts`). */
  readonly supercluster: Supercluster<null>;
  readonly typeCounts: TypeCountTable;
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

/** What an index is built from, as arrays a worker can take: [lng, lat] pairs, and each item's style slot. */
export interface ClusterInput {
  anchors: Float64Array;
  types: Uint8Array;
  numTypes: number;
}

/** The input of the index of `items`, whose clusters count their types by `styles`' slots (at most 256). */
export function clusterInput<T>(items: readonly T[], anchor: (item: T) => Position, type: (item: T) => string, styles: ClusterSlots = ACLED_SLOTS): ClusterInput {
  if (styles.slots.length > 256) throw new RangeError(`buildClusterIndex: ${styles.slots.length} style slots, at most 256`);
  const anchors = new Float64Array(items.length * 2);
  const types = new Uint8Array(items.length);
  items.forEach((item, i) => {
    const [lng, lat] = anchor(item);
    anchors[2 * i] = lng;
    anchors[2 * i + 1] = lat;
    types[i] = styles.slotOf(type(item));
  });
  return { anchors, types, numTypes: styles.slots.length };
}

/** The index of `input` (in this thread: a worker's, for a large one, see packClusterIndex). */
export function buildClusterIndexOf(input: ClusterInput): ClusterIndex {
  const supercluster = new Supercluster<null>(OPTIONS);
  const n = input.types.length;
  supercluster.load(Array.from({ length: n }, (_, i) => new IncidentPoint(i, input.anchors)));
  return { size: n, supercluster, typeCounts: clusterTypeCounts(supercluster, input.types, input.numTypes) };
}

/** The index of `items`, whose clusters count their types by `styles`' slots (at most 256). */
export function buildClusterIndex(items: readonly { anchor: Position; type: string }[], styles: ClusterSlots = ACLED_SLOTS): ClusterIndex {
  return buildClusterIndexOf(clusterInput(items, (item) => item.anchor, (item) => item.type, styles));
}

/** A built index as a worker sends it: typed arrays only, their buffers transferred, none copied. */
export interface PackedClusterIndex {
  anchors: Float64Array;
  trees: PackedTrees;
  typeCounts: TypeCountData;
}

/** `index`, built from `input`, packed to be posted; `transfer` lists the buffers to move with it. */
export function packClusterIndex(index: ClusterIndex, input: ClusterInput): { packed: PackedClusterIndex; transfer: ArrayBuffer[] } {
  const { packed: trees, transfer } = packTrees(index.supercluster);
  const typeCounts = index.typeCounts.data;
  const own = [input.anchors.buffer, typeCounts.counts.buffer, ...typeCounts.slot.flatMap((s) => (s ? [s.buffer] : []))] as ArrayBuffer[];
  return { packed: { anchors: input.anchors, trees, typeCounts }, transfer: [...transfer, ...own] };
}

/** The index a worker packed, answering every query as it did there. */
export function unpackClusterIndex(packed: PackedClusterIndex): ClusterIndex {
  const { anchors } = packed;
  const supercluster = unpackTrees(packed.trees, OPTIONS, (i) => new IncidentPoint(i, anchors));
  return { size: packed.trees.n, supercluster, typeCounts: typeCountTable(packed.typeCounts) };
}

/** The clusters and points to draw for a view. */
export function viewItems(index: ClusterIndex, bbox: BBox, zoom: number): ViewItem[] {
  const sc = index.supercluster;
  return sc.getClusters(bbox, Math.floor(zoom)).map((f): ViewItem => {
    const [lng, lat] = f.geometry.coordinates;
    const p = f.properties;
    if (p && "cluster_id" in p) {
      return {
        kind: "cluster",
        id: p.cluster_id,
        position: [lng, lat],
        count: p.point_count,
        counts: index.typeCounts.of(p.cluster_id),
        stack: sc.getClusterExpansionZoom(p.cluster_id) > CLUSTER_MAX_ZOOM,
      };
    }
    return { kind: "point", index: f.id as number, position: [lng, lat] };
  });
}

/** Indexes (into the built-from array) of every member of a cluster, in supercluster's getLeaves order. */
export function clusterMembers(index: ClusterIndex, clusterId: number): number[] {
  return index.supercluster.getLeaves(clusterId, Infinity).map((f) => f.id as number);
}

/** The zoom at which a cluster splits, capped so a stack never zooms past the last clustered level. */
export function expansionZoom(index: ClusterIndex, clusterId: number): number {
  return Math.min(index.supercluster.getClusterExpansionZoom(clusterId), CLUSTER_MAX_ZOOM + 1);
}
