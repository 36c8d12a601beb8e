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

/** Kilometres to one decimal, as every figure in the UI and exports shows them. */
export function roundKm(km: number): number {
  return Math.round(km * 10) / 10;
}

/** Distance from `reference` (default Daraa al-Balad) to the nearest point of `geometry`. */
export function distanceFrom(geometry: IncidentGeometry, reference: Feature<Point> = DARAA_AL_BALAD): Distance {
  const ref = reference.geometry.coordinates;
  switch (geometry.type) {
    case "Point":
      return { km: roundKm(distance(ref, geometry.coordinates, { units: "kilometers" })), to: "point" };
    case "LineString":
      return { km: roundKm(pointToLineDistance(ref, geometry, { units: "kilometers", method: "geodesic" })), to: "nearest point of line" };
    case "Polygon":
    case "MultiPolygon": {
      if (booleanPointInPolygon(ref, geometry)) return { km: 0, to: "nearest point of area" };
      const km = Math.abs(pointToPolygonDistance(ref, geometry, { units: "kilometers", method: "geodesic" }));
      return { km: roundKm(km), to: "nearest point of area" };
    }
  }
}
