// Hotspots: incidents grouped with DBSCAN, each group drawn as an outline with its incident count,
// fatalities and date span; the incidents in no group are "noise".
//
// Pure and synchronous; GeoJSON in, GeoJSON out; inputs are never changed. The clustering is
// `dbscanCoordinates` (lib/analysis/dbscan.ts), which gives Turf's `clustersDbscan` answer (same clusters,
// same numbering) fast enough to rerun on every move of the radius slider.
//
// DBSCAN runs on each incident's marker anchor (lib/incident/anchor.ts). Incidents known only to a region
// (geo_precision 3, or any precision not 1 or 2) never enter it: their anchor is an arbitrary point of the
// region, and clustering it would invent a hotspot. They are returned in `excluded`, and
// REGION_PRECISION_NOTE says so for the UI.
import { area, circle, convex, distance, midpoint, rewind } from "@turf/turf";
import type { Feature, FeatureCollection, Polygon, Position } from "geojson";
import type { IncidentFeature } from "../incident/model";
import { markerAnchor } from "../incident/anchor";
import { positionKey } from "../display/colocate";
import { dbscanCoordinates, type DbscanResult } from "./dbscan";
import { DEFAULT_HOTSPOT_OPTIONS, type HotspotOptions } from "./hotspot-terms";

// The page reads these from ./hotspot-terms.ts, which stays out of the first load with DBSCAN and the hulls.
export { DEFAULT_HOTSPOT_OPTIONS, REGION_PRECISION_NOTE, type HotspotOptions } from "./hotspot-terms";

// One colour for every hotspot, outside the Okabe–Ito palette the event types use (lib/display/event-style.ts),
// so an outline is never read as an event type.
const HOTSPOT_COLOR = "#6a3d9a";

// Vertices of a circle outline (Turf's own default).
const CIRCLE_STEPS = 64;

export interface HotspotProperties {
  /** "H1", "H2", … in the order of DBSCAN's cluster numbers, i.e. of each hotspot's first incident in the input. */
  id: string;
  /** Incidents in the hotspot, undated ones included. */
  count: number;
  /** Sum of the members' fatalities. */
  fatalities: number;
  /** Earliest event_date of a dated member, ISO day; null when no member is dated. */
  from: string | null;
  /** Latest event_date_end ?? event_date of a dated member, ISO day; null when no member is dated. */
  to: string | null;
  /** Members without an event_date: counted in `count` and `fatalities`, but they do not set from/to. */
  undated: number;
  /** Members' event_ids, in input order. */
  event_ids: string[];
  /** The least precise member's geo_precision: the hotspot is only as precise as that (1 or 2, never 3). */
  geo_precision: 1 | 2;
  /** "convex hull" for 3 or more distinct positions; "circle" for 1 or 2 (or 3+ on one line). */
  outline: "convex hull" | "circle";
  /** In words, how precisely the hotspot is located and dated, for a tooltip. */
  precision_note: string;
  // simplestyle-spec, so fixtures and exports look right in any GeoJSON viewer.
  stroke: string;
  "stroke-width": number;
  fill: string;
  "fill-opacity": number;
}

export interface HotspotResult {
  /** One Polygon per hotspot, H1 first. */
  hotspots: FeatureCollection<Polygon, HotspotProperties>;
  /** event_ids of clustered candidates (geo_precision 1 or 2) that belong to no hotspot, in input order. */
  noise: string[];
  /** event_ids of incidents kept out of clustering (geo_precision 3), in input order. */
  excluded: string[];
}

/** The clustering input in packed form, for a Web Worker: see `hotspotsFromClusters`. */
export interface PackedAnchors {
  /** Marker anchors of the candidates as `[lng0, lat0, lng1, lat1, …]`, for `dbscanCoordinates`. */
  coords: Float64Array;
  /** For each anchor, the index of its incident in the input array. */
  incident: Int32Array;
  /** event_ids of the excluded incidents (geo_precision 3), in input order. */
  excluded: string[];
}

/**
 * Groups incidents into hotspots with DBSCAN and outlines each one.
 *
 * Outline: the convex hull of the members' anchors when they stand at 3 or more distinct positions (the
 * same to 6 decimals, as the map stacks them); otherwise (1 or 2 positions, or 3+ on one line, whose hull
 * has no area) a circle around their centre with radius max(radiusKm / 2, the farthest member's distance
 * from the centre), so a hotspot on one spot still shows. Every member lies inside or on its outline.
 *
 * @param incidents the incidents; never changed
 * @param options `radiusKm`, `minPoints`: defaults in DEFAULT_HOTSPOT_OPTIONS
 * @returns the hotspot polygons, the noise event_ids, and the excluded (geo_precision 3) event_ids
 */
export function hotspots(incidents: readonly IncidentFeature[], options: HotspotOptions = {}): HotspotResult {
  const { radiusKm, minPoints } = resolveOptions(options);
  const packed = packAnchors(incidents);
  const result = dbscanCoordinates(packed.coords, radiusKm, { units: "kilometers", minPoints });
  return hotspotsFromClusters(incidents, packed, result, { radiusKm, minPoints });
}

/**
 * The first half of `hotspots`: the candidates' anchors, packed. For a worker, post `coords` (transferable),
 * run `dbscanCoordinates(coords, radiusKm, { units: "kilometers", minPoints })` there, and pass its result
 * back to `hotspotsFromClusters` with the same incidents and packing.
 */
export function packAnchors(incidents: readonly IncidentFeature[]): PackedAnchors {
  const excluded: string[] = [];
  const candidates: number[] = [];
  incidents.forEach((incident, i) => {
    const precision = incident.properties.geo_precision;
    if (precision === 1 || precision === 2) candidates.push(i);
    else excluded.push(incident.properties.event_id);
  });
  const coords = new Float64Array(2 * candidates.length);
  candidates.forEach((i, k) => {
    const [lng, lat] = markerAnchor(incidents[i].geometry);
    coords[2 * k] = lng;
    coords[2 * k + 1] = lat;
  });
  return { coords, incident: Int32Array.from(candidates), excluded };
}

/**
 * The second half of `hotspots`: outlines and figures from a DBSCAN result on `packed.coords`.
 *
 * @param incidents the same incidents `packed` was made from
 * @param packed `packAnchors(incidents)`
 * @param result `dbscanCoordinates(packed.coords, …)` (its `label` is not needed)
 * @param options `radiusKm` (sets the smallest circle outline) as given to DBSCAN; `minPoints` is unused here
 */
export function hotspotsFromClusters(
  incidents: readonly IncidentFeature[],
  packed: PackedAnchors,
  result: Pick<DbscanResult, "cluster" | "clusterCount">,
  options: HotspotOptions = {},
): HotspotResult {
  const { radiusKm } = resolveOptions(options);
  const n = packed.incident.length;
  if (result.cluster.length !== n) throw new Error(`hotspotsFromClusters: ${result.cluster.length} labels for ${n} anchors`);

  const members: number[][] = Array.from({ length: result.clusterCount }, () => []);
  const noise: string[] = [];
  for (let k = 0; k < n; k++) {
    const c = result.cluster[k];
    if (c >= 0) members[c].push(k);
    else noise.push(incidents[packed.incident[k]].properties.event_id);
  }

  const features: Array<Feature<Polygon, HotspotProperties>> = [];
  members.forEach((ks, c) => {
    if (ks.length === 0) return; // cannot happen with dbscanCoordinates; guards a hand-made result
    const anchors: Position[] = ks.map((k) => [packed.coords[2 * k], packed.coords[2 * k + 1]]);
    const group = ks.map((k) => incidents[packed.incident[k]]);
    const { geometry, outline } = outlineOf(anchors, radiusKm);
    features.push({ type: "Feature", properties: summarise(`H${c + 1}`, group, outline), geometry });
  });

  return { hotspots: { type: "FeatureCollection", features }, noise, excluded: [...packed.excluded] };
}

function resolveOptions(options: HotspotOptions): Required<HotspotOptions> {
  const radiusKm = options.radiusKm ?? DEFAULT_HOTSPOT_OPTIONS.radiusKm;
  const minPoints = options.minPoints ?? DEFAULT_HOTSPOT_OPTIONS.minPoints;
  if (!Number.isFinite(radiusKm) || radiusKm <= 0) throw new Error(`hotspots: radiusKm must be a positive number, got ${radiusKm}`);
  // Turf reads minPoints 0 as 3; here 0 is refused rather than silently changed behind a slider.
  if (!Number.isInteger(minPoints) || minPoints < 1) throw new Error(`hotspots: minPoints must be an integer >= 1, got ${minPoints}`);
  return { radiusKm, minPoints };
}

function outlineOf(anchors: readonly Position[], radiusKm: number): { geometry: Polygon; outline: HotspotProperties["outline"] } {
  const distinct = new Map<string, Position>();
  for (const p of anchors) {
    const key = positionKey(p[0], p[1]);
    if (!distinct.has(key)) distinct.set(key, p);
  }
  const positions = [...distinct.values()];

  if (positions.length >= 3) {
    // A fresh options object: Turf's `convex` writes its default concavity into the one it is given.
    const hull = convex({ type: "MultiPoint", coordinates: anchors.map((p) => [p[0], p[1]]) }, {});
    // Points on one line have a hull of no area (or none at all); they get a circle like two points.
    if (hull && area(hull) > 0) {
      // RFC 7946 wants exterior rings counter-clockwise; concaveman's winding is not promised.
      // (Turf types `rewind`'s result as any GeoJSON; given a Polygon it returns a Polygon.)
      const wound = rewind(hull.geometry) as Polygon;
      return { geometry: wound, outline: "convex hull" };
    }
  }

  let centre: Position;
  if (positions.length === 1) centre = positions[0];
  else {
    // The two positions farthest apart (for 2 positions, simply those two): their geodesic midpoint.
    let best = -1, a = positions[0], b = positions[1];
    for (let i = 0; i < positions.length; i++) {
      for (let j = i + 1; j < positions.length; j++) {
        const d = distance(positions[i], positions[j], { units: "kilometers" });
        if (d > best) { best = d; a = positions[i]; b = positions[j]; }
      }
    }
    centre = midpoint(a, b).geometry.coordinates;
  }
  let reach = 0;
  for (const p of anchors) reach = Math.max(reach, distance(centre, p, { units: "kilometers" }));
  const radius = Math.max(radiusKm / 2, reach);
  // `circle` puts its vertices ON the circle, so its edges cut inside it by up to r·(1 − cos(π/steps)).
  // Dividing by cos(π/steps) makes the polygon circumscribe the circle, so a member exactly at the radius
  // (two incidents exactly radiusKm apart) is still inside the drawn outline.
  const circumscribed = radius / Math.cos(Math.PI / CIRCLE_STEPS);
  const disc = circle([centre[0], centre[1]], circumscribed, { steps: CIRCLE_STEPS, units: "kilometers", properties: {} });
  return { geometry: disc.geometry, outline: "circle" };
}

function summarise(id: string, group: readonly IncidentFeature[], outline: HotspotProperties["outline"]): HotspotProperties {
  let fatalities = 0;
  let from: string | null = null;
  let to: string | null = null;
  let undated = 0;
  let near = 0;
  let roads = 0;
  let areas = 0;
  for (const { properties: p, geometry } of group) {
    fatalities += p.fatalities;
    // ISO days with four-digit years sort as text (lib/incident/days.ts relies on the same).
    if (p.event_date) {
      const end = p.event_date_end ?? p.event_date;
      if (from === null || p.event_date < from) from = p.event_date;
      if (to === null || end > to) to = end;
    } else undated++;
    if (p.geo_precision === 2) near++;
    if (geometry.type === "LineString") roads++;
    else if (geometry.type !== "Point") areas++;
  }
  const count = group.length;

  const notes: string[] = [];
  notes.push(
    near === 0
      ? `${count === 2 ? "Both incidents are" : `All ${count} incidents are`} located at the place itself (geo_precision 1).`
      : near === count
        ? `${count === 2 ? "Both incidents are" : `All ${count} incidents are`} located only near a place (geo_precision 2), so the outline is approximate.`
        : `${near} of ${count} incidents ${near === 1 ? "is" : "are"} located only near a place (geo_precision 2), so the outline is approximate.`,
  );
  if (roads > 0) notes.push(`${plural(roads, "road incident")} ${roads === 1 ? "is" : "are"} placed at the middle of the road.`);
  if (areas > 0) notes.push(`${plural(areas, "area incident")} ${areas === 1 ? "is" : "are"} placed at a point inside the area.`);
  if (undated > 0) notes.push(`${plural(undated, "undated incident")} ${undated === 1 ? "is" : "are"} counted but not in the date span.`);

  return {
    id,
    count,
    fatalities,
    from,
    to,
    undated,
    event_ids: group.map((f) => f.properties.event_id),
    geo_precision: near > 0 ? 2 : 1,
    outline,
    precision_note: notes.join(" "),
    stroke: HOTSPOT_COLOR,
    "stroke-width": 2,
    fill: HOTSPOT_COLOR,
    "fill-opacity": 0.15,
  };
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
