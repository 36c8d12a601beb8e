// toExportCollection's collection written as text a slice at a time (./slices.ts), so a page can export
// whole datasets of 100,000 incidents without one giant string and without freezing between slices.
// For one dataset, JSON.parse of the joined parts is toExportCollection's collection.
import { geometryBbox, unionBbox } from "../geo/bbox";
import { collectionHeadText, exportedFeature, type ExportOptions } from "./geojson";
import { checkedSlices, SLICE_SIZE, type FeatureGroup } from "./slices";

/** The collection's text in parts: the head (name, bbox, filters), the features of each slice, the close.
 * `groups` are the datasets' features (ids unique within each), tagged as written. Throws GeoJSONValidationError on a bad slice. */
export function* geojsonParts(groups: readonly FeatureGroup[], options: ExportOptions, size: number = SLICE_SIZE): Generator<string> {
  // Rounding is monotone, so the box of the rounded coordinates is the rounded box.
  const box = unionBbox(groups.flatMap((g) => g.features.map((f) => geometryBbox(f.geometry))));
  yield collectionHeadText(options, box);
  let first = true;
  for (const slice of checkedSlices(groups, size)) {
    yield `${first ? "" : ","}${slice.map((f) => JSON.stringify(exportedFeature(f))).join(",")}`;
    first = false;
  }
  yield "]}";
}
