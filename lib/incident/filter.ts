// Which incidents the view shows. One pure predicate serves the map, the list, the timeline's counts, the
// export and GET /api/incidents, so that all of them show exactly the same incidents for the same filter.
// Dates are compared as calendar days (lib/incident/days.ts), never as instants.
import { EVENT_TYPES, isEventType, type EventType, type GeoPrecision, type IncidentProperties } from "./model";
import { bboxesIntersect, parseBbox, type BBox } from "../geo/bbox";
import { compareDays, isDay } from "./days";

export interface IncidentFilter {
  /** Inclusive ISO days; an incident with a range matches when its range overlaps [from, to]. */
  from?: string;
  to?: string;
  /** Undated incidents (event_date null) match a date range only if this is true (default false); with no date range they always match. */
  includeUndated?: boolean;
  /** Undefined or empty = all. */
  types?: EventType[];
  /** Matches actor1 or actor2; undefined or empty = all. */
  actors?: string[];
  /** "some" = at least one, "none" = zero; undefined = any. */
  fatalities?: "some" | "none";
  /** Undefined or empty = all. */
  geoPrecision?: GeoPrecision[];
  /** The feature's bbox must intersect it (edges count); a feature without geometry never matches a bbox. */
  bbox?: BBox;
}

/** What a filter needs of an item: its properties and its geometry's bbox (null without geometry). */
export interface Filterable {
  properties: IncidentProperties;
  bbox: BBox | null;
}

const GEO_PRECISIONS: readonly GeoPrecision[] = [1, 2, 3];

// ---------------------------------------------------------------------------------------------------
// Matching

/** The incident's days as an inclusive range, or null when undated. A single day is the range [d, d]. */
export function incidentDays(props: IncidentProperties): { from: string; to: string } | null {
  if (props.event_date === null || props.event_date === undefined) return null;
  return { from: props.event_date, to: props.event_date_end ?? props.event_date };
}

function matchesDates(props: IncidentProperties, filter: IncidentFilter): boolean {
  if (filter.from === undefined && filter.to === undefined) return true;
  const days = incidentDays(props);
  // Undated incidents cannot be placed in a range, so they are in only on request (the UI offers the box).
  if (days === null) return filter.includeUndated === true;
  // Overlap of two inclusive ranges: neither ends before the other begins.
  return (filter.to === undefined || compareDays(days.from, filter.to) <= 0) && (filter.from === undefined || compareDays(days.to, filter.from) >= 0);
}

/** The distinct, non-empty actors of an incident (actor1, then actor2). */
export function incidentActors(props: IncidentProperties): string[] {
  const out: string[] = [];
  for (const a of [props.actor1, props.actor2]) if (typeof a === "string" && a !== "" && !out.includes(a)) out.push(a);
  return out;
}

const matchesTypes = (p: IncidentProperties, f: IncidentFilter) => !f.types?.length || f.types.includes(p.event_type);
const matchesActors = (p: IncidentProperties, f: IncidentFilter) => !f.actors?.length || incidentActors(p).some((a) => f.actors!.includes(a));
const matchesFatalities = (p: IncidentProperties, f: IncidentFilter) =>
  f.fatalities === undefined || (f.fatalities === "some" ? p.fatalities > 0 : p.fatalities === 0);
const matchesPrecision = (p: IncidentProperties, f: IncidentFilter) => !f.geoPrecision?.length || f.geoPrecision.includes(p.geo_precision);

function matchesPlace(featureBbox: BBox | null, filter: IncidentFilter): boolean {
  if (!filter.bbox) return true;
  return featureBbox !== null && bboxesIntersect(featureBbox, filter.bbox);
}

/** The facets the UI shows counts for; the date range and the bbox are not facets, they always apply. */
type Facet = "types" | "actors" | "fatalities" | "geoPrecision";

const FACET_TESTS: Record<Facet, (p: IncidentProperties, f: IncidentFilter) => boolean> = {
  types: matchesTypes,
  actors: matchesActors,
  fatalities: matchesFatalities,
  geoPrecision: matchesPrecision,
};

function matchesExcept(props: IncidentProperties, featureBbox: BBox | null, filter: IncidentFilter, skip: Facet | null): boolean {
  if (!matchesDates(props, filter) || !matchesPlace(featureBbox, filter)) return false;
  for (const facet of Object.keys(FACET_TESTS) as Facet[]) {
    if (facet !== skip && !FACET_TESTS[facet](props, filter)) return false;
  }
  return true;
}

/** True when the incident passes every part of the filter. */
export function matches(props: IncidentProperties, featureBbox: BBox | null, filter: IncidentFilter): boolean {
  return matchesExcept(props, featureBbox, filter, null);
}

/** The items that pass the filter, in their order; the input is not mutated. */
export function applyFilter<T>(items: readonly T[], get: (item: T) => Filterable, filter: IncidentFilter): T[] {
  return items.filter((item) => {
    const { properties, bbox } = get(item);
    return matches(properties, bbox, filter);
  });
}

// ---------------------------------------------------------------------------------------------------
// Facet counts

export interface FacetCounts {
  /** Every event type, in EVENT_TYPES order, 0 where none. */
  types: Map<EventType, number>;
  /** Every actor of the items given (actor1 and actor2), by count descending then name, 0 where none. */
  actors: Map<string, number>;
  fatalities: { some: number; none: number };
  /** 1, 2 and 3, 0 where none. */
  geoPrecision: Map<GeoPrecision, number>;
}

/**
 * Counts per value of each facet, each computed with all OTHER facets applied (as faceted search UIs do),
 * so the numbers say what ticking a box would give. The date range and the bbox always apply.
 * An incident counts once for each of its distinct actors.
 */
export function facetCounts<T>(items: readonly T[], get: (item: T) => Filterable, filter: IncidentFilter): FacetCounts {
  const types = new Map<EventType, number>(EVENT_TYPES.map((t) => [t, 0]));
  const geoPrecision = new Map<GeoPrecision, number>(GEO_PRECISIONS.map((p) => [p, 0]));
  const fatalities = { some: 0, none: 0 };
  const actorCounts = new Map<string, number>();
  for (const item of items) {
    const { properties: p, bbox } = get(item);
    // Every actor of the data is listed, even at 0, so a ticked actor never vanishes from the list.
    for (const a of incidentActors(p)) if (!actorCounts.has(a)) actorCounts.set(a, 0);
    if (matchesExcept(p, bbox, filter, "types")) types.set(p.event_type, (types.get(p.event_type) ?? 0) + 1);
    if (matchesExcept(p, bbox, filter, "actors")) for (const a of incidentActors(p)) actorCounts.set(a, actorCounts.get(a)! + 1);
    if (matchesExcept(p, bbox, filter, "fatalities")) fatalities[p.fatalities > 0 ? "some" : "none"]++;
    if (matchesExcept(p, bbox, filter, "geoPrecision")) geoPrecision.set(p.geo_precision, (geoPrecision.get(p.geo_precision) ?? 0) + 1);
  }
  const actors = new Map([...actorCounts].sort(([a, m], [b, n]) => n - m || (a < b ? -1 : a > b ? 1 : 0)));
  return { types, actors, fatalities, geoPrecision };
}

// ---------------------------------------------------------------------------------------------------
// Query-string form

/** A filter parameter the API must answer 400 for; `field` is the parameter's name, `value` its text. */
export class FilterParamError extends Error {
  readonly field: string;
  readonly value: string;
  constructor(field: string, value: string, rule: string) {
    super(`${field}: ${rule} (value: ${JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value)})`);
    this.name = "FilterParamError";
    this.field = field;
    this.value = value;
  }
}

// @option MAX_FILTER_PARAM: number = 4000
// Longest value accepted for any filter parameter: a few hundred actor names fit, and the API never
// splits or decodes an unbounded string.
export const MAX_FILTER_PARAM = 4000;

/** The parameters this module owns; writeFilterParams touches no others. */
export const FILTER_PARAMS = ["from", "to", "undated", "types", "actors", "fatal", "precision"] as const;

/** Splits a comma list; empty items (`a,,b`, a trailing comma) are dropped, duplicates kept for the caller. */
function commaList(text: string): string[] {
  return text.split(",").filter((s) => s !== "");
}

function readParam(params: URLSearchParams, field: string): string | null {
  const value = params.get(field);
  if (value !== null && value.length > MAX_FILTER_PARAM) throw new FilterParamError(field, value, `longer than ${MAX_FILTER_PARAM} characters`);
  // An empty value (`from=`, as an HTML form submits an empty field) means the parameter is not set.
  return value === "" ? null : value;
}

function parseDayParam(params: URLSearchParams, field: "from" | "to"): string | undefined {
  const value = readParam(params, field);
  if (value === null) return undefined;
  if (!isDay(value)) throw new FilterParamError(field, value, "must be a real calendar day YYYY-MM-DD");
  return value;
}

const sortedUnique = <T>(values: readonly T[], order: readonly T[]) => order.filter((v) => values.includes(v));

/**
 * Reads a filter from a query string: from, to (ISO days, inclusive), undated=1|0, types (comma list of
 * ACLED event types), actors (comma list, each encodeURIComponent'ed so names may hold commas),
 * fatal=some|none, precision (comma list of 1, 2, 3) and, only with `allowBbox` (the API), bbox=w,s,e,n.
 * The page URL never holds bbox (the map view is already there), so without `allowBbox` it is ignored.
 * Parameters it does not own are ignored. Throws FilterParamError naming the parameter and its value.
 */
export function parseFilterParams(params: URLSearchParams, options: { allowBbox?: boolean } = {}): IncidentFilter {
  const filter: IncidentFilter = {};
  const from = parseDayParam(params, "from");
  const to = parseDayParam(params, "to");
  if (from !== undefined && to !== undefined && compareDays(to, from) < 0) {
    throw new FilterParamError("to", to, `must not be before from (${from})`);
  }
  if (from !== undefined) filter.from = from;
  if (to !== undefined) filter.to = to;

  const undated = readParam(params, "undated");
  if (undated !== null) {
    if (undated !== "1" && undated !== "0") throw new FilterParamError("undated", undated, "must be 1 (include undated incidents) or 0");
    filter.includeUndated = undated === "1";
  }

  const types = readParam(params, "types");
  if (types !== null) {
    const list = commaList(types);
    const unknown = list.find((t) => !isEventType(t));
    if (unknown !== undefined) throw new FilterParamError("types", types, `unknown event type ${JSON.stringify(unknown)}; expected some of ${EVENT_TYPES.join(", ")}`);
    const valid = sortedUnique(list as EventType[], EVENT_TYPES);
    if (valid.length) filter.types = valid;
  }

  const actors = readParam(params, "actors");
  if (actors !== null) {
    const list = commaList(actors).map((a) => {
      try {
        return decodeURIComponent(a);
      } catch {
        throw new FilterParamError("actors", actors, `malformed percent-encoding in ${JSON.stringify(a)}`);
      }
    });
    const unique = [...new Set(list.filter((a) => a !== ""))].sort();
    if (unique.length) filter.actors = unique;
  }

  const fatal = readParam(params, "fatal");
  if (fatal !== null) {
    if (fatal !== "some" && fatal !== "none") throw new FilterParamError("fatal", fatal, 'must be "some" (at least one) or "none"');
    filter.fatalities = fatal;
  }

  const precision = readParam(params, "precision");
  if (precision !== null) {
    const list = commaList(precision);
    const bad = list.find((p) => p !== "1" && p !== "2" && p !== "3");
    if (bad !== undefined) throw new FilterParamError("precision", precision, `unknown geo precision ${JSON.stringify(bad)}; expected some of 1, 2, 3`);
    const valid = sortedUnique(list.map(Number) as GeoPrecision[], GEO_PRECISIONS);
    if (valid.length) filter.geoPrecision = valid;
  }

  if (options.allowBbox) {
    const bbox = readParam(params, "bbox");
    if (bbox !== null) {
      try {
        filter.bbox = parseBbox(bbox);
      } catch (err) {
        throw new FilterParamError("bbox", bbox, (err as Error).message);
      }
    }
  }
  return filter;
}

/**
 * Writes the filter into `params` in canonical form (types in EVENT_TYPES order, actors sorted, precision
 * ascending), so one filter always gives one URL and history entries compare equal. Sets or deletes only
 * its own parameters; bbox only with `includeBbox` (for an API URL, never the page's). Mutates `params`,
 * which is its purpose; the filter is not mutated.
 */
export function writeFilterParams(filter: IncidentFilter, params: URLSearchParams, options: { includeBbox?: boolean } = {}): void {
  const put = (name: string, value: string | undefined) => (value === undefined || value === "" ? params.delete(name) : params.set(name, value));
  put("from", filter.from);
  put("to", filter.to);
  put("undated", filter.includeUndated ? "1" : undefined);
  put("types", filter.types ? sortedUnique(filter.types, EVENT_TYPES).join(",") : undefined);
  put("actors", filter.actors ? [...new Set(filter.actors)].sort().map(encodeURIComponent).join(",") : undefined);
  put("fatal", filter.fatalities);
  put("precision", filter.geoPrecision ? sortedUnique(filter.geoPrecision, GEO_PRECISIONS).join(",") : undefined);
  if (options.includeBbox) put("bbox", filter.bbox?.join(","));
}

/**
 * Plain JSON for the export's `filters` member: only the constraints in force, with the names of
 * IncidentFilter, lists in canonical order. `{}` means unfiltered. `includeUndated` is recorded only with a
 * date range, the only case where it changes the result.
 */
export function describeFilter(filter: IncidentFilter): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (filter.from !== undefined) out.from = filter.from;
  if (filter.to !== undefined) out.to = filter.to;
  if (filter.from !== undefined || filter.to !== undefined) out.includeUndated = filter.includeUndated === true;
  if (filter.types?.length) out.types = sortedUnique(filter.types, EVENT_TYPES);
  if (filter.actors?.length) out.actors = [...new Set(filter.actors)].sort();
  if (filter.fatalities !== undefined) out.fatalities = filter.fatalities;
  if (filter.geoPrecision?.length) out.geoPrecision = sortedUnique(filter.geoPrecision, GEO_PRECISIONS);
  if (filter.bbox) out.bbox = [...filter.bbox];
  return out;
}
