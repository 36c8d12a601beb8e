// The incident model, typed once. Coordinates are GeoJSON `[lng, lat]` everywhere in the project except
// in the one function in components/ that hands them to Leaflet.
import type { Feature, FeatureCollection, LineString, MultiPolygon, Point, Polygon, Position } from "geojson";

export type { Position };

/** ACLED's geo_precision: 1 = the named place itself, 2 = near it / part of it, 3 = only a region. */
export type GeoPrecision = 1 | 2 | 3;

/** ACLED's time_precision: 1 = the day is known, 2 = a range of days or the week, 3 = the month or less. */
export type TimePrecision = 1 | 2 | 3;

/** ACLED's six event types. */
export const EVENT_TYPES = [
  "Battles",
  "Explosions/Remote violence",
  "Violence against civilians",
  "Protests",
  "Riots",
  "Strategic developments",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export function isEventType(value: unknown): value is EventType {
  return typeof value === "string" && (EVENT_TYPES as readonly string[]).includes(value);
}

export interface IncidentProperties {
  /** Unique within a dataset, e.g. `DAR-2021-001`. */
  event_id: string;
  /** ISO calendar date `YYYY-MM-DD` (a day, never a time); null where the source gives no date. */
  event_date: string | null;
  /** Last day of a date range, ISO; absent for single days. */
  event_date_end?: string;
  time_precision: TimePrecision;
  event_type: EventType;
  sub_event_type: string;
  actor1: string;
  actor2?: string;
  civilian_targeting?: boolean;
  /** Conservative count; 0 when none reported. */
  fatalities: number;
  wounded?: number;
  captured?: number;
  /** The place as the source writes it. */
  location: string;
  admin1: string;
  geo_precision: GeoPrecision;
  /** The dataset's own words. */
  notes: string;
  source: string;
  /** The exact sentence of the source the event comes from. */
  source_quote: string;
  /** Distance to the reference point (Daraa al-Balad), kilometres, one decimal; to the nearest point for lines and areas. */
  distance_km?: number;
  [key: string]: unknown;
}

export type IncidentGeometry = Point | LineString | Polygon | MultiPolygon;
export type IncidentFeature = Feature<IncidentGeometry, IncidentProperties>;
export type IncidentCollection = FeatureCollection<IncidentGeometry, IncidentProperties>;
