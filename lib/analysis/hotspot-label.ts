// Where a drawn hotspot's label stands. Apart from ./hotspot-terms.ts, which the page's first load reads,
// so Turf comes with the hotspots' layer, not with the page.
import { centroid } from "@turf/turf";
import type { Feature, Polygon, Position } from "geojson";

/** Where a hotspot's label stands, [lng, lat]: the centroid of its outline's vertices (Turf). */
export function hotspotLabelPosition(hotspot: Feature<Polygon>): Position {
  return centroid(hotspot).geometry.coordinates;
}
