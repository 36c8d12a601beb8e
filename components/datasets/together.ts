// Several datasets' incidents as the one array the page filters, counts and draws.
import type { PlacedIncident } from "@/lib/incident/place";

const NONE: readonly PlacedIncident[] = [];

/**
 * The incidents of `parts` in one array, in order: the one part that has any itself (no copy: a large
 * import's array keeps its identity), else a concat, which copies a million incidents in 7-16 ms where
 * flatMap took 110-350 and spreading 24-200 (Node, 1M, load 5).
 */
export function together(parts: readonly (readonly PlacedIncident[])[]): readonly PlacedIncident[] {
  const full = parts.filter((p) => p.length > 0);
  if (full.length === 0) return NONE;
  return full.length === 1 ? full[0] : NONE.concat(...full);
}
