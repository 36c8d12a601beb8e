// The one boundary where GeoJSON's [lng, lat] becomes Leaflet's [lat, lng]. Nothing else swaps axes.
import type { LatLngTuple } from "leaflet";
import type { MultiPolygon, Polygon, Position } from "geojson";

export function toLatLng(position: Position): LatLngTuple {
  return [position[1], position[0]];
}

/** Rings or lines of positions, any depth, as Leaflet latlngs. */
export function toLatLngs(coords: Position[]): LatLngTuple[];
export function toLatLngs(coords: Position[][]): LatLngTuple[][];
export function toLatLngs(coords: Position[][][]): LatLngTuple[][][];
export function toLatLngs(coords: unknown[]): unknown[] {
  return coords.map((c) => (typeof (c as unknown[])[0] === "number" ? toLatLng(c as Position) : toLatLngs(c as Position[])));
}

/** A Polygon's rings, or a MultiPolygon's polygons of rings, as Leaflet latlngs (L.polygon takes both). */
export function polygonLatLngs(geometry: Polygon | MultiPolygon): LatLngTuple[][] | LatLngTuple[][][] {
  return geometry.type === "Polygon" ? toLatLngs(geometry.coordinates) : toLatLngs(geometry.coordinates);
}

/** A GeoJSON bbox [west, south, east, north] as Leaflet bounds [[south, west], [north, east]]. */
export function bboxToBounds(b: readonly number[]): [LatLngTuple, LatLngTuple] {
  return [toLatLng([b[0], b[1]]), toLatLng([b[2], b[3]])];
}

/** Leaflet bounds back to a GeoJSON bbox. */
export function boundsToBbox(bounds: { getWest(): number; getSouth(): number; getEast(): number; getNorth(): number }): [number, number, number, number] {
  return [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()];
}
