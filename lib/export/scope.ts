// What an export holds, dataset by dataset: "what is in view" (the incidents shown) or "all of the open
// datasets with the current filters" (each dataset switched on, whole, through the filter but not the view).
import { applyFilter, type IncidentFilter } from "../incident/filter";
import type { IncidentFeature } from "../incident/model";
import { measuredFrom } from "../incident/place";
import { asFilterable, type PlacedIncident } from "../incident/placed";
import { referenceFeature, type ReferencePoint } from "../incident/reference";
import type { DatasetTag } from "./datasets";
import { shownFeatures, type ShownIncident } from "./shown";

export type ExportScope = "view" | "all";

/** What the export needs of an open dataset (components/datasets/useIncidents.ts's OpenDataset). */
export interface ExportableDataset extends DatasetTag {
  visible: boolean;
  incidents: readonly PlacedIncident[] | null;
}

/** One dataset's part of an export: its tag and its features (tagged as the file is written, lib/export/slices.ts). */
export interface ExportGroup {
  tag: DatasetTag;
  features: readonly IncidentFeature[];
}

const tagged = (tag: DatasetTag, shown: readonly ShownIncident[], reference: ReferencePoint): ExportGroup => ({
  tag: { slug: tag.slug, name: tag.name },
  features: shownFeatures(shown, reference),
});

/** The incidents shown, grouped by the dataset each belongs to (matched by feature), one group for each
 * dataset switched on, in the datasets' order. */
export function viewGroups(shown: readonly ShownIncident[], datasets: readonly ExportableDataset[], reference: ReferencePoint): ExportGroup[] {
  const owner = new Map<IncidentFeature, number>();
  datasets.forEach((d, i) => d.incidents?.forEach((p) => owner.set(p.feature, i)));
  const byDataset = datasets.map((): ShownIncident[] => []);
  for (const s of shown) {
    const i = owner.get(s.feature);
    if (i !== undefined) byDataset[i].push(s);
  }
  return datasets.flatMap((d, i) => (d.visible || byDataset[i].length ? [tagged(d, byDataset[i], reference)] : []));
}

/** Every incident of each dataset switched on that the filter keeps, wherever it lies; a dataset still
 * loading is left out (its name too). Distances are measured from `reference`, as the page measures them. */
export function allGroups(datasets: readonly ExportableDataset[], filter: IncidentFilter, reference: ReferencePoint): ExportGroup[] {
  const whole: IncidentFilter = { ...filter, bbox: undefined };
  const from = reference ? referenceFeature(reference) : null;
  return datasets
    .filter((d) => d.visible && d.incidents !== null)
    .map((d) => tagged(d, applyFilter(measuredFrom(d.incidents!, from), asFilterable, whole), reference));
}
