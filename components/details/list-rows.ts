// The list's rows: the first LIST_LIMIT incidents in the order chosen, picked without sorting them all and
// in steps (lib/incident/steps.ts), so a list of 100,000 in view never holds the page's thread.
import type { PlacedIncident } from "@/lib/incident/place";
import { pauseAfter, type Steps } from "@/lib/incident/steps";

export type SortKey = "date" | "distance" | "fatalities";
export type Sort = { key: SortKey; dir: 1 | -1 };

// @option LIST_LIMIT: number = 500
// Rows rendered at once; past it the list says how many more there are (zoom in or filter to see them).
export const LIST_LIMIT = 500;

function compare(a: PlacedIncident, b: PlacedIncident, key: SortKey): number {
  const p = a.feature.properties;
  const q = b.feature.properties;
  if (key === "distance") return a.distance.km - b.distance.km;
  if (key === "fatalities") return p.fatalities - q.fatalities;
  // Undated incidents sort after every dated one, whichever the direction.
  if (p.event_date === q.event_date) return 0;
  if (p.event_date === null) return Infinity;
  if (q.event_date === null) return -Infinity;
  return p.event_date < q.event_date ? -1 : 1;
}

/** The rows' order: by `sort`, then by event_id, so that it is total. */
function rowOrder(sort: Sort): (a: PlacedIncident, b: PlacedIncident) => number {
  return (a, b) => {
    const c = compare(a, b, sort.key);
    if (!Number.isFinite(c)) return c > 0 ? 1 : -1;
    return c * sort.dir || (a.feature.properties.event_id < b.feature.properties.event_id ? -1 : 1);
  };
}

/** The first `limit` incidents in the order of `sort`, as sorting them all would give, in steps. */
export function* firstRowSteps(incidents: readonly PlacedIncident[], sort: Sort, limit = LIST_LIMIT): Steps<PlacedIncident[]> {
  const order = rowOrder(sort);
  let kept: PlacedIncident[] = [];
  let pending: PlacedIncident[] = [];
  // Once `limit` are kept, the last of them: an incident that does not come before it is not shown.
  let last: PlacedIncident | null = null;
  for (let i = 0; i < incidents.length; i++) {
    const p = incidents[i];
    if (last === null || order(p, last) < 0) pending.push(p);
    if (pending.length >= limit) {
      kept = [...kept, ...pending].sort(order).slice(0, limit);
      pending = [];
      last = kept.length === limit ? kept[limit - 1] : null;
    }
    if (pauseAfter(i)) yield;
  }
  return [...kept, ...pending].sort(order).slice(0, limit);
}

