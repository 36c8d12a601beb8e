// The geocode() entry point: cleans the text, parses the phrase, resolves names through the fuzzy index and
// assembles GeoJSON candidates with an honest score and geo_precision.
import type { Feature, FeatureCollection, LineString, MultiPolygon, Point, Polygon, Position } from "geojson";
import { AMBIGUITY_KM, AMBIGUITY_MARGIN, DEFAULT_LIMIT, MAX_LIMIT, MAX_QUERY_LENGTH, MIN_SCORE, REGION_PRIOR, STRONG_SCORE } from "./config";
import { GeocodeInputError } from "./errors";
import { buildIndex, search, type FuzzyIndex } from "./fuzzy";
import { loadGazetteer, type Gazetteer, type GazetteerEntry, type PlaceKind } from "./gazetteer";
import { bboxContains, geometryBbox } from "../geo/bbox";
import { distanceKm, midpoint, representativePoint } from "./geometry";
import { normalise } from "./normalise";
import { countrysideName, parsePhrase, stripQualifiers, type Plan } from "./phrases";

export interface CandidateProperties {
  id: string;
  name: string;
  name_ar: string;
  kind: PlaceKind;
  /** Similarity of the matched spelling, 0..1 (the region prior only orders candidates). */
  score: number;
  geo_precision: 1 | 2 | 3;
  /** "geonames:12345" or the URL of the cited page. */
  source: string;
  admin1?: string;
  /** ISO 3166-1 alpha-2 code of the place's country (world gazetteer answers). */
  country?: string;
  /** Why the position is an estimate, when no source gives it. */
  estimate?: string;
  /** The gazetteer spelling the query matched. */
  matched?: string;
}
export type Candidate = Feature<Point | LineString | Polygon | MultiPolygon, CandidateProperties>;
export interface GeocodeResult {
  query: string;
  status: "resolved" | "ambiguous" | "unresolved";
  best: Candidate | null;
  candidates: Candidate[];
  message?: string;
}
export interface GeocodeOptions {
  /** Candidates returned, 1..MAX_LIMIT (default DEFAULT_LIMIT). */
  limit?: number;
  /** Similarity below which nothing is returned, 0..1 (default MIN_SCORE). */
  minScore?: number;
}

type Precision = 1 | 2 | 3;

interface Ranked {
  entry: GazetteerEntry;
  score: number;
  rank: number;
  matched: string;
}

interface NameResolution {
  status: GeocodeResult["status"];
  ranked: Ranked[];
  message?: string;
}

interface Ctx {
  index: FuzzyIndex;
  gazetteer: Gazetteer;
  minScore: number;
  limit: number;
}

/** A geocoder bound to one gazetteer: build once, query many times. */
export interface Geocoder {
  gazetteer: Gazetteer;
  geocode(text: string, options?: GeocodeOptions): GeocodeResult;
}

export function createGeocoder(gazetteer: Gazetteer): Geocoder {
  const index = buildIndex(gazetteer);
  return { gazetteer, geocode: (text, options) => geocodeWith(index, text, options) };
}

let shared: Geocoder | undefined;
/** The process-wide geocoder over the default gazetteer files, built on first use. */
export function defaultGeocoder(): Geocoder {
  shared ??= createGeocoder(loadGazetteer());
  return shared;
}

/** Geocodes place text against the default gazetteer. See GeocodeResult for the answer's shape. */
export function geocode(text: string, options?: GeocodeOptions): GeocodeResult {
  return defaultGeocoder().geocode(text, options);
}

// ---------------------------------------------------------------------------------------------------------
// Input

export function checkOptions(options: GeocodeOptions | undefined): { limit: number; minScore: number } {
  const limit = options?.limit ?? DEFAULT_LIMIT;
  const minScore = options?.minScore ?? MIN_SCORE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new GeocodeInputError("options.limit", limit, `must be an integer from 1 to ${MAX_LIMIT}`);
  if (typeof minScore !== "number" || !(minScore >= 0 && minScore <= 1)) throw new GeocodeInputError("options.minScore", minScore, "must be a number from 0 to 1");
  return { limit, minScore };
}

/** Control characters become spaces, whitespace collapses; typographic quotes stay (they are ayn marks). */
export function cleanQuery(text: string): string {
  return text.replace(/[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u2028\u2029\uFEFF]/g, " ").replace(/\s+/g, " ").trim();
}

/** Why cleaned text is no place name to look up (empty, too long, markup, no letters), or undefined. */
export function queryProblem(cleaned: string): string | undefined {
  if (cleaned === "") return "empty query";
  if (cleaned.length > MAX_QUERY_LENGTH) return `query longer than ${MAX_QUERY_LENGTH} characters`;
  if (/[<>{}\\]|&[a-z#0-9]+;/i.test(cleaned)) return "query contains markup or code characters, not a place name";
  if (!/\p{L}/u.test(cleaned)) return "query contains no letters";
  return undefined;
}

function unresolved(query: string, message: string): GeocodeResult {
  return { query, status: "unresolved", best: null, candidates: [], message };
}

function geocodeWith(index: FuzzyIndex, text: string, options?: GeocodeOptions): GeocodeResult {
  if (typeof text !== "string") throw new GeocodeInputError("text", text, "must be a string");
  const { limit, minScore } = checkOptions(options);
  const cleaned = cleanQuery(text);
  // The echo is bounded: a 10 kB query comes back as its first MAX_QUERY_LENGTH characters.
  const query = cleaned.slice(0, MAX_QUERY_LENGTH);
  const problem = queryProblem(cleaned);
  if (problem) return unresolved(query, problem);
  const ctx: Ctx = { index, gazetteer: index.gazetteer, minScore, limit };
  const result = resolvePlan(ctx, parsePhrase(cleaned), 0);
  return { query, ...result, candidates: result.candidates.slice(0, limit) };
}

// ---------------------------------------------------------------------------------------------------------
// Names

function prior(entry: GazetteerEntry): number {
  return REGION_PRIOR[entry.admin1] ?? 0;
}

function lookup(ctx: Ctx, text: string): Map<string, Ranked> {
  const out = new Map<string, Ranked>();
  for (const t of [text, stripQualifiers(text)]) {
    if (!t) continue;
    for (const m of search(ctx.index, normalise(t))) {
      const prev = out.get(m.entry.id);
      if (!prev || m.score > prev.score) out.set(m.entry.id, { entry: m.entry, score: m.score, rank: m.score + prior(m.entry), matched: m.matched });
    }
  }
  return out;
}

/** Does one entry stand inside (or for) the other, so that both answers are the same answer? */
function nested(a: GazetteerEntry, b: GazetteerEntry): boolean {
  const contains = (outer: GazetteerEntry, inner: GazetteerEntry) => outer.geometry.type !== "Point" && outer.geometry.type !== "LineString" && bboxContains(geometryBbox(outer.geometry), inner.point);
  return contains(a, b) || contains(b, a);
}

function resolveName(ctx: Ctx, text: string, kinds?: readonly PlaceKind[]): NameResolution {
  const ranked = [...lookup(ctx, text).values()]
    .filter((r) => r.score >= ctx.minScore && (!kinds || kinds.includes(r.entry.kind)))
    .sort((a, b) => b.rank - a.rank || b.entry.population - a.entry.population || a.entry.id.localeCompare(b.entry.id));
  if (ranked.length === 0) return { status: "unresolved", ranked, message: `no gazetteer place matches "${text}"` };
  const best = ranked[0];
  const rivals = ranked.slice(1).filter((r) => r.score >= STRONG_SCORE && r.rank >= best.rank - AMBIGUITY_MARGIN && distanceKm(best.entry.point, r.entry.point) > AMBIGUITY_KM && !nested(best.entry, r.entry));
  if (rivals.length > 0) {
    const names = [best, ...rivals].map((r) => `${r.entry.name} (${ctx.gazetteer.admin1Names[r.entry.admin1] ?? "?"})`);
    const km = Math.round(distanceKm(best.entry.point, rivals[0].entry.point));
    return { status: "ambiguous", ranked, message: `"${text}" matches ${names.length} places up to ${km} km apart: ${names.join(", ")}` };
  }
  return { status: "resolved", ranked };
}

function maxPrecision(a: Precision, b: Precision): Precision {
  return Math.max(a, b) as Precision;
}

function candidate(ctx: Ctx, r: Ranked, floor: Precision = 1): Candidate {
  const e = r.entry;
  const admin1 = ctx.gazetteer.admin1Names[e.admin1];
  return {
    type: "Feature",
    geometry: e.geometry,
    properties: {
      id: e.id,
      name: e.name,
      name_ar: e.name_ar,
      kind: e.kind,
      score: Math.round(Math.min(1, r.score) * 1000) / 1000,
      geo_precision: maxPrecision(e.precision, floor),
      source: e.source,
      ...(admin1 ? { admin1 } : {}),
      ...(e.estimate ? { estimate: e.estimate } : {}),
      matched: r.matched,
    },
  };
}

interface PartialResult {
  status: GeocodeResult["status"];
  best: Candidate | null;
  candidates: Candidate[];
  message?: string;
}

function fromResolution(ctx: Ctx, res: NameResolution, floor: Precision = 1, note?: string): PartialResult {
  if (res.status === "unresolved") return { status: "unresolved", best: null, candidates: [], message: res.message };
  const candidates = res.ranked.slice(0, ctx.limit).map((r) => candidate(ctx, r, floor));
  const message = [res.message, note].filter(Boolean).join("; ") || undefined;
  return { status: res.status, best: candidates[0], candidates, ...(message ? { message } : {}) };
}

function single(c: Candidate, status: GeocodeResult["status"] = "resolved", message?: string): PartialResult {
  return { status, best: c, candidates: [c], ...(message ? { message } : {}) };
}

// ---------------------------------------------------------------------------------------------------------
// Phrases

const MAX_DEPTH = 4;
// @option EXACT_ENOUGH: number, default 0.95. Similarity for a derived name ("X governorate") to count.
const EXACT_ENOUGH = 0.95;

function resolvePlan(ctx: Ctx, plan: Plan, depth: number): PartialResult {
  switch (plan.type) {
    case "place":
      return fromResolution(ctx, resolveName(ctx, plan.text));
    case "near":
      return fromResolution(ctx, resolveName(ctx, plan.text), 2);
    case "throughout":
      return resolveThroughout(ctx, plan.text);
    case "countryside":
      return resolveCountryside(ctx, plan.base, plan.directions);
    case "line":
      return resolveLine(ctx, plan.parts, plan.name);
    case "between-point":
      return resolveBetweenPoint(ctx, plan.name, plan.parts);
    case "within":
      return resolveWithin(ctx, plan.parts, depth);
  }
}

function resolveThroughout(ctx: Ctx, text: string): PartialResult {
  const region = resolveName(ctx, text, ["region"]);
  if (region.status !== "unresolved") return fromResolution(ctx, region, 3);
  // Only a near-exact "<X> governorate" counts: "Tafas governorate" must not drift to "Daraa Governorate".
  const governorate = resolveName(ctx, `${text.replace(/\s+(?:province|governorate|region)$/i, "")} governorate`, ["region"]);
  if (governorate.status !== "unresolved" && governorate.ranked[0].score >= EXACT_ENOUGH) return fromResolution(ctx, governorate, 3);
  return fromResolution(ctx, resolveName(ctx, text), 3, "no region of that name: the place itself stands for it at geo_precision 3");
}

function resolveCountryside(ctx: Ctx, base: string, dirs: readonly string[]): PartialResult {
  if (dirs.length === 0) {
    const named = resolveName(ctx, `${base} countryside`, ["region"]);
    if (named.status === "resolved" && named.ranked[0].score >= EXACT_ENOUGH) return fromResolution(ctx, named, 3);
    return resolveThroughout(ctx, base);
  }
  const regions = dirs.map((d) => resolveName(ctx, countrysideName(base, d as Parameters<typeof countrysideName>[1]), ["region"]));
  if (regions.some((r) => r.status !== "resolved" || r.ranked[0].score < EXACT_ENOUGH)) {
    const fallback = resolveThroughout(ctx, base);
    const note = `no curated region for the ${dirs.join(" and ")} countryside of "${base}": the whole of it at geo_precision 3`;
    return { ...fallback, message: [fallback.message, note].filter(Boolean).join("; ") };
  }
  const parts = regions.map((r) => r.ranked[0]);
  if (parts.length === 1) return fromResolution(ctx, regions[0], 3);
  const polygons = parts.flatMap((p) => (p.entry.geometry.type === "Polygon" ? [p.entry.geometry.coordinates] : p.entry.geometry.type === "MultiPolygon" ? p.entry.geometry.coordinates : []));
  return single(composite(ctx, parts, {
    id: `phrase:region:${parts.map((p) => p.entry.id).join("+")}`,
    name: `${base} countryside (${dirs.join(" and ")})`,
    name_ar: parts.map((p) => p.entry.name_ar).join(" و"),
    kind: "region",
    geometry: { type: "MultiPolygon", coordinates: polygons },
    precision: 3,
  }));
}

function composite(ctx: Ctx, parts: readonly Ranked[], spec: { id: string; name: string; name_ar: string; kind: PlaceKind; geometry: Candidate["geometry"]; precision: Precision; estimate?: string }): Candidate {
  const estimates = [spec.estimate, ...parts.map((p) => (p.entry.estimate ? `${p.entry.name}: ${p.entry.estimate}` : undefined))].filter(Boolean);
  const admin1 = [...new Set(parts.map((p) => ctx.gazetteer.admin1Names[p.entry.admin1]).filter(Boolean))].join(", ");
  return {
    type: "Feature",
    geometry: spec.geometry,
    properties: {
      id: spec.id,
      name: spec.name,
      name_ar: spec.name_ar,
      kind: spec.kind,
      score: Math.round(Math.min(...parts.map((p) => Math.min(1, p.score))) * 1000) / 1000,
      geo_precision: maxPrecision(spec.precision, Math.max(...parts.map((p) => p.entry.precision)) as Precision),
      source: [...new Set(parts.map((p) => p.entry.source))].join(" ; "),
      ...(admin1 ? { admin1 } : {}),
      ...(estimates.length ? { estimate: estimates.join(" | ") } : {}),
      matched: parts.map((p) => p.matched).join(" + "),
    },
  };
}

/** Resolves each name of a list; the first failure or ambiguity is reported by name. */
function resolveParts(ctx: Ctx, parts: readonly string[]): { ranked: Ranked[]; status: GeocodeResult["status"]; message?: string } {
  const ranked: Ranked[] = [];
  let status: GeocodeResult["status"] = "resolved";
  const messages: string[] = [];
  for (const part of parts) {
    const res = resolveName(ctx, part);
    if (res.status === "unresolved") return { ranked: [], status: "unresolved", message: `cannot place "${part}": ${res.message}` };
    if (res.status === "ambiguous") {
      status = "ambiguous";
      messages.push(res.message ?? "");
    }
    ranked.push(res.ranked[0]);
  }
  return { ranked, status, ...(messages.length ? { message: messages.join("; ") } : {}) };
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function resolveLine(ctx: Ctx, parts: readonly string[], name?: string): PartialResult {
  // A named road the gazetteer knows ("the al-Shabrouq road between …") wins over a drawn line.
  if (name) {
    const road = resolveName(ctx, name, ["road"]);
    if (road.status === "resolved" && road.ranked[0].score >= STRONG_SCORE) return fromResolution(ctx, road);
  }
  const res = resolveParts(ctx, parts);
  if (res.status === "unresolved") return { status: "unresolved", best: null, candidates: [], message: res.message };
  const ids = res.ranked.map((r) => r.entry.id);
  // A curated road through exactly these places carries a name, Arabic name and source: prefer it.
  const known = ctx.gazetteer.entries.find((e) => e.kind === "road" && e.via && sameSet(e.via, ids));
  if (known) {
    return single(candidate(ctx, { entry: known, score: Math.min(...res.ranked.map((r) => r.score)), rank: 0, matched: res.ranked.map((r) => r.matched).join(" + ") }), res.status, res.message);
  }
  const names = res.ranked.map((r) => r.entry.name);
  const label = names.length === 2 ? `${names[0]} and ${names[1]}` : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
  const road = composite(ctx, res.ranked, {
    id: `phrase:road:${ids.join("+")}`,
    name: `${name ? `${name} ` : "Road "}between ${label}`.replace(/^(.)/, (s) => s.toUpperCase()),
    name_ar: `الطريق بين ${res.ranked.map((r) => r.entry.name_ar || r.entry.name).join(" و")}`,
    kind: "road",
    geometry: { type: "LineString", coordinates: res.ranked.map((r) => r.entry.point) },
    precision: 2,
    estimate: "Straight segments between the named places: the road's real path is not sourced.",
  });
  return single(road, res.status, res.message);
}

function resolveBetweenPoint(ctx: Ctx, name: string, parts: [string, string]): PartialResult {
  const known = resolveName(ctx, name, ["checkpoint", "neighbourhood", "road"]);
  if (known.status === "resolved" && known.ranked[0].score >= STRONG_SCORE) return fromResolution(ctx, known);
  const res = resolveParts(ctx, parts);
  if (res.status === "unresolved") return { status: "unresolved", best: null, candidates: [], message: res.message };
  const [a, b] = res.ranked;
  const point: Position = midpoint(a.entry.point, b.entry.point);
  const between = composite(ctx, res.ranked, {
    id: `phrase:between:${a.entry.id}+${b.entry.id}`,
    name: `${name} (between ${a.entry.name} and ${b.entry.name})`,
    name_ar: `بين ${a.entry.name_ar || a.entry.name} و${b.entry.name_ar || b.entry.name}`,
    kind: /checkpoint|roadblock|barrier|post/i.test(name) ? "checkpoint" : "town",
    geometry: { type: "Point", coordinates: point },
    precision: 2,
    estimate: `"${name}" is not in the gazetteer: placed at the midpoint of ${a.entry.name} and ${b.entry.name}.`,
  });
  return single(between, res.status, res.message);
}

function resolveWithin(ctx: Ctx, parts: readonly string[], depth: number): PartialResult {
  const [head, ...rest] = parts;
  const context = rest.join(" in ");
  const own = resolvePlan(ctx, parsePhrase(head), depth + 1);
  if (own.status === "resolved") return own;
  const outer = depth < MAX_DEPTH && context ? resolvePlan(ctx, parsePhrase(context), depth + 1) : null;
  if (own.status === "ambiguous" && outer?.best) {
    // The context decides between namesakes: keep the one nearest to it.
    const anchor = representativePoint(outer.best.geometry);
    const sorted = [...own.candidates].sort((x, y) => distanceKm(representativePoint(x.geometry), anchor) - distanceKm(representativePoint(y.geometry), anchor));
    return { status: "resolved", best: sorted[0], candidates: sorted, message: `"${head}" disambiguated by "${context}"` };
  }
  if (own.status === "ambiguous" || !outer || outer.status === "unresolved") return own.status === "ambiguous" ? own : { ...own, message: own.message };
  // The head is unknown: the context locates it, no better than "part of / near" that context.
  const lifted = outer.candidates.map((c) => ({ ...c, properties: { ...c.properties, geo_precision: maxPrecision(c.properties.geo_precision, 2) } }));
  return { status: outer.status, best: lifted[0] ?? null, candidates: lifted, message: [`"${head}" is not in the gazetteer: located by "${context}"`, outer.message].filter(Boolean).join("; ") };
}


// ---------------------------------------------------------------------------------------------------------
// Output

export type GeocodeFeatureCollection = FeatureCollection<Candidate["geometry"], CandidateProperties> & {
  query: string;
  status: GeocodeResult["status"];
  message?: string;
};

/** What the CLI and the API print: the ranked candidates, best first, with the query and its status. */
export function toFeatureCollection(result: GeocodeResult): GeocodeFeatureCollection {
  return {
    type: "FeatureCollection",
    query: result.query,
    status: result.status,
    ...(result.message ? { message: result.message } : {}),
    features: result.candidates,
  };
}
