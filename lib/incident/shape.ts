// validate.ts's checks that need no structure library, and the shape of a FeatureCollection as Leaflet draws
// it. The page reads GeoJSON our server has checked with validate.ts's featureCollectionIssues
// (geojson-validation) with collectionShapeIssues, so that library stays out of the page's first scripts.
import type { Position } from "geojson";
import { INCIDENT_PROPERTIES } from "./model";
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

export function isObject(value: unknown): value is Record<string, unknown> {
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

/** A geometry's positions out of range (or not finite numbers) into `issues`; what geojson-validation does not check. */
export function rangeIssues(geometry: unknown, path: string, issues: ValidationIssue[]): void {
  if (!isObject(geometry)) return;
  if (geometry.type === "GeometryCollection" && Array.isArray(geometry.geometries)) {
    geometry.geometries.forEach((g, i) => rangeIssues(g, `${path}.geometries[${i}]`, issues));
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

// Nesting of each geometry type's coordinates: 1 = a position, 2 = a list of positions, and so on.
const GEOMETRY_DEPTH: Readonly<Record<string, number>> = { Point: 1, MultiPoint: 2, LineString: 2, MultiLineString: 3, Polygon: 3, MultiPolygon: 4 };
const INCIDENT_TYPES = ["Point", "LineString", "Polygon", "MultiPolygon"];

/** Every list of a geometry's coordinates is nested exactly as its type says (positions are non-empty lists);
 *  with `filled`, none is empty. */
function nestedAs(coords: unknown, depth: number, filled: boolean): boolean {
  if (!Array.isArray(coords) || ((filled || depth === 1) && coords.length === 0)) return false;
  return depth === 1 ? !Array.isArray(coords[0]) : coords.every((c) => nestedAs(c, depth - 1, filled));
}

/** A geometry of a known type whose coordinates are nested as the type says (a GeometryCollection's members too). */
function drawable(geometry: unknown, filled = false): boolean {
  if (!isObject(geometry)) return false;
  if (geometry.type === "GeometryCollection") return Array.isArray(geometry.geometries) && geometry.geometries.every((g) => drawable(g, filled));
  const depth = Object.hasOwn(GEOMETRY_DEPTH, geometry.type as string) ? GEOMETRY_DEPTH[geometry.type as string] : 0;
  return depth > 0 && nestedAs(geometry.coordinates, depth, filled);
}

/**
 * What Leaflet needs of a FeatureCollection to draw it: features whose geometry is null or of a known type
 * with its coordinates nested as the type says, every position a finite lng/lat in range, no legacy `crs`.
 * Not the rules of RFC 7946 that drawing does not need (closed rings, two positions a line): the server checks
 * those (featureCollectionIssues) on what it serves. An empty list means it can be drawn.
 */
export function collectionShapeIssues(input: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!isObject(input) || input.type !== "FeatureCollection" || !Array.isArray(input.features)) {
    return [{ path: "(root)", value: showValue(isObject(input) ? input.type : input), message: "must be a FeatureCollection" }];
  }
  if ("crs" in input) issues.push({ path: "crs", value: showValue(input.crs), message: "the legacy crs member is not allowed (RFC 7946: coordinates are WGS 84 lon/lat)" });
  input.features.forEach((feature: unknown, i) => {
    const path = `features[${i}]`;
    if (!isObject(feature) || feature.type !== "Feature") issues.push({ path, value: showValue(isObject(feature) ? feature.type : feature), message: "must be a Feature" });
    else if (feature.geometry !== null && !drawable(feature.geometry)) issues.push({ path: `${path}.geometry`, value: showValue(feature.geometry), message: "must be null or a geometry whose coordinates are nested as its type says" });
    else rangeIssues(feature.geometry, `${path}.geometry`, issues);
  });
  return issues;
}

// The declared properties (model.ts) that have a rule, as [check, the words used in the error]: required
// ones always, optional ones when present.
type Check = (value: unknown) => boolean;
const rules = (required: boolean): Record<string, [Check, string]> =>
  Object.fromEntries(Object.entries(INCIDENT_PROPERTIES).flatMap(([key, d]) => (d.required === required && d.rule !== null ? [[key, [d.is, d.rule]]] : [])));
export const REQUIRED_RULES = rules(true);
export const OPTIONAL_RULES = rules(false);

/** The incident properties every feature must have. */
export const REQUIRED_PROPERTIES: readonly string[] = Object.keys(REQUIRED_RULES);
/** Every property propertyIssue has a rule for. */
export const CHECKED_PROPERTIES: readonly string[] = [...REQUIRED_PROPERTIES, ...Object.keys(OPTIONAL_RULES)];

/**
 * The rule an incident property's value breaks, in the words of the error, or null when it is fine (or
 * the field is one this module does not check). An absent optional field is fine; an absent required one is not.
 */
export function propertyIssue(field: string, value: unknown): string | null {
  const rule = Object.hasOwn(REQUIRED_RULES, field) ? REQUIRED_RULES[field] : value !== undefined && Object.hasOwn(OPTIONAL_RULES, field) ? OPTIONAL_RULES[field] : undefined;
  return rule && !rule[0](value) ? rule[1] : null;
}

/**
 * Why a geometry cannot be an incident's, or null when it can: a Point, LineString, Polygon or
 * MultiPolygon whose coordinates are nested as its type says, with no empty list (an empty polygon has
 * no place to stand or measure from). Ranges and ring rules are featureCollectionIssues' to check.
 */
export function incidentGeometryIssue(geometry: unknown): string | null {
  return isObject(geometry) && INCIDENT_TYPES.includes(geometry.type as string) && drawable(geometry, true) ? null : "an incident needs a Point, LineString, Polygon or MultiPolygon with coordinates";
}

/** Why a feature's `id` member is not one (RFC 7946 §3.2: a string or a number), or null. */
export function featureIdIssue(id: unknown): string | null {
  return typeof id === "string" || (typeof id === "number" && Number.isFinite(id)) ? null : "must be a string or a number";
}
