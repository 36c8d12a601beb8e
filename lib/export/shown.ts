// What an export of the incidents shown holds: their features (with distances from the reference point in
// force), as toExportCollection writes them, with a `filters` member saying what made them (the filter, the view, the layers, the reference point).
// GET /api/incidents writes the same collection from the store's text (lib/server/incident-query.ts), so it
// cannot call shownCollection itself; it shares the head (collectionHead) and the shaping of `filters`:
// exportFilters({ filter }) is exactly the describeFilter(filter) the route records.
import type { BBox } from "../geo/bbox";
import type { Distance } from "../incident/distance";
import type { IncidentFilter } from "../incident/filter";
import { describeFilter } from "./describe-filter";
import type { IncidentFeature } from "../incident/model";
import type { ReferencePoint } from "../incident/reference";
import { roundCoordinate } from "../geo/round";
import { toExportCollection, type ExportCollection } from "./geojson";

/** What the export records beside the incidents. Only `name` and `filter` are needed (the API has no view). */
export interface ExportContext {
  /** The collection's top-level `name`. */
  name: string;
  /** The filter in force; a `bbox` in it is recorded as it is (the API's query). */
  filter: IncidentFilter;
  /** The map's view [west, south, east, north] the page shows; null before the map has reported one. */
  bbox?: BBox | null;
  /** The ids of the layers switched on, in the page's order. */
  layers?: readonly string[];
  /** The point distances are measured from, when not the default. */
  reference?: ReferencePoint;
}

/** An incident as shown: its feature and its distance from the reference point in force. */
export interface ShownIncident {
  feature: IncidentFeature;
  distance: Distance;
}

/** The `filters` member: the filter's constraints, then the view's bbox (6 decimals), layers and reference. */
export function exportFilters(context: Omit<ExportContext, "name">): Record<string, unknown> {
  const { filter, bbox, layers, reference } = context;
  return {
    ...describeFilter(filter),
    ...(bbox !== undefined ? { bbox: bbox ? bbox.map(roundCoordinate) : null } : {}),
    ...(layers ? { layers: [...layers] } : {}),
    ...(reference ? { reference: [reference[0], reference[1]] } : {}),
  };
}

/** The features as exported: with another reference point each carries its distance, `distance_ref_km`. */
export function shownFeatures(shown: readonly ShownIncident[], reference: ReferencePoint = null): IncidentFeature[] {
  if (!reference) return shown.map((p) => p.feature);
  return shown.map((p) => ({ ...p.feature, properties: { ...p.feature.properties, distance_ref_km: p.distance.km } }));
}

/** The exported FeatureCollection of the incidents shown. Throws GeoJSONValidationError (toExportCollection). */
export function shownCollection(shown: readonly ShownIncident[], context: ExportContext): ExportCollection {
  return toExportCollection(shownFeatures(shown, context.reference ?? null), { name: context.name, filters: exportFilters(context) });
}
