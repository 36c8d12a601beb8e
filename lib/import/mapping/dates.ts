// Dates as files write them → ISO days. The format is decided once per column from all its sample values
// (guessDateFormat), never cell by cell: `08/05/2021` is May in a column that also holds `29/12/2015` and
// August in one that holds `02/24/2022`; a column where no value settles it is reported as ambiguous.
import { isDay } from "../../incident/days";
import type { TimePrecision } from "../../incident/model";
import { DATE_FORMATS, type DateFormat, type DateGuess } from "./types";

// @option TWO_DIGIT_YEAR_PIVOT: number = 30, a two-digit year yy < 30 is 20yy, else 19yy: Excel's own
// window, and Excel is what writes two-digit years into researchers' files (`9-May-20`).
export const TWO_DIGIT_YEAR_PIVOT = 30;

// @option MAX_UNREADABLE_SHOWN: number = 20, distinct unreadable values a DateGuess lists.
const MAX_UNREADABLE_SHOWN = 20;

export interface ReadDate {
  /** ISO day. */
  date: string;
  /** Last day when the value is a range (a month, a year). */
  end?: string;
  /** Set when the format itself says how precise the date is (a month or a year: 3). */
  precision?: TimePrecision;
}

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/** 1–12 for an English month name or its abbreviation ("Aug", "Sept", "august"), else 0. */
function monthNumber(name: string): number {
  const n = name.toLowerCase();
  if (n === "sept") return 9;
  const i = MONTHS.findIndex((full) => full === n || (n.length === 3 && full.startsWith(n)));
  return i + 1;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

function day(y: number, m: number, d: number): string | null {
  const iso = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
  return isDay(iso) ? iso : null;
}

const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function fullYear(text: string, pivot: number): number {
  const y = Number(text);
  return text.length === 2 ? (y < pivot ? 2000 + y : 1900 + y) : y;
}

const utcDay = (ms: number): string | null => {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? null : d.toISOString().slice(0, 10);
};

// A time of day after a date, which an event_date (a day) leaves out: "10:00", "10:00:05.123Z", "3:00 PM", "+02:00".
const TIME = "(?:[T ]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?\\s*(?:[AaPp][Mm])?\\s*(?:Z|[+-]\\d{2}:?\\d{2})?)?";
const ISO = new RegExp(`^(\\d{4})[-/](\\d{1,2})[-/](\\d{1,2})${TIME}$`);
const NUMERIC_DMY = new RegExp(`^(\\d{1,2})([/.\\-])(\\d{1,2})\\2(\\d{4}|\\d{2})${TIME}$`);
const D_MMM_YY = /^(\d{1,2})[-\s/]([A-Za-z]{3,9})\.?[-\s/](\d{2})$/;
const D_MMMM_YYYY = /^(\d{1,2})[-\s/]([A-Za-z]{3,9})\.?,?[-\s/](\d{4})$/;
const MMMM_D_YYYY = /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$/;
const MONTH_NAME_YEAR = /^([A-Za-z]{3,9})\.?[-\s/](\d{4}|\d{2})$/;
const YEAR_MONTH = /^(\d{4})-(\d{1,2})$/;
const MONTH_YEAR = /^(\d{1,2})\/(\d{4})$/;

// Plausible ranges for the bare-number formats, so a year, an Excel serial and a unix time never overlap:
// serials 20000–80000 are 1954–2119, unix seconds 10^8–10^10 are 1973–2286, years 1800–2100.
const SERIAL = { min: 20_000, max: 80_000 };
const UNIX = { min: 1e8, max: 1e10 };
// GDELT's SQLDATE is a day written as eight digits (1.8e7–2.1e7 for 1800–2100: clear of the others), or
// fourteen with the time of day, which an event_date leaves out.
const COMPACT_DAY = /^(\d{4})(\d{2})(\d{2})(?:\d{6})?$/;

function numeric(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" && /^\s*\d+(?:\.\d+)?\s*$/.test(value)) return Number(value);
  return null;
}

/** The value read in `format`, or null when it is not a date in that format (or not a real day). */
export function readDate(value: unknown, format: DateFormat, pivot: number = TWO_DIGIT_YEAR_PIVOT): ReadDate | null {
  if (value instanceof Date) {
    // xlsx readers hand date cells over as Dates at UTC midnight; any format accepts them as they are.
    const d = utcDay(value.getTime());
    return d ? { date: d } : null;
  }
  switch (format) {
    case "excel-serial": {
      const n = numeric(value);
      if (n === null || n < SERIAL.min || n > SERIAL.max) return null;
      // Day 0 is 1899-12-30: Excel counts the 29 February 1900 that never was, so later serials line up.
      const d = utcDay(Date.UTC(1899, 11, 30) + Math.floor(n) * 86_400_000);
      return d ? { date: d } : null;
    }
    case "unix": {
      const n = numeric(value);
      if (n === null || n < UNIX.min || n > UNIX.max) return null;
      const d = utcDay(n * 1000);
      return d ? { date: d } : null;
    }
    case "yyyymmdd": {
      const n = numeric(value);
      const m = n !== null && Number.isInteger(n) ? COMPACT_DAY.exec(String(n)) : null;
      if (m === null || Number(m[1]) < 1800 || Number(m[1]) > 2100) return null;
      const d = day(Number(m[1]), Number(m[2]), Number(m[3]));
      return d ? { date: d } : null;
    }
    case "year": {
      const n = numeric(value);
      if (n === null || !Number.isInteger(n) || n < 1800 || n > 2100) return null;
      return { date: `${n}-01-01`, end: `${n}-12-31`, precision: 3 };
    }
  }
  if (typeof value !== "string") return null;
  const t = value.trim().replace(/\s+/g, " ");
  let m: RegExpExecArray | null;
  switch (format) {
    case "iso": {
      if (!(m = ISO.exec(t))) return null;
      const d = day(Number(m[1]), Number(m[2]), Number(m[3]));
      return d ? { date: d } : null;
    }
    case "dmy":
    case "mdy": {
      if (!(m = NUMERIC_DMY.exec(t))) return null;
      const [a, b] = [Number(m[1]), Number(m[3])];
      const y = fullYear(m[4], pivot);
      const d = format === "dmy" ? day(y, b, a) : day(y, a, b);
      return d ? { date: d } : null;
    }
    case "d-mmm-yy": {
      if (!(m = D_MMM_YY.exec(t))) return null;
      const d = day(fullYear(m[3], pivot), monthNumber(m[2]), Number(m[1]));
      return d ? { date: d } : null;
    }
    case "d mmmm yyyy": {
      let d: string | null = null;
      if ((m = D_MMMM_YYYY.exec(t))) d = day(Number(m[3]), monthNumber(m[2]), Number(m[1]));
      else if ((m = MMMM_D_YYYY.exec(t))) d = day(Number(m[3]), monthNumber(m[1]), Number(m[2]));
      return d ? { date: d } : null;
    }
    case "month-year": {
      let y: number;
      let mo: number;
      if ((m = MONTH_NAME_YEAR.exec(t))) [y, mo] = [fullYear(m[2], pivot), monthNumber(m[1])];
      else if ((m = YEAR_MONTH.exec(t))) [y, mo] = [Number(m[1]), Number(m[2])];
      else if ((m = MONTH_YEAR.exec(t))) [y, mo] = [Number(m[2]), Number(m[1])];
      else return null;
      const first = day(y, mo, 1);
      return first ? { date: first, end: day(y, mo, lastDay(y, mo)) as string, precision: 3 } : null;
    }
  }
  return null;
}

// Forms that say what they are whatever the column's format: a four-digit year first, or a month's name.
const SELF_DESCRIBING: readonly DateFormat[] = ["iso", "d mmmm yyyy"];

/**
 * The value in the column's format, else in a self-describing form (ISO, a named month): a column of
 * `29 July 2021` may hold a `2021-07-30` too. Ambiguous forms (`08/05/2021`, `9-May-20`) only in `format`.
 */
export function readDateIn(value: unknown, format: DateFormat, pivot: number = TWO_DIGIT_YEAR_PIVOT): ReadDate | null {
  const d = readDate(value, format, pivot);
  if (d !== null) return d;
  for (const f of SELF_DESCRIBING) {
    if (f === format) continue;
    const other = readDate(value, f, pivot);
    if (other !== null) return other;
  }
  return null;
}

/**
 * The formats that read every non-blank sample value of a column (self-describing values read by any),
 * those that read most values themselves first. When none reads them all, the one that reads most is
 * proposed alone and the rest are listed as unreadable. dmy and mdy reading the same values is ambiguous.
 */
export function guessDateFormat(column: string | null, values: readonly unknown[], pivot: number = TWO_DIGIT_YEAR_PIVOT): DateGuess {
  const present = values.filter((v) => !(v === undefined || v === null || (typeof v === "string" && v.trim() === "")));
  if (column === null || present.length === 0) return { column, candidates: [], ambiguous: false, unreadable: [] };
  const reads = DATE_FORMATS.map((format) => ({
    format,
    native: present.filter((v) => readDate(v, format, pivot) !== null).length,
    misses: present.filter((v) => readDateIn(v, format, pivot) === null),
  })).filter((r) => r.native > 0);
  const all = reads.filter((r) => r.misses.length === 0).sort((a, b) => b.native - a.native);
  if (all.length > 0) {
    const top = all.filter((r) => r.native === all[0].native).map((r) => r.format);
    return { column, candidates: all.map((r) => r.format), ambiguous: top.includes("dmy") && top.includes("mdy"), unreadable: [] };
  }
  if (reads.length === 0) return { column, candidates: [], ambiguous: false, unreadable: countValues(present) };
  const best = reads.reduce((a, b) => (b.misses.length < a.misses.length ? b : a));
  return { column, candidates: [best.format], ambiguous: false, unreadable: countValues(best.misses) };
}

function countValues(values: readonly unknown[]): DateGuess["unreadable"] {
  const counts = new Map<string, number>();
  for (const v of values) {
    const key = typeof v === "string" ? v : JSON.stringify(v) ?? String(v);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].slice(0, MAX_UNREADABLE_SHOWN).map(([value, count]) => ({ value, count }));
}

/** An example of each format, for the mapping step's choice and for messages. */
export const DATE_FORMAT_EXAMPLES: Readonly<Record<DateFormat, string>> = {
  iso: "2021-08-05",
  dmy: "05/08/2021",
  mdy: "08/05/2021",
  "d-mmm-yy": "5-Aug-21",
  "d mmmm yyyy": "05 August 2021",
  "excel-serial": "44413",
  "month-year": "August 2021",
  year: "2021",
  unix: "1628121600",
  yyyymmdd: "20210805",
};
