// The `filters` member of an export (the button's and GET /api/incidents'): what the data was filtered by.
import { canonicalTypes } from "../incident/model";
import { GEO_PRECISIONS, type IncidentFilter } from "../incident/filter";

const sortedUnique = <T>(values: readonly T[], order: readonly T[]) => order.filter((v) => values.includes(v));

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
  if (filter.types?.length) out.types = canonicalTypes(filter.types);
  if (filter.actors?.length) out.actors = [...new Set(filter.actors)].sort();
  if (filter.fatalities !== undefined) out.fatalities = filter.fatalities;
  if (filter.geoPrecision?.length) out.geoPrecision = sortedUnique(filter.geoPrecision, GEO_PRECISIONS);
  const facets = Object.entries(filter.facets ?? {}).filter(([, v]) => v.length).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (facets.length) out.facets = Object.fromEntries(facets.map(([k, v]) => [k, [...new Set(v)].sort()]));
  if (filter.bbox) out.bbox = [...filter.bbox];
  return out;
}
