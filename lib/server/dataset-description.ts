// A dataset's description as GET /api/datasets/<slug>/description serves it: the declaration in
// geodata/datasets/<slug>.json with each context layer's file read in (the seeded dataset), checked once per
// process; else what the saved dataset's owner stored (lib/db/dataset-descriptions.ts), checked once per change.
import "server-only";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { FeatureCollection } from "geojson";
import { BARE_DESCRIPTION, readDescription, type DatasetDescription } from "../dataset/description";
import { DescriptionError, describedBy, readStoredDescription } from "../dataset/stored-description";
import { getStoredDescription } from "../db/dataset-descriptions";
import type { Queryable } from "../db/types";
import { GEODATA_DIR } from "../geo/geodata";
import { featureCollectionIssues, GeoJSONValidationError } from "../incident/validate";
import { isSlug } from "../rules/dataset";
import { logFailure } from "./failure-log";
import { processCache } from "./process-cache";

const DECLARED_DIR = join(GEODATA_DIR, "datasets");

const cache = processCache("dataset-descriptions", () => new Map<string, DatasetDescription | null>());

// @option KEPT_STORED: number = 256 saved datasets' checked descriptions kept by one process (the oldest goes first)
const KEPT_STORED = 256;
const stored = processCache("stored-dataset-descriptions", () => new Map<number, { stamp: string; name: string; description: DatasetDescription }>());

interface DeclaredLayer {
  id: string;
  kind: string;
  name: string;
  /** A file under geodata/. */
  file: string;
  /** Only the features whose properties have these values (e.g. one governorate of a base map file). */
  where?: Record<string, unknown>;
}

function readJsonFile(path: string): unknown {
  return JSON.parse(readFileSync(path, "utf8"));
}

function layerData({ file, where }: DeclaredLayer): FeatureCollection {
  const fc = readJsonFile(join(GEODATA_DIR, file)) as FeatureCollection;
  // The whole GeoJSON check here, on the server: the page's readDescription checks only what Leaflet needs.
  const issues = featureCollectionIssues(fc);
  if (issues.length) throw new GeoJSONValidationError(issues, `geodata/${file}`);
  if (!where) return fc;
  const features = fc.features.filter((f) => Object.entries(where).every(([k, v]) => f.properties?.[k] === v));
  return { type: "FeatureCollection", features };
}

function declared(slug: string): DatasetDescription | null {
  let declaration: { contextLayers?: DeclaredLayer[] } & Record<string, unknown>;
  try {
    declaration = readJsonFile(join(DECLARED_DIR, `${slug}.json`)) as typeof declaration;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new Error(`geodata/datasets/${slug}.json: ${(err as Error).message}`);
  }
  const contextLayers = (declaration.contextLayers ?? []).map((l) => ({ id: l.id, kind: l.kind, name: l.name, data: layerData(l) }));
  return readDescription({ ...declaration, contextLayers });
}

/** The declaration of `slug` when geodata/ has one (its owner cannot change it), else null. */
export function declaredDescription(slug: string): DatasetDescription | null {
  // The store's slug rule: a slug never leaves this folder.
  if (!isSlug(slug)) return null;
  if (!cache.has(slug)) cache.set(slug, declared(slug));
  return cache.get(slug)!;
}

/** The description of `slug` when it is declared, else the bare one (the same answer for any other slug). */
export const datasetDescription = (slug: string): DatasetDescription => declaredDescription(slug) ?? BARE_DESCRIPTION;

/**
 * A saved dataset's description for a reader already allowed to read it: declared, else as its owner stored
 * it, else bare with its name. A stored document that no longer passes the check is logged and not served.
 */
export async function savedDatasetDescription(db: Queryable, dataset: { id: number; slug: string; name: string }): Promise<DatasetDescription> {
  const own = declaredDescription(dataset.slug);
  if (own) return own;
  const row = await getStoredDescription(db, dataset.id);
  if (!row) {
    stored.delete(dataset.id);
    return { ...BARE_DESCRIPTION, name: dataset.name };
  }
  const held = stored.get(dataset.id);
  if (held && held.stamp === row.stamp && held.name === dataset.name) return held.description;
  let description: DatasetDescription;
  try {
    description = describedBy(dataset.name, readStoredDescription(row.body));
  } catch (err) {
    // The field only: the message's value would be a coordinate or a name from the store.
    logFailure(`the stored description of dataset ${dataset.id}`, err instanceof DescriptionError ? new Error(`${err.field} fails the check`) : err);
    return { ...BARE_DESCRIPTION, name: dataset.name };
  }
  stored.delete(dataset.id);
  stored.set(dataset.id, { stamp: row.stamp, name: dataset.name, description });
  if (stored.size > KEPT_STORED) stored.delete(stored.keys().next().value!);
  return description;
}
