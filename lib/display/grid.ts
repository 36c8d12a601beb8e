// The markers of a view before its cluster index is built: the incidents in view binned into square cells
// of the map's pixels in one pass, each cell of several a cluster at its members' mean position with their
// exact per-type counts, a cell of one its incident. Milliseconds at 100,000 incidents, where supercluster's
// `load` takes seconds, so a large dataset's first markers need not wait for its index.
// Every move redraws from the grid until the index comes (seconds at a million incidents, when a pass over
// all of them at a country's zoom was 100–250 ms, a dropped frame or ten on each pan): so an incident's
// Mercator y (a logarithm) is worked out once, the first time it is in view, and the cells in view are
// counted in typed arrays by their place in the view, not looked up by key in a Map.
import type { BBox } from "../geo/bbox";
import { CLUSTER_RADIUS, type ClusterInput } from "./cluster";
import type { ViewMarker } from "./view-markers";

// @option GRID_CELL: number = CLUSTER_RADIUS
// A cell's side in screen pixels (256-pixel tiles): about the spacing of supercluster's clusters, whose
// radius counts pixels of 512-pixel tiles.
const GRID_CELL = CLUSTER_RADIUS;

// @option DENSE_CELLS: number = 1 << 20
// Most cells a view's box may span for them to be counted in an array (4 bytes each); a larger box (a
// small map's box at a deep zoom, in tests) finds its cells in a Map. A map's own view spans a few hundred.
const DENSE_CELLS = 1 << 20;

const MAX_LAT = 85.0511287798;

/** Web Mercator y of a latitude, 0 (north) … 1 (south), as the map draws it. */
function mercatorY(lat: number): number {
  const sin = Math.sin((Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI) / 180);
  return 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
}

const mercatorX = (lng: number) => lng / 360 + 0.5;

/** The markers of `input`'s grid for a view (marker index i is input item i); `id(i)` is item i's event_id. */
export type GridMarkers = (bbox: BBox, zoom: number, id: (i: number) => string) => ViewMarker[];

/** The grid of `input`, to be asked for view after view: it keeps the Mercator y of each incident seen in view. */
export function markerGrid(input: ClusterInput): GridMarkers {
  const { anchors, types, numTypes } = input;
  const n = types.length;
  const ys = new Float64Array(n).fill(NaN);

  return ([west, south, east, north], zoom, id) => {
    const world = (256 * 2 ** Math.floor(zoom)) / GRID_CELL;
    const columns = Math.ceil(world);
    // The cells the box spans, a cell of margin each side (a float's rounding at a cell's edge).
    const x0 = Math.floor(mercatorX(Math.max(-180, west)) * world) - 1;
    const y0 = Math.floor(mercatorY(north) * world) - 1;
    const width = Math.floor(mercatorX(Math.min(180, east)) * world) + 2 - x0;
    const height = Math.floor(mercatorY(south) * world) + 2 - y0;
    const spanned = width > 0 && height > 0 ? width * height : 0;
    const dense = spanned <= DENSE_CELLS ? new Int32Array(spanned).fill(-1) : null;
    const sparse = dense ? null : new Map<number, number>();

    // By slot (cells in the order their first incident came): that incident, count, sums, per-type counts.
    const first: number[] = [];
    const keys: number[] = [];
    const count: number[] = [];
    const sumLng: number[] = [];
    const sumLat: number[] = [];
    const typeCounts: number[] = [];
    for (let i = 0; i < n; i++) {
      const lng = anchors[2 * i];
      const lat = anchors[2 * i + 1];
      if (!(lng >= west && lng <= east && lat >= south && lat <= north)) continue;
      let my = ys[i];
      if (my !== my) my = ys[i] = mercatorY(lat);
      const x = Math.floor(mercatorX(lng) * world);
      const y = Math.floor(my * world);
      const cell = (y - y0) * width + (x - x0);
      let slot = dense ? dense[cell] : (sparse!.get(cell) ?? -1);
      if (slot < 0) {
        slot = first.length;
        if (dense) dense[cell] = slot;
        else sparse!.set(cell, slot);
        first.push(i);
        keys.push(y * columns + x);
        count.push(0);
        sumLng.push(0);
        sumLat.push(0);
        for (let t = 0; t < numTypes; t++) typeCounts.push(0);
      }
      count[slot]++;
      sumLng[slot] += lng;
      sumLat[slot] += lat;
      typeCounts[slot * numTypes + types[i]]++;
    }

    const z = Math.floor(zoom);
    const clusters: ViewMarker[] = [];
    const singles: ViewMarker[] = [];
    for (let s = 0; s < first.length; s++) {
      const c = count[s];
      if (c === 1) {
        const i = first[s];
        singles.push({ kind: "incident", key: `p:${id(i)}:0,0`, index: i, at: [anchors[2 * i], anchors[2 * i + 1]], offset: [0, 0], fanned: false, selected: false, noise: false });
        continue;
      }
      const item = { kind: "cluster" as const, id: keys[s], position: [sumLng[s] / c, sumLat[s] / c], count: c, counts: typeCounts.slice(s * numTypes, (s + 1) * numTypes), stack: false };
      clusters.push({ kind: "cluster", key: `g:${z}:${keys[s]}`, item, members: null, hasSelected: false });
    }
    // Clusters first, as viewMarkers orders them.
    return [...clusters, ...singles];
  };
}
