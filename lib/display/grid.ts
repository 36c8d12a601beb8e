// The markers of a view before its cluster index is built: the incidents in view binned into square cells
// of the map's pixels in one pass, each cell of several a cluster at its members' mean position with their
// exact per-type counts, a cell of one its incident. Milliseconds at 100,000 incidents, where supercluster's
// `load` takes seconds, so a large dataset's first markers need not wait for its index.
import type { BBox } from "../geo/bbox";
import { CLUSTER_RADIUS, type ClusterInput } from "./cluster";
import type { ViewMarker } from "./view-markers";

// @option GRID_CELL: number = CLUSTER_RADIUS
// A cell's side in screen pixels (256-pixel tiles): about the spacing of supercluster's clusters, whose
// radius counts pixels of 512-pixel tiles.
const GRID_CELL = CLUSTER_RADIUS;

const MAX_LAT = 85.0511287798;

interface Cell {
  first: number;
  count: number;
  lng: number;
  lat: number;
  counts: number[];
}

/** The markers for `bbox` at `zoom` from `input` (marker index i is input item i); `id(i)` is item i's event_id. */
export function gridMarkers(input: ClusterInput, bbox: BBox, zoom: number, id: (i: number) => string): ViewMarker[] {
  const [west, south, east, north] = bbox;
  const { anchors, types, numTypes } = input;
  const world = (256 * 2 ** Math.floor(zoom)) / GRID_CELL;
  const columns = Math.ceil(world);
  const cells = new Map<number, Cell>();
  for (let i = 0; i < types.length; i++) {
    const lng = anchors[2 * i];
    const lat = anchors[2 * i + 1];
    if (!(lng >= west && lng <= east && lat >= south && lat <= north)) continue;
    // Web Mercator, as the map draws it.
    const sin = Math.sin((Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI) / 180);
    const x = Math.floor((lng / 360 + 0.5) * world);
    const y = Math.floor((0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * world);
    const key = y * columns + x;
    let cell = cells.get(key);
    if (!cell) cells.set(key, (cell = { first: i, count: 0, lng: 0, lat: 0, counts: new Array<number>(numTypes).fill(0) }));
    cell.count++;
    cell.lng += lng;
    cell.lat += lat;
    cell.counts[types[i]]++;
  }
  const z = Math.floor(zoom);
  const markers: ViewMarker[] = [];
  for (const [key, c] of cells) {
    if (c.count === 1) {
      const at = [anchors[2 * c.first], anchors[2 * c.first + 1]];
      markers.push({ kind: "incident", key: `p:${id(c.first)}:0,0`, index: c.first, at, offset: [0, 0], fanned: false, selected: false, noise: false });
      continue;
    }
    const item = { kind: "cluster" as const, id: key, position: [c.lng / c.count, c.lat / c.count], count: c.count, counts: c.counts, stack: false };
    markers.push({ kind: "cluster", key: `g:${z}:${key}`, item, members: null, hasSelected: false });
  }
  // Clusters first, as viewMarkers orders them.
  return markers.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === "cluster" ? -1 : 1));
}
