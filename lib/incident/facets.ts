// The counts beside each filter box: how many incidents ticking it would give.
import { EVENT_TYPES, type GeoPrecision } from "./model";
import { pauseAfter, whole, type Steps } from "./steps";
import { GEO_PRECISIONS, incidentActors, incidentFacetKeys, incidentFacetValues, matchesExcept, type Filterable, type IncidentFilter } from "./filter";

export interface FacetCounts {
  /** ACLED's six event types (in EVENT_TYPES order), then every other category of the items given in order of appearance, 0 where none. */
  types: Map<string, number>;
  /** Every actor of the items given (actor1 and actor2), by count descending then name, 0 where none. */
  actors: Map<string, number>;
  fatalities: { some: number; none: number };
  /** 1, 2 and 3, 0 where none. */
  geoPrecision: Map<GeoPrecision, number>;
  /** A file's own facets (FACET_KEYS_PROPERTY) in order of appearance, each value by count descending then
   *  name, 0 where none; an incident counts once for each of its distinct values. */
  fileFacets: Map<string, Map<string, number>>;
}

const byCountThenName = (counts: Map<string, number>) => new Map([...counts].sort(([a, m], [b, n]) => n - m || (a < b ? -1 : a > b ? 1 : 0)));

/**
 * Counts per value of each facet, each computed with all OTHER facets applied (as faceted search UIs do),
 * so the numbers say what ticking a box would give. The date range and the bbox always apply.
 * An incident counts once for each of its distinct actors.
 */
export function facetCounts<T>(items: readonly T[], get: (item: T) => Filterable, filter: IncidentFilter): FacetCounts {
  return whole(facetCountSteps(items, get, filter));
}

/** facetCounts, pausing now and then (./steps.ts). */
export function* facetCountSteps<T>(items: readonly T[], get: (item: T) => Filterable, filter: IncidentFilter): Steps<FacetCounts> {
  const types = new Map<string, number>(EVENT_TYPES.map((t) => [t, 0]));
  const geoPrecision = new Map<GeoPrecision, number>(GEO_PRECISIONS.map((p) => [p, 0]));
  const fatalities = { some: 0, none: 0 };
  const actorCounts = new Map<string, number>();
  const fileCounts = new Map<string, Map<string, number>>();
  for (let i = 0; i < items.length; i++) {
    if (i > 0 && pauseAfter(i - 1)) yield;
    const { properties: p, anchor } = get(items[i]);
    // Every actor and category of the data is listed, even at 0, so a ticked box never vanishes from the list.
    for (const a of incidentActors(p)) if (!actorCounts.has(a)) actorCounts.set(a, 0);
    if (!types.has(p.event_type)) types.set(p.event_type, 0);
    if (matchesExcept(p, anchor, filter, "types")) types.set(p.event_type, types.get(p.event_type)! + 1);
    if (matchesExcept(p, anchor, filter, "actors")) for (const a of incidentActors(p)) actorCounts.set(a, actorCounts.get(a)! + 1);
    if (matchesExcept(p, anchor, filter, "fatalities")) fatalities[p.fatalities > 0 ? "some" : "none"]++;
    for (const key of incidentFacetKeys(p)) {
      let counts = fileCounts.get(key);
      if (!counts) fileCounts.set(key, (counts = new Map()));
      const values = incidentFacetValues(p, key);
      for (const v of values) if (!counts.has(v)) counts.set(v, 0);
      if (values.length && matchesExcept(p, anchor, filter, `facet:${key}`)) for (const v of values) counts.set(v, counts.get(v)! + 1);
    }
    if (matchesExcept(p, anchor, filter, "geoPrecision")) geoPrecision.set(p.geo_precision, (geoPrecision.get(p.geo_precision) ?? 0) + 1);
  }
  const fileFacets = new Map([...fileCounts].map(([key, counts]) => [key, byCountThenName(counts)]));
  return { types, actors: byCountThenName(actorCounts), fatalities, geoPrecision, fileFacets };
}
