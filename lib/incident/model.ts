// The incident model, declared once: its properties' table gives the type, the validator's rules
// (validate.ts) and the key lists. Coordinates are GeoJSON `[lng, lat]` everywhere in the project except
// in the one function in components/ that hands them to Leaflet.
import type { Feature, FeatureCollection, LineString, MultiPolygon, Point, Polygon, Position } from "geojson";
import { hasControlCharacter } from "../rules/text";
import { isDay } from "./days";

export type { Position };

/** ACLED's geo_precision: 1 = the named place itself, 2 = near it / part of it, 3 = only a region. */
export type GeoPrecision = 1 | 2 | 3;

/** ACLED's time_precision: 1 = the day is known, 2 = a range of days or the week, 3 = the month or less. */
export type TimePrecision = 1 | 2 | 3;

/** ACLED's six event types: the known ones, with their fixed styles. A file's own categories are kept too. */
export const EVENT_TYPES = [
  "Battles",
  "Explosions/Remote violence",
  "Violence against civilians",
  "Protests",
  "Riots",
  "Strategic developments",
] as const;
export type AcledEventType = (typeof EVENT_TYPES)[number];

// The category of an incident whose file gives no type: importers write it, so a missing type never
// rejects a row, and the legend and filters can name it.
export const UNCLASSIFIED = "Unclassified";

// @option MAX_EVENT_TYPE_LENGTH: number = 100
// Longest category kept, in characters (code points): longer than any real taxonomy's names, short
// enough for a legend line and a link.
export const MAX_EVENT_TYPE_LENGTH = 100;

export function isAcledEventType(value: unknown): value is AcledEventType {
  return typeof value === "string" && (EVENT_TYPES as readonly string[]).includes(value);
}

/**
 * Why a value cannot be an incident's event_type, or null when it can: a non-empty string without
 * surrounding blanks or control characters, at most MAX_EVENT_TYPE_LENGTH characters. Any such string is
 * a category (ACLED's six, UNCLASSIFIED or the file's own).
 */
export function eventTypeIssue(value: unknown): string | null {
  if (typeof value !== "string" || value.trim() === "") return "must be a non-empty string (a missing type is \"Unclassified\")";
  if (value !== value.trim()) return "must not begin or end with blanks";
  if (hasControlCharacter(value)) return "must not contain control characters";
  // Characters are code points: an emoji or a rare CJK ideograph counts once, as a reader sees it.
  if (value.length > MAX_EVENT_TYPE_LENGTH && [...value].length > MAX_EVENT_TYPE_LENGTH) return `must be at most ${MAX_EVENT_TYPE_LENGTH} characters`;
  return null;
}

/** A list of categories in one canonical order, duplicates dropped: ACLED's six as EVENT_TYPES, then the rest by code unit (no locale). */
export function canonicalTypes(types: readonly string[]): string[] {
  const given = new Set(types);
  const rest = [...given].filter((t) => !isAcledEventType(t)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return [...EVENT_TYPES.filter((t) => given.has(t)), ...rest];
}

// Facets: a file's own categories besides the event type ("Weapon System", "Type of area affected"). Flat,
// so that QGIS and a CSV read them as columns: each facet is a text property named after its key, holding
// its value, several values joined by FACET_SEPARATOR; FACET_KEYS_PROPERTY names the incident's facet
// properties, joined the same way. The dataset's facets are the union of its incidents' lists.
export const FACET_KEYS_PROPERTY = "facet_keys";
export const FACET_SEPARATOR = "; ";

// Sources with links, one per line: an http(s) URL, a space and its description; a line that does not begin
// with a URL is a description alone (a source id, a title without a link). Flat text for the same reason.
export const SOURCE_LINKS_PROPERTY = "source_links";

/** @deprecated ACLED's six only: use AcledEventType; an incident's event_type is any category (string). */
export type EventType = AcledEventType;
/** @deprecated use isAcledEventType (or eventTypeIssue for "is this a category at all"). */
export const isEventType = isAcledEventType;

type Guard<T> = (value: unknown) => value is T;
const nonEmptyString = (v: unknown): v is string => typeof v === "string" && v.trim().length > 0;
const text = (v: unknown): v is string => typeof v === "string";
const count = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0;
const precision = (v: unknown): v is 1 | 2 | 3 => v === 1 || v === 2 || v === 3;
const dayOrNull = (v: unknown): v is string | null => v === null || isDay(v);
const category = (v: unknown): v is string => eventTypeIssue(v) === null;
const flag = (v: unknown): v is boolean => typeof v === "boolean";
const distance = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v) && v >= 0;

interface PropertyDeclaration {
  /** Every incident has it. */
  required: boolean;
  /** What its value is: the type's and, with `rule`, the validator's. */
  is: Guard<unknown>;
  /** The words of the error when `is` fails; null: typed but not checked (writers always give a string). */
  rule: string | null;
}

/**
 * Every property the model gives a meaning, in ACLED's order. A file's own columns and facets are kept
 * beside them under other names (lib/import/mapping/apply.ts).
 */
export const INCIDENT_PROPERTIES = {
  // Unique within a dataset, e.g. `DAR-2021-001`.
  event_id: { required: true, is: nonEmptyString, rule: "must be a non-empty string" },
  // ISO calendar date `YYYY-MM-DD` (a day, never a time); null where the source gives no date.
  event_date: { required: true, is: dayOrNull, rule: "must be an ISO day YYYY-MM-DD, or null when the source gives none" },
  // Last day of a date range, ISO; absent for single days.
  event_date_end: { required: false, is: isDay, rule: "must be an ISO day YYYY-MM-DD" },
  time_precision: { required: true, is: precision as Guard<TimePrecision>, rule: "must be 1, 2 or 3" },
  // ACLED's type (EVENT_TYPES), UNCLASSIFIED, or the file's own category (see eventTypeIssue).
  event_type: { required: true, is: category, rule: `must be a category: a non-empty string without surrounding blanks or control characters, at most ${MAX_EVENT_TYPE_LENGTH} characters` },
  sub_event_type: { required: true, is: text, rule: "must be a string" },
  actor1: { required: true, is: text, rule: "must be a string" },
  actor2: { required: false, is: text, rule: null },
  civilian_targeting: { required: false, is: flag, rule: "must be true or false" },
  // Conservative count; 0 when none reported.
  fatalities: { required: true, is: count, rule: "must be a whole number ≥ 0" },
  wounded: { required: false, is: count, rule: "must be a whole number ≥ 0" },
  captured: { required: false, is: count, rule: "must be a whole number ≥ 0" },
  // The place as the source writes it.
  location: { required: true, is: nonEmptyString, rule: "must be a non-empty string" },
  admin1: { required: true, is: text, rule: null },
  geo_precision: { required: true, is: precision as Guard<GeoPrecision>, rule: "must be 1, 2 or 3" },
  // The dataset's own words.
  notes: { required: true, is: text, rule: null },
  source: { required: true, is: text, rule: null },
  // The exact sentence of the source the event comes from.
  source_quote: { required: true, is: text, rule: "must be a string" },
  // The names of the incident's facet properties, joined by FACET_SEPARATOR (see FACET_KEYS_PROPERTY).
  facet_keys: { required: false, is: text, rule: null },
  // The incident's sources, one per line (see SOURCE_LINKS_PROPERTY and lib/incident/sources.ts).
  source_links: { required: false, is: text, rule: null },
  // Distance to the reference point (Daraa al-Balad), kilometres, one decimal; to the nearest point for lines and areas.
  distance_km: { required: false, is: distance, rule: "must be a finite number ≥ 0" },
} as const satisfies Record<string, PropertyDeclaration>;

type Declared = typeof INCIDENT_PROPERTIES;
type ValueOf<K extends keyof Declared> = Declared[K]["is"] extends Guard<infer T> ? T : never;
type RequiredKey = { [K in keyof Declared]: Declared[K]["required"] extends true ? K : never }[keyof Declared];
type OptionalKey = Exclude<keyof Declared, RequiredKey>;

/** An incident's properties: the declared ones (INCIDENT_PROPERTIES), and any a file brings. */
export type IncidentProperties = { [K in RequiredKey]: ValueOf<K> } & { [K in OptionalKey]?: ValueOf<K> } & { [key: string]: unknown };

/** The model's own fields, which the CSV writes in fixed columns and a kept column never takes the name of:
 *  every declared property but the two lists in text (facets, source links), which travel as they are. */
export const FIELD_KEYS: ReadonlySet<string> = new Set(Object.keys(INCIDENT_PROPERTIES).filter((k) => k !== FACET_KEYS_PROPERTY && k !== SOURCE_LINKS_PROPERTY));

export type IncidentGeometry = Point | LineString | Polygon | MultiPolygon;
export type IncidentFeature = Feature<IncidentGeometry, IncidentProperties>;
export type IncidentCollection = FeatureCollection<IncidentGeometry, IncidentProperties>;
