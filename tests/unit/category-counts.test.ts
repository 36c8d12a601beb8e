// Category counts per dataset (components/explorer/category-counts.ts): from the columns' codes where they
// were built from columns, counted from the incidents otherwise; the same counts either way.
import { describe, expect, it } from "vitest";
import { buildPlaced } from "@/lib/columns/build";
import { encodeColumns } from "@/lib/columns/encode";
import { readColumns } from "@/lib/columns/read";
import { countCategories } from "@/lib/display/event-style";
import type { IncidentFeature } from "@/lib/incident/model";
import { synthesizeIncidents, type Town } from "@/lib/build/synth";
import { placeIncidents, type PlacedIncident } from "@/lib/incident/place";
import { buildPlacedCounted, categoryCountsOf } from "@/components/explorer/category-counts";

const towns: Town[] = [
  { name: "Dar'a", lng: 36.10628, lat: 32.61889, population: 97969, admin1: "Daraa" },
  { name: "Aleppo", lng: 37.16117, lat: 36.20124, population: 1602264, admin1: "Aleppo" },
];
/** Synthetic incidents of the types given, in turn (a type of the file's own among ACLED's). */
const placedOf = (types: string[], count = types.length) =>
  placeIncidents(
    (synthesizeIncidents({ count, seed: 7, towns }).features as IncidentFeature[]).map((f, i) => ({ ...f, properties: { ...f.properties, event_type: types[i % types.length] } })),
  );
const columnsOf = (placed: readonly PlacedIncident[]) => readColumns(encodeColumns(placed).slice().buffer);
const sorted = (m: ReadonlyMap<string, number>) => [...m].sort(([a], [b]) => (a < b ? -1 : 1));
const counted = (incidents: readonly PlacedIncident[]) => countCategories(incidents, (p) => p.feature.properties.event_type);

describe("category counts", () => {
  it("reads an incidents array's counts from its columns' codes, the same as counting them", async () => {
    const columns = columnsOf(placedOf(["Battles", "Riots", "Goat theft", "Protests", "Goat theft"], 500));
    const built = await buildPlacedCounted(columns);
    // Changed behind the memory's back: the counts given are the columns', not a new count.
    const expected = sorted(counted(built));
    (built[0].feature.properties as { event_type: string }).event_type = "Riots";
    expect(sorted(categoryCountsOf([built]))).toEqual(expected);
  });

  it("sums the parts, counting those not built from columns, and counts an array once", () => {
    const a = buildPlaced(columnsOf(placedOf(["Battles", "Goat theft", "Battles"])));
    const b = placedOf(["Battles", "Riots"]);
    expect(sorted(categoryCountsOf([a, b]))).toEqual([["Battles", 3], ["Goat theft", 1], ["Riots", 1]]);
    (b[1].feature.properties as { event_type: string }).event_type = "Protests";
    expect(sorted(categoryCountsOf([b]))).toEqual([["Battles", 1], ["Riots", 1]]);
  });
});
