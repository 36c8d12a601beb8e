// A dataset's description as GET /api/datasets/<slug>/description serves it: the declaration in
// geodata/datasets/<slug>.json with each context layer's file read in, checked once per process.
import "server-only";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { FeatureCollection } from "geojson";
import { BARE_DESCRIPTION, readDescription, type DatasetDescription } from "../dataset/description";
import { GEODATA_DIR } from "../geo/geodata";
import { isSlug } from "../rules/dataset";
import { processCache } from "./process-cache";

const DECLARED_DIR = join(GEODATA_DIR, "datasets");

const cache = processCache("dataset-descriptions", () => new Map<string, DatasetDescription>());

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
  if (!where) return fc;
  const features = fc.features.filter((f) => Object.entries(where).every(([k, v]) => f.properties?.[k] === v));
  return { type: "FeatureCollection", features };
}

function declared(slug: string): DatasetDescription {
  let declaration: { contextLayers?: DeclaredLayer[] } & Record<string, unknown>;
  try {
    declaration = readJsonFile(join(DECLARED_DIR, `${slug}.json`)) as typeof declaration;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return BARE_DESCRIPTION;
    throw new Error(`geodata/datasets/${slug}.json: ${(err as Error).message}`);
  }
  const contextLayers = (declaration.contextLayers ?? []).map((l) => ({ id: l.id, kind: l.kind, name: l.name, data: layerData(l) }));
  return readDescription({ ...declaration, contextLayers });
}

/** The description of `slug`: its declaration when geodata/ has one, else the bare one (the same answer for any other slug). */
export function datasetDescription(slug: string): DatasetDescription {
  // The store's slug rule: a slug never leaves this folder.
  if (!isSlug(slug)) return BARE_DESCRIPTION;
  if (!cache.has(slug)) cache.set(slug, declared(slug));
  return cache.get(slug)!;
}
