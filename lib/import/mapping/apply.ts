// One record + a Mapping → incident properties and a position (or a place name waiting for the geocoder),
// or the first problem found, naming the column as the file names it and the value as the file holds it.
// Ids that collide need the whole file and are settled by the pipeline, not here.
import type { BBox } from "../../geo/bbox";
import { MAX_EVENT_TYPE_LENGTH, type IncidentGeometry, type IncidentProperties } from "../../incident/model";
import { REQUIRED_PROPERTIES, showValue } from "../../incident/validate";
import { checkGeometry, positionProblem } from "../geometry";
import { readJson } from "../json";
import { unsafeKeyReason } from "../keys";
import type { Source, SourceRecord } from "../source/types";
import { DATE_FORMAT_EXAMPLES, readDateIn, type ReadDate } from "./dates";
import { readEventType, type TypeScheme } from "./event-types";
import { fileFrame, swappedInFrame } from "./frame";
import { DEFAULT_GEO_PRECISION, derivedTimePrecision, readPrecision } from "./precision";
import { ROLES, type Mapping, type PrecisionScale, type Role } from "./types";
import { isBlank, parseCount, parseNumber, parseWktPoint, textOf, urlsIn } from "./values";
import { safeHttpUrl } from "../url";
import { sourceLinksText } from "../../incident/sources";
import { eventTypeFromFacets, facetsOfCell, mergeFacets, putFacets, sourceLinksOf } from "./facets";

export interface NormalisedRow {
  /** The incident's properties in the model's order, kept columns last; event_id first, set when ids are settled. */
  props: Record<string, unknown>;
  /** The file's id, or null when blank (one is generated). */
  explicitId: string | null;
  /** Whether the file gave geo_precision (a geocoder may only make it coarser, never finer). */
  geoPrecisionGiven: boolean;
  /** Notes for the report's warnings (e.g. an object kept as JSON text). */
  warnings: string[];
}

export interface RowProblem {
  field: string;
  /** The value as shown in the report (showValue: JSON, shortened). */
  value: string;
  message: string;
}

export type Applied =
  | { kind: "empty" }
  | { kind: "rejected"; problem: RowProblem }
  | { kind: "placed"; row: NormalisedRow; geometry: IncidentGeometry }
  | { kind: "place"; row: NormalisedRow; place: string; placeField: string };

type Column = { name: string; index: number };

export interface CompiledMapping {
  mapping: Mapping;
  csv: boolean;
  hasGeometry: boolean;
  maxJsonDepth: number;
  byRole: Map<Role, Column>;
  keep: Column[];
  /** Columns read as facets (lib/import/mapping/facets.ts), in the file's order. */
  facets: Column[];
  scheme: TypeScheme;
  inter1?: Column;
  /** Where the sample's rows lie, for the swapped-coordinates judgement of a single row. */
  frame: BBox | null;
  /** Feature formats: the feature's own id column, used when the id column's cell is blank. */
  idFallback?: Column;
  /** Date texts already read under this mapping. */
  dates: Map<string, ReadDate | null>;
}

// @option DATE_CACHE_SIZE: number = 100000, distinct date texts remembered while reading a file.
const DATE_CACHE_SIZE = 100_000;

/** Roles that may sit on at most one column; a later column with the same role is kept as its own property. */
const SINGLE = (role: Role) => role !== "keep" && role !== "ignore";

/** The Mapping resolved against a file's columns once, so each record is read without lookups by name. */
export function compileMapping(mapping: Mapping, source: Pick<Source, "columns" | "format" | "hasGeometry" | "sample">, maxJsonDepth: number): CompiledMapping {
  const byRole = new Map<Role, Column>();
  const keep: Column[] = [];
  const facets: Column[] = [];
  source.columns.forEach((name, index) => {
    if (unsafeKeyReason(name)) return;
    // Own entries only (a column named "constructor" must not find Object.prototype.constructor); a column
    // the mapping does not name, or names with an unknown role (a mapping remembered from an older header),
    // is kept rather than lost.
    const given = Object.hasOwn(mapping.roles, name) ? mapping.roles[name] : undefined;
    const role: Role = given !== undefined && (ROLES as readonly string[]).includes(given) ? given : "keep";
    if (role === "ignore") return;
    if (role === "facet") return void facets.push({ name, index });
    if (role === "keep" || (SINGLE(role) && byRole.has(role))) keep.push({ name, index });
    else byRole.set(role, { name, index });
  });
  // A feature's own id (the readers' "id" column) stands in when the id column a property gives is blank.
  const idFallbackAt = source.hasGeometry && byRole.has("id") ? keep.findIndex((k) => ["id", "feature id"].includes(k.name.trim().toLowerCase())) : -1;
  const idFallback = idFallbackAt === -1 ? undefined : keep.splice(idFallbackAt, 1)[0];
  const type = byRole.get("event_type");
  const inter1Index = source.columns.findIndex((c) => c.trim().toLowerCase() === "inter1");
  const compiled: CompiledMapping = {
    mapping,
    csv: source.format === "csv",
    hasGeometry: source.hasGeometry,
    maxJsonDepth,
    byRole,
    keep,
    facets,
    scheme: type && type.name.trim().toLowerCase() === "type_of_violence" ? "ucdp" : "acled",
    ...(inter1Index !== -1 ? { inter1: { name: source.columns[inter1Index], index: inter1Index } } : {}),
    frame: null,
    dates: new Map(),
    ...(idFallback ? { idFallback } : {}),
  };
  // The frame from the sample's points as this mapping places them, before any frame judges them.
  const points: [number, number][] = [];
  for (const record of source.sample) {
    try {
      const where = position(compiled, record, new Cells(compiled, record));
      if (where.kind === "placed" && where.geometry.type === "Point") points.push([where.geometry.coordinates[0], where.geometry.coordinates[1]]);
    } catch {
      // a row the mapping cannot place says nothing about where the file's rows lie
    }
  }
  compiled.frame = fileFrame(points);
  return compiled;
}

/** True when rows can be placed by coordinates: a geometry per feature, latitude/longitude or a geometry column. */
export const hasCoordinates = (c: CompiledMapping) => c.hasGeometry || c.byRole.has("latitude") || c.byRole.has("geometry");
/** The column whose text is geocoded when a row has no coordinates: the place, else the location. */
export const placeColumn = (c: CompiledMapping): Column | undefined => c.byRole.get("place") ?? c.byRole.get("location");

class Problem extends Error {
  readonly value: string;
  /** `value` is the file's value, or (`shown`) a geometry check's text of it already. */
  constructor(readonly field: string, value: unknown, message: string, shown = false) {
    super(message);
    this.value = shown ? String(value) : showValue(value);
  }
}

const EDGE_NBSP = /^[\u00a0\u2007\u202f]+|[\u00a0\u2007\u202f]+$/g;
const NBSP = new Set([0xa0, 0x2007, 0x202f]);
const TRUE_WORDS = new Set(["civilian targeting", "true", "yes", "1"]);
const FALSE_WORDS = new Set(["false", "no", "0", ""]);

export function applyMapping(c: CompiledMapping, record: SourceRecord): Applied {
  // Rows of empty cells are spreadsheet leftovers; a feature is never one, even without properties.
  if (!c.hasGeometry && record.values.every(isBlank)) return { kind: "empty" };
  try {
    return read(c, record);
  } catch (err) {
    if (err instanceof Problem) return { kind: "rejected", problem: { field: err.field, value: err.value, message: err.message } };
    throw err;
  }
}

/** One record's cells by role; methods rather than per-row closures, since a file may have a million rows. */
class Cells {
  constructor(
    readonly c: CompiledMapping,
    readonly record: SourceRecord,
  ) {}
  col(role: Role): Column | undefined {
    return this.c.byRole.get(role);
  }
  raw(role: Role): unknown {
    const column = this.c.byRole.get(role);
    return column === undefined ? undefined : this.record.values[column.index];
  }
  nameOf(role: Role): string {
    return this.c.byRole.get(role)?.name ?? role;
  }
  problem(role: Role, message: string, value: unknown = this.raw(role)): never {
    throw new Problem(this.nameOf(role), value, message);
  }
  /** Text of a cell. (The CSV reader has already taken off the apostrophe our export adds against formula
   *  injection.) Non-breaking spaces at a cell's edges come from web pages; ordinary spaces are the file's. */
  text(role: Role): string {
    const t = textOf(this.raw(role));
    return t.length > 0 && (NBSP.has(t.charCodeAt(0)) || NBSP.has(t.charCodeAt(t.length - 1))) ? t.replace(EDGE_NBSP, "") : t;
  }
  optionalText(role: Role): string | undefined {
    const t = this.text(role);
    return t.trim() === "" ? undefined : t;
  }
  count(role: Role): number | undefined {
    try {
      return parseCount(this.raw(role)) ?? undefined;
    } catch (err) {
      return this.problem(role, (err as Error).message);
    }
  }
  number(role: Role): number | null {
    try {
      return parseNumber(this.raw(role));
    } catch (err) {
      return this.problem(role, (err as Error).message);
    }
  }
  precision(role: Role, scale: PrecisionScale): 1 | 2 | 3 | null {
    try {
      return readPrecision(this.raw(role), scale);
    } catch (err) {
      return this.problem(role, (err as Error).message);
    }
  }
  day(role: Role): ReadDate | undefined {
    const v = this.raw(role);
    if (isBlank(v)) return undefined;
    const { dateFormat: format, twoDigitYearPivot } = this.c.mapping;
    if (format === null) return this.problem(role, "has no date format chosen in the mapping");
    // A file repeats its dates (a year's events share 365 of them): each text is read once.
    const cache = this.c.dates;
    let d = typeof v === "string" ? cache.get(v) : undefined;
    if (d === undefined) {
      d = readDateIn(v, format, twoDigitYearPivot);
      if (typeof v === "string") {
        if (cache.size >= DATE_CACHE_SIZE) cache.clear();
        cache.set(v, d);
      }
    }
    if (d === null) return this.problem(role, `is not a date written ${format} (e.g. ${DATE_FORMAT_EXAMPLES[format]})`);
    return d;
  }
}

function read(c: CompiledMapping, record: SourceRecord): Applied {
  const { mapping } = c;
  const warnings: string[] = [];
  const cells = new Cells(c, record);
  const raw = (role: Role) => cells.raw(role);
  // id: text or a whole number; blank → generated by the pipeline.
  let explicitId: string | null = null;
  const id = isBlank(raw("id")) && c.idFallback ? record.values[c.idFallback.index] : raw("id");
  if (!isBlank(id)) {
    // Spaces around an id (a spreadsheet's trailing non-breaking space) would make the same event two ids.
    if (typeof id === "string") explicitId = id.trim();
    else if (typeof id === "number" && Number.isSafeInteger(id)) explicitId = String(id);
    else cells.problem("id", "must be text or a whole number", id);
  }

  // When: the date (a day, or a month or year read as a range), the end day, the precision.
  let start = cells.day("date");
  const endDay = cells.day("date_end");
  const yearValue = raw("year");
  if (!isBlank(yearValue)) {
    const y = textOf(yearValue).trim().replace(/\.0+$/, "");
    if (!/^\d{4}$/.test(y)) cells.problem("year", "must be a four-digit year");
    if (start !== undefined && start.date.slice(0, 4) !== y) cells.problem("year", `does not match the date ${start.date}`);
    // A year without a date column stands for the whole year; with one it is redundant and not kept.
    if (start === undefined && !cells.col("date")) start = { date: `${y}-01-01`, end: `${y}-12-31`, precision: 3 };
  }
  const eventDate = start?.date ?? null;
  let eventDateEnd = endDay ? (endDay.end ?? endDay.date) : start?.end;
  if (eventDateEnd !== undefined && eventDate !== null && eventDateEnd < eventDate) cells.problem("date_end", `must not be before the date ${eventDate}`);
  if (eventDateEnd === eventDate) eventDateEnd = undefined;
  const timeGiven = cells.precision("time_precision", mapping.precision.time);
  // The coarser of the file's code and what the written date itself allows (a month is never a day).
  const timePrecision = Math.max(timeGiven ?? derivedTimePrecision(eventDate, eventDateEnd), start?.precision ?? 1) as 1 | 2 | 3;

  const inter1 = c.inter1 ? textOf(record.values[c.inter1.index]) : undefined;
  const typeValue = raw("event_type");
  if (typeof typeValue === "object" && typeValue !== null && !(typeValue instanceof Date)) cells.problem("event_type", "must be text, not a list or an object");
  const facets = mergeFacets(c.facets.map(({ name, index }) => facetsOfCell(name, record.values[index], c.maxJsonDepth)));
  const type = readEventType(eventTypeFromFacets(facets, mapping.eventTypeFacet) ?? cells.text("event_type"), c.scheme, inter1);
  if ([...type.eventType].length > MAX_EVENT_TYPE_LENGTH) cells.problem("event_type", `is longer than ${MAX_EVENT_TYPE_LENGTH} characters: a category, not a description, is expected`);
  const subEventType = cells.text("sub_event_type").trim() === "" && type.subEventType ? type.subEventType : cells.text("sub_event_type");

  let civilianTargeting: boolean | undefined;
  const ct = raw("civilian_targeting");
  if (typeof ct === "boolean") civilianTargeting = ct;
  else if (!isBlank(ct)) {
    const word = textOf(ct).trim().toLowerCase();
    if (TRUE_WORDS.has(word)) civilianTargeting = true;
    else if (FALSE_WORDS.has(word)) civilianTargeting = false;
    else cells.problem("civilian_targeting", 'must be "Civilian targeting" (ACLED), true/false, yes/no, or blank');
  }

  const distance = cells.number("distance_km");
  if (distance !== null && distance < 0) cells.problem("distance_km", "must be ≥ 0");
  const geoGiven = cells.precision("geo_precision", mapping.precision.geo);

  // Where: the feature's geometry, a geometry column, latitude/longitude, or the place name to geocode.
  const where = position(c, record, cells);

  // The place as the source names it: the location column, else the place column, else (when the file
  // names no places at all) the coordinates themselves, written out.
  let location = cells.text("location");
  if (location.trim() === "") location = cells.text("place");
  if (location.trim() === "") {
    const named = cells.col("location") ?? cells.col("place");
    if (named) throw new Problem(named.name, raw(cells.col("location") ? "location" : "place"), "is empty; every incident needs the place as the source names it");
    if (where.kind === "placed" && where.geometry.type === "Point") location = `${where.geometry.coordinates[1]}, ${where.geometry.coordinates[0]}`;
    else location = "(unnamed place)";
  }

  // Built by assignment, in the model's order: every key is the model's own or a column name that passed
  // unsafeKeyReason in compileMapping, so no assignment can reach a prototype. event_id is settled later.
  const props: Record<string, unknown> = { event_id: "", event_date: eventDate };
  if (eventDateEnd !== undefined) props.event_date_end = eventDateEnd;
  props.time_precision = timePrecision;
  props.event_type = type.eventType;
  if (type.original !== undefined) props.event_type_original = type.original;
  props.sub_event_type = subEventType;
  props.actor1 = cells.text("actor1");
  const actor2 = cells.optionalText("actor2");
  if (actor2 !== undefined) props.actor2 = actor2;
  if (civilianTargeting !== undefined) props.civilian_targeting = civilianTargeting;
  props.fatalities = cells.count("fatalities") ?? 0;
  const wounded = cells.count("wounded");
  if (wounded !== undefined) props.wounded = wounded;
  const captured = cells.count("captured");
  if (captured !== undefined) props.captured = captured;
  props.location = location;
  props.admin1 = cells.text("admin1");
  props.geo_precision = geoGiven ?? DEFAULT_GEO_PRECISION;
  props.notes = cells.text("notes");
  props.source = cells.text("source");
  props.source_quote = cells.text("source_quote");
  if (distance !== null) props.distance_km = distance;
  const link = raw("link");
  if (!isBlank(link)) {
    // Text is kept as written (the page links only http(s), lib/import/url.ts); from a list of sources
    // (TimeMap) the first safe link is taken, and the list itself is kept under its own name.
    if (typeof link === "string") props.source_url = link;
    else {
      const url = urlsIn(link).map(safeHttpUrl).find((u) => u !== null);
      if (url) props.source_url = url;
      const links = sourceLinksText(sourceLinksOf(link, c.maxJsonDepth));
      if (links !== "") props.source_links = links;
      props[freeKey(props, cells.nameOf("link"))] = keptValue(cells.nameOf("link"), link, c.csv, warnings);
    }
  }
  putFacets(props, facets, (key) => freeKey(props, key));
  for (const { name, index } of c.keep) {
    const value = keptValue(name, record.values[index], c.csv, warnings);
    // A kept column never overwrites a property the mapping gives (a second "event_type" column, say).
    if (value !== undefined) props[freeKey(props, name)] = value;
  }

  const row: NormalisedRow = { props, explicitId, geoPrecisionGiven: geoGiven !== null, warnings };
  if (where.kind === "placed") return { kind: "placed", row, geometry: where.geometry };
  return { kind: "place", row, place: where.place, placeField: where.field };
}

// The model's optional properties (lib/incident/validate checks them when present); typed, so a rename fails.
type NamedKey<T> = keyof { [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K] };
const OPTIONAL_MODEL_KEYS: readonly NamedKey<IncidentProperties>[] = ["event_date_end", "actor2", "civilian_targeting", "wounded", "captured", "distance_km"];
/** Every property the model gives a meaning: a kept column never takes one of these names. */
export const MODEL_KEYS: ReadonlySet<string> = new Set<string>([...REQUIRED_PROPERTIES, ...OPTIONAL_MODEL_KEYS]);

/** `name`, or `name (file)` (and again) when the properties have it or the model gives it a meaning. */
function freeKey(props: Record<string, unknown>, name: string): string {
  let key = name;
  while (Object.hasOwn(props, key) || MODEL_KEYS.has(key)) key = `${key} (file)`;
  return key;
}

type Where = { kind: "placed"; geometry: IncidentGeometry } | { kind: "place"; place: string; field: string };

const fail = (field: string, value: unknown, message: string, shown = false): never => {
  throw new Problem(field, value, message, shown);
};

// KML and some GeoJSON write an altitude (Google My Maps: always 0); the map and its measures are flat.
const flat = (coords: unknown): unknown => (Array.isArray(coords) && typeof coords[0] === "number" ? coords.slice(0, 2) : Array.isArray(coords) ? coords.map(flat) : coords);
const withoutAltitude = (g: IncidentGeometry): IncidentGeometry => ({ type: g.type, coordinates: flat(g.coordinates) }) as IncidentGeometry;

function numberAt(v: unknown, field: string): number | null {
  try {
    return parseNumber(v);
  } catch (err) {
    return fail(field, v, (err as Error).message);
  }
}

function position(c: CompiledMapping, record: SourceRecord, cells: Cells): Where {
  if (c.hasGeometry && record.geometry) {
    const g = checkGeometry(record.geometry);
    if (!g.ok) return fail(g.issue.path ? `geometry.${g.issue.path}` : "geometry", g.issue.value, g.issue.message, true);
    const swapped = g.geometry.type === "Point" ? swappedInFrame(c.frame, g.geometry.coordinates[0], g.geometry.coordinates[1]) : null;
    if (swapped) return fail("geometry.coordinates", JSON.stringify(g.geometry.coordinates), swapped, true);
    return { kind: "placed", geometry: withoutAltitude(g.geometry) };
  }
  const geometryValue = cells.raw("geometry");
  if (!isBlank(geometryValue)) {
    const field = cells.nameOf("geometry");
    let geometry: unknown = geometryValue;
    if (typeof geometryValue === "string") {
      if (/^\s*[{[]/.test(geometryValue)) {
        const json = readJson(geometryValue, c.maxJsonDepth);
        if (!json.ok) return fail(field, geometryValue, json.message);
        geometry = json.value;
      } else {
        try {
          geometry = { type: "Point", coordinates: parseWktPoint(geometryValue) };
        } catch (err) {
          return fail(field, geometryValue, (err as Error).message);
        }
      }
    }
    const g = checkGeometry(geometry);
    if (!g.ok) return fail(g.issue.path ? `${field}.${g.issue.path}` : field, g.issue.value, g.issue.message, true);
    return { kind: "placed", geometry: g.geometry };
  }
  const latText = cells.raw("latitude");
  const lngText = cells.raw("longitude");
  if (!isBlank(latText) || !isBlank(lngText)) {
    const latName = cells.nameOf("latitude");
    const lngName = cells.nameOf("longitude");
    const lat = numberAt(latText, latName);
    const lng = numberAt(lngText, lngName);
    if (lat === null) return fail(latName, latText ?? "", "is empty while longitude is given");
    if (lng === null) return fail(lngName, lngText ?? "", "is empty while latitude is given");
    const problem = positionProblem(lng, lat) ?? swappedInFrame(c.frame, lng, lat);
    if (problem) return fail(`${latName}, ${lngName}`, `${textOf(latText)}, ${textOf(lngText)}`, problem);
    return { kind: "placed", geometry: { type: "Point", coordinates: [lng, lat] } };
  }
  const placeCol = c.byRole.get("place") ?? c.byRole.get("location");
  const place = placeCol ? textOf(record.values[placeCol.index]).trim() : "";
  if (placeCol && place !== "") return { kind: "place", place, field: placeCol.name };
  if (c.hasGeometry && record.geometry === null) return fail("geometry", null, "the feature has no geometry and no place name to geocode");
  if (c.byRole.has("latitude")) return fail(cells.nameOf("latitude"), latText ?? "", "is empty: the row has no coordinates" + (placeCol ? " and no place name to geocode" : ""));
  return fail(placeCol?.name ?? "location", place, "is empty: the row has no coordinates and no place name to geocode");
}

/** A kept column's value: CSV text (blank → absent), JSON scalars as they are, nested JSON as its text. */
function keptValue(name: string, value: unknown, csv: boolean, warnings: string[]): unknown {
  if (value === undefined) return undefined;
  if (typeof value === "string") return value === "" && csv ? undefined : value;
  if (value === null || typeof value === "boolean") return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Problem(name, value, "must be a finite number (a value such as 1e400 overflows to Infinity)");
    return value;
  }
  if (value instanceof Date) return textOf(value);
  warnings.push(`property "${name}" holds ${Array.isArray(value) ? "an array" : "an object"}; kept as its JSON text`);
  return JSON.stringify(value);
}
