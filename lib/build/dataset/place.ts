// From a row's place text to a geometry, through the project's geocoder. The geocoder is passed in
// (not imported) so this stays pure and testable, and so the table can be checked before the
// gazetteer exists. Its answer is used as given: no coordinate is made up here.
import type { GeocodeResult } from "../../geocode/geocode";
import type { GeoPrecision, IncidentGeometry } from "../../incident/model";
import { TableError } from "./csv";
import type { IncidentRow } from "./table";

/** The geocoder's answer: lib/geocode declares it (GeocodeResult); the build reads status, best and candidates. */
export type GeocodeAnswer = GeocodeResult;

/** `geocode(text)` from lib/geocode, or any function keeping its contract (sync or async). */
export type Geocoder = (text: string) => GeocodeAnswer | Promise<GeocodeAnswer>;

/** Where an incident is drawn, and on what authority. */
export interface ResolvedPlace {
  geometry: IncidentGeometry;
  geo_precision: GeoPrecision;
  /** The gazetteer entry's id, or `override` for a row's last-resort position. */
  place_id: string;
  place_name: string;
  /** Where the position comes from (the gazetteer entry's source, or the row's override_source). */
  geo_source: string;
  /** The geocoder's reason when its position is an estimate (e.g. a road drawn straight between two towns). */
  geo_estimate?: string;
}

/**
 * Resolves one row's place. A row's geo_precision may coarsen the geocoder's (say, 1 → 2 when the
 * place comes from context) but never refine it: the table cannot claim precision the gazetteer lacks.
 * Ambiguous and unresolved answers fail the build, naming the row; an override is the last resort.
 */
export async function resolvePlace(row: IncidentRow, geocode: Geocoder): Promise<ResolvedPlace> {
  if (row.override) {
    const { lng, lat, source } = row.override;
    return {
      geometry: { type: "Point", coordinates: [lng, lat] },
      // An override is a single sourced point; the row must say how precise it is.
      geo_precision: row.geo_precision ?? 1,
      place_id: "override",
      place_name: row.location,
      geo_source: source,
    };
  }
  let answer: GeocodeAnswer;
  try {
    answer = await geocode(row.place_query);
  } catch (err) {
    throw new TableError(row.row, "place_query", row.place_query, `the geocoder failed: ${(err as Error).message}`);
  }
  const column = row.place_query === row.location ? "location" : "place_query";
  if (answer.status !== "resolved" || !answer.best) {
    const names = answer.candidates.slice(0, 3).map((c) => `${c.properties.name} (${c.properties.id})`).join(", ");
    throw new TableError(
      row.row,
      column,
      row.place_query,
      `the geocoder answered "${answer.status}"${names ? `; candidates: ${names}` : ""}. Reword place_query, or as a last resort give override_lng, override_lat and override_source`,
    );
  }
  const best = answer.best;
  const gp = best.properties.geo_precision;
  if (row.geo_precision !== undefined && row.geo_precision < gp) {
    throw new TableError(row.row, "geo_precision", String(row.geo_precision), `is finer than the geocoder's ${gp} for "${best.properties.name}"; a row may only coarsen it`);
  }
  return {
    geometry: best.geometry,
    geo_precision: (row.geo_precision ?? gp) as GeoPrecision,
    place_id: best.properties.id,
    place_name: best.properties.name,
    geo_source: best.properties.source,
    ...(best.properties.estimate ? { geo_estimate: best.properties.estimate } : {}),
  };
}
