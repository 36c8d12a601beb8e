// One valid incident for tests: every required property filled with a plain default, any of them overridden.
import type { Position } from "geojson";
import type { IncidentFilter } from "@/lib/incident/filter";
import type { IncidentFeature, IncidentGeometry, IncidentProperties } from "@/lib/incident/model";

/** Valid incident properties (a battle in Daraa al-Balad on 1 August 2021), with `overrides` on top. */
export function incidentProperties(overrides: Partial<IncidentProperties> & Record<string, unknown> = {}): IncidentProperties {
  return {
    event_id: "T-1",
    event_date: "2021-08-01",
    time_precision: 1,
    event_type: "Battles",
    sub_event_type: "Armed clash",
    actor1: "Military Forces of Syria (2000-)",
    fatalities: 0,
    location: "Daraa al-Balad",
    admin1: "Daraa",
    geo_precision: 1,
    notes: "",
    source: "test",
    source_quote: "",
    ...overrides,
  };
}

/** A valid incident feature at `where` (a position, or any incident geometry; default Daraa al-Balad). */
export function incident(overrides: Partial<IncidentProperties> & Record<string, unknown> = {}, where: Position | IncidentGeometry = [36.100833, 32.612222]): IncidentFeature {
  const geometry: IncidentGeometry = Array.isArray(where) ? { type: "Point", coordinates: where } : where;
  return { type: "Feature", geometry, properties: incidentProperties(overrides) };
}

/** Every kind of geometry and date the store keeps: points (one with a height), a road, a holed and a
 *  multi-part area, undated and dated-range incidents, and a grid of points a day apart. */
export const mixedGeometries = (): IncidentFeature[] => [
  incident({ event_id: "corner" }, [36.1, 32.6]),
  incident({ event_id: "height" }, [36.15, 32.65, 480]),
  incident({ event_id: "undated", event_date: null }, [36.12, 32.61]),
  incident({ event_id: "range", event_date: "2021-07-25", event_date_end: "2021-08-02", event_type: "Protests" }, [36.25, 32.6]),
  incident({ event_id: "road" }, { type: "LineString", coordinates: [[35.9, 32.4], [36.05, 32.55, 3], [36.3, 32.9]] }),
  incident({ event_id: "holed", event_date: "2021-08-03" }, {
    type: "Polygon",
    coordinates: [[[36, 32], [36, 33], [37, 33], [37, 32], [36, 32]], [[36.2, 32.2], [36.4, 32.4], [36.2, 32.4], [36.2, 32.2]]],
  }),
  incident({ event_id: "multi", event_type: "Riots" }, {
    type: "MultiPolygon",
    coordinates: [[[[36.5, 32.5], [36.6, 32.5], [36.6, 32.6], [36.5, 32.5]]], [[[-10, -10], [-9, -10], [-9, -9], [-10, -10]]]],
  }),
  ...Array.from({ length: 40 }, (_, i) => incident({ event_id: `grid-${i}`, event_date: `2021-08-${String(1 + (i % 28)).padStart(2, "0")}` }, [36 + (i % 8) / 20, 32.4 + Math.floor(i / 8) / 20])),
];

/** Filters over mixedGeometries(): none, boxes (one a single point, one around the far part), days, types. */
export const MIXED_FILTERS: IncidentFilter[] = [
  {},
  { bbox: [36, 32.5, 36.2, 32.7] },
  { bbox: [36.1, 32.6, 36.1, 32.6] },
  { bbox: [36.2, 32.55, 36.3, 32.65], from: "2021-08-01", to: "2021-08-03" },
  { from: "2021-07-28", to: "2021-07-28", includeUndated: true },
  { bbox: [-180, -90, 180, 90], types: ["Riots", "Protests"] },
  { bbox: [-9.5, -9.5, -9.4, -9.4] },
];
