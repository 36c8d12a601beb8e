// A place query with its row's context → one answer: Syria's curated gazetteer and Arabic search first, then
// the world gazetteer, narrowed by the row's country and divisions.
import { splitPlaceText, type PlaceQuery } from "./query";
import { AMBIGUITY_KM, MAX_QUERY_LENGTH, SYRIA_FIRST_SCORE } from "./config";
import { GeocodeInputError } from "./errors";
import { checkOptions, cleanQuery, defaultGeocoder, queryProblem, type Candidate, type GeocodeOptions, type GeocodeResult, type Geocoder } from "./geocode";
import { distanceKm, representativePoint } from "./geometry";
import { countryGiven } from "./world/countries";
import { foldDivision } from "./world/fold";
import { defaultWorld, resolveWorld, type World } from "./world";

const CONTEXT_FIELDS = ["country", "admin1", "admin2"] as const;
const ARABIC = /[\u0600-\u06FF]/;

/** The query as the geocoder reads it: text and context cleaned, blank context left out. Throws GeocodeInputError. */
export function cleanPlaceQuery(query: PlaceQuery, field = "query"): PlaceQuery {
  if (typeof query !== "object" || query === null) throw new GeocodeInputError(field, query, "must be an object with a text");
  if (typeof query.text !== "string") throw new GeocodeInputError(`${field}.text`, query.text, "must be a string");
  const out: PlaceQuery = { text: cleanQuery(query.text) };
  for (const context of CONTEXT_FIELDS) {
    const value = query[context];
    if (value === undefined || value === null) continue;
    if (typeof value !== "string") throw new GeocodeInputError(`${field}.${context}`, value, "must be a string");
    if (value.length > MAX_QUERY_LENGTH) throw new GeocodeInputError(`${field}.${context}`, value, `must be at most ${MAX_QUERY_LENGTH} characters`);
    const cleaned = cleanQuery(value);
    if (cleaned) out[context] = cleaned;
  }
  return out;
}

/** Syria's namesakes told apart by the row's admin1 (a governorate), when that leaves one place. */
function narrowSyrian(result: GeocodeResult, admin1: string | undefined): GeocodeResult {
  if (result.status !== "ambiguous" || !admin1) return result;
  const key = foldDivision(admin1);
  const inside = result.candidates.filter((c) => c.properties.admin1 && foldDivision(c.properties.admin1) === key);
  const first = inside[0];
  if (!first || inside.some((c) => distanceKm(representativePoint(c.geometry), representativePoint(first.geometry)) > AMBIGUITY_KM)) return result;
  return { ...result, status: "resolved", best: first, candidates: inside, message: `"${result.query}" told apart by admin1 "${admin1}"` };
}

const strong = (r: GeocodeResult): r is GeocodeResult & { best: Candidate } => r.status !== "unresolved" && r.best !== null && r.best.properties.score >= SYRIA_FIRST_SCORE;

/** Geocodes one query: Syria first (unless the row names another country), then the world. */
export function geocodePlace(query: PlaceQuery, options?: GeocodeOptions, sources: { syria?: Geocoder; world?: World } = {}): GeocodeResult {
  const { limit } = checkOptions(options);
  const q = cleanPlaceQuery(query);
  const problem = queryProblem(q.text);
  if (problem) return { query: q.text.slice(0, MAX_QUERY_LENGTH), status: "unresolved", best: null, candidates: [], message: problem };
  const world = sources.world ?? defaultWorld();
  const iso = q.country ? countryGiven(world.countries, q.country)?.iso2 : undefined;

  let syria: GeocodeResult | undefined;
  if (!iso || iso === "SY") {
    syria = narrowSyrian((sources.syria ?? defaultGeocoder()).geocode(q.text, options), q.admin1);
    if (strong(syria) || ARABIC.test(q.text)) return syria;
  }
  const found = resolveWorld(world, q, limit);
  if (found.status === "unresolved") {
    // The whole text first ("Washington, D.C."), then its parts read as a place in its divisions.
    const split = splitPlaceText(q);
    if (split && split.text !== q.text) {
      const parts = geocodePlace(split, options, sources);
      if (parts.status !== "unresolved") return { ...parts, query: q.text };
    }
  }
  if (found.status !== "unresolved" || !syria || syria.status === "unresolved") return found;
  return syria;
}
