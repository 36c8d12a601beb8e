// The GeoJSON that leaves the app: the export button (through lib/export/shown.ts) and GET /api/incidents
// (byte for byte, lib/server/incident-index.ts) both write toExportCollection's collection.
// RFC 7946: lon/lat WGS 84, no `crs`, a `bbox`, outer rings counter-clockwise; six decimals (lib/geo/round.ts)
// because more would claim a precision no report has.
import { rewind } from "@turf/turf";
import type { IncidentCollection, IncidentFeature, IncidentGeometry } from "../incident/model";
import { geometryBbox, unionBbox, type BBox } from "../geo/bbox";
import { roundCoordinate, roundCoordinates } from "../geo/round";
import { assertIncidentCollection } from "../incident/validate";

export const GEOJSON_MEDIA_TYPE = "application/geo+json";

export interface ExportOptions {
  /** The collection's top-level `name`, e.g. DATASET_NAME (lib/incident/dataset-name.ts). */
  name: string;
  /** The filters the export was made with, recorded as a foreign member so the file says what it holds. */
  filters?: Record<string, unknown>;
}

export type ExportCollection = IncidentCollection & { name: string; bbox?: BBox; filters?: Record<string, unknown> };

// Re-exported for lib/server/incident-index.ts, which writes the same bbox without building the collection.
export { roundCoordinate };

function exportGeometry(geometry: IncidentGeometry): IncidentGeometry {
  const wound = (geometry.type === "Polygon" || geometry.type === "MultiPolygon" ? rewind(geometry) : geometry) as IncidentGeometry;
  return { ...wound, coordinates: roundCoordinates(wound.coordinates) } as IncidentGeometry;
}

/** One feature as it leaves: polygons rewound, coordinates rounded, `id` and every property kept. */
export function exportedFeature(f: IncidentFeature): IncidentFeature {
  return {
    type: "Feature",
    ...(f.id !== undefined ? { id: f.id } : {}),
    geometry: exportGeometry(f.geometry),
    properties: { ...f.properties },
  };
}

/** A validated RFC 7946 FeatureCollection of `features`; inputs are not mutated. Throws GeoJSONValidationError. */
export function toExportCollection(features: readonly IncidentFeature[], options: ExportOptions): ExportCollection {
  const out = features.map(exportedFeature);
  const box = unionBbox(out.map((f) => geometryBbox(f.geometry)));
  const collection: ExportCollection = {
    type: "FeatureCollection",
    name: options.name,
    ...(box ? { bbox: box.map(roundCoordinate) as BBox } : {}),
    ...(options.filters ? { filters: options.filters } : {}),
    features: out,
  };
  assertIncidentCollection(collection);
  return collection;
}
