// The context overlays beside the incidents: checkpoints and the siege of Daraa al-Balad.
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from "geojson";
import type { GeoPrecision } from "./incident";

export interface CheckpointChange {
  date: string | null;
  held_by: string;
  what: string;
  source_quote?: string;
}

export interface CheckpointProperties {
  id: string;
  name: string;
  /** A single position, or an area standing for `count` positions the source does not place. */
  kind: "checkpoint" | "checkpoint-area";
  count: number;
  held_by: string;
  changes: CheckpointChange[];
  /** "unknown" features have no geometry: they are listed, never drawn. */
  position: "sourced" | "estimate" | "unknown";
  geo_precision: GeoPrecision;
  notes?: string;
  source_quote?: string;
  [key: string]: unknown;
}

/** Geometry is null where no source gives a position (valid GeoJSON). */
export type CheckpointFeature = Feature<Point | Polygon | MultiPolygon | null, CheckpointProperties>;
export type CheckpointCollection = FeatureCollection<Point | Polygon | MultiPolygon | null, CheckpointProperties>;

export interface SiegeProperties {
  id: string;
  name: string;
  valid_from: string | null;
  valid_to: string | null;
  families?: number;
  neighbourhoods?: string[];
  geo_precision: GeoPrecision;
  precision_note?: string;
  [key: string]: unknown;
}

export type SiegeFeature = Feature<Polygon | MultiPolygon, SiegeProperties>;
export type SiegeCollection = FeatureCollection<Polygon | MultiPolygon, SiegeProperties>;
