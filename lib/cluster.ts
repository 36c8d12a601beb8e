// Display clustering: which markers to draw for a view. supercluster (a packed KD-tree per zoom level)
// answers a view in well under a millisecond even for a million points, so only what is visible is ever
// turned into markers. Turf stays the engine for analysis (hotspots); this is for drawing.
import Supercluster from "supercluster";
import type { Position } from "geojson";
import { EVENT_TYPES, type EventType } from "./incident";
import type { BBox } from "./bbox";

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

// Per-type counts live in numeric properties c0…c5 (EVENT_TYPES order) rather than an array: supercluster
// copies cluster properties shallowly, so numbers can be summed in place safely, and no array is
// allocated per point or per merge (measured: 213 → ~160 ms to index 100k points).
type CountProps = { c0: number; c1: number; c2: number; c3: number; c4: number; c5: number };
const COUNT_KEYS = ["c0", "c1", "c2", "c3", "c4", "c5"] as const satisfies readonly (keyof CountProps)[];

interface PointProps {
  /** Index into the array the index was built from. */
  i: number;
  /** Index of the event type in EVENT_TYPES. */
  t: number;
}

export type ClusterIndex = Supercluster<PointProps, CountProps>;

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

export function buildClusterIndex(items: readonly { anchor: Position; type: EventType }[]): ClusterIndex {
  const index: ClusterIndex = new Supercluster<PointProps, CountProps>({
    radius: CLUSTER_RADIUS,
    maxZoom: CLUSTER_MAX_ZOOM,
    minPoints: 2,
    // Written out field by field: one object shape and fixed property names keep these hot calls
    // monomorphic (a loop over COUNT_KEYS was measurably slower at a million points).
    map: (p) => ({ c0: p.t === 0 ? 1 : 0, c1: p.t === 1 ? 1 : 0, c2: p.t === 2 ? 1 : 0, c3: p.t === 3 ? 1 : 0, c4: p.t === 4 ? 1 : 0, c5: p.t === 5 ? 1 : 0 }),
    reduce: (acc, p) => {
      acc.c0 += p.c0;
      acc.c1 += p.c1;
      acc.c2 += p.c2;
      acc.c3 += p.c3;
      acc.c4 += p.c4;
      acc.c5 += p.c5;
    },
  });
  index.load(
    items.map((item, i) => ({
      type: "Feature" as const,
      geometry: { type: "Point" as const, coordinates: [item.anchor[0], item.anchor[1]] },
      properties: { i, t: TYPE_INDEX.get(item.type) ?? 0 },
    })),
  );
  return index;
}

/** The clusters and points to draw for a view. */
export function viewItems(index: ClusterIndex, bbox: BBox, zoom: number): ViewItem[] {
  const z = Math.floor(zoom);
  return index.getClusters(bbox, z).map((f): ViewItem => {
    const p = f.properties as Partial<Supercluster.ClusterProperties> & Partial<CountProps> & { i?: number; t?: number };
    if (p.cluster) {
      const id = p.cluster_id!;
      return {
        kind: "cluster",
        id,
        position: f.geometry.coordinates,
        count: p.point_count!,
        counts: COUNT_KEYS.map((k) => p[k] ?? 0),
        stack: index.getClusterExpansionZoom(id) > CLUSTER_MAX_ZOOM,
      };
    }
    return { kind: "point", index: p.i!, position: f.geometry.coordinates };
  });
}

/** Indexes (into the built-from array) of every member of a cluster. */
export function clusterMembers(index: ClusterIndex, clusterId: number): number[] {
  return index.getLeaves(clusterId, Infinity).map((f) => (f.properties as PointProps).i);
}

/** The zoom at which a cluster splits, capped so a stack never zooms past the last clustered level. */
export function expansionZoom(index: ClusterIndex, clusterId: number): number {
  return Math.min(index.getClusterExpansionZoom(clusterId), CLUSTER_MAX_ZOOM + 1);
}
