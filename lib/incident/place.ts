// Everything the map needs per incident that is derived from its geometry, computed once per dataset
// (never in render; the server keeps its result, lib/server/dataset-columns.ts): where its marker stands, its unique accessible name and its distance from Daraa
// al-Balad. (Stacks of co-located incidents depend on the view, so the map works them out as it draws.)
import type { Feature, Point, Position } from "geojson";
import type { IncidentFeature } from "./model";
import { markerAnchor } from "./anchor";
import { uniqueLabels } from "./describe";
import { distanceFrom, type Distance } from "./distance";
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

export function placeIncidents(features: readonly IncidentFeature[]): PlacedIncident[] {
  const labels = uniqueLabels(features.map((f) => f.properties));
  return features.map((feature, i) => ({
    feature,
    anchor: markerAnchor(feature.geometry),
    label: labels[i],
    distance: distanceFrom(feature.geometry),
  }));
}

/**
 * Whether an incident is in a view: its marker's anchor lies in the box. The map, the "in view" count,
 * the export and the API's bbox filter all use this one rule, so they always agree.
 */
export function anchorInBbox(p: { anchor: Position }, bbox: BBox): boolean {
  return bboxContains(bbox, p.anchor);
}

/**
 * The incidents with their distances measured from `reference` (Turf, once per incident); null, or the
 * point placeIncidents measured from (distance.ts's default), keeps those distances and returns `placed` itself.
 */
export function measuredFrom(placed: readonly PlacedIncident[], reference: Feature<Point> | null): readonly PlacedIncident[] {
  if (!reference || reference.geometry.coordinates.join() === DARAA_AL_BALAD.geometry.coordinates.join()) return placed;
  return placed.map((p) => ({ ...p, distance: distanceFrom(p.feature.geometry, reference) }));
}
