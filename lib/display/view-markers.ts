// The markers a view wants, from the cluster index's items for it: clusters, single incidents (fanned
// out where they share a spot) and the dot at the true position of a fanned-out stack. Each has a key
// (what a live marker cannot change: which cluster, which incident with which icon offset) and a look
// (what it can: selection, noise, position), so the map can reuse a marker and only restyle it.
import type { Position } from "geojson";
import { clusterMembers, type ClusterIndex, type ClusterItem, type ViewItem } from "./cluster";
import { fanOffset, positionKey, stackPositions } from "./colocate";

export interface ClusterMarker {
  kind: "cluster";
  key: string;
  item: ClusterItem;
  /** A stack's members (indices), which it opens into; null for a cluster that zooms in. */
  members: number[] | null;
  /** Whether the selected incident is in it (the cluster is marked). */
  hasSelected: boolean;
}

export interface IncidentMarker {
  kind: "incident";
  key: string;
  /** Index of the incident in the array the cluster index was built from. */
  index: number;
  /** Where the marker stands, [lng, lat]: the incident's anchor, or the centre of the stack it fans out of. */
  at: Position;
  /** The icon's pixel offset from `at`: [0, 0] unless the incident is one of several at one spot. */
  offset: [number, number];
  /** A member of an opened stack (drawn above the clusters). */
  fanned: boolean;
  selected: boolean;
  noise: boolean;
}

export interface StackDot {
  kind: "dot";
  key: string;
  at: Position;
}

export type ViewMarker = ClusterMarker | IncidentMarker | StackDot;

export interface ViewMarkerContext {
  /** The index the items came from. */
  index: ClusterIndex;
  /** The marker anchor of incident `i`, [lng, lat]. */
  anchor(i: number): Position;
  /** The event_id of incident `i`. */
  id(i: number): string;
  /** An incident of the one open stack, if any. */
  openIndex?: number;
  /** The selected incident, if any. */
  selectedIndex?: number;
  /** event_ids drawn as noise (in no hotspot). */
  noise: ReadonlySet<string>;
  /**
   * Whether a cluster at `position` may hold the selected incident (its centre within reach on screen).
   * Only those clusters' members are searched, so a selection costs nothing for the others.
   */
  nearSelected(position: Position): boolean;
}

/** The markers for a view's items, in drawing order (clusters and dots, then single incidents). */
export function viewMarkers(items: readonly ViewItem[], ctx: ViewMarkerContext): ViewMarker[] {
  const front: ViewMarker[] = [];
  const singles: IncidentMarker[] = [];
  const single = (i: number, at: Position, pos: number, size: number, fanned: boolean): IncidentMarker => {
    const id = ctx.id(i);
    const offset = fanOffset(pos, size);
    return { kind: "incident", key: `p:${id}:${offset[0]},${offset[1]}`, index: i, at, offset, fanned, selected: i === ctx.selectedIndex, noise: ctx.noise.has(id) };
  };
  const dot = (at: Position): StackDot => ({ kind: "dot", key: `d:${positionKey(at[0], at[1])}`, at });

  const loose: number[] = [];
  for (const item of items) {
    if (item.kind === "point") {
      loose.push(item.index);
      continue;
    }
    const members = item.stack ? clusterMembers(ctx.index, item.id) : null;
    if (members && ctx.openIndex !== undefined && members.includes(ctx.openIndex)) {
      // An open stack fans out around its centre: its members are metres apart at most, less than a pixel
      // at the zooms where it is a stack, so the icons move, never the coordinates the details show.
      members.forEach((i, k) => singles.push(single(i, item.position, k, members.length, true)));
      front.push(dot(item.position));
      continue;
    }
    const selected = ctx.selectedIndex;
    const hasSelected = selected !== undefined && ctx.nearSelected(item.position) && (members ?? clusterMembers(ctx.index, item.id)).includes(selected);
    front.push({ kind: "cluster", key: `c:${item.id}`, item, members, hasSelected });
  }

  // Points drawn one by one (beyond the last clustered zoom) still fan out where they share a position.
  const stacks = stackPositions(loose, ctx.anchor);
  loose.forEach((i, k) => {
    const [pos, size] = stacks[k];
    const at = ctx.anchor(i);
    singles.push(single(i, at, pos, size, false));
    if (size > 1 && pos === 0) front.push(dot(at));
  });
  return [...front, ...singles];
}
