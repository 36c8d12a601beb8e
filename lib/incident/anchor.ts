// Where an incident's marker stands. A point stands at itself; a road incident at the middle of its line
// (along it, not the chord's midpoint, so the marker sits on the road); an area at a point inside it.
import { along, feature, length, pointOnFeature } from "@turf/turf";
import type { Position } from "geojson";
import type { IncidentGeometry } from "./model";

export function markerAnchor(geometry: IncidentGeometry): Position {
  switch (geometry.type) {
    case "Point":
      return geometry.coordinates;
    case "LineString":
      return along(geometry, length(feature(geometry)) / 2).geometry.coordinates;
    case "Polygon":
    case "MultiPolygon":
      return pointOnFeature(geometry).geometry.coordinates;
  }
}
