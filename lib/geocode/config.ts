// Every tunable of the geocoder, declared once. Callers override per call through `geocode(text, options)`.

// @option MIN_SCORE: number in 0..1, default 0.75. Below this similarity a candidate is dropped and the
// answer is "unresolved": one edit in a 4-letter name (0.75) still passes, a wrong name does not.
export const MIN_SCORE = 0.75;

// @option STRONG_SCORE: number in 0..1, default 0.85. A runner-up at least this similar counts as a real
// rival when deciding whether the answer is ambiguous.
export const STRONG_SCORE = 0.85;

// @option AMBIGUITY_MARGIN: number, default 0.04. A rival whose ranking key is within this of the best's
// makes the answer "ambiguous". The region prior (0.05) exceeds it, so a Daraa place beats an exact
// namesake elsewhere; two namesakes outside the prior region stay ambiguous.
export const AMBIGUITY_MARGIN = 0.04;

// @option AMBIGUITY_KM: number, kilometres, default 20. Rivals closer than this are the same place spelled
// twice (a town and its old quarter), not an ambiguity.
export const AMBIGUITY_KM = 20;

// @option REGION_PRIOR: Record<admin1 code, bonus>, default Daraa (06) +0.05, its neighbours Quneitra (03),
// Suwayda (05), Rif Dimashq (08) and Damascus (13) +0.02. Added to the similarity for ranking only; the
// reported `score` stays the similarity.
export const REGION_PRIOR: Readonly<Record<string, number>> = { "06": 0.05, "03": 0.02, "05": 0.02, "08": 0.02, "13": 0.02 };

// @option DEFAULT_LIMIT: integer, default 5. Candidates returned per query, best first.
export const DEFAULT_LIMIT = 5;

// @option MAX_LIMIT: integer, default 50. Upper bound accepted for `limit`.
export const MAX_LIMIT = 50;

// @option MAX_QUERY_LENGTH: integer, characters, default 200. Longer input is refused as unresolved (the
// API answers 400): no place phrase in the sources comes near it, and it bounds the work per query.
export const MAX_QUERY_LENGTH = 200;

// @option SHORTLIST: integer, default 40. Forms scored in full per query after the n-gram prefilter.
export const SHORTLIST = 40;

// @option BBOX_PAD_DEG: number, degrees, default 0.08 (~9 km). Padding around region boxes derived from places.
export const BBOX_PAD_DEG = 0.08;

// @option DATA_DIR: string, default "<cwd>/geodata/gazetteer". Where the gazetteer files live; override
// with the GEOCODE_DATA_DIR environment variable.
export const DATA_DIR_ENV = "GEOCODE_DATA_DIR";

// @option SYRIA_FIRST_SCORE: number in 0..1, default 0.95. A Syrian answer at least this similar is taken
// before the world is consulted; a weaker (fuzzy) Syrian answer yields to an exact namesake elsewhere, and
// stands when the world knows no such name.
export const SYRIA_FIRST_SCORE = 0.95;

// @option DOMINANT_RATIO: number, default 20, and DOMINANT_MIN_POPULATION: integer, default 100000. Among
// namesakes far apart (Paris, France and Paris, Texas), a place this large and this many times larger than
// every other is the one meant; anything closer stays ambiguous, for the row's context to decide.
export const DOMINANT_RATIO = 20;
export const DOMINANT_MIN_POPULATION = 100_000;

// @option MAX_BATCH_QUERIES: integer, default 500. Queries accepted in one POST /api/geocode (more: 413).
export const MAX_BATCH_QUERIES = 500;

// @option MAX_BATCH_BYTES: integer, bytes, default 1 MiB. Largest POST /api/geocode body (more: 413):
// 500 queries of four 200-character fields, JSON-escaped, fit.
export const MAX_BATCH_BYTES = 1024 * 1024;

// @option MAX_DIVISION_POINTS: integer, default 2000, and MAX_DIVISION_BYTES: integer, bytes, default 128 KiB.
// Points accepted in one POST /api/geocode/divisions, and its largest body (more: 413): 2000 points written
// with JavaScript's longest numbers fit.
export const MAX_DIVISION_POINTS = 2000;
export const MAX_DIVISION_BYTES = 128 * 1024;
