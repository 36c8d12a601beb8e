// What GET /api/incidents must answer, worked out without the store: the features the view shows for the
// query (lib/incident/filter.ts's applyFilter, in the bbox = marker anchor in it) written by the export
// button's function (toExportCollection), its `filters` member recording the filter.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { applyFilter } from "@/lib/incident/filter";
import { markerAnchor } from "@/lib/incident/anchor";
import { describeFilter } from "@/lib/export/describe-filter";
import { toExportCollection } from "@/lib/export/geojson";
import { parseFilterParams } from "@/lib/url/filter-params";
import { assertIncidentCollection } from "@/lib/incident/validate";
import type { IncidentFeature } from "@/lib/incident/model";

/** The Daraa dataset's features as geodata/ holds them (the store's seed). */
export const daraaFeatures = (): IncidentFeature[] =>
  assertIncidentCollection(JSON.parse(readFileSync(join(process.cwd(), "geodata", "incidents.geojson"), "utf8"))).features;

/** The features of `features` the view shows for the query string (`?…` or ``). */
export function shownFor(features: readonly IncidentFeature[], query: string): IncidentFeature[] {
  const filter = parseFilterParams(new URLSearchParams(query), { allowBbox: true });
  return applyFilter(features, (f) => ({ properties: f.properties, anchor: markerAnchor(f.geometry) }), filter);
}

/** The answer's text for the query over a dataset named `name` holding `features`. */
export function expectedAnswer(features: readonly IncidentFeature[], name: string, query: string): string {
  const filter = parseFilterParams(new URLSearchParams(query), { allowBbox: true });
  return JSON.stringify(toExportCollection(shownFor(features, query), { name, filters: describeFilter(filter) }));
}
