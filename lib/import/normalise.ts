// One row (CSV) or one feature's properties (GeoJSON) → incident properties, or the first problem found,
// naming the field as the file names it and the value as the file holds it. Geometry is not handled
// here (see geometry.ts); neither are ids that collide (see index.ts), which need the whole file.
import { EVENT_TYPES, eventTypeIssue, UNCLASSIFIED, type GeoPrecision, type TimePrecision } from "../incident/model";
import type { Field } from "./columns";
import { parseDay } from "./dates";

export interface RowInput {
  format: "csv" | "geojson";
  /** The file's value for a field; undefined when the file has no such column/property. */
  get(field: Field): unknown;
  /** The file's key for a field, for messages ("EVENT_TYPE" when the file writes it so). */
  keyOf(field: Field): string;
  /** Columns/properties that are not fields, with their values, in file order. */
  extras: readonly (readonly [string, unknown])[];
  /** Text to use as `location` when the location is blank: the place column's value. */
  placeFallback?: string;
  /** The place column's name, for the message when both location and place are blank. */
  placeField?: string;
}

export interface RowProblem {
  field: string;
  value: unknown;
  message: string;
}

export interface NormalisedRow {
  /** Every property but event_id, in the model's order, extras last. */
  props: [string, unknown][];
  /** The file's event_id, or null when blank (one is generated). */
  explicitId: string | null;
  /** Whether the file gave geo_precision (a geocoder may only make it coarser, never finer). */
  geoPrecisionGiven: boolean;
  /** Notes for the report's warnings (e.g. an object property kept as JSON text). */
  warnings: string[];
}

export type Normalised = { ok: true; row: NormalisedRow } | { ok: false; problem: RowProblem };

// @option DEFAULT_GEO_PRECISION: 1 | 2 | 3, default 1. geo_precision of a row with coordinates and no
// geo_precision: the coordinates given are taken to be those of the named place, ACLED's code 1.
export const DEFAULT_GEO_PRECISION: GeoPrecision = 1;

// @option DEFAULT_TIME_PRECISION: 1 | 2 | 3, default 1 when the row has a date, 3 when it has none.
// A date written as a day is taken to be that day (ACLED's code 1).
export const DEFAULT_TIME_PRECISION: TimePrecision = 1;
export const DEFAULT_TIME_PRECISION_UNDATED: TimePrecision = 3;

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const WHOLE = /^\d+$/;
const TRUE_WORDS = new Set(["civilian targeting", "true", "yes", "1"]);
const FALSE_WORDS = new Set(["false", "no", "0"]);

class Problem extends Error {
  constructor(readonly field: string, readonly value: unknown, message: string) {
    super(message);
  }
}

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

/** A decimal number as written in CSV or JSON, or null when blank; throws a message otherwise. */
export function parseDecimal(value: unknown, decimalComma = false): number | null {
  if (isBlank(value)) return null;
  let n: number;
  if (typeof value === "number") n = value;
  else if (typeof value === "string") {
    let t = value.trim();
    // Only with `;` separators: "32,6" is a decimal comma there (European spreadsheets), never thousands.
    if (decimalComma && /^[+-]?\d+,\d+$/.test(t)) t = t.replace(",", ".");
    if (!DECIMAL.test(t)) throw new Error("must be a decimal number");
    n = Number(t);
  } else throw new Error(`must be a number, not ${typeof value}`);
  if (!Number.isFinite(n)) throw new Error("must be a finite number (a value such as 1e400 overflows to Infinity)");
  return n;
}

/**
 * Normalises one row. `format` decides what a value may be: CSV cells are always text; GeoJSON values must
 * have the right JSON type (a number where a count is expected, text where text is).
 */
export function normaliseRow(input: RowInput): Normalised {
  try {
    return { ok: true, row: build(input) };
  } catch (err) {
    if (err instanceof Problem) return { ok: false, problem: { field: err.field, value: err.value, message: err.message } };
    throw err;
  }
}

function build(input: RowInput): NormalisedRow {
  const warnings: string[] = [];
  const key = (f: Field) => input.keyOf(f);
  const raw = (f: Field) => input.get(f);
  const problem = (f: Field, message: string): never => {
    throw new Problem(key(f), raw(f), message);
  };

  const text = (f: Field): string => {
    const v = raw(f);
    if (v === undefined || v === null) return "";
    if (typeof v !== "string") return problem(f, `must be text, not ${typeof v}`);
    return v; // kept byte for byte: no trimming, no normalisation
  };
  const optionalText = (f: Field): string | undefined => {
    const v = text(f);
    return v === "" ? undefined : v;
  };
  const count = (f: Field): number | undefined => {
    const v = raw(f);
    if (isBlank(v)) return undefined;
    const ok = typeof v === "number" ? Number.isInteger(v) && v >= 0 : typeof v === "string" && WHOLE.test(v.trim());
    const n = Number(typeof v === "string" ? v.trim() : v);
    if (!ok || !Number.isSafeInteger(n)) return problem(f, "must be a whole number ≥ 0");
    return n;
  };
  const precision = (f: Field): 1 | 2 | 3 | undefined => {
    const v = raw(f);
    if (isBlank(v)) return undefined;
    const t = typeof v === "string" ? v.trim() : v;
    if (t === 1 || t === "1") return 1;
    if (t === 2 || t === "2") return 2;
    if (t === 3 || t === "3") return 3;
    return problem(f, "must be 1, 2 or 3");
  };
  const day = (f: Field): string | undefined => {
    const v = raw(f);
    if (isBlank(v)) return undefined;
    const iso = typeof v === "string" ? parseDay(v) : null;
    if (iso === null) return problem(f, "must be a date written YYYY-MM-DD or DD Month YYYY (e.g. 2021-08-05 or 05 August 2021)");
    return iso;
  };

  // event_id: text, or a whole number in GeoJSON (ids are often numeric there); blank → generated later.
  let explicitId: string | null = null;
  const id = raw("event_id");
  if (!isBlank(id)) {
    if (typeof id === "string") explicitId = id;
    else if (typeof id === "number" && Number.isSafeInteger(id)) explicitId = String(id);
    else problem("event_id", "must be text or a whole number");
  }

  const eventDate = day("event_date") ?? null;
  const eventDateEnd = day("event_date_end");
  if (eventDateEnd !== undefined && eventDate !== null && eventDateEnd < eventDate) problem("event_date_end", `must not be before event_date ${eventDate}`);

  const year = raw("year");
  if (!isBlank(year)) {
    const y = typeof year === "string" ? year.trim() : typeof year === "number" ? String(year) : "";
    if (!/^\d{4}$/.test(y)) problem("year", "must be a four-digit year");
    if (eventDate !== null && eventDate.slice(0, 4) !== y) problem("year", `does not match event_date ${eventDate}`);
    // Otherwise year is redundant with event_date and is not kept (the export derives it again).
  }

  // ACLED's six by name in any case; any other value is the file's own category (blanks collapsed, as a
  // legend shows it); none at all is UNCLASSIFIED, never a rejection.
  const typeValue = raw("event_type");
  let eventType: string = UNCLASSIFIED;
  if (!isBlank(typeValue)) {
    if (typeof typeValue !== "string" && typeof typeValue !== "number") problem("event_type", `must be text, not ${typeof typeValue}`);
    const name = String(typeValue).replace(/\s+/g, " ").trim();
    eventType = EVENT_TYPES.find((t) => t.toLowerCase() === name.toLowerCase()) ?? name;
    const issue = eventTypeIssue(eventType);
    if (issue) problem("event_type", issue);
  }

  let civilianTargeting: boolean | undefined;
  const ct = raw("civilian_targeting");
  if (typeof ct === "boolean") civilianTargeting = ct;
  else if (!isBlank(ct)) {
    const word = typeof ct === "string" ? ct.trim().toLowerCase() : "";
    if (TRUE_WORDS.has(word)) civilianTargeting = true;
    else if (FALSE_WORDS.has(word)) civilianTargeting = false;
    else problem("civilian_targeting", 'must be "Civilian targeting" (ACLED), true/false, yes/no, or blank');
  }

  let location = text("location");
  if (location.trim() === "" && input.placeFallback !== undefined && input.placeFallback.trim() !== "") location = input.placeFallback;
  if (location.trim() === "") {
    // Without a location column, the place column is where the user has to look.
    const field = raw("location") === undefined && input.placeField ? input.placeField : key("location");
    throw new Problem(field, raw("location") ?? input.placeFallback ?? "", "is empty; every incident needs the place as the source names it");
  }

  let distance: number | undefined;
  try {
    const d = parseDecimal(raw("distance_km"));
    if (d !== null && d < 0) throw new Error("must be ≥ 0");
    distance = d ?? undefined;
  } catch (err) {
    problem("distance_km", (err as Error).message);
  }

  const geoPrecision = precision("geo_precision");
  const props: [string, unknown][] = [
    ["event_date", eventDate],
    ...(eventDateEnd !== undefined ? [["event_date_end", eventDateEnd] as [string, unknown]] : []),
    ["time_precision", precision("time_precision") ?? (eventDate === null ? DEFAULT_TIME_PRECISION_UNDATED : DEFAULT_TIME_PRECISION)],
    ["event_type", eventType],
    ["sub_event_type", text("sub_event_type")],
    ["actor1", text("actor1")],
  ];
  const optional = (name: string, value: unknown) => {
    if (value !== undefined) props.push([name, value]);
  };
  optional("actor2", optionalText("actor2"));
  optional("civilian_targeting", civilianTargeting);
  props.push(["fatalities", count("fatalities") ?? 0]);
  optional("wounded", count("wounded"));
  optional("captured", count("captured"));
  props.push(["location", location], ["admin1", text("admin1")], ["geo_precision", geoPrecision ?? DEFAULT_GEO_PRECISION]);
  props.push(["notes", text("notes")], ["source", text("source")], ["source_quote", text("source_quote")]);
  optional("distance_km", distance);

  for (const [name, value] of input.extras) {
    const kept = extraValue(name, value, input.format, warnings);
    if (kept !== undefined) props.push([name, kept]);
  }
  return { props, explicitId, geoPrecisionGiven: geoPrecision !== undefined, warnings };
}

/** An extra column/property as kept: CSV text (blank → absent); GeoJSON scalars as they are. */
function extraValue(name: string, value: unknown, format: "csv" | "geojson", warnings: string[]): unknown {
  if (value === undefined) return undefined;
  if (format === "csv") return value === "" ? undefined : String(value);
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Problem(name, value, "must be a finite number (a value such as 1e400 overflows to Infinity)");
    return value;
  }
  // Nested objects and arrays are flattened to their JSON text: the map shows properties as text, and a
  // nested object from the file could carry keys (`__proto__`) into code that merges objects.
  warnings.push(`property "${name}" holds ${Array.isArray(value) ? "an array" : "an object"}; kept as its JSON text`);
  return JSON.stringify(value);
}
