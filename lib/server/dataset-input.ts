// What a client may send about a dataset, checked before anything is written: metadata fields and the
// incidents (the project's validator, lib/incident/validate.ts). Each refusal names the field and the value.
import "server-only";
import { hasControlCharacter } from "../rules/text";
import { VISIBILITIES, isVisibility, type DatasetMetadata, type Visibility } from "../rules/dataset";
import type { IncidentCollection } from "../incident/model";
import { incidentIssueSteps, type ValidationIssue } from "../incident/validate";
import { fieldMessage, showValue } from "../rules/message";
import { ApiError } from "./body";
import { inSlices } from "./slices";

// @option FIELD_LIMITS: characters = name 200 (the schema's), description 5000, licence 200, source 1000
export const FIELD_LIMITS = { name: 200, description: 5000, licence: 200, source: 1000 } as const;

const bad = (field: string, value: unknown, rule: string) => new ApiError(400, fieldMessage(field, rule, showValue(value)), field);

function text(body: Record<string, unknown>, field: keyof typeof FIELD_LIMITS, required: boolean): string | undefined {
  const value = body[field];
  if (value === undefined && !required) return undefined;
  if (typeof value !== "string") throw bad(field, value, "must be a string");
  const trimmed = value.trim();
  if (required && trimmed.length === 0) throw bad(field, value, "must not be empty");
  if ([...trimmed].length > FIELD_LIMITS[field]) throw bad(field, value, `must be at most ${FIELD_LIMITS[field]} characters`);
  if (hasControlCharacter(trimmed, { lineBreaks: true })) throw bad(field, value, "must not hold control characters");
  return trimmed;
}

function visibility(body: Record<string, unknown>, required: boolean): Visibility | undefined {
  const value = body.visibility;
  if (value === undefined && !required) return undefined;
  if (!isVisibility(value)) throw bad("visibility", value, `must be one of ${VISIBILITIES.join(", ")}`);
  return value;
}

/** The metadata of a new dataset: name and visibility required. */
export function newDatasetMetadata(body: Record<string, unknown>): DatasetMetadata {
  return {
    name: text(body, "name", true)!,
    description: text(body, "description", false) ?? "",
    licence: text(body, "licence", false) ?? "",
    source: text(body, "source", false) ?? "",
    visibility: visibility(body, true)!,
  };
}

/** The metadata a change names; at least one field. */
export function metadataPatch(body: Record<string, unknown>): Partial<DatasetMetadata> {
  const patch: Partial<DatasetMetadata> = {
    name: text(body, "name", false),
    description: text(body, "description", false),
    licence: text(body, "licence", false),
    source: text(body, "source", false),
    visibility: visibility(body, false),
  };
  const named = Object.entries(patch).filter(([, v]) => v !== undefined);
  if (named.length === 0) throw new ApiError(400, "body: names no field to change (name, description, licence, source, visibility)", "body");
  return Object.fromEntries(named);
}

/** What a client sent, as the store will keep it, with notes on what was changed to keep it. */
export interface AcceptedCollection {
  collection: IncidentCollection;
  /** One line per kind of change, naming the first feature it touched (e.g. a 3-D position cut to 2-D). */
  notes: string[];
}

/**
 * The body's `collection`, a valid incident FeatureCollection with at least one incident; positions cut to
 * [lng, lat]. Checked in slices: 100,000 features took seconds that every other request waited through.
 */
export async function incidentCollection(body: Record<string, unknown>): Promise<AcceptedCollection> {
  const value = body.collection;
  if (value === undefined) throw bad("collection", value, "must be the incidents as a GeoJSON FeatureCollection");
  const issues: ValidationIssue[] = [];
  await inSlices(incidentIssueSteps(value, issues));
  if (issues.length > 0) {
    const [first] = issues;
    const more = issues.length > 1 ? `; and ${issues.length - 1} more` : "";
    throw new ApiError(400, `${fieldMessage(`collection.${first.path}`, first.message, first.value)}${more}`, `collection.${first.path}`);
  }
  const collection = value as IncidentCollection;
  if (collection.features.length === 0) throw bad("collection.features", [], "must hold at least one incident");
  await inSlices(nulSteps(collection.features));
  return flattened(collection);
}

/** refuseNul one feature a step (in slices, as the checks before it). */
function* nulSteps(features: IncidentCollection["features"]): Generator<void> {
  for (let i = 0; i < features.length; i++) yield refuseNul(features[i], i);
}

/** The store's text cannot hold U+0000: a property that does is refused, naming it (its value is not echoed). */
function refuseNul(f: IncidentCollection["features"][number], i: number): void {
  for (const [key, v] of Object.entries(f.properties ?? {})) {
    const nul = key.includes("\u0000") || (typeof v === "string" ? v.includes("\u0000") : v !== null && typeof v === "object" && JSON.stringify(v).includes("\\u0000"));
    if (!nul) continue;
    const field = `collection.features[${i}].properties.${key.replace(/\u0000/g, "\\0").slice(0, 80)}`;
    throw new ApiError(400, `${field}: must not hold the NUL character (U+0000), which the store cannot keep`, field);
  }
}

/**
 * The collection with every position cut to its first two numbers ([lng, lat]; a height is not kept), saying
 * so. A feature a step, in slices, as the checks before it.
 */
async function flattened(collection: IncidentCollection): Promise<AcceptedCollection> {
  let first = -1;
  let count = 0;
  const features: IncidentCollection["features"] = [];
  function* steps(): Generator<void> {
    for (const [i, f] of collection.features.entries()) {
      const flat = flatFeature(f);
      if (flat !== f && count++ === 0) first = i;
      yield void features.push(flat);
    }
  }
  await inSlices(steps());
  if (count === 0) return { collection, notes: [] };
  const more = count > 1 ? ` (and in ${count - 1} more feature${count > 2 ? "s" : ""})` : "";
  return {
    collection: { ...collection, features },
    notes: [`collection.features[${first}].geometry: a position had more than two numbers; its first two (longitude, latitude) were kept${more}`],
  };
}

/** The feature with its positions cut to [lng, lat], or the feature itself when none had more. */
function flatFeature(f: IncidentCollection["features"][number]): IncidentCollection["features"][number] {
  let cut = false;
  const walk = (part: unknown): unknown => {
    if (!Array.isArray(part)) return part;
    if (typeof part[0] === "number") {
      if (part.length <= 2) return part;
      cut = true;
      return part.slice(0, 2);
    }
    return part.map(walk);
  };
  const coordinates = walk(f.geometry.coordinates);
  return cut ? { ...f, geometry: { ...f.geometry, coordinates } as typeof f.geometry } : f;
}
