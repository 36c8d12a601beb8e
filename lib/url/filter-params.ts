// The one query-string form of an IncidentFilter, read by GET /api/incidents (strictly: 400 naming the
// parameter) and by the page (leniently: a bad parameter is dropped and listed, the others kept), and
// written by the page. Both readers are built on the same per-parameter readers.
import { canonicalTypes, eventTypeIssue, type GeoPrecision } from "../incident/model";
import { GEO_PRECISIONS, type IncidentFilter } from "../incident/filter";
import { compareDays, isDay } from "../incident/days";
import { parseBbox } from "../geo/bbox";
import { ParamError, paramValue, type DroppedParam } from "./params";

// @option MAX_FILTER_PARAM: number = 4000
// Longest value accepted for any filter parameter: a few hundred actor names fit, and nothing splits or
// decodes an unbounded string.
export const MAX_FILTER_PARAM = 4000;

// A file's own facet is the parameter `facet.` + its key (`facet.Weapon+System=Artillery,Rocket`): one
// parameter per key keeps the rule "each parameter once, lists comma-separated".
export const FACET_PARAM_PREFIX = "facet.";
// @option MAX_FACET_PARAMS: number = 20
// Facet parameters read from one link: more facets than a file has, few enough to bound the work.
export const MAX_FACET_PARAMS = 20;
// @option MAX_FACET_KEY: number = 100
// Longest facet key read, in characters: a column's or a filter's name, never a sentence.
export const MAX_FACET_KEY = 100;

/** Splits a comma list; empty items (`a,,b`, a trailing comma) are dropped, duplicates kept for the caller. */
const commaList = (text: string) => text.split(",").filter((s) => s !== "");
const sortedUnique = <T>(values: readonly T[], order: readonly T[]) => order.filter((v) => values.includes(v));

// Each name in a list of names (types, actors) is percent-encoded inside it, so that names may hold commas.
function listItem(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new RangeError(`malformed percent-encoding in ${JSON.stringify(text)}`);
  }
}

/** A category as written in `types=`: only `%` and `,` escaped, so ACLED's names stay readable in a link. */
const typeItem = (t: string) => t.replace(/[%,]/g, (c) => encodeURIComponent(c));

function day(value: string): string {
  if (!isDay(value)) throw new RangeError("must be a real calendar day YYYY-MM-DD");
  return value;
}

// Each reads one non-empty value into its part of the filter, or throws RangeError with the rule broken.
const READERS: Record<string, (value: string) => IncidentFilter> = {
  from: (v) => ({ from: day(v) }),
  to: (v) => ({ to: day(v) }),
  undated: (v) => {
    if (v !== "1" && v !== "0") throw new RangeError("must be 1 (include undated incidents) or 0");
    return { includeUndated: v === "1" };
  },
  // Any category is read (one the data lacks matches nothing); only what no category can be is refused.
  types: (v) => {
    const list = commaList(v).map(listItem);
    for (const t of list) {
      const issue = eventTypeIssue(t);
      if (issue) throw new RangeError(`event type ${JSON.stringify(t)} ${issue}`);
    }
    const types = canonicalTypes(list);
    return types.length ? { types } : {};
  },
  actors: (v) => {
    const list = commaList(v).map(listItem);
    const actors = [...new Set(list.filter((a) => a !== ""))].sort();
    return actors.length ? { actors } : {};
  },
  fatal: (v) => {
    if (v !== "some" && v !== "none") throw new RangeError('must be "some" (at least one) or "none"');
    return { fatalities: v };
  },
  precision: (v) => {
    const list = commaList(v);
    const bad = list.find((p) => p !== "1" && p !== "2" && p !== "3");
    if (bad !== undefined) throw new RangeError(`unknown geo precision ${JSON.stringify(bad)}; expected some of 1, 2, 3`);
    const geoPrecision = sortedUnique(list.map(Number) as GeoPrecision[], GEO_PRECISIONS);
    return geoPrecision.length ? { geoPrecision } : {};
  },
  bbox: (v) => ({ bbox: parseBbox(v) }),
};

const PAGE_PARAMS = ["from", "to", "undated", "types", "actors", "fatal", "precision"];

/** The facet keys a query string names, in its order, each once (an array form `facet.k[]` names `k[]`). */
const facetParamKeys = (params: URLSearchParams) => [...new Set([...params.keys()].filter((k) => k.startsWith(FACET_PARAM_PREFIX)).map((k) => k.slice(FACET_PARAM_PREFIX.length).replace(/\[.*$/, "")))];

/** Reads the `facet.KEY` parameters into filter.facets; each bad one is dropped on its own. */
function readFacetParams(params: URLSearchParams, filter: IncidentFilter, dropped: DroppedParam[]): void {
  const entries: [string, string[]][] = [];
  for (const key of facetParamKeys(params)) {
    const name = FACET_PARAM_PREFIX + key;
    let value: string | null = null;
    try {
      value = paramValue(params, name, MAX_FILTER_PARAM);
      if (key.trim() === "" || key.length > MAX_FACET_KEY) throw new RangeError(`a facet needs a name of 1–${MAX_FACET_KEY} characters`);
      // Keys become a record's keys: a name such as __proto__ never names a facet (the importer drops them).
      if (key === "prototype" || key in Object.prototype) throw new RangeError(`${JSON.stringify(key)} is a reserved name, not a facet`);
      if (entries.length >= MAX_FACET_PARAMS) throw new RangeError(`more than ${MAX_FACET_PARAMS} facets in one link`);
      if (value === null) continue;
      const values = [...new Set(commaList(value).map(listItem))].sort();
      if (values.length) entries.push([key, values]);
    } catch (err) {
      if (err instanceof ParamError) dropped.push({ field: err.field, value: err.value, reason: err.reason });
      else dropped.push({ field: name, value: value ?? "", reason: (err as Error).message });
    }
  }
  if (entries.length) filter.facets = Object.fromEntries(entries);
}

/**
 * Reads a filter from a query string, each parameter on its own; never throws. from, to (ISO days,
 * inclusive), undated=1|0, types (comma list of categories, `%` and `,` in a name percent-encoded), actors (comma list, each
 * encodeURIComponent'ed), fatal=some|none, precision (comma list of 1, 2, 3) and, only with `bbox` (the
 * API; the page's view is its `map=`), bbox=w,s,e,n, and a file's facets as `facet.KEY` (comma list, like
 * types; see FACET_PARAM_PREFIX). A parameter that breaks its rule, or the rules of
 * lib/url/params.ts, is left out and listed in `dropped`; `to` before `from` drops `to`. Other parameters are ignored.
 */
export function readFilterParams(params: URLSearchParams, options: { bbox?: boolean } = {}): { filter: IncidentFilter; dropped: DroppedParam[] } {
  const filter: IncidentFilter = {};
  const dropped: DroppedParam[] = [];
  for (const name of options.bbox ? [...PAGE_PARAMS, "bbox"] : PAGE_PARAMS) {
    let value: string | null = null;
    try {
      value = paramValue(params, name, MAX_FILTER_PARAM);
      if (value !== null) Object.assign(filter, READERS[name](value));
    } catch (err) {
      if (err instanceof ParamError) dropped.push({ field: err.field, value: err.value, reason: err.reason });
      else dropped.push({ field: name, value: value!, reason: (err as Error).message });
    }
  }
  readFacetParams(params, filter, dropped);
  if (filter.from !== undefined && filter.to !== undefined && compareDays(filter.to, filter.from) < 0) {
    dropped.push({ field: "to", value: filter.to, reason: `must not be before from (${filter.from})` });
    delete filter.to;
  }
  return { filter, dropped };
}

/**
 * The API's reader: readFilterParams with bbox when `allowBbox`, where any dropped parameter is an error.
 * @throws ParamError naming the first parameter dropped and its value
 */
export function parseFilterParams(params: URLSearchParams, options: { allowBbox?: boolean } = {}): IncidentFilter {
  // The stored datasets' SQL does not read a file's facets yet: refused rather than silently ignored.
  const facet = facetParamKeys(params)[0];
  if (facet !== undefined) throw new ParamError(FACET_PARAM_PREFIX + facet, params.get(FACET_PARAM_PREFIX + facet) ?? "", "facet filters apply on the page only; this API does not read them");
  const { filter, dropped } = readFilterParams(params, { bbox: options.allowBbox });
  if (dropped.length) throw new ParamError(dropped[0].field, dropped[0].value, dropped[0].reason);
  return filter;
}

/**
 * Writes the filter into `params` in canonical form (types as canonicalTypes, actors sorted, precision
 * ascending), so one filter always gives one URL and history entries compare equal. Sets or deletes only
 * its own parameters; bbox only with `includeBbox` (for an API URL, never the page's). Mutates `params`,
 * which is its purpose; the filter is not mutated.
 */
export function writeFilterParams(filter: IncidentFilter, params: URLSearchParams, options: { includeBbox?: boolean } = {}): void {
  const put = (name: string, value: string | undefined) => (value === undefined || value === "" ? params.delete(name) : params.set(name, value));
  put("from", filter.from);
  put("to", filter.to);
  put("undated", filter.includeUndated ? "1" : undefined);
  put("types", filter.types ? canonicalTypes(filter.types).map(typeItem).join(",") : undefined);
  put("actors", filter.actors ? [...new Set(filter.actors)].sort().map(encodeURIComponent).join(",") : undefined);
  put("fatal", filter.fatalities);
  put("precision", filter.geoPrecision ? sortedUnique(filter.geoPrecision, GEO_PRECISIONS).join(",") : undefined);
  for (const key of facetParamKeys(params)) params.delete(FACET_PARAM_PREFIX + key);
  const facets = Object.entries(filter.facets ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [key, values] of facets) put(FACET_PARAM_PREFIX + key, [...new Set(values)].sort().map(typeItem).join(","));
  if (options.includeBbox) put("bbox", filter.bbox?.join(","));
}
