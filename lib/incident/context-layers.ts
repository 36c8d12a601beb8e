// The context overlays beside the incidents: checkpoints and the siege of Daraa al-Balad.
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from "geojson";
import type { GeoPrecision } from "./model";

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

/**
 * Who held a checkpoint at the end of `day`: its `held_by`, then every dated change up to and including
 * that day, in date order. Without a day (no date filter) the last known holder. Undated changes count
 * only then, since their day is unknown.
 */
export function heldOn(p: CheckpointProperties, day: string | null): string {
  const dated = p.changes.filter((c) => c.date !== null).sort((a, b) => (a.date! < b.date! ? -1 : a.date! > b.date! ? 1 : 0));
  if (day === null) return p.changes.length ? (dated.at(-1) ?? p.changes.at(-1)!).held_by : p.held_by;
  let holder = p.held_by;
  for (const c of dated) if (c.date! <= day) holder = c.held_by;
  return holder;
}

/** Whether the siege lasted into the range [from, to] (either end open). Undated bounds are open. */
export function siegeDuring(p: SiegeProperties, from: string | undefined, to: string | undefined): boolean {
  if (to !== undefined && p.valid_from !== null && p.valid_from > to) return false;
  if (from !== undefined && p.valid_to !== null && p.valid_to < from) return false;
  return true;
}
