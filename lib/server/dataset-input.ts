// What a client may send about a dataset, checked before anything is written: metadata fields and the
// incidents (the project's validator, lib/incident/validate.ts). Each refusal names the field and the value.
import "server-only";
import type { Visibility } from "../db/types";
import type { DatasetMetadata } from "../db/datasets";
import type { IncidentCollection } from "../incident/model";
import { incidentIssues, showValue } from "../incident/validate";
import { ApiError } from "./api";

export const VISIBILITIES: readonly Visibility[] = ["private", "link", "public"];

// @option FIELD_LIMITS: characters = name 200 (the schema's), description 5000, licence 200, source 1000
export const FIELD_LIMITS = { name: 200, description: 5000, licence: 200, source: 1000 } as const;

const bad = (field: string, value: unknown, rule: string) => new ApiError(400, `${field}: ${rule} (value: ${showValue(value)})`, field);

function text(body: Record<string, unknown>, field: keyof typeof FIELD_LIMITS, required: boolean): string | undefined {
  const value = body[field];
  if (value === undefined && !required) return undefined;
  if (typeof value !== "string") throw bad(field, value, "must be a string");
  const trimmed = value.trim();
  if (required && trimmed.length === 0) throw bad(field, value, "must not be empty");
  if ([...trimmed].length > FIELD_LIMITS[field]) throw bad(field, value, `must be at most ${FIELD_LIMITS[field]} characters`);
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(trimmed)) throw bad(field, value, "must not hold control characters");
  return trimmed;
}

function visibility(body: Record<string, unknown>, required: boolean): Visibility | undefined {
  const value = body.visibility;
  if (value === undefined && !required) return undefined;
  if (!(VISIBILITIES as readonly unknown[]).includes(value)) throw bad("visibility", value, `must be one of ${VISIBILITIES.join(", ")}`);
  return value as Visibility;
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

/** The body's `collection`, a valid incident FeatureCollection with at least one incident. */
export function incidentCollection(body: Record<string, unknown>): IncidentCollection {
  const value = body.collection;
  if (value === undefined) throw bad("collection", value, "must be the incidents as a GeoJSON FeatureCollection");
  const issues = incidentIssues(value);
  if (issues.length > 0) {
    const [first] = issues;
    const more = issues.length > 1 ? `; and ${issues.length - 1} more` : "";
    throw new ApiError(400, `collection.${first.path}: ${first.message} (value: ${first.value})${more}`, `collection.${first.path}`);
  }
  const collection = value as IncidentCollection;
  if (collection.features.length === 0) throw bad("collection.features", [], "must hold at least one incident");
  return collection;
}

/** A URL name for a dataset from its name: lower-case letters, digits and hyphens (the schema's slug rule). */
export function slugOf(name: string): string {
  const base = name
    .normalize("NFKD")
    // Accents and transliteration marks (ʿ ʾ) go; they are part of a letter, not a word break.
    .replace(/[\u02b0-\u02ff\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/, "");
  return base || "dataset";
}
