// Cutting the world base map into tiles (scripts/build-basemap.ts): borders traced once from the first-level
// divisions, geometry clipped to each tile of a level, town labels picked by how prominent a level wants.
import { bboxClip, simplify } from "@turf/turf";
import type { Feature, LineString, MultiLineString, MultiPolygon, Point, Polygon, Position } from "geojson";
import { roundDecimals } from "../geo/round";
import { tileBBox, tilePath, tilesCovering, type BBox, type BasemapLevel } from "../basemap/tiles";

/** A first-level division: its country's code and its rings (each polygon's outer ring first). */
export interface Division {
  country: string;
  polygons: Position[][][];
}

/** A line of the base map: a country's outline (coast or border) or a border between two of its divisions. */
export interface BorderLine {
  kind: "border" | "admin1";
  coordinates: Position[];
}

// Rings of neighbours share vertices in Natural Earth; keys at 1e-5° find them despite float noise.
const vertexKey = (p: Position) => `${Math.round(p[0] * 1e5)},${Math.round(p[1] * 1e5)}`;
const edgeKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/**
 * Every land border once: an edge shared by divisions of two countries is a country border, one shared by
 * two divisions of a country an admin-1 border; coasts (edges of one division) are left to the land fill. Runs of one kind along a ring are
 * chained into one line, so each border is simplified once and both sides stay the same line.
 */
export function traceBorders(divisions: readonly Division[]): BorderLine[] {
  const owners = new Map<string, Set<string>>();
  const uses = new Map<string, number>();
  for (const d of divisions) {
    for (const polygon of d.polygons) for (const ring of polygon) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const k = edgeKey(vertexKey(ring[i]), vertexKey(ring[i + 1]));
        if (k.split("|")[0] === k.split("|")[1]) continue;
        uses.set(k, (uses.get(k) ?? 0) + 1);
        const set = owners.get(k) ?? new Set<string>();
        set.add(d.country);
        owners.set(k, set);
      }
    }
  }
  // A coast (an edge of one division only) is drawn by the land fill's edge against the sea: no line.
  const kindOf = (k: string): BorderLine["kind"] | null => (uses.get(k) === 1 ? null : (owners.get(k)?.size ?? 0) > 1 ? "border" : "admin1");
  const done = new Set<string>();
  const lines: BorderLine[] = [];
  for (const d of divisions) {
    for (const polygon of d.polygons) for (const ring of polygon) {
      const n = ring.length - 1;
      if (n < 1) continue;
      const keys = Array.from({ length: n }, (_, i) => edgeKey(vertexKey(ring[i]), vertexKey(ring[i + 1])));
      const kinds = keys.map((k) => (uses.has(k) ? kindOf(k) : null));
      if (kinds.every((k) => k === null)) continue;
      // Start the walk where the kind changes, so a run is not cut in two at the ring's first vertex.
      const start = Math.max(0, kinds.findIndex((k, i) => k !== kinds[(i + n - 1) % n] || done.has(keys[i])));
      let run: BorderLine | null = null;
      for (let j = 0; j < n; j++) {
        const i = (start + j) % n;
        const k = keys[i];
        const kind = kinds[i];
        if (kind === null || done.has(k)) {
          run = null;
          continue;
        }
        done.add(k);
        if (run && run.kind === kind) run.coordinates.push(ring[i + 1]);
        else {
          run = { kind, coordinates: [ring[i], ring[i + 1]] };
          lines.push(run);
        }
      }
    }
  }
  return lines;
}

/** Positions rounded, repeats dropped. */
function roundLine(line: Position[], decimals: number): Position[] {
  const out: Position[] = [];
  for (const p of line) {
    const q = [roundDecimals(p[0], decimals), roundDecimals(p[1], decimals)];
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  return out;
}

/** A ring rounded and closed, or null when fewer than three distinct positions are left. */
function roundRing(ring: Position[], decimals: number): Position[] | null {
  const out = roundLine(ring, decimals);
  if (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1]) out.pop();
  if (out.length < 3) return null;
  return [...out, out[0]];
}

/** A polygon's rings rounded; null when its outer ring degenerates (holes that do are dropped). */
function roundPolygon(rings: Position[][], decimals: number): Position[][] | null {
  const outer = rings[0] && roundRing(rings[0], decimals);
  if (!outer) return null;
  return [outer, ...rings.slice(1).map((r) => roundRing(r, decimals)).filter((r): r is Position[] => r !== null)];
}

/** A line simplified to the level's tolerance (both ends kept); null when all of it fits in a few times the tolerance. */
export function simplifyLine(coordinates: Position[], tolerance: number): Position[] | null {
  const [w, s, e, n] = boundsOf(coordinates);
  if (e - w < 3 * tolerance && n - s < 3 * tolerance) return null;
  if (coordinates.length < 3) return coordinates;
  const f = simplify({ type: "Feature", properties: {}, geometry: { type: "LineString", coordinates } } as Feature<LineString>, { tolerance, highQuality: false, mutate: false });
  return f.geometry.coordinates;
}

/** Polygons simplified to the level's tolerance; rings that shrink below the tolerance are dropped. */
export function simplifyPolygons(polygons: Position[][][], tolerance: number): Position[][][] {
  const out: Position[][][] = [];
  for (const rings of polygons) {
    const outer = rings[0];
    const xs = outer.map((p) => p[0]);
    const ys = outer.map((p) => p[1]);
    // An island within a few times the tolerance is a pixel or two at the level's zooms.
    if (Math.max(...xs) - Math.min(...xs) < 3 * tolerance && Math.max(...ys) - Math.min(...ys) < 3 * tolerance) continue;
    const f = simplify({ type: "Feature", properties: {}, geometry: { type: "Polygon", coordinates: rings } } as Feature<Polygon>, { tolerance, highQuality: false, mutate: false });
    out.push(f.geometry.coordinates);
  }
  return out;
}

function boundsOf(coords: Position[]): BBox {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of coords) {
    if (x < w) w = x;
    if (x > e) e = x;
    if (y < s) s = y;
    if (y > n) n = y;
  }
  return [w, s, e, n];
}

// Fills reach a little past their tile (a pixel at 256 px a tile) so neighbouring tiles meet without a seam.
const FILL_OVERLAP = 1 / 256;

/** A tile's features, by tile path. */
export type TileBuckets = Map<string, Feature[]>;

function push(buckets: TileBuckets, key: string, f: Feature): void {
  const list = buckets.get(key);
  if (list) list.push(f);
  else buckets.set(key, [f]);
}

/** Adds a land polygon (one country's) to every tile of the level it reaches, clipped to each. */
export function addLand(buckets: TileBuckets, level: BasemapLevel, polygons: Position[][][], properties: Record<string, unknown>): void {
  for (const rings of polygons) {
    for (const tile of tilesCovering(boundsOf(rings[0]), level.z)) {
      const [w, s, e, n] = tileBBox(tile);
      const pad = (e - w) * FILL_OVERLAP;
      const clipped = bboxClip({ type: "Feature", properties: {}, geometry: { type: "Polygon", coordinates: rings } } as Feature<Polygon>, [w - pad, s - pad, e + pad, n + pad]);
      const g = clipped.geometry as Polygon | MultiPolygon;
      const parts = (g.type === "Polygon" ? [g.coordinates] : g.coordinates).map((p) => roundPolygon(p, level.decimals)).filter((p): p is Position[][] => p !== null);
      if (parts.length) push(buckets, tilePath(tile), { type: "Feature", properties: { kind: "land", ...properties }, geometry: { type: "MultiPolygon", coordinates: parts } });
    }
  }
}

/** Adds a border line to every tile of the level it reaches, clipped to each. */
export function addLine(buckets: TileBuckets, level: BasemapLevel, line: BorderLine): void {
  for (const tile of tilesCovering(boundsOf(line.coordinates), level.z)) {
    const clipped = bboxClip({ type: "Feature", properties: {}, geometry: { type: "LineString", coordinates: line.coordinates } } as Feature<LineString>, tileBBox(tile));
    const g = clipped.geometry as LineString | MultiLineString;
    const parts = (g.type === "LineString" ? [g.coordinates] : g.coordinates).map((l) => roundLine(l, level.decimals)).filter((l) => l.length >= 2);
    if (parts.length === 0) continue;
    const geometry: LineString | MultiLineString = parts.length === 1 ? { type: "LineString", coordinates: parts[0] } : { type: "MultiLineString", coordinates: parts };
    push(buckets, tilePath(tile), { type: "Feature", properties: { kind: line.kind }, geometry });
  }
}

/** A town label as the tiles carry it. */
export interface TownLabel {
  name: string;
  rank: 1 | 2 | 3;
  population: number;
  geonames_id: number;
  lng: number;
  lat: number;
}

/** Adds a town label to the one tile of the level that holds it. */
export function addTown(buckets: TileBuckets, level: BasemapLevel, t: TownLabel): void {
  const [tile] = tilesCovering([t.lng, t.lat, t.lng, t.lat], level.z);
  push(buckets, tilePath(tile), {
    type: "Feature",
    properties: { kind: "town", name: t.name, rank: t.rank, geonames_id: t.geonames_id },
    geometry: { type: "Point", coordinates: [roundDecimals(t.lng, 4), roundDecimals(t.lat, 4)] },
  });
}

/** The towns of a tile as the one MultiPoint the tiles carry (`tileTowns` in lib/basemap/tiles.ts reads it back). */
function townsFeature(towns: readonly Feature[]): Feature {
  const prop = (key: string) => towns.map((t) => t.properties?.[key]);
  return {
    type: "Feature",
    properties: { kind: "towns", name: prop("name"), rank: prop("rank"), geonames_id: prop("geonames_id") },
    geometry: { type: "MultiPoint", coordinates: towns.map((t) => (t.geometry as Point).coordinates) },
  };
}

/**
 * A tile's features merged: one MultiPolygon per country's land and one MultiLineString per kind of line, so
 * the bytes go to positions rather than to feature wrappers; towns become one MultiPoint with their names.
 */
export function mergeTile(features: readonly Feature[]): Feature[] {
  const merged = new Map<string, Feature>();
  const out: Feature[] = [];
  const towns = features.filter((f) => f.properties?.kind === "town");
  for (const f of features) {
    const p = f.properties ?? {};
    const g = f.geometry;
    if (p.kind === "town") continue;
    const key = `${String(p.kind)}|${String(p.iso ?? "")}`;
    const parts = g.type === "MultiPolygon" || g.type === "MultiLineString" ? g.coordinates : g.type === "Polygon" || g.type === "LineString" ? [g.coordinates] : [];
    const into = merged.get(key);
    if (into) (into.geometry as MultiPolygon | MultiLineString).coordinates.push(...(parts as never[]));
    else {
      const geometry = g.type === "Polygon" || g.type === "MultiPolygon" ? { type: "MultiPolygon", coordinates: [...parts] } : { type: "MultiLineString", coordinates: [...parts] };
      const m = { type: "Feature", properties: p, geometry } as Feature;
      merged.set(key, m);
      out.push(m);
    }
  }
  if (towns.length) out.push(townsFeature(towns));
  return out;
}

/** A tile's text: one feature per line, land first (drawn beneath), then lines, then towns. */
export function tileText(features: readonly Feature[]): string {
  const order = { land: 0, admin1: 1, border: 2, towns: 3 } as Record<string, number>;
  const sorted = mergeTile(features).sort((a, b) => (order[String(a.properties?.kind)] ?? 9) - (order[String(b.properties?.kind)] ?? 9));
  return `{"type":"FeatureCollection","features":[\n${sorted.map((f) => JSON.stringify(f)).join(",\n")}\n]}\n`;
}
