// The slices an export is written in: each dataset's features a few thousand at a time, each slice checked
// as incidents before it is written. Ids are unique within a dataset, not across datasets (each numbers its
// own), so a slice never spans two datasets.
import type { IncidentFeature } from "../incident/model";
import { GeoJSONValidationError, incidentIssues } from "../incident/validate";

// @option SLICE_SIZE: number = 2000
// Features per slice: a few milliseconds of work each, so the page can paint between slices.
export const SLICE_SIZE = 2000;

/** Each group's features in slices of `size`, checked; an issue's path names the feature's index among all of them. */
export function* checkedSlices(groups: readonly (readonly IncidentFeature[])[], size: number = SLICE_SIZE): Generator<readonly IncidentFeature[]> {
  let before = 0;
  for (const group of groups) {
    for (let start = 0; start < group.length; start += size) {
      const slice = group.slice(start, start + size);
      const offset = before + start;
      const issues = incidentIssues({ type: "FeatureCollection", features: slice });
      const at = (path: string) => path.replace(/features\[(\d+)\]/g, (_m, i: string) => `features[${offset + Number(i)}]`);
      if (issues.length) throw new GeoJSONValidationError(issues.map((i) => ({ ...i, path: at(i.path) })), "incident FeatureCollection");
      yield slice;
    }
    before += group.length;
  }
}
