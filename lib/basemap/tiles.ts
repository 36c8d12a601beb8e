// The offline base map is cut into Web Mercator tiles at a few data zooms; a map zoom reads the tiles of one
// level. Pure: the build script cuts by these rules, the route checks keys by them, the layer picks by them.

/** One level of the cut: the map zooms it serves, its tile zoom and how finely its geometry is kept. */
export interface BasemapLevel {
  /** Tile zoom of the files (2^z × 2^z tiles). */
  z: number;
  /** Lowest map zoom that reads this level (up to the next level's). */
  fromZoom: number;
  /** Douglas–Peucker tolerance in degrees: about a pixel at `fromZoom` (0.35° a pixel at zoom 2, halving each zoom). */
  tolerance: number;
  /** Decimal places kept in coordinates. */
  decimals: number;
  /** Whether first-level divisions are drawn. */
  admin1: boolean;
}

// @option BASEMAP_LEVELS: the cut, lowest first. A level's tiles are 256–1024 px wide at its zooms, so a
// first view reads a few small files and little beyond its edges; admin-1 borders from zoom 5.
export const BASEMAP_LEVELS: readonly BasemapLevel[] = [
  { z: 0, fromZoom: 0, tolerance: 0.25, decimals: 1, admin1: false },
  { z: 3, fromZoom: 4, tolerance: 0.1, decimals: 2, admin1: false },
  { z: 4, fromZoom: 5, tolerance: 0.06, decimals: 2, admin1: true },
  { z: 6, fromZoom: 7, tolerance: 0.01, decimals: 2, admin1: true },
  { z: 7, fromZoom: 9, tolerance: 0.002, decimals: 3, admin1: true },
];

/** West, south, east, north in degrees. */
export type BBox = [number, number, number, number];

export interface TileKey {
  z: number;
  x: number;
  y: number;
}

/** Web Mercator's latitude limit: tiles stop there. */
export const MAX_LAT = 85.0511287798066;

/** The level a map zoom reads. */
export function levelForZoom(zoom: number): BasemapLevel {
  let level = BASEMAP_LEVELS[0];
  for (const l of BASEMAP_LEVELS) if (zoom >= l.fromZoom) level = l;
  return level;
}

const tileX = (lng: number, n: number) => Math.floor(((lng + 180) / 360) * n);
function tileY(lat: number, n: number): number {
  const phi = (Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI) / 180;
  return Math.floor(((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * n);
}
const clampIndex = (i: number, n: number) => Math.max(0, Math.min(n - 1, i));

/** The tile's bounds, [west, south, east, north]. */
export function tileBBox({ z, x, y }: TileKey): BBox {
  const n = 2 ** z;
  const lat = (row: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * row) / n))) * 180) / Math.PI;
  return [(x / n) * 360 - 180, lat(y + 1), ((x + 1) / n) * 360 - 180, lat(y)];
}

/**
 * The tiles of zoom `z` that cover a bbox, west to east then north to south. A bbox crossing the antimeridian
 * (west > east, or wider than the world as Leaflet reports when zoomed out) wraps to the tiles on both sides.
 */
export function tilesCovering(bbox: BBox, z: number): TileKey[] {
  const n = 2 ** z;
  const [w, s, e, north] = bbox;
  const ys = [clampIndex(tileY(north, n), n), clampIndex(tileY(s, n), n)];
  let xs: number[];
  if (e - w >= 360) xs = Array.from({ length: n }, (_, i) => i);
  else {
    const x0 = tileX(((((w + 180) % 360) + 360) % 360) - 180, n);
    const x1 = tileX(((((e + 180) % 360) + 360) % 360) - 180, n);
    xs = [];
    for (let x = clampIndex(x0, n); ; x = (x + 1) % n) {
      xs.push(x);
      if (x === clampIndex(x1, n) || xs.length === n) break;
    }
  }
  const out: TileKey[] = [];
  for (let y = ys[0]; y <= ys[1]; y++) for (const x of xs) out.push({ z, x, y });
  return out;
}

/** The tiles a map view reads: its level's tiles under the view. */
export function tilesForView(bbox: BBox, zoom: number): TileKey[] {
  return tilesCovering(bbox, levelForZoom(zoom).z);
}

/** "z/x/y", the tile's file path under geodata/basemap/tiles (plus ".geojson"). */
export const tilePath = ({ z, x, y }: TileKey): string => `${z}/${x}/${y}`;

/**
 * A tile key from a request's z, x and y, or an error naming the field and the value: z must be one of the
 * levels' zooms and x, y whole numbers inside it.
 */
export function parseTileKey(z: string | null, x: string | null, y: string | null): TileKey | { error: string } {
  const zoom = Number(z);
  if (z === null || !/^\d{1,2}$/.test(z) || !BASEMAP_LEVELS.some((l) => l.z === zoom)) {
    return { error: `z: must be one of ${BASEMAP_LEVELS.map((l) => l.z).join(", ")}, got ${JSON.stringify(z?.slice(0, 20) ?? null)}` };
  }
  const n = 2 ** zoom;
  const index = (name: string, v: string | null): number | string => {
    if (v === null || !/^\d{1,6}$/.test(v) || Number(v) >= n) return `${name}: must be a whole number from 0 to ${n - 1} at z ${zoom}, got ${JSON.stringify(v?.slice(0, 20) ?? null)}`;
    return Number(v);
  };
  const tx = index("x", x);
  if (typeof tx === "string") return { error: tx };
  const ty = index("y", y);
  if (typeof ty === "string") return { error: ty };
  return { z: zoom, x: tx, y: ty };
}

/** The bbox a map of `width` × `height` px shows at `zoom` around `center` ([lng, lat]), 256 px tiles. */
export function viewBBox(center: [number, number], zoom: number, width: number, height: number): BBox {
  const scale = 256 * 2 ** zoom;
  const [lng, lat] = center;
  const phi = (Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI) / 180;
  const cy = ((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * scale;
  const toLat = (py: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * Math.max(0, Math.min(scale, py))) / scale))) * 180) / Math.PI;
  const halfLng = ((width / 2) / scale) * 360;
  if (halfLng >= 180) return [-180, toLat(cy + height / 2), 180, toLat(cy - height / 2)];
  return [lng - halfLng, toLat(cy + height / 2), lng + halfLng, toLat(cy - height / 2)];
}

/** A town label of a tile. */
export interface TileTown {
  name: string;
  /** 1 capital, 2 district seat or ≥ 20 000 people, 3 other (geodata/basemap/README.md). */
  rank: 1 | 2 | 3;
  geonames_id: number;
  position: [number, number];
}

/**
 * The towns of a tile's "towns" feature (a MultiPoint whose `name`, `rank` and `geonames_id` are arrays in
 * the same order); entries without a name are skipped, an unknown rank reads as 3 (shown closest in).
 */
export function tileTowns(feature: { properties?: unknown; geometry?: unknown }): TileTown[] {
  const p = (feature.properties ?? {}) as { kind?: unknown; name?: unknown; rank?: unknown; geonames_id?: unknown };
  const g = feature.geometry as { type?: unknown; coordinates?: unknown } | null | undefined;
  if (p.kind !== "towns" || g?.type !== "MultiPoint" || !Array.isArray(g.coordinates) || !Array.isArray(p.name)) return [];
  const ranks = Array.isArray(p.rank) ? p.rank : [];
  const ids = Array.isArray(p.geonames_id) ? p.geonames_id : [];
  const out: TileTown[] = [];
  (g.coordinates as unknown[]).forEach((c, i) => {
    const name = (p.name as unknown[])[i];
    if (typeof name !== "string" || !name || !Array.isArray(c) || typeof c[0] !== "number" || typeof c[1] !== "number") return;
    const r = ranks[i];
    out.push({ name, rank: r === 1 || r === 2 ? r : 3, geonames_id: typeof ids[i] === "number" ? ids[i] : 0, position: [c[0], c[1]] });
  });
  return out;
}
