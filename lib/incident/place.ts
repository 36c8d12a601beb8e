// Everything the map needs per incident that is derived from its geometry, computed once per dataset
// (never in render; the server keeps its result, lib/server/dataset-columns.ts): where its marker stands, its unique accessible name and its distance from Daraa
// al-Balad. (Stacks of co-located incidents depend on the view, so the map works them out as it draws.)
import type { Feature, Point } from "geojson";
import type { IncidentFeature } from "./model";
import { markerAnchor } from "./anchor";
import { uniqueLabels } from "./describe";
import { distanceFrom } from "./distance";
import { keepsPlacedDistances, type PlacedIncident } from "./placed";

export type { PlacedIncident } from "./placed";

export function placeIncidents(features: readonly IncidentFeature[]): PlacedIncident[] {
  const labels = uniqueLabels(features.map((f) => f.properties));
  return features.map((feature, i) => {
    const { anchor, distance } = placeUnlabelled(feature);
    return { feature, anchor, label: labels[i], distance };
  });
}

/** One incident placed but for its label, which is unique only among all of them (describe.ts's numberedRepeats). */
export function placeUnlabelled(feature: IncidentFeature): Omit<PlacedIncident, "label"> {
  return { feature, anchor: markerAnchor(feature.geometry), distance: distanceFrom(feature.geometry) };
}

/**
 * The incidents with their distances measured from `reference` (Turf, once per incident); a reference that
 * keeps placing's distances (./placed.ts) returns `placed` itself.
 */
export function measuredFrom(placed: readonly PlacedIncident[], reference: Feature<Point> | null): readonly PlacedIncident[] {
  if (!reference || keepsPlacedDistances(reference)) return placed;
  return placed.map((p) => ({ ...p, distance: distanceFrom(p.feature.geometry, reference) }));
}
