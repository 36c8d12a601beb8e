// The slices an export is written in: each dataset's features a few thousand at a time, each slice tagged
// with its dataset and checked as incidents before it is written, so no step holds the page for long. Ids
// are unique within a dataset, not across datasets (each numbers its own), so a slice never spans two.
import type { IncidentFeature } from "../incident/model";
import { GeoJSONValidationError, incidentIssues } from "../incident/validate";
import { taggedFeature, type DatasetTag } from "./datasets";

// @option SLICE_SIZE: number = 2000
// Features per slice: a few milliseconds of work each, so the page can paint between slices.
export const SLICE_SIZE = 2000;

/** One dataset's features in an export; with a tag, each is written with `dataset` and `dataset_name`. */
export interface FeatureGroup {
  features: readonly IncidentFeature[];
  tag?: DatasetTag;
}

/** Each group's features in slices of `size`, tagged and checked; an issue's path names the feature's index among all of them. */
export function* checkedSlices(groups: readonly FeatureGroup[], size: number = SLICE_SIZE): Generator<readonly IncidentFeature[]> {
  let before = 0;
  for (const { features, tag } of groups) {
    for (let start = 0; start < features.length; start += size) {
      const raw = features.slice(start, start + size);
      const slice = tag ? raw.map((f) => taggedFeature(f, tag)) : raw;
      const offset = before + start;
      const issues = incidentIssues({ type: "FeatureCollection", features: slice });
      const at = (path: string) => path.replace(/features\[(\d+)\]/g, (_m, i: string) => `features[${offset + Number(i)}]`);
      if (issues.length) throw new GeoJSONValidationError(issues.map((i) => ({ ...i, path: at(i.path) })), "incident FeatureCollection");
      yield slice;
    }
    before += features.length;
  }
}

/** The property names the groups' features will be written with, in order of first appearance. */
export function propertyNames(groups: readonly FeatureGroup[]): string[] {
  const seen = new Set<string>();
  for (const { features, tag } of groups) {
    for (const f of features) for (const key of Object.keys(f.properties)) seen.add(key);
    if (tag && features.length) for (const key of ["dataset", "dataset_name"]) seen.add(key);
  }
  return [...seen];
}
