// Validation at the edge where data enters or leaves: structure through geojson-validation, then what it
// does not check (coordinate ranges, NaN and Infinity, legacy `crs`, duplicate ids, incident property types).
import GJV from "geojson-validation";
import { isDay } from "./days";
import type { IncidentCollection } from "./model";
import { featureIdIssue, GeoJSONValidationError, incidentGeometryIssue, isObject, OPTIONAL_RULES, rangeIssues, REQUIRED_RULES, showValue, type ValidationIssue } from "./shape";

// The checks that need no structure library live in shape.ts, which the page reads without this module.
export { CHECKED_PROPERTIES, featureIdIssue, GeoJSONValidationError, incidentGeometryIssue, propertyIssue, REQUIRED_PROPERTIES, showValue, type ValidationIssue } from "./shape";

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
    if (isObject(feature)) rangeIssues(feature.geometry, `${path}.geometry`, issues);
    yield;
  }
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
  for (const [field, [ok, rule]] of Object.entries(REQUIRED_RULES)) {
    if (!ok(props[field])) issues.push({ path: `${path}.${field}`, value: showValue(props[field]), message: rule });
  }
  for (const [field, [ok, rule]] of Object.entries(OPTIONAL_RULES)) {
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
