// Geocoder answers for tests that stand in for lib/geocode: the same types, filled with plain defaults.
import { geocodePlace, type Candidate, type CandidateProperties, type GeocodeResult } from "@/lib/geocode";
import { defaultWorld } from "@/lib/geocode/world";
import { placeQueryKey, type GeocodeBatch } from "@/lib/import";

/** Loads the world gazetteer now, so that the first case to need it does not spend its timeout on loading
 *  (seconds on a busy machine): `beforeAll(preloadWorld, WORLD_LOAD_TIMEOUT)`. */
export const preloadWorld = (): void => void defaultWorld().places();
export const WORLD_LOAD_TIMEOUT = 120_000;

/** The project's own offline geocoder behind the importer's callback, as the worker uses it via POST /api/geocode. */
export const offlineGeocoder: GeocodeBatch = async (queries) => new Map(queries.map((q) => [placeQueryKey(q), geocodePlace(q)]));

/** A candidate at `coordinates` (a point) or with `geometry`, with its properties defaulted from the name. */
export function candidate(name: string, where: [number, number] | Candidate["geometry"], properties: Partial<CandidateProperties> = {}): Candidate {
  const geometry = Array.isArray(where) ? { type: "Point" as const, coordinates: where } : where;
  return {
    type: "Feature",
    geometry,
    properties: { id: `test:${name}`, name, name_ar: "", kind: "town", score: 1, geo_precision: 1, source: `test:${name}`, ...properties },
  };
}

/** The geocoder's answer: `best` is the first candidate of a resolved or ambiguous answer, as lib/geocode gives it. */
export function answer(query: string, status: GeocodeResult["status"], candidates: Candidate[] = []): GeocodeResult {
  return { query, status, best: status === "unresolved" ? null : (candidates[0] ?? null), candidates };
}
