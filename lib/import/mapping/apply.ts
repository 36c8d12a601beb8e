// One record + a Mapping → incident properties and a position (or a place name waiting for the geocoder),
// or the first problem found, naming the column as the file names it and the value as the file holds it.
// Ids that collide need the whole file and are settled by the pipeline, not here.
import { FIELD_KEYS, MAX_EVENT_TYPE_LENGTH, type IncidentGeometry } from "../../incident/model";
import { showValue } from "../../incident/validate";
import { checkGeometry, positionProblem } from "../geometry";
import { parseBoundedJson } from "../json";
import { unsafeKeyReason } from "../keys";
import type { Source, SourceRecord } from "../source/types";
import { DATE_FORMAT_EXAMPLES, readDateIn, type ReadDate } from "./dates";
import { readEventType, type TypeScheme } from "./event-types";
import { countryFlag } from "./country";
import { fixedDateProblem } from "./undated";
import type { RowFlag } from "../flags";
import type { PlaceContext } from "../../geocode/query";
import { DEFAULT_GEO_PRECISION, derivedTimePrecision, readPrecision } from "./precision";
import { COLUMN_ROLES, type FixedDate, type Mapping, type PrecisionScale, type ColumnRole } from "./types";
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
  /** What the row's checks found without rejecting it: unreadable secondary values, a position outside its country. */
  flags: RowFlag[];
}

export interface RowProblem {
  field: string;
  /** The value as shown in the report (showValue: JSON, shortened). */
  value: string;
  message: string;
}

export type Applied =
  /** Not a record: empty, or only a date or filler ("-", "n/a"); counted apart from rejections. */
  | { kind: "skipped" }
  | { kind: "rejected"; problem: RowProblem }
  | { kind: "placed"; row: NormalisedRow; geometry: IncidentGeometry }
  /** `unplaced`: why the row's own position could not be read, when it has one (the place name stands in). */
  | { kind: "place"; row: NormalisedRow; place: string; placeField: string; context?: PlaceContext; admin?: keyof PlaceContext; unplaced?: RowProblem };

type Column = { name: string; index: number };

export interface CompiledMapping {
  mapping: Mapping;
  csv: boolean;
  hasGeometry: boolean;
  maxJsonDepth: number;
  byRole: Map<ColumnRole, Column>;
  keep: Column[];
  /** Columns read as facets (lib/import/mapping/facets.ts), in the file's order. */
  facets: Column[];
  scheme: TypeScheme;
  inter1?: Column;
  /** Feature formats: the feature's own id column, used when the id column's cell is blank. */
  idFallback?: Column;
  /** Date texts already read under this mapping. */
  dates: Map<string, ReadDate | null>;
  /** The key orders of the rows' properties read so far (FileProperties.build). */
  shapes: KeyShape;
  /** The columns of the date roles, which a row of padding may fill (notARecord). */
  dateColumns: ReadonlySet<number>;
  /** How the report names the latitude and longitude columns together ("latitude, longitude"), and a point's
   *  field when checked against its country: made once, not for every row. */
  latLngField: string;
  pointField: string;
}

// @option DATE_CACHE_SIZE: number = 100000, distinct date texts remembered while reading a file.
const DATE_CACHE_SIZE = 100_000;

/** Roles read for checks and context, whose column is also kept as a property under its own name. */
const READ_AND_KEPT: ReadonlySet<ColumnRole> = new Set<ColumnRole>(["country", "admin2"]);

/** Roles that may sit on at most one column; a later column with the same role is kept as its own property. */
const SINGLE = (role: ColumnRole) => role !== "keep" && role !== "ignore";

/** The Mapping resolved against a file's columns once, so each record is read without lookups by name. */
export function compileMapping(mapping: Mapping, source: Pick<Source, "columns" | "format" | "hasGeometry">, maxJsonDepth: number): CompiledMapping {
  const byRole = new Map<ColumnRole, Column>();
  const keep: Column[] = [];
  const facets: Column[] = [];
  source.columns.forEach((name, index) => {
    if (unsafeKeyReason(name)) return;
    // Own entries only (a column named "constructor" must not find Object.prototype.constructor); a column
    // the mapping does not name, or names with an unknown role (a mapping remembered from an older header),
    // is kept rather than lost.
    const given = Object.hasOwn(mapping.roles, name) ? mapping.roles[name] : undefined;
    const role: ColumnRole = given !== undefined && (COLUMN_ROLES as readonly string[]).includes(given) ? given : "keep";
    if (role === "ignore") return;
    if (role === "facet") return void facets.push({ name, index });
    if (role === "keep" || (SINGLE(role) && byRole.has(role))) keep.push({ name, index });
    else {
      byRole.set(role, { name, index });
      if (READ_AND_KEPT.has(role)) keep.push({ name, index });
    }
  });
  // A feature's own id (the readers' "id" column) stands in when the id column a property gives is blank.
  const idFallbackAt = source.hasGeometry && byRole.has("id") ? keep.findIndex((k) => ["id", "feature id"].includes(k.name.trim().toLowerCase())) : -1;
  const idFallback = idFallbackAt === -1 ? undefined : keep.splice(idFallbackAt, 1)[0];
  const type = byRole.get("event_type");
  const inter1Index = source.columns.findIndex((c) => c.trim().toLowerCase() === "inter1");
  const latLngField = `${byRole.get("latitude")?.name ?? "latitude"}, ${byRole.get("longitude")?.name ?? "longitude"}`;
  return {
    mapping,
    csv: source.format === "csv",
    hasGeometry: source.hasGeometry,
    maxJsonDepth,
    byRole,
    keep,
    facets,
    scheme: type && type.name.trim().toLowerCase() === "type_of_violence" ? "ucdp" : "acled",
    ...(inter1Index !== -1 ? { inter1: { name: source.columns[inter1Index], index: inter1Index } } : {}),
    dates: new Map(),
    shapes: { next: new Map() },
    dateColumns: new Set([...DATE_ROLES].flatMap((role) => byRole.get(role)?.index ?? [])),
    latLngField,
    pointField: byRole.has("latitude") ? latLngField : (byRole.get("geometry")?.name ?? "geometry.coordinates"),
    ...(idFallback ? { idFallback } : {}),
  };
}

/** True when rows can be placed by coordinates: a geometry per feature, latitude/longitude or a geometry column. */
export const hasCoordinates = (c: CompiledMapping) => c.hasGeometry || c.byRole.has("latitude") || c.byRole.has("geometry");
/** True when a row naming only its country or division can be placed on it (the geocoder gives geo_precision 3). */
export const hasAdminNames = (c: CompiledMapping) => c.byRole.has("country") || c.byRole.has("admin1") || c.byRole.has("admin2");
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
const isNbsp = (c: number) => c === 0xa0 || c === 0x2007 || c === 0x202f;
const TRUE_WORDS = new Set(["civilian targeting", "true", "yes", "1"]);
const FALSE_WORDS = new Set(["false", "no", "0", ""]);
// Cells spreadsheets are padded with: dashes, dots, question marks, "n/a", "none", "null", "#N/A".
const FILLER = /^(?:[-–—_.?*/\\]+|n\/?a|#n\/a|none|null|nil|nan|tbd|tbc)$/i;
const DATE_ROLES: ReadonlySet<ColumnRole> = new Set<ColumnRole>(["date", "date_end", "year"]);

export function applyMapping(c: CompiledMapping, record: SourceRecord): Applied {
  if (notARecord(c, record)) return { kind: "skipped" };
  try {
    return read(c, record);
  } catch (err) {
    if (err instanceof Problem) return { kind: "rejected", problem: { field: err.field, value: err.value, message: err.message } };
    throw err;
  }
}

/** Empty, or only a date and filler: a sheet's padding (a datasheet's rows of dates), not an incident. A
 *  feature is always a record, even without properties. */
function notARecord(c: CompiledMapping, record: SourceRecord): boolean {
  if (c.hasGeometry) return false;
  return record.values.every((v, i) => isBlank(v) || c.dateColumns.has(i) || (typeof v === "string" && FILLER.test(v.trim())));
}

// The flags and warnings of every row that has none: shared, and frozen so that no one adds to them.
const NO_FLAGS = Object.freeze([]) as unknown as RowFlag[];
const NO_WARNINGS = Object.freeze([]) as unknown as string[];
// The facets of a row when the mapping reads none (most files): one empty Map, never written to.
const NO_FACETS: ReadonlyMap<string, string[]> = new Map();

/** One record's cells by role; methods rather than per-row closures, since a file may have a million rows. */
class Cells {
  /** The row's flags: the one shared empty list until the first (most rows have none, and a million empty
   *  lists kept to the end of the import are a million objects for the garbage collector to copy). */
  flags: RowFlag[] = NO_FLAGS;
  constructor(
    readonly c: CompiledMapping,
    readonly record: SourceRecord,
  ) {}
  col(role: ColumnRole): Column | undefined {
    return this.c.byRole.get(role);
  }
  raw(role: ColumnRole): unknown {
    const column = this.c.byRole.get(role);
    return column === undefined ? undefined : this.record.values[column.index];
  }
  nameOf(role: ColumnRole): string {
    return this.c.byRole.get(role)?.name ?? role;
  }
  problem(role: ColumnRole, message: string, value: unknown = this.raw(role)): never {
    throw new Problem(this.nameOf(role), value, message);
  }
  /** A secondary value that cannot be read: the row keeps its default, the report names field and value. */
  unreadable(role: ColumnRole, message: string, value: unknown = this.raw(role)): undefined {
    this.flag({ kind: "unreadable", field: this.nameOf(role), value: showValue(value), message });
    return undefined;
  }
  /** Notes for the report's warnings, shared and empty until the first, as the flags. */
  warnings: string[] = NO_WARNINGS;
  flag(flag: RowFlag): void {
    if (this.flags === NO_FLAGS) this.flags = [];
    this.flags.push(flag);
  }
  warn(text: string): void {
    if (this.warnings === NO_WARNINGS) this.warnings = [];
    this.warnings.push(text);
  }
  /** Text of a cell. (The CSV reader has already taken off the apostrophe our export adds against formula
   *  injection.) Non-breaking spaces at a cell's edges come from web pages; ordinary spaces are the file's. */
  text(role: ColumnRole): string {
    const t = textOf(this.raw(role));
    return t.length > 0 && (isNbsp(t.charCodeAt(0)) || isNbsp(t.charCodeAt(t.length - 1))) ? t.replace(EDGE_NBSP, "") : t;
  }
  optionalText(role: ColumnRole): string | undefined {
    const t = this.text(role);
    return t.trim() === "" ? undefined : t;
  }
  count(role: ColumnRole, defaultText: string): number | undefined {
    try {
      return parseCount(this.raw(role)) ?? undefined;
    } catch (err) {
      return this.unreadable(role, `${(err as Error).message}; ${defaultText}`);
    }
  }
  number(role: ColumnRole): number | undefined {
    try {
      return parseNumber(this.raw(role)) ?? undefined;
    } catch (err) {
      return this.unreadable(role, `${(err as Error).message}; left empty`);
    }
  }
  precision(role: ColumnRole, scale: PrecisionScale, defaultText: string): 1 | 2 | 3 | undefined {
    try {
      return readPrecision(this.raw(role), scale) ?? undefined;
    } catch (err) {
      return this.unreadable(role, `${(err as Error).message}; ${defaultText}`);
    }
  }
  /** The date a cell holds; unreadable → undefined and flagged (`consequence` says what the row becomes). */
  day(role: ColumnRole, consequence: string): ReadDate | undefined {
    const v = this.raw(role);
    if (isBlank(v)) return undefined;
    const { dateFormat: format, twoDigitYearPivot } = this.c.mapping;
    if (format === null) return this.unreadable(role, `has no date format chosen in the mapping; ${consequence}`);
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
    if (d === null) return this.unreadable(role, `is not a date written ${format} (e.g. ${DATE_FORMAT_EXAMPLES[format]}); ${consequence}`);
    return d;
  }
}

interface When {
  eventDate: string | null;
  eventDateEnd?: string;
  timePrecision: 1 | 2 | 3;
}

/** The date (a day, or a month or year read as a range), the end day and time_precision. Nothing here rejects:
 *  an unreadable date leaves the row undated, an unreadable end or year is left out, each flagged. */
function readWhen(c: CompiledMapping, cells: Cells): When {
  let start = cells.day("date", "the row is undated");
  const endDay = cells.day("date_end", "the end date is left empty");
  const yearValue = cells.raw("year");
  if (!isBlank(yearValue)) {
    const y = textOf(yearValue).trim().replace(/\.0+$/, "");
    if (!/^\d{4}$/.test(y)) cells.unreadable("year", "must be a four-digit year; not used");
    else if (start !== undefined && start.date.slice(0, 4) !== y) cells.unreadable("year", `does not match the date ${start.date}; the date is kept`);
    // A year without a date column stands for the whole year; with one it is redundant and not kept.
    else if (start === undefined && !cells.col("date")) start = { date: `${y}-01-01`, end: `${y}-12-31`, precision: 3 };
  }
  if (start === undefined && !cells.col("date") && c.mapping.fixedDate && !fixedDateProblem(c.mapping.fixedDate)) start = fixedStart(c.mapping.fixedDate);
  const eventDate = start?.date ?? null;
  let eventDateEnd = endDay ? (endDay.end ?? endDay.date) : start?.end;
  if (eventDateEnd !== undefined && eventDate !== null && eventDateEnd < eventDate) {
    cells.unreadable("date_end", `is before the date ${eventDate}; the end date is left empty`);
    eventDateEnd = start?.end;
  }
  if (eventDateEnd === eventDate) eventDateEnd = undefined;
  const timeGiven = cells.precision("time_precision", c.mapping.precision.time, "derived from the date instead");
  // The coarser of the file's code and what the written date itself allows (a month is never a day).
  const timePrecision = Math.max(timeGiven ?? derivedTimePrecision(eventDate, eventDateEnd), start?.precision ?? 1) as 1 | 2 | 3;
  // One object of one shape for every row (a spread of an optional member built two per row).
  return { eventDate, eventDateEnd, timePrecision };
}

/** The date the mapping step gave every row of an undated file, as a ReadDate (its precision from its span). */
function fixedStart(fixed: FixedDate): ReadDate {
  const end = fixed.end !== undefined && fixed.end !== fixed.date ? fixed.end : undefined;
  return { date: fixed.date, ...(end ? { end } : {}), precision: derivedTimePrecision(fixed.date, end) };
}

function read(c: CompiledMapping, record: SourceRecord): Applied {
  const { mapping } = c;
  const cells = new Cells(c, record);
  const raw = (role: ColumnRole) => cells.raw(role);
  // id: text or a whole number; blank → generated by the pipeline.
  let explicitId: string | null = null;
  const id = isBlank(raw("id")) && c.idFallback ? record.values[c.idFallback.index] : raw("id");
  if (!isBlank(id)) {
    // Spaces around an id (a spreadsheet's trailing non-breaking space) would make the same event two ids.
    if (typeof id === "string") explicitId = id.trim();
    else if (typeof id === "number" && Number.isSafeInteger(id)) explicitId = String(id);
    else cells.unreadable("id", "must be text or a whole number; an id is generated", id);
  }

  // Where first: only the position decides whether the row comes in.
  const where = placeOf(c, record, cells);
  const when = readWhen(c, cells);

  const inter1 = c.inter1 ? textOf(record.values[c.inter1.index]) : undefined;
  const typeValue = raw("event_type");
  let typeText = cells.text("event_type");
  if (typeof typeValue === "object" && typeValue !== null && !(typeValue instanceof Date)) {
    cells.unreadable("event_type", "must be text, not a list or an object; Unclassified");
    typeText = "";
  }
  const facets = c.facets.length === 0 ? NO_FACETS : mergeFacets(c.facets.map(({ name, index }) => facetsOfCell(name, record.values[index], c.maxJsonDepth)));
  let type = readEventType(eventTypeFromFacets(facets, mapping.eventTypeFacet) ?? typeText, c.scheme, inter1);
  // Counted in code points, spread only when the UTF-16 length (never fewer) could be over.
  if (type.eventType.length > MAX_EVENT_TYPE_LENGTH && [...type.eventType].length > MAX_EVENT_TYPE_LENGTH) {
    cells.unreadable("event_type", `is longer than ${MAX_EVENT_TYPE_LENGTH} characters (a category, not a description, is expected); Unclassified`);
    type = readEventType("", c.scheme, inter1);
  }
  const subEventType = cells.text("sub_event_type").trim() === "" && type.subEventType ? type.subEventType : cells.text("sub_event_type");

  let civilianTargeting: boolean | undefined;
  const ct = raw("civilian_targeting");
  if (typeof ct === "boolean") civilianTargeting = ct;
  else if (!isBlank(ct)) {
    const word = textOf(ct).trim().toLowerCase();
    if (TRUE_WORDS.has(word)) civilianTargeting = true;
    else if (FALSE_WORDS.has(word)) civilianTargeting = false;
    else cells.unreadable("civilian_targeting", 'must be "Civilian targeting" (ACLED), true/false, yes/no, or blank; left empty');
  }

  let distance = cells.number("distance_km");
  if (distance !== undefined && distance < 0) distance = cells.unreadable("distance_km", "must be ≥ 0; left empty");
  const geoGiven = cells.precision("geo_precision", mapping.precision.geo, `${DEFAULT_GEO_PRECISION} (as given) or the geocoder's instead`);

  // Built by assignment, in the model's order: every key is the model's own or a column name that passed
  // unsafeKeyReason in compileMapping, so no assignment can reach a prototype. event_id is settled later.
  const props: Record<string, unknown> = { event_id: "", event_date: when.eventDate };
  // Properties named by the file (links, facets, kept columns) are gathered apart and joined in build().
  const more = new FileProperties(props);
  if (when.eventDateEnd !== undefined) props.event_date_end = when.eventDateEnd;
  props.time_precision = when.timePrecision;
  props.event_type = type.eventType;
  if (type.original !== undefined) props.event_type_original = type.original;
  props.sub_event_type = subEventType;
  props.actor1 = cells.text("actor1");
  const actor2 = cells.optionalText("actor2");
  if (actor2 !== undefined) props.actor2 = actor2;
  if (civilianTargeting !== undefined) props.civilian_targeting = civilianTargeting;
  props.fatalities = cells.count("fatalities", "0 instead") ?? 0;
  const wounded = cells.count("wounded", "left empty");
  if (wounded !== undefined) props.wounded = wounded;
  const captured = cells.count("captured", "left empty");
  if (captured !== undefined) props.captured = captured;
  props.location = locationOf(cells, where);
  props.admin1 = cells.text("admin1");
  props.geo_precision = geoGiven ?? DEFAULT_GEO_PRECISION;
  props.notes = cells.text("notes");
  props.source = cells.text("source");
  props.source_quote = cells.text("source_quote");
  if (distance !== undefined) props.distance_km = distance;
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
      more.put(more.freeKey(cells.nameOf("link")), keptValue(cells.nameOf("link"), link, c.csv, cells));
    }
  }
  if (facets.size > 0) putFacets(more, facets, (key) => more.freeKey(key));
  for (const { name, index } of c.keep) {
    const value = keptValue(name, record.values[index], c.csv, cells);
    // A kept column never overwrites a property the mapping gives (a second "event_type" column, say).
    if (value !== undefined) more.put(more.freeKey(name), value);
  }

  const row: NormalisedRow = { props: more.build(c.shapes), explicitId, geoPrecisionGiven: geoGiven !== undefined, warnings: cells.warnings, flags: cells.flags };
  if (where.kind === "placed") return { kind: "placed", row, geometry: where.geometry };
  const { place, field: placeField, context, admin, unplaced } = where;
  return { kind: "place", row, place, placeField, ...(context ? { context } : {}), ...(admin ? { admin } : {}), ...(unplaced ? { unplaced } : {}) };
}

/** The place as the source names it: the location column, else the place column, else the coordinates
 *  written out (a place name is optional when a position is given), else the division the row is placed on. */
function locationOf(cells: Cells, where: Where): string {
  const named = cells.text("location").trim() !== "" ? cells.text("location") : cells.text("place");
  if (named.trim() !== "") return named;
  if (where.kind === "placed" && where.geometry.type === "Point") return `${where.geometry.coordinates[1]}, ${where.geometry.coordinates[0]}`;
  if (where.kind === "place") return where.place;
  return "(unnamed place)";
}


/**
 * The properties a file names, after the model's own: gathered as keys and values, then joined with the
 * model's into one object by copying a template of the row's keys. (Keys added one by one under names only
 * known at run time would leave every row's properties a slow, large dictionary in V8.)
 */
class FileProperties {
  private readonly keys: string[] = [];
  private readonly values: unknown[] = [];
  constructor(private readonly model: Record<string, unknown>) {}

  put(key: string, value: unknown): void {
    const at = this.keys.indexOf(key);
    if (at === -1) {
      this.keys.push(key);
      this.values.push(value);
    } else this.values[at] = value;
  }

  /** `name`, or `name (file)` (and again) when the properties have it or the model gives it a meaning. */
  freeKey(name: string): string {
    let key = name;
    while (Object.hasOwn(this.model, key) || this.keys.includes(key) || FIELD_KEYS.has(key)) key = `${key} (file)`;
    return key;
  }

  /** The model's properties, then the file's, in one object. */
  build(shapes: KeyShape): Record<string, unknown> {
    if (this.keys.length === 0) return this.model;
    const modelKeys = Object.keys(this.model);
    let shape = shapes;
    for (const key of modelKeys) shape = shape.next.get(key) ?? addShape(shape, key);
    for (const key of this.keys) shape = shape.next.get(key) ?? addShape(shape, key);
    if (!shape.template) {
      const template: Record<string, unknown> = {};
      for (const key of modelKeys) define(template, key, this.model[key]);
      this.keys.forEach((key, j) => define(template, key, this.values[j]));
      shape.template = template;
    }
    // A copy of a fast template is fast; its keys exist already, so writing the values adds none.
    const out: Record<string, unknown> = { ...shape.template };
    for (const key of modelKeys) out[key] = this.model[key];
    for (let j = 0; j < this.keys.length; j++) out[this.keys[j]] = this.values[j];
    return out;
  }
}

/** A sequence of property keys met so far, from the empty one; `template` once a row has exactly these. */
export interface KeyShape {
  next: Map<string, KeyShape>;
  template?: Record<string, unknown>;
}

function addShape(shape: KeyShape, key: string): KeyShape {
  const next: KeyShape = { next: new Map() };
  shape.next.set(key, next);
  return next;
}

const define = (o: Record<string, unknown>, key: string, value: unknown) => Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });

type Where =
  | { kind: "placed"; geometry: IncidentGeometry }
  | { kind: "place"; place: string; field: string; context?: PlaceContext; admin?: keyof PlaceContext; unplaced?: RowProblem };

/** A position the row gives, or why none can be read: `missing` when it gives none (or (0, 0) or nearby). */
type Position = { kind: "placed"; geometry: IncidentGeometry } | { kind: "missing"; problem?: Problem } | { kind: "unreadable"; problem: Problem };

// KML and some GeoJSON write an altitude (Google My Maps: always 0); the map and its measures are flat.
const flat = (coords: unknown): unknown => (Array.isArray(coords) && typeof coords[0] === "number" ? coords.slice(0, 2) : Array.isArray(coords) ? coords.map(flat) : coords);
const withoutAltitude = (g: IncidentGeometry): IncidentGeometry => ({ type: g.type, coordinates: flat(g.coordinates) }) as IncidentGeometry;

// @option NEAR_NULL_KM: number = 1, a position this close to (0, 0) is how files write a missing one.
const NEAR_NULL_KM = 1;
const EARTH_RADIUS_KM = 6371.0088;
const rad = (d: number) => (d * Math.PI) / 180;

/** True within NEAR_NULL_KM of (0, 0) (haversine). */
export function nearNull(lng: number, lat: number): boolean {
  const h = Math.sin(rad(lat) / 2) ** 2 + Math.cos(rad(lat)) * Math.sin(rad(lng) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h))) < NEAR_NULL_KM;
}

/** A latitude beyond ±90 whose swap is a position: unreadable as given, plainly written the wrong way round. */
const swappable = (lng: number, lat: number) => Math.abs(lat) > 90 && Math.abs(lat) <= 180 && Math.abs(lng) <= 90;

/** Where the row is: its position (checked against the country it names), else the place to geocode, else
 *  the division or country it names; else the row is rejected with what could not be read. */
function placeOf(c: CompiledMapping, record: SourceRecord, cells: Cells): Where {
  const found = positionOf(c, record, cells);
  if (found.kind === "placed") {
    checkCountry(cells, found.geometry);
    return found;
  }
  const context = placeContext(cells);
  const placeCol = c.byRole.get("place") ?? c.byRole.get("location");
  const place = placeCol ? textOf(record.values[placeCol.index]).trim() : "";
  const admin = place === "" ? adminOnly(cells) : undefined;
  const problem = found.problem;
  const unplaced = problem ? { field: problem.field, value: problem.value, message: problem.message } : undefined;
  if (unplaced && (place !== "" || admin)) cells.flag({ kind: "unreadable", ...unplaced, message: `${unplaced.message.replace(/, and the row has no place name to geocode$/, "")}; placed by its place name instead` });
  const extra = { ...(context ? { context } : {}), ...(unplaced ? { unplaced } : {}) };
  if (placeCol && place !== "") return { kind: "place", place, field: placeCol.name, ...extra };
  if (admin) return { kind: "place", place: admin.text, field: cells.nameOf(admin.role), admin: admin.role, ...extra };
  if (found.kind === "unreadable") throw found.problem;
  if (found.problem) throw found.problem;
  if (c.hasGeometry && record.geometry === null) throw new Problem("geometry", null, "the feature has no geometry and no place name to geocode");
  if (c.byRole.has("latitude")) throw new Problem(cells.nameOf("latitude"), cells.raw("latitude") ?? "", "is empty: the row has no position" + (placeCol ? " and no place name to geocode" : ""));
  throw new Problem(placeCol?.name ?? "location", place, "is empty: the row has no position and no place name to geocode");
}

/** The row's country and divisions as it writes them, for the geocoder to disambiguate a place by. */
function placeContext(cells: Cells): PlaceContext | undefined {
  const context: PlaceContext = {};
  for (const role of ["country", "admin1", "admin2"] as const) {
    const t = cells.text(role).trim();
    if (t !== "") context[role] = t;
  }
  return Object.keys(context).length > 0 ? context : undefined;
}

/** The finest division the row names, when it names no place: the row is placed on it (geo_precision 3). */
function adminOnly(cells: Cells): { role: keyof PlaceContext; text: string } | undefined {
  for (const role of ["admin2", "admin1", "country"] as const) {
    const text = cells.text(role).trim();
    if (text !== "") return { role, text };
  }
  return undefined;
}

/** A point outside the country the row names is flagged (a possible swap when its twin lies inside). */
function checkCountry(cells: Cells, geometry: IncidentGeometry): void {
  const country = cells.text("country").trim();
  if (country === "" || geometry.type !== "Point") return;
  const [lng, lat] = geometry.coordinates;
  const flag = countryFlag(lng, lat, country, cells.nameOf("country"), cells.c.pointField);
  if (flag) cells.flag(flag);
}

/** A point read as given, or with latitude and longitude swapped (flagged) when only the swap is a position;
 *  near (0, 0) it is missing. `shown`: the position as the file writes it, made only for a flag or a problem. */
function pointAt(cells: Cells, lng: number, lat: number, field: string, shown: () => string): Position {
  if (Number.isFinite(lng) && Number.isFinite(lat) && swappable(lng, lat)) {
    cells.flag({ kind: "swapped", field, value: shown(), message: `latitude ${lat} is beyond ±90 while longitude ${lng} is not: read as latitude ${lng}, longitude ${lat}` });
    [lng, lat] = [lat, lng];
  }
  const problem = positionProblem(lng, lat);
  if (problem && !(lng === 0 && lat === 0)) return { kind: "unreadable", problem: new Problem(field, shown(), problem, true) };
  if (nearNull(lng, lat)) return { kind: "missing", problem: new Problem(field, shown(), `lies within ${NEAR_NULL_KM} km of (0, 0), which files write for a missing position, and the row has no place name to geocode`, true) };
  return { kind: "placed", geometry: { type: "Point", coordinates: [lng, lat] } };
}

/** A geometry object (a feature's or a column's): points through pointAt, other shapes checked whole. */
function geometryAt(cells: Cells, geometry: unknown, field: string): Position {
  const coords = (geometry as { type?: unknown; coordinates?: unknown } | null)?.coordinates;
  if ((geometry as { type?: unknown } | null)?.type === "Point" && Array.isArray(coords) && typeof coords[0] === "number" && typeof coords[1] === "number") {
    const at = pointAt(cells, coords[0], coords[1], field, () => JSON.stringify(coords.slice(0, 2)));
    if (at.kind !== "placed") return at;
    const g = checkGeometry({ ...(geometry as object), coordinates: [...at.geometry.coordinates, ...coords.slice(2)] });
    if (!g.ok) return { kind: "unreadable", problem: new Problem(g.issue.path ? `${field}.${g.issue.path}` : field, g.issue.value, g.issue.message, true) };
    return { kind: "placed", geometry: withoutAltitude(g.geometry) };
  }
  const g = checkGeometry(geometry);
  if (!g.ok) return { kind: "unreadable", problem: new Problem(g.issue.path ? `${field}.${g.issue.path}` : field, g.issue.value, g.issue.message, true) };
  return { kind: "placed", geometry: withoutAltitude(g.geometry) };
}

function numberAt(v: unknown, field: string): number | Problem | null {
  try {
    return parseNumber(v);
  } catch (err) {
    return new Problem(field, v, (err as Error).message);
  }
}

/** The position the row gives: the feature's geometry, else a geometry column, else latitude/longitude. */
function positionOf(c: CompiledMapping, record: SourceRecord, cells: Cells): Position {
  if (c.hasGeometry && record.geometry) return geometryAt(cells, record.geometry, "geometry");
  const geometryValue = cells.raw("geometry");
  if (!isBlank(geometryValue)) {
    const field = cells.nameOf("geometry");
    let geometry: unknown = geometryValue;
    if (typeof geometryValue === "string") {
      if (/^\s*[{[]/.test(geometryValue)) {
        const json = parseBoundedJson(geometryValue, c.maxJsonDepth);
        if (!json.ok) return { kind: "unreadable", problem: new Problem(field, geometryValue, json.message) };
        geometry = json.value;
      } else {
        try {
          geometry = { type: "Point", coordinates: parseWktPoint(geometryValue) };
        } catch (err) {
          return { kind: "unreadable", problem: new Problem(field, geometryValue, (err as Error).message) };
        }
      }
    }
    return geometryAt(cells, geometry, field);
  }
  const latText = cells.raw("latitude");
  const lngText = cells.raw("longitude");
  if (isBlank(latText) && isBlank(lngText)) return { kind: "missing" };
  const latName = cells.nameOf("latitude");
  const lngName = cells.nameOf("longitude");
  const lat = numberAt(latText, latName);
  const lng = numberAt(lngText, lngName);
  if (lat instanceof Problem) return { kind: "unreadable", problem: lat };
  if (lng instanceof Problem) return { kind: "unreadable", problem: lng };
  if (lat === null) return { kind: "unreadable", problem: new Problem(latName, latText ?? "", "is empty while longitude is given") };
  if (lng === null) return { kind: "unreadable", problem: new Problem(lngName, lngText ?? "", "is empty while latitude is given") };
  return pointAt(cells, lng, lat, c.latLngField, () => `${textOf(latText)}, ${textOf(lngText)}`);
}

/** A kept column's value: CSV text (blank → absent), JSON scalars as they are, nested JSON as its text. */
function keptValue(name: string, value: unknown, csv: boolean, cells: Cells): unknown {
  if (value === undefined) return undefined;
  if (typeof value === "string") return value === "" && csv ? undefined : value;
  if (value === null || typeof value === "boolean") return value;
  if (typeof value === "number") {
    if (Number.isFinite(value)) return value;
    cells.flag({ kind: "unreadable", field: name, value: String(value), message: "must be a finite number (a value such as 1e400 overflows to Infinity); left out" });
    return undefined;
  }
  if (value instanceof Date) return textOf(value);
  cells.warn(`property "${name}" holds ${Array.isArray(value) ? "an array" : "an object"}; kept as its JSON text`);
  return JSON.stringify(value);
}
