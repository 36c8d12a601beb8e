// The source table (geodata/incidents.csv): one row per event per place and day, as researchers keep
// incident lists. This module turns its text into typed rows, or fails naming row, column and value.
import { EVENT_TYPES, isAcledEventType, type GeoPrecision, type IncidentProperties, type TimePrecision } from "../../incident/model";
import { isDay } from "../../incident/days";
import { FATALITY_SIDES, PHASES, SUB_EVENT_TYPES, type FatalitySide, type Phase } from "./acled";
import { CsvError, readWholeCsv, type CsvRecord } from "../../csv/read";
import { TableError } from "./csv";

/** The columns, in the order the table keeps them. `required` columns may not be left empty. */
export const COLUMNS = [
  { name: "event_id", required: true },
  { name: "event_date", required: false }, // empty = the source gives no date
  { name: "event_date_end", required: false },
  { name: "time_precision", required: true },
  { name: "event_type", required: true },
  { name: "sub_event_type", required: true },
  { name: "actor1", required: true },
  { name: "assoc_actor_1", required: false },
  { name: "actor2", required: false },
  { name: "civilian_targeting", required: false },
  { name: "fatalities", required: true },
  { name: "fatalities_side", required: false },
  { name: "wounded", required: false },
  { name: "captured", required: false },
  { name: "location", required: true },
  { name: "place_query", required: false }, // empty = geocode `location` as written
  { name: "geo_precision", required: false }, // empty = the geocoder's; may only coarsen it
  { name: "admin1", required: true },
  { name: "phase", required: true },
  { name: "notes", required: true },
  { name: "source_quote", required: true },
  // Last resort only, for a place the geocoder cannot resolve: a position and the public source for it.
  { name: "override_lng", required: false },
  { name: "override_lat", required: false },
  { name: "override_source", required: false },
] as const;

export type ColumnName = (typeof COLUMNS)[number]["name"];

export interface PlaceOverride {
  lng: number;
  lat: number;
  source: string;
}

/** One table row, typed and checked: the incident's own fields as IncidentProperties types them, and the build's. */
export interface IncidentRow
  extends Pick<
    IncidentProperties,
    | "event_id" | "event_date" | "event_date_end" | "time_precision" | "event_type" | "sub_event_type" | "actor1" | "actor2"
    | "civilian_targeting" | "fatalities" | "wounded" | "captured" | "location" | "admin1" | "notes" | "source_quote"
  > {
  /** 1-based table row (the header is row 1), for error messages downstream. */
  row: number;
  assoc_actor_1?: string;
  fatalities_side?: FatalitySide;
  /** The text handed to the geocoder: `place_query` when given, else `location`. */
  place_query: string;
  /** Absent: the geocoder's precision. */
  geo_precision?: GeoPrecision;
  phase: Phase;
  override?: PlaceOverride;
}

const EVENT_ID = /^DAR-\d{4}-\d{3}$/;

/** Reads one row's cells by column name and converts them, throwing TableError on the first bad cell. */
class RowReader {
  constructor(
    private readonly row: number,
    private readonly cells: Record<string, string>,
  ) {}

  fail(column: ColumnName, message: string): never {
    throw new TableError(this.row, column, this.cells[column] ?? "", message);
  }

  text(column: ColumnName): string {
    return this.cells[column] ?? "";
  }

  optional(column: ColumnName): string | undefined {
    const v = this.text(column);
    return v === "" ? undefined : v;
  }

  count(column: ColumnName): number | undefined {
    const v = this.optional(column);
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v)) this.fail(column, "must be a whole number ≥ 0 (or empty where the source gives none)");
    return Number(v);
  }

  precision(column: ColumnName): 1 | 2 | 3 | undefined {
    const v = this.optional(column);
    if (v === undefined) return undefined;
    if (v !== "1" && v !== "2" && v !== "3") this.fail(column, "must be 1, 2 or 3");
    return Number(v) as 1 | 2 | 3;
  }

  day(column: ColumnName): string | undefined {
    const v = this.optional(column);
    if (v !== undefined && !isDay(v)) this.fail(column, "must be an ISO day YYYY-MM-DD (or empty)");
    return v;
  }

  oneOf<T extends string>(column: ColumnName, allowed: readonly T[]): T | undefined {
    const v = this.optional(column);
    if (v !== undefined && !(allowed as readonly string[]).includes(v)) this.fail(column, `must be one of: ${allowed.join(", ")}`);
    return v as T | undefined;
  }

  number(column: ColumnName, min: number, max: number): number | undefined {
    const v = this.optional(column);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n < min || n > max) this.fail(column, `must be a number within ${min}..${max}`);
    return n;
  }
}

/** Checks one row's cells and returns it typed; throws TableError naming the row, column and value. */
export function readRow(row: number, cells: Record<string, string>): IncidentRow {
  // Typed explicitly so TypeScript narrows after `r.fail(...)`, which never returns.
  const r: RowReader = new RowReader(row, cells);
  for (const { name, required } of COLUMNS) {
    if (required && r.text(name).trim() === "") r.fail(name, "must not be empty");
    if (r.text(name) !== r.text(name).trim()) r.fail(name, "has leading or trailing spaces");
  }

  const event_id = r.text("event_id");
  if (!EVENT_ID.test(event_id)) r.fail("event_id", "must look like DAR-2021-001");

  const event_date = r.day("event_date") ?? null;
  const event_date_end = r.day("event_date_end");
  const time_precision = r.precision("time_precision") as TimePrecision;
  // ACLED's time_precision: 1 = the day, 2 = a range of days / the week, 3 = the month or coarser.
  if (event_date === null && time_precision !== 3) r.fail("time_precision", "must be 3 when event_date is empty (the source gives no date)");
  if (event_date_end !== undefined) {
    if (event_date === null) r.fail("event_date_end", "needs an event_date to end a range");
    if (event_date_end <= event_date) r.fail("event_date_end", `must be after event_date ${event_date}`);
    if (time_precision === 1) r.fail("time_precision", "cannot be 1 (a known day) for a date range");
  }

  const type = r.text("event_type");
  if (!isAcledEventType(type)) r.fail("event_type", `must be one of ACLED's types: ${EVENT_TYPES.join(", ")}`);
  const sub_event_type = r.text("sub_event_type");
  if (!SUB_EVENT_TYPES[type].includes(sub_event_type)) {
    r.fail("sub_event_type", `is not an ACLED sub-event type of "${type}" (${SUB_EVENT_TYPES[type].join(", ")})`);
  }

  const ct = r.oneOf("civilian_targeting", ["true", "false"] as const);
  const fatalities = r.count("fatalities") as number;
  const fatalities_side = r.oneOf("fatalities_side", FATALITY_SIDES);
  if (fatalities > 0 && fatalities_side === undefined) r.fail("fatalities_side", `must say whose dead the ${fatalities} fatalities are`);
  if (fatalities === 0 && fatalities_side !== undefined) r.fail("fatalities_side", "must be empty when fatalities is 0");

  const lng = r.number("override_lng", -180, 180);
  const lat = r.number("override_lat", -90, 90);
  const overrideSource = r.optional("override_source");
  const anyOverride = lng !== undefined || lat !== undefined || overrideSource !== undefined;
  if (anyOverride && (lng === undefined || lat === undefined || overrideSource === undefined)) {
    r.fail(lng === undefined ? "override_lng" : lat === undefined ? "override_lat" : "override_source", "an override needs all of override_lng, override_lat and override_source");
  }
  if (overrideSource !== undefined && !/^https?:\/\//.test(overrideSource)) r.fail("override_source", "must be the URL of the public source of the position");

  return {
    row,
    event_id,
    event_date,
    ...(event_date_end !== undefined && { event_date_end }),
    time_precision,
    event_type: type,
    sub_event_type,
    actor1: r.text("actor1"),
    ...(r.optional("assoc_actor_1") !== undefined && { assoc_actor_1: r.text("assoc_actor_1") }),
    ...(r.optional("actor2") !== undefined && { actor2: r.text("actor2") }),
    ...(ct !== undefined && { civilian_targeting: ct === "true" }),
    fatalities,
    ...(fatalities_side !== undefined && { fatalities_side }),
    ...(r.count("wounded") !== undefined && { wounded: r.count("wounded") }),
    ...(r.count("captured") !== undefined && { captured: r.count("captured") }),
    location: r.text("location"),
    place_query: r.optional("place_query") ?? r.text("location"),
    ...(r.precision("geo_precision") !== undefined && { geo_precision: r.precision("geo_precision") }),
    admin1: r.text("admin1"),
    phase: r.oneOf("phase", PHASES) as Phase,
    notes: r.text("notes"),
    source_quote: r.text("source_quote"),
    ...(anyOverride && { override: { lng: lng as number, lat: lat as number, source: overrideSource as string } }),
  };
}

/** The table's records (lib/csv), a malformed or unclosed quote thrown as the TableError naming its row and field. */
export function tableRecords(text: string): CsvRecord[] {
  try {
    return readWholeCsv(text, { separator: "," }).records;
  } catch (err) {
    if (err instanceof CsvError) throw new TableError(err.record, `field ${err.field + 1}`, err.value, err.kind === "malformed" ? `${err.reason} (line ${err.line})` : err.reason);
    throw err;
  }
}

/** Parses the whole table: header check, every row, unique ids. Throws TableError on the first problem. */
export function parseIncidentTable(text: string): IncidentRow[] {
  const records = tableRecords(text);
  if (records.length === 0) throw new TableError(1, "(header)", "", "the table is empty");
  const header = records[0].fields;
  const known = new Set<string>(COLUMNS.map((c) => c.name));
  header.forEach((name, i) => {
    if (!known.has(name)) throw new TableError(1, `column ${i + 1}`, name, `unknown column; expected one of ${[...known].join(", ")}`);
    if (header.indexOf(name) !== i) throw new TableError(1, `column ${i + 1}`, name, "duplicate column");
  });
  for (const { name, required } of COLUMNS) {
    if (required && !header.includes(name)) throw new TableError(1, name, "", "required column is missing from the header");
  }
  const seen = new Map<string, number>();
  return records.slice(1).map(({ record: row, fields }) => {
    if (fields.length !== header.length) {
      throw new TableError(row, `(${fields.length} fields)`, fields.join(",").slice(0, 80), `has ${fields.length} fields, the header has ${header.length}`);
    }
    const cells = Object.fromEntries(header.map((name, i) => [name, fields[i]]));
    const parsed = readRow(row, cells);
    const first = seen.get(parsed.event_id);
    if (first !== undefined) throw new TableError(row, "event_id", parsed.event_id, `duplicates the id of row ${first}`);
    seen.set(parsed.event_id, row);
    return parsed;
  });
}
