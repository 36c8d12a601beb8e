// Category counts of the incidents shown (for categoryStyles), per dataset's incidents array and kept:
// counting a million incidents' event_type took 121 ms of the render after an import (load ~6), where the
// columns they were built from give the same counts from their codes in a few milliseconds.
import { buildPlacedInSlices } from "@/lib/columns/build";
import { view, type IncidentColumns } from "@/lib/columns/format";
import { countCategories } from "@/lib/display/event-style";
import type { PlacedIncident } from "@/lib/incident/place";

const known = new WeakMap<readonly PlacedIncident[], ReadonlyMap<string, number>>();

const countOne = (incidents: readonly PlacedIncident[]) => countCategories(incidents, (p) => p.feature.properties.event_type);

/**
 * Remembers the category counts of `incidents`, built from `columns` (lib/columns/build.ts), as read from the
 * event_type column's codes. Nothing is remembered where the column is not one of repeated strings present
 * on every incident: those are counted from the incidents when asked.
 */
export function rememberCategoryCounts(incidents: readonly PlacedIncident[], columns: IncidentColumns): void {
  const column = columns.header.properties.find((c) => c.key === "event_type");
  if (!column?.dict || !column.dict.every((v) => typeof v === "string")) return;
  // Columns whose bytes have gone elsewhere (a buffer transferred) leave the count to the incidents.
  if (columns.buffer.byteLength === 0) return;
  const codes = view(columns, column.codes);
  if (codes.length !== incidents.length) return;
  const perCode = new Float64Array(column.dict.length + 1);
  for (let i = 0; i < codes.length; i++) perCode[codes[i]] += 1;
  if (perCode[0] > 0) return;
  // In the dictionary's order, not the incidents': categoryStyles orders categories by count and name.
  const counts = new Map<string, number>();
  column.dict.forEach((t, k) => perCode[k + 1] > 0 && counts.set(t as string, (counts.get(t as string) ?? 0) + perCode[k + 1]));
  known.set(incidents, counts);
}

/** The category counts of the parts' incidents together (as countCategories over them would give). */
export function categoryCountsOf(parts: readonly (readonly PlacedIncident[])[]): Map<string, number> {
  const total = new Map<string, number>();
  for (const part of parts) {
    let counts = known.get(part);
    if (!counts) known.set(part, (counts = countOne(part)));
    for (const [t, n] of counts) total.set(t, (total.get(t) ?? 0) + n);
  }
  return total;
}

/** buildPlacedInSlices, the incidents' category counts remembered from the columns. */
export async function buildPlacedCounted(columns: IncidentColumns): Promise<PlacedIncident[]> {
  const placed = await buildPlacedInSlices(columns);
  rememberCategoryCounts(placed, columns);
  return placed;
}
