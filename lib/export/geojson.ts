// The GeoJSON that leaves the app: the export button (through lib/export/shown.ts and geojson-parts.ts) and
// GET /api/incidents (byte for byte, from the store's text: lib/server/incident-query.ts) both write
// toExportCollection's collection, opened by the one head below.
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

/**
 * The collection's members before its features, in their order: type, name, bbox (the features' box,
 * rounded; none when there are no features), filters.
 */
export function collectionHead(options: ExportOptions, box: BBox | null): Omit<ExportCollection, "features"> {
  return {
    type: "FeatureCollection",
    name: options.name,
    ...(box ? { bbox: box.map(roundCoordinate) as BBox } : {}),
    ...(options.filters ? { filters: options.filters } : {}),
  };
}

/** collectionHead as the text that opens the collection, up to and with its features' `[`, for writers of text. */
export const collectionHeadText = (options: ExportOptions, box: BBox | null): string =>
  `${JSON.stringify(collectionHead(options, box)).slice(0, -1)},"features":[`;

/** A validated RFC 7946 FeatureCollection of `features`; inputs are not mutated. Throws GeoJSONValidationError. */
export function toExportCollection(features: readonly IncidentFeature[], options: ExportOptions): ExportCollection {
  const out = features.map(exportedFeature);
  const box = unionBbox(out.map((f) => geometryBbox(f.geometry)));
  const collection: ExportCollection = { ...collectionHead(options, box), features: out };
  assertIncidentCollection(collection);
  return collection;
}
