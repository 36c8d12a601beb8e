// Calendar-day arithmetic on ISO strings `YYYY-MM-DD`. A date in this project is a calendar day as the
// source states it, not an instant: 1 August in Daraa is 1 August for a reader in Anchorage or Kiritimati.
// So nothing here touches `Date` at all (not even its UTC methods): days are converted to a serial day
// number with the proleptic Gregorian calendar and back, in integer arithmetic. Without `Date`, no code
// path can consult the process's or the browser's time zone.
//
// Kept free of imports: the timeline and the filters run in the browser, and validation imports this file.

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

// Day 0 is 1970-01-01, as in Unix time, so numbers are easy to check against other tools.
// Algorithm: Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms" (days_from_civil / civil_from_days).
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400; // [0, 399]
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1; // [0, 365]
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy; // [0, 146096]
  return era * 146097 + doe - 719468;
}

function civilFromDays(n: number): [number, number, number] {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [era * 400 + yoe + (m <= 2 ? 1 : 0), m, d];
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

// Four-digit years only, because only they keep ISO strings sortable as text (which callers rely on).
const MIN_DAY_NUMBER = daysFromCivil(1, 1, 1);
const MAX_DAY_NUMBER = daysFromCivil(9999, 12, 31);

// @option KNOWN_DAYS: number = 4096, days remembered by tryDayNumber: a dataset's dates repeat (100,000 incidents
// over a few hundred days), and the page asks for each incident's in its filters, timeline and summaries.
const KNOWN_DAYS = 4096;
const known = new Map<string, number | null>();

/** The serial number of a day (1970-01-01 is 0), or null when `value` is not a real `YYYY-MM-DD` day. */
function tryDayNumber(value: unknown): number | null {
  if (typeof value !== "string") return null;
  const held = known.get(value);
  if (held !== undefined) return held;
  if (known.size >= KNOWN_DAYS) known.clear();
  const n = parseDayNumber(value);
  known.set(value, n);
  return n;
}

function parseDayNumber(value: string): number | null {
  const m = ISO_DAY.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const n = daysFromCivil(y, mo, d);
  // A day that does not exist (30 February) comes back as another day: compare the round trip.
  const [y2, mo2, d2] = civilFromDays(n);
  return y2 === y && mo2 === mo && d2 === d ? n : null;
}

/** True for a real calendar day written `YYYY-MM-DD`, years 0001–9999 (no time, no zone). */
export function isDay(value: unknown): value is string {
  return tryDayNumber(value) !== null;
}

/** The serial number of `day` (1970-01-01 is 0); throws RangeError naming the value when it is not an ISO day. */
export function dayNumber(day: string): number {
  const n = tryDayNumber(day);
  if (n === null) throw new RangeError(`not an ISO calendar day YYYY-MM-DD: ${JSON.stringify(day)}`);
  return n;
}

/** The ISO day of a serial day number; throws RangeError outside years 0001–9999 or for a non-integer. */
export function dayFromNumber(n: number): string {
  if (!Number.isInteger(n) || n < MIN_DAY_NUMBER || n > MAX_DAY_NUMBER) {
    throw new RangeError(`day number out of range (years 0001–9999) or not an integer: ${n}`);
  }
  const [y, m, d] = civilFromDays(n);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** The day `n` days after `day` (before it for negative `n`). */
export function addDays(day: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`addDays: n must be a whole number of days, got ${n}`);
  return dayFromNumber(dayNumber(day) + n);
}

/**
 * The signed DIFFERENCE `b - a` in days, not an inclusive count: daysBetween(d, d) = 0,
 * daysBetween("2021-07-31", "2021-08-01") = 1, and it is negative when `b` is before `a`.
 * For the number of days a range covers, use dayCount.
 */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/** How many days the inclusive range [from, to] covers: 1 for a single day, 0 when `to` is before `from`. */
export function dayCount(from: string, to: string): number {
  return Math.max(0, daysBetween(from, to) + 1);
}

/** Every day of the inclusive range [from, to], in order; empty when `to` is before `from`. */
export function eachDay(from: string, to: string): string[] {
  const [a, b] = [dayNumber(from), dayNumber(to)];
  const out: string[] = [];
  for (let n = a; n <= b; n++) out.push(dayFromNumber(n));
  return out;
}

/** -1, 0 or 1 as `a` is before, the same as, or after `b`; usable as a sort comparator. */
export function compareDays(a: string, b: string): -1 | 0 | 1 {
  const d = dayNumber(a) - dayNumber(b);
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

/** The earlier of two days. */
export function minDay(a: string, b: string): string {
  return compareDays(a, b) <= 0 ? a : b;
}

/** The later of two days. */
export function maxDay(a: string, b: string): string {
  return compareDays(a, b) >= 0 ? a : b;
}
