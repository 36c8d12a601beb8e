// Distance of an incident from the reference point, with Turf. Lines and areas are measured to their
// nearest point, and the result says so, so a road incident is not read as lying at its midpoint.
import { booleanPointInPolygon, distance, pointToLineDistance, pointToPolygonDistance } from "@turf/turf";
import type { Feature, Point } from "geojson";
import type { IncidentGeometry } from "./model";
import { DARAA_AL_BALAD } from "./reference";

export type DistanceTo = "point" | "nearest point of line" | "nearest point of area";

export interface Distance {
  /** Kilometres, rounded to one decimal. */
  km: number;
  to: DistanceTo;
}

const TO: Record<IncidentGeometry["type"], DistanceTo> = {
  Point: "point",
  LineString: "nearest point of line",
  Polygon: "nearest point of area",
  MultiPolygon: "nearest point of area",
};

/** Kilometres to one decimal, as every figure in the UI and exports shows them. */
export function roundKm(km: number): number {
  return Math.round(km * 10) / 10;
}

/**
 * Kilometres from `reference` (default Daraa al-Balad) to the nearest point of `geometry`, unrounded: to
 * the point itself, to the nearest point of a line, to the nearest point of an area (0 inside it).
 * Distance bands compare this exact figure with their edges; the UI shows `distanceFrom`'s rounding of it.
 */
export function exactDistanceKm(geometry: IncidentGeometry, reference: Feature<Point> = DARAA_AL_BALAD): number {
  const ref = reference.geometry.coordinates;
  switch (geometry.type) {
    case "Point":
      return distance(ref, geometry.coordinates, { units: "kilometers" });
    case "LineString":
      return pointToLineDistance(ref, geometry, { units: "kilometers", method: "geodesic" });
    case "Polygon":
    case "MultiPolygon":
      if (booleanPointInPolygon(ref, geometry)) return 0;
      return Math.abs(pointToPolygonDistance(ref, geometry, { units: "kilometers", method: "geodesic" }));
  }
}

/** Distance from `reference` (default Daraa al-Balad) to the nearest point of `geometry`, one decimal. */
export function distanceFrom(geometry: IncidentGeometry, reference: Feature<Point> = DARAA_AL_BALAD): Distance {
  return { km: roundKm(exactDistanceKm(geometry, reference)), to: TO[geometry.type] };
}
