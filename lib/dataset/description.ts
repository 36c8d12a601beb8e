// What a dataset says about itself beyond its incidents: its name, its own reference point, its context
// layers and its default view. The seeded dataset's is declared in geodata/datasets/<slug>.json and served
// by GET /api/datasets/<slug>/description; any other dataset has none of these until its owner sets them.
import type { FeatureCollection } from "geojson";
import type { BBox } from "../geo/bbox";
import type { CheckpointCollection, SiegeCollection } from "../incident/context-layers";
import { collectionShapeIssues, GeoJSONValidationError, showValue } from "../incident/shape";

export interface DatasetReference {
  /** How the page names it: "12.3 km from Daraa al-Balad". */
  name: string;
  /** [lng, lat] */
  coordinates: [number, number];
}

/** A context layer: drawn while its dataset is open and visible. `kind` says how it is drawn. */
export type ContextLayer =
  | { id: string; name: string; kind: "checkpoints"; data: CheckpointCollection }
  | { id: string; name: string; kind: "siege"; data: SiegeCollection }
  | { id: string; name: string; kind: "area"; data: FeatureCollection };

export const CONTEXT_KINDS = ["checkpoints", "siege", "area"] as const;

export interface DatasetDescription {
  name: string | null;
  reference: DatasetReference | null;
  /** [west, south, east, north] the dataset opens on; null frames its incidents. */
  defaultView: BBox | null;
  contextLayers: ContextLayer[];
}

/** A dataset that says nothing about itself: framed on its incidents, no reference point, no context. */
export const BARE_DESCRIPTION: DatasetDescription = Object.freeze({ name: null, reference: null, defaultView: null, contextLayers: [] }) as DatasetDescription;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isNumbers = (v: unknown, n: number): v is number[] => Array.isArray(v) && v.length === n && v.every((x) => typeof x === "number" && Number.isFinite(x));

function fail(field: string, value: unknown, rule: string): never {
  throw new TypeError(`dataset description: ${field} ${rule} (value: ${showValue(value)})`);
}

function readReference(v: unknown): DatasetReference | null {
  if (v === null || v === undefined) return null;
  if (!isObject(v)) fail("reference", v, "must be an object or null");
  if (typeof v.name !== "string" || v.name === "") fail("reference.name", v.name, "must be a non-empty string");
  const c = v.coordinates;
  if (!isNumbers(c, 2) || Math.abs(c[0]) > 180 || Math.abs(c[1]) > 90) fail("reference.coordinates", c, "must be [lng, lat] in range");
  return { name: v.name, coordinates: [c[0], c[1]] };
}

function readView(v: unknown): BBox | null {
  if (v === null || v === undefined) return null;
  if (!isNumbers(v, 4) || v[0] > v[2] || v[1] > v[3] || v[0] < -180 || v[2] > 180 || v[1] < -90 || v[3] > 90) fail("defaultView", v, "must be [west, south, east, north] in range, or null");
  return [v[0], v[1], v[2], v[3]];
}

function readLayer(v: unknown, i: number): ContextLayer {
  const at = `contextLayers[${i}]`;
  if (!isObject(v)) fail(at, v, "must be an object");
  if (typeof v.id !== "string" || v.id === "") fail(`${at}.id`, v.id, "must be a non-empty string");
  if (typeof v.name !== "string" || v.name === "") fail(`${at}.name`, v.name, "must be a non-empty string");
  if (!CONTEXT_KINDS.includes(v.kind as never)) fail(`${at}.kind`, v.kind, `must be one of ${CONTEXT_KINDS.join(", ")}`);
  const issues = collectionShapeIssues(v.data);
  if (issues.length) throw new GeoJSONValidationError(issues, `${at}.data`);
  return { id: v.id, name: v.name, kind: v.kind, data: v.data } as ContextLayer;
}

/**
 * A description as it arrives (JSON from the server, hostile until read): checked field by field.
 * @throws TypeError or GeoJSONValidationError naming the field and the value
 */
export function readDescription(json: unknown): DatasetDescription {
  if (!isObject(json)) fail("(root)", json, "must be an object");
  if (json.name !== null && json.name !== undefined && typeof json.name !== "string") fail("name", json.name, "must be a string or null");
  const layers = json.contextLayers ?? [];
  if (!Array.isArray(layers)) fail("contextLayers", layers, "must be an array");
  const contextLayers = layers.map(readLayer);
  const ids = new Set<string>();
  for (const l of contextLayers) {
    if (ids.has(l.id)) fail("contextLayers[].id", l.id, "must be unique");
    ids.add(l.id);
  }
  return { name: (json.name as string | null | undefined) ?? null, reference: readReference(json.reference), defaultView: readView(json.defaultView), contextLayers };
}
