// One valid incident for tests: every required property filled with a plain default, any of them overridden.
import type { Position } from "geojson";
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
