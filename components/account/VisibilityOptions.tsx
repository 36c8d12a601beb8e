// The choices of a dataset's visibility, for any <select> that sets it.
import type { Visibility } from "@/lib/rules/dataset";
import { VISIBILITY_LABELS } from "./api";

export function VisibilityOptions() {
  return (Object.keys(VISIBILITY_LABELS) as Visibility[]).map((v) => (
    <option key={v} value={v}>
      {VISIBILITY_LABELS[v]}
    </option>
  ));
}
