// Offline geocoder for Syria: place text → ranked GeoJSON candidates with score and geo_precision.
// Pure module: Node's fs for the gazetteer files, no React, Leaflet or Next.
export type { PlaceKind, Gazetteer, GazetteerEntry } from "./gazetteer";
export type { Candidate, CandidateProperties, GeocodeOptions, GeocodeResult, GeocodeFeatureCollection, Geocoder } from "./geocode";
export { geocode, toFeatureCollection, createGeocoder, defaultGeocoder, cleanQuery } from "./geocode";
export { loadGazetteer, defaultDataDir } from "./gazetteer";
export { normalise } from "./normalise";
export { GeocodeInputError, GazetteerError } from "./errors";
export { MAX_QUERY_LENGTH, MIN_SCORE, MAX_LIMIT } from "./config";
export { geocodePlace, cleanPlaceQuery } from "./place";
export { MAX_BATCH_QUERIES, MAX_BATCH_BYTES, MAX_DIVISION_POINTS, MAX_DIVISION_BYTES } from "./config";
