// Precision codes → ACLED's 1–3. ACLED's geo_precision and time_precision are read as they are; UCDP
// GED's where_prec (1–7) and date_prec (1–5) go through the tables below (UCDP GED Codebook, Högbladh 2019,
// v19.1, "where_prec" and "date_prec"), also printed in the README's importer section.
import type { GeoPrecision, TimePrecision } from "../../incident/model";
import type { PrecisionScale } from "./types";

// where_prec: 1 exact place, 2 a limited area around a named place, 3 a district (ADM2), 4 a province
// (ADM1), 5 part of a country larger than a province, 6 the country, 7 waters or airspace. ACLED's 1 is
// the named place, 2 near it or part of it, 3 only a larger region.
export const UCDP_WHERE_TO_ACLED: Readonly<Record<number, GeoPrecision>> = { 1: 1, 2: 2, 3: 3, 4: 3, 5: 3, 6: 3, 7: 3 };

// date_prec: 1 the day, 2 within 2–6 days, 3 the week, 4 the month (8–30 days), 5 more than a month. ACLED's
// 1 is the day, 2 a range of days or the week, 3 the month or less precise.
export const UCDP_DATE_TO_ACLED: Readonly<Record<number, TimePrecision>> = { 1: 1, 2: 2, 3: 2, 4: 3, 5: 3 };

// A code at the start of the text, alone or followed by its label: "2", "2.0", "(2) 25 km Precision ", "2 - town".
const LEADING_CODE = /^\s*\(?\s*(\d+)(?:\.0+)?\s*(?:\)|[-–:,;]|\s|$)/;

/** The code written at the start of a precision cell, or NaN when none is plainly there. */
function leadingCode(text: string): number {
  const m = LEADING_CODE.exec(text);
  return m ? Number(m[1]) : NaN;
}

/** The ACLED code for a precision value on `scale`, or null when blank; throws the rule it broke. */
export function readPrecision(value: unknown, scale: PrecisionScale): 1 | 2 | 3 | null {
  if (value === undefined || value === null || (typeof value === "string" && value.trim() === "")) return null;
  const n = typeof value === "number" ? value : typeof value === "string" ? leadingCode(value) : NaN;
  if (scale === "acled") {
    if (n === 1 || n === 2 || n === 3) return n;
    throw new Error("must be 1, 2 or 3");
  }
  const table: Readonly<Record<number, 1 | 2 | 3>> = scale === "ucdp-where" ? UCDP_WHERE_TO_ACLED : UCDP_DATE_TO_ACLED;
  const code = Object.hasOwn(table, n) ? table[n] : undefined;
  if (code === undefined) throw new Error(`must be ${scale === "ucdp-where" ? "1 to 7 (UCDP where_prec)" : "1 to 5 (UCDP date_prec)"}`);
  return code;
}

// @option DEFAULT_GEO_PRECISION: 1 | 2 | 3 = 1, geo_precision of a row with coordinates and no
// geo_precision: the coordinates given are taken as those of the named place, ACLED's code 1.
export const DEFAULT_GEO_PRECISION: GeoPrecision = 1;

// @option WEEK_DAYS: number = 7, a date range up to this many days is time_precision 2, a longer one 3.
const WEEK_DAYS = 7;

/**
 * time_precision of a row whose file gives none: 3 without a date, else from the range the date covers
 * (a day 1, up to a week 2, longer 3), so a range is never claimed to be a known day.
 */
export function derivedTimePrecision(date: string | null, end: string | undefined): TimePrecision {
  if (date === null) return 3;
  if (end === undefined || end === date) return 1;
  const days = (Date.parse(end) - Date.parse(date)) / 86_400_000 + 1;
  return days <= WEEK_DAYS ? 2 : 3;
}
