// Which incidents the view shows. One pure predicate serves the map, the list, the timeline's counts, the
// export and GET /api/incidents, so that all of them show exactly the same incidents for the same filter.
// Dates are compared as calendar days (lib/incident/days.ts), never as instants. The counts per facet are
// lib/incident/facets.ts; the query-string form is lib/url/filter-params.ts.
import type { Position } from "geojson";
import { FACET_KEYS_PROPERTY, FACET_SEPARATOR, type GeoPrecision, type IncidentProperties } from "./model";
import { bboxContains, type BBox } from "../geo/bbox";
import { compareDays } from "./days";
import { pauseAfter, whole, type Steps } from "./steps";

export interface IncidentFilter {
  /** Inclusive ISO days; an incident with a range matches when its range overlaps [from, to]. */
  from?: string;
  to?: string;
  /** Undated incidents (event_date null) match a date range only if this is true (default false); with no date range they always match. */
  includeUndated?: boolean;
  /** Categories (ACLED's, UNCLASSIFIED or a file's own); undefined or empty = all. One the data lacks matches nothing. */
  types?: string[];
  /** Matches actor1 or actor2; undefined or empty = all. */
  actors?: string[];
  /** "some" = at least one, "none" = zero; undefined = any. */
  fatalities?: "some" | "none";
  /** Undefined or empty = all. */
  geoPrecision?: GeoPrecision[];
  /** A file's own facets (FACET_KEYS_PROPERTY): per facet key, the values ticked; an incident matches a key
   *  when one of its values is ticked, and every key given. An empty list = all. */
  facets?: Record<string, string[]>;
  /** The incident's marker anchor must lie in it (edges count), the rule of the map's view (lib/incident/place.ts). */
  bbox?: BBox;
}

/** Every geo precision, in order. */
export const GEO_PRECISIONS: readonly GeoPrecision[] = [1, 2, 3];

/** What a filter needs of an item: its properties and where its marker stands, [lng, lat] (null: nowhere, never in a bbox). */
export interface Filterable {
  properties: IncidentProperties;
  anchor: Position | null;
}

/** The incident's days as an inclusive range, or null when undated. A single day is the range [d, d]. */
export function incidentDays(props: IncidentProperties): { from: string; to: string } | null {
  if (props.event_date === null || props.event_date === undefined) return null;
  return { from: props.event_date, to: props.event_date_end ?? props.event_date };
}

/** The distinct, non-empty actors of an incident (actor1, then actor2). */
export function incidentActors(props: IncidentProperties): string[] {
  const out: string[] = [];
  for (const a of [props.actor1, props.actor2]) if (typeof a === "string" && a !== "" && !out.includes(a)) out.push(a);
  return out;
}

/** Items of a FACET_SEPARATOR list: trimmed, non-empty, distinct, in order. */
function separated(value: unknown): string[] {
  if (typeof value !== "string") return [];
  const out: string[] = [];
  for (const item of value.split(FACET_SEPARATOR)) {
    const t = item.trim();
    if (t !== "" && !out.includes(t)) out.push(t);
  }
  return out;
}

/** The names of the incident's facet properties (FACET_KEYS_PROPERTY); [] when it has none. */
export const incidentFacetKeys = (props: IncidentProperties): string[] => separated(props[FACET_KEYS_PROPERTY]);

/** The incident's values of one facet: its property's text split at FACET_SEPARATOR; [] when it has none. */
export function incidentFacetValues(props: IncidentProperties, key: string): string[] {
  // Only a declared facet counts: a kept column of the same name on another dataset is not one.
  return incidentFacetKeys(props).includes(key) && Object.hasOwn(props, key) ? separated(props[key]) : [];
}

function matchesDates(props: IncidentProperties, filter: IncidentFilter): boolean {
  if (filter.from === undefined && filter.to === undefined) return true;
  const days = incidentDays(props);
  // Undated incidents cannot be placed in a range, so they are in only on request (the UI offers the box).
  if (days === null) return filter.includeUndated === true;
  // Overlap of two inclusive ranges: neither ends before the other begins.
  return (filter.to === undefined || compareDays(days.from, filter.to) <= 0) && (filter.from === undefined || compareDays(days.to, filter.from) >= 0);
}

function matchesPlace(anchor: Position | null, filter: IncidentFilter): boolean {
  const b = filter.bbox;
  if (!b) return true;
  return anchor !== null && bboxContains(b, anchor);
}

/** The facets the UI shows counts for; the date range and the bbox are not facets, they always apply.
 *  A file's own facet is `facet:` and its key. */
export type Facet = "types" | "actors" | "fatalities" | "geoPrecision" | `facet:${string}`;
type FixedFacet = Exclude<Facet, `facet:${string}`>;

const FACET_TESTS: Record<FixedFacet, (p: IncidentProperties, f: IncidentFilter) => boolean> = {
  types: (p, f) => !f.types?.length || f.types.includes(p.event_type),
  actors: (p, f) => !f.actors?.length || incidentActors(p).some((a) => f.actors!.includes(a)),
  fatalities: (p, f) => f.fatalities === undefined || (f.fatalities === "some" ? p.fatalities > 0 : p.fatalities === 0),
  geoPrecision: (p, f) => !f.geoPrecision?.length || f.geoPrecision.includes(p.geo_precision),
};
const FACETS = Object.keys(FACET_TESTS) as FixedFacet[];

function matchesFileFacets(props: IncidentProperties, facets: Record<string, string[]>, skip: Facet | null): boolean {
  for (const [key, ticked] of Object.entries(facets)) {
    if (ticked.length === 0 || skip === `facet:${key}`) continue;
    if (!incidentFacetValues(props, key).some((v) => ticked.includes(v))) return false;
  }
  return true;
}

/** True when the incident passes every part of the filter except the facet `skip` (null: skip none). */
export function matchesExcept(props: IncidentProperties, anchor: Position | null, filter: IncidentFilter, skip: Facet | null): boolean {
  if (!matchesDates(props, filter) || !matchesPlace(anchor, filter)) return false;
  for (const facet of FACETS) if (facet !== skip && !FACET_TESTS[facet](props, filter)) return false;
  return filter.facets === undefined || matchesFileFacets(props, filter.facets, skip);
}

/** True when the incident passes every part of the filter. */
export function matches(props: IncidentProperties, anchor: Position | null, filter: IncidentFilter): boolean {
  return matchesExcept(props, anchor, filter, null);
}

/** Whether the filter lets every incident through: no dates, no place and no facet ticked. */
export function filterIsEmpty(filter: IncidentFilter): boolean {
  const none = (list: readonly unknown[] | undefined) => !list?.length;
  return (
    filter.from === undefined &&
    filter.to === undefined &&
    filter.bbox === undefined &&
    filter.fatalities === undefined &&
    none(filter.types) &&
    none(filter.actors) &&
    none(filter.geoPrecision) &&
    Object.values(filter.facets ?? {}).every((ticked) => ticked.length === 0)
  );
}

/** The items that pass the filter, in their order; the input is not mutated. */
export function applyFilter<T>(items: readonly T[], get: (item: T) => Filterable, filter: IncidentFilter): T[] {
  return whole(filterSteps(items, get, filter));
}

/** applyFilter, pausing now and then (./steps.ts). */
export function* filterSteps<T>(items: readonly T[], get: (item: T) => Filterable, filter: IncidentFilter): Steps<T[]> {
  const kept: T[] = [];
  for (let i = 0; i < items.length; i++) {
    const { properties, anchor } = get(items[i]);
    if (matches(properties, anchor, filter)) kept.push(items[i]);
    if (pauseAfter(i)) yield;
  }
  return kept;
}
