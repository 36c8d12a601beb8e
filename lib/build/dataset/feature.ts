// One table row and its resolved place → an IncidentFeature, with ACLED's property names first and
// the dataset's own additions (phase, fatalities_side, the place's provenance) after them.
import { distanceFrom } from "../../incident/distance";
import type { IncidentFeature, IncidentProperties } from "../../incident/model";
import { ARTICLE_SOURCE } from "./article";
import { roundGeometry } from "./geometry";
import type { ResolvedPlace } from "./place";
import type { IncidentRow } from "./table";

export function toFeature(row: IncidentRow, place: ResolvedPlace): IncidentFeature {
  const geometry = roundGeometry(place.geometry);
  const distance = distanceFrom(geometry);
  // Optional members are left out, not set to undefined or null, so the JSON shows only what is known.
  const properties: IncidentProperties = {
    event_id: row.event_id,
    event_date: row.event_date,
    ...(row.event_date_end !== undefined && { event_date_end: row.event_date_end }),
    time_precision: row.time_precision,
    event_type: row.event_type,
    sub_event_type: row.sub_event_type,
    actor1: row.actor1,
    ...(row.assoc_actor_1 !== undefined && { assoc_actor_1: row.assoc_actor_1 }),
    ...(row.actor2 !== undefined && { actor2: row.actor2 }),
    ...(row.civilian_targeting !== undefined && { civilian_targeting: row.civilian_targeting }),
    fatalities: row.fatalities,
    ...(row.fatalities_side !== undefined && { fatalities_side: row.fatalities_side }),
    ...(row.wounded !== undefined && { wounded: row.wounded }),
    ...(row.captured !== undefined && { captured: row.captured }),
    location: row.location,
    admin1: row.admin1,
    geo_precision: place.geo_precision,
    notes: row.notes,
    source: ARTICLE_SOURCE,
    source_quote: row.source_quote,
    distance_km: distance.km,
    distance_to: distance.to,
    phase: row.phase,
    place_id: place.place_id,
    place_name: place.place_name,
    geo_source: place.geo_source,
    ...(place.geo_estimate !== undefined && { geo_estimate: place.geo_estimate }),
  };
  return { type: "Feature", geometry, properties };
}
