// Reads the project's GeoJSON from geodata/ once per server process and validates it where it enters.
// Server-side only (node:fs); pages hand the result to client components as plain props.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { IncidentCollection } from "./incident";
import type { CheckpointCollection, SiegeCollection } from "./context-layers";
import { assertIncidentCollection, featureCollectionIssues, GeoJSONValidationError } from "./validate";

// @option GEODATA_DIR: string = "<cwd>/geodata"
// Where the datasets live; `next start` and the CLIs run from the project root.
export const GEODATA_DIR = join(process.cwd(), "geodata");

const cache = new Map<string, unknown>();

function readJson(file: string): unknown {
  const path = join(GEODATA_DIR, file);
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    throw new Error(`Cannot read ${path}: ${(err as Error).message}`);
  }
}

function cached<T>(file: string, check: (json: unknown) => T): T {
  if (!cache.has(file)) cache.set(file, check(readJson(file)));
  return cache.get(file) as T;
}

function assertCollection<T>(file: string) {
  return (json: unknown): T => {
    const issues = featureCollectionIssues(json);
    if (issues.length) throw new GeoJSONValidationError(issues, file);
    return json as T;
  };
}

export const loadIncidents = (): IncidentCollection & { name?: string } => cached("incidents.geojson", assertIncidentCollection);
export const loadCheckpoints = (): CheckpointCollection => cached("checkpoints.geojson", assertCollection<CheckpointCollection>("checkpoints.geojson"));
export const loadSiege = (): SiegeCollection => cached("siege.geojson", assertCollection<SiegeCollection>("siege.geojson"));
