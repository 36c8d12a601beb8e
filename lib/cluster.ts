// Display clustering: which markers to draw for a view. supercluster (a packed KD-tree per zoom level)
// answers a view in well under a millisecond even for a million points, so only what is visible is ever
// turned into markers. Turf stays the engine for analysis (hotspots); this is for drawing.
import Supercluster from "supercluster";
import type { Position } from "geojson";
import { EVENT_TYPES, type EventType } from "./incident";
import type { BBox } from "./bbox";

// @option CLUSTER_RADIUS: number = 40
// Pixels within which markers merge at a zoom; a little over two marker widths.
export const CLUSTER_RADIUS = 40;

// @option CLUSTER_MAX_ZOOM: number = 16
// Last zoom at which points are clustered. Above it every point is drawn; points that still share a
// position there form a stack, which opens into its members instead of zooming.
export const CLUSTER_MAX_ZOOM = 16;

/** Per-type counts of a cluster, in EVENT_TYPES order. */
export type TypeCounts = number[];

interface PointProps {
  /** Index into the array the index was built from. */
  i: number;
  counts: TypeCounts;
}

export type ClusterIndex = Supercluster<PointProps, { counts: TypeCounts }>;

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
  const index: ClusterIndex = new Supercluster({
    radius: CLUSTER_RADIUS,
    maxZoom: CLUSTER_MAX_ZOOM,
    minPoints: 2,
    map: (p) => ({ counts: [...p.counts] }),
    // A new array every time: supercluster clones cluster properties shallowly, so adding into
    // `acc.counts` in place would also change the child cluster it was copied from.
    reduce: (acc, p) => {
      acc.counts = acc.counts.map((c, k) => c + p.counts[k]);
    },
  });
  index.load(
    items.map((item, i) => {
      const counts = new Array<number>(EVENT_TYPES.length).fill(0);
      counts[TYPE_INDEX.get(item.type) ?? 0] = 1;
      return { type: "Feature" as const, geometry: { type: "Point" as const, coordinates: [item.anchor[0], item.anchor[1]] }, properties: { i, counts } };
    }),
  );
  return index;
}

/** The clusters and points to draw for a view. */
export function viewItems(index: ClusterIndex, bbox: BBox, zoom: number): ViewItem[] {
  const z = Math.floor(zoom);
  return index.getClusters(bbox, z).map((f): ViewItem => {
    const p = f.properties as Partial<Supercluster.ClusterProperties> & { counts: TypeCounts; i?: number };
    if (p.cluster) {
      const id = p.cluster_id!;
      return {
        kind: "cluster",
        id,
        position: f.geometry.coordinates,
        count: p.point_count!,
        counts: p.counts,
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
