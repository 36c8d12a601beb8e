// Validation at the edge where data enters or leaves: structure through geojson-validation, then what it
// does not check (coordinate ranges, NaN and Infinity, legacy `crs`, duplicate ids, incident property types).
import GJV from "geojson-validation";
import type { Position } from "geojson";
import { isDay } from "./days";
import { INCIDENT_PROPERTIES, type IncidentCollection } from "./model";
import { fieldMessage, showValue } from "../rules/message";

export { showValue };

export interface ValidationIssue {
  /** Where, as a path into the document: `features[3].properties.event_date`. */
  path: string;
  /** The value found there, shortened for display. */
  value: string;
  message: string;
}

/** Thrown with every issue found; the message names the first few, each with its path and value. */
export class GeoJSONValidationError extends Error {
  readonly issues: ValidationIssue[];
  constructor(issues: ValidationIssue[], what = "GeoJSON") {
    const shown = issues.slice(0, 5).map((i) => fieldMessage(i.path, i.message, i.value));
    const more = issues.length > 5 ? `; and ${issues.length - 5} more` : "";
    super(`Invalid ${what}: ${shown.join("; ")}${more}`);
    this.name = "GeoJSONValidationError";
    this.issues = issues;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Every position of a geometry with its path, whatever the nesting. */
function* positions(coords: unknown, path: string): Generator<[Position, string]> {
  if (!Array.isArray(coords)) return;
  if (coords.length > 0 && !Array.isArray(coords[0])) {
    yield [coords as Position, path];
    return;
  }
  for (let i = 0; i < coords.length; i++) yield* positions(coords[i], `${path}[${i}]`);
}

function checkGeometry(geometry: unknown, path: string, issues: ValidationIssue[]): void {
  if (!isObject(geometry)) return;
  if (geometry.type === "GeometryCollection" && Array.isArray(geometry.geometries)) {
    geometry.geometries.forEach((g, i) => checkGeometry(g, `${path}.geometries[${i}]`, issues));
    return;
  }
  for (const [pos, p] of positions(geometry.coordinates, `${path}.coordinates`)) {
    const [lng, lat] = pos;
    if (typeof lng !== "number" || !Number.isFinite(lng) || typeof lat !== "number" || !Number.isFinite(lat)) {
      issues.push({ path: p, value: showValue(pos), message: "coordinates must be finite numbers" });
    } else if (lng < -180 || lng > 180) {
      issues.push({ path: p, value: showValue(pos), message: "longitude must be within -180..180" });
    } else if (lat < -90 || lat > 90) {
      issues.push({ path: p, value: showValue(pos), message: "latitude must be within -90..90" });
    }
  }
}

/** Structural and range issues of any FeatureCollection; an empty list means valid. */
export function featureCollectionIssues(input: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  runSteps(structureSteps(input, issues));
  return issues;
}

/** Runs a validation's steps to their end at once (incidentIssueSteps' callers may pause between them instead). */
function runSteps(steps: Iterator<unknown>): void {
  while (!steps.next().done);
}

/** featureCollectionIssues' checks into `issues`, one step per feature. */
function* structureSteps(input: unknown, issues: ValidationIssue[]): Generator<void, void> {
  if (!isObject(input) || input.type !== "FeatureCollection" || !Array.isArray(input.features)) {
    issues.push({ path: "(root)", value: showValue(isObject(input) ? input.type : input), message: "must be a FeatureCollection" });
    return;
  }
  if ("crs" in input) {
    issues.push({ path: "crs", value: showValue(input.crs), message: "the legacy crs member is not allowed (RFC 7946: coordinates are WGS 84 lon/lat)" });
  }
  for (let i = 0; i < input.features.length; i++) {
    const feature: unknown = input.features[i];
    const path = `features[${i}]`;
    let trace: string[];
    try {
      trace = GJV.valid(feature, true) as string[];
    } catch (err) {
      // geojson-validation 1.0.2 throws on some malformed input (an empty ring): report it, don't crash.
      trace = [`malformed geometry (${(err as Error).message})`];
    }
    for (const message of trace) issues.push({ path, value: showValue(isObject(feature) ? feature.geometry : feature), message });
    if (isObject(feature)) checkGeometry(feature.geometry, `${path}.geometry`, issues);
    yield;
  }
}

type Check = (value: unknown) => boolean;

// The declared properties (model.ts) that have a rule, as [check, the words used in the error]: required
// ones always, optional ones when present.
const rules = (required: boolean): Record<string, [Check, string]> =>
  Object.fromEntries(Object.entries(INCIDENT_PROPERTIES).flatMap(([key, d]) => (d.required === required && d.rule !== null ? [[key, [d.is, d.rule]]] : [])));
const REQUIRED = rules(true);
const OPTIONAL = rules(false);

/** The incident properties every feature must have. */
export const REQUIRED_PROPERTIES: readonly string[] = Object.keys(REQUIRED);
/** Every property propertyIssue has a rule for. */
export const CHECKED_PROPERTIES: readonly string[] = [...REQUIRED_PROPERTIES, ...Object.keys(OPTIONAL)];

/**
 * The rule an incident property's value breaks, in the words of the error, or null when it is fine (or
 * the field is one this module does not check). An absent optional field is fine; an absent required one is not.
 */
export function propertyIssue(field: string, value: unknown): string | null {
  const rule = Object.hasOwn(REQUIRED, field) ? REQUIRED[field] : value !== undefined && Object.hasOwn(OPTIONAL, field) ? OPTIONAL[field] : undefined;
  return rule && !rule[0](value) ? rule[1] : null;
}

// Nesting of each incident geometry's coordinates: 1 = a position, 2 = a list of positions, and so on.
const INCIDENT_GEOMETRY_DEPTH: Readonly<Record<string, number>> = { Point: 1, LineString: 2, Polygon: 3, MultiPolygon: 4 };

/** Every list of a geometry's coordinates is non-empty and nested exactly as its type says (positions are lists). */
function nestedAs(coords: unknown, depth: number): boolean {
  if (!Array.isArray(coords) || coords.length === 0) return false;
  return depth === 1 ? !Array.isArray(coords[0]) : coords.every((c) => nestedAs(c, depth - 1));
}

/**
 * Why a geometry cannot be an incident's, or null when it can: a Point, LineString, Polygon or
 * MultiPolygon whose coordinates are nested as its type says, with no empty list (an empty polygon has
 * no place to stand or measure from). Ranges and ring rules are featureCollectionIssues' to check.
 */
export function incidentGeometryIssue(geometry: unknown): string | null {
  const depth = isObject(geometry) && Object.hasOwn(INCIDENT_GEOMETRY_DEPTH, geometry.type as string) ? INCIDENT_GEOMETRY_DEPTH[geometry.type as string] : 0;
  return depth && nestedAs((geometry as Record<string, unknown>).coordinates, depth) ? null : "an incident needs a Point, LineString, Polygon or MultiPolygon with coordinates";
}

/** Why a feature's `id` member is not one (RFC 7946 §3.2: a string or a number), or null. */
export function featureIdIssue(id: unknown): string | null {
  return typeof id === "string" || (typeof id === "number" && Number.isFinite(id)) ? null : "must be a string or a number";
}

/** Every issue of an incident FeatureCollection: structure, ranges, property types, unique ids. */
export function incidentIssues(input: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  runSteps(incidentIssueSteps(input, issues));
  return issues;
}

/**
 * incidentIssues' checks into `issues`, one step per feature (structure first, then the incidents' own
 * rules): a server checking 100,000 features can pause between steps and let other requests through.
 */
export function* incidentIssueSteps(input: unknown, issues: ValidationIssue[]): Generator<void, void> {
  yield* structureSteps(input, issues);
  // Not a FeatureCollection (said above) but holding features: their own rules are checked too.
  if (!isObject(input) || !Array.isArray(input.features)) return;
  const features: unknown[] = input.features;
  const seen = new Map<string, number>();
  for (let i = 0; i < features.length; i++) {
    incidentFeatureIssues(features[i], i, seen, issues);
    yield;
  }
}

/** One feature's incident rules: geometry kind, id, properties, dates in order, an event_id not seen before. */
function incidentFeatureIssues(feature: unknown, i: number, seen: Map<string, number>, issues: ValidationIssue[]): void {
  const geometry = isObject(feature) ? feature.geometry : undefined;
  const geometryIssue = incidentGeometryIssue(geometry);
  if (geometryIssue) issues.push({ path: `features[${i}].geometry`, value: showValue(geometry), message: geometryIssue });
  const idIssue = isObject(feature) && feature.id !== undefined ? featureIdIssue(feature.id) : null;
  if (idIssue) issues.push({ path: `features[${i}].id`, value: showValue((feature as Record<string, unknown>).id), message: idIssue });
  const props = isObject(feature) ? feature.properties : undefined;
  const path = `features[${i}].properties`;
  if (!isObject(props)) {
    issues.push({ path, value: showValue(props), message: "must be an object" });
    return;
  }
  for (const [field, [ok, rule]] of Object.entries(REQUIRED)) {
    if (!ok(props[field])) issues.push({ path: `${path}.${field}`, value: showValue(props[field]), message: rule });
  }
  for (const [field, [ok, rule]] of Object.entries(OPTIONAL)) {
    if (props[field] !== undefined && !ok(props[field])) {
      issues.push({ path: `${path}.${field}`, value: showValue(props[field]), message: rule });
    }
  }
  if (isDay(props.event_date) && isDay(props.event_date_end) && props.event_date_end < props.event_date) {
    issues.push({ path: `${path}.event_date_end`, value: showValue(props.event_date_end), message: "must not be before event_date" });
  }
  if (typeof props.event_id === "string") {
    const first = seen.get(props.event_id);
    if (first !== undefined) {
      issues.push({ path: `${path}.event_id`, value: showValue(props.event_id), message: `duplicates the id of features[${first}]` });
    } else seen.set(props.event_id, i);
  }
}

/** Returns the input typed as incidents, or throws GeoJSONValidationError naming every issue. */
export function assertIncidentCollection(input: unknown): IncidentCollection {
  const issues = incidentIssues(input);
  if (issues.length > 0) throw new GeoJSONValidationError(issues, "incident FeatureCollection");
  return input as IncidentCollection;
}
