// An incident as the page holds it, placed for the map, and the rules that read only what placing left: no
// Turf here, so the page's first load can filter and count incidents without the geometry code (./place.ts).
import type { Feature, Point, Position } from "geojson";
import type { IncidentFeature } from "./model";
import type { Distance } from "./distance";
import { bboxContains, type BBox } from "../geo/bbox";
import { DARAA_AL_BALAD } from "./reference";

export interface PlacedIncident {
  feature: IncidentFeature;
  /** Where the marker stands, [lng, lat]. */
  anchor: Position;
  /** Unique accessible name: place, date, what. */
  label: string;
  distance: Distance;
}

/** What lib/incident/filter.ts needs of a placed incident: its properties and its marker's anchor. */
export function asFilterable(p: PlacedIncident): { properties: IncidentFeature["properties"]; anchor: Position } {
  return { properties: p.feature.properties, anchor: p.anchor };
}

/**
 * Whether an incident is in a view: its marker's anchor lies in the box. The map, the "in view" count,
 * the export and the API's bbox filter all use this one rule, so they always agree.
 */
export function anchorInBbox(p: { anchor: Position }, bbox: BBox): boolean {
  return bboxContains(bbox, p.anchor);
}

/** Whether placing's own distances hold from `reference`: none, or the point they were measured from (./distance.ts's default). */
export function keepsPlacedDistances(reference: Feature<Point> | null): boolean {
  return !reference || reference.geometry.coordinates.join() === DARAA_AL_BALAD.geometry.coordinates.join();
}
