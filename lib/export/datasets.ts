// Which dataset each exported incident came from, and the names an export takes from its datasets: the
// collection's `name` and the file's. A local import has no slug: its `dataset` is null.
import type { IncidentFeature } from "../incident/model";
import { slugWords } from "../rules/dataset";

export interface DatasetTag {
  /** The server's slug; null for a file imported in this browser. */
  slug: string | null;
  name: string;
}

/** The feature with `dataset` (slug or null) and `dataset_name` among its properties; the input is not mutated. */
export function taggedFeature(feature: IncidentFeature, tag: DatasetTag): IncidentFeature {
  return { ...feature, properties: { ...feature.properties, dataset: tag.slug, dataset_name: tag.name } };
}

/** The collection's top-level `name`: the datasets' names, in order, each once. */
export function datasetsName(tags: readonly DatasetTag[]): string {
  const names = [...new Set(tags.map((t) => t.name))];
  return names.length ? names.join(" + ") : "No datasets";
}

// @option MAX_STEM: number = 80
// Characters of the file name before the day: long enough for two or three names, short for every file system.
const MAX_STEM = 80;

/** A name's slug words (the datasets' slug rule), without the extension of a file's name. */
const slugPart = (text: string): string => slugWords(text.replace(/\.(geojson|json|csv|tsv|txt|xlsx|kml|ndjson)$/i, ""));

/** The download's name: `2021-daraa-offensive_my-file-2026-12-07.geojson`; "incidents" when no name has a safe letter. */
export function datasetsFileName(tags: readonly DatasetTag[], extension: "geojson" | "csv", now: Date = new Date()): string {
  const parts = [...new Set(tags.map((t) => slugPart(t.name) || slugPart(t.slug ?? "")).filter((p) => p !== ""))];
  const stem = parts.join("_").slice(0, MAX_STEM).replace(/[-_]+$/, "") || "incidents";
  return `${stem}-${now.toISOString().slice(0, 10)}.${extension}`;
}
