// Coordinate columns under names no list holds (GDELT's `ActionGeo_Lat`, `Lat_WGS84`, `POINT_Y`,
// `decimalLatitude`): paired by their names, one word saying latitude (or y) and the other longitude (or x),
// the rest alike; then kept only where the sample's values fit, as kepler.gl pairs lat/lng fields and checks them.
import { showValue } from "../../incident/validate";
import type { Mapping, PositionPair, ColumnRole } from "./types";
import { parseNumber } from "./values";

const LATITUDE_WORDS: ReadonlySet<string> = new Set(["lat", "latitude", "latitud", "ycoord"]);
const LONGITUDE_WORDS: ReadonlySet<string> = new Set(["lon", "lng", "long", "longitude", "longitud", "xcoord"]);
// Words that make a pair a measure about a position, not the position ("lat_precision", "lon_error").
const MEASURE_WORDS: ReadonlySet<string> = new Set(["precision", "accuracy", "error", "uncertainty", "offset", "delta", "diff", "std", "sd", "resolution", "res", "radius", "span"]);
// Words naming the event's own place: GDELT's ActionGeo beside Actor1Geo and Actor2Geo, an "event" or "incident" pair.
const EVENT_WORDS: ReadonlySet<string> = new Set(["action", "event", "incident"]);

// @option MIN_NUMERIC_SHARE: number = 0.9, share of a column's non-blank sample values that must be numbers.
const MIN_NUMERIC_SHARE = 0.9;
// @option MIN_FRACTION_SHARE: number = 0.5, share of the numbers that must have a fraction: degrees come with
// decimals, while codes, counts and years are whole.
const MIN_FRACTION_SHARE = 0.5;

export interface PairVerdict extends PositionPair {
  /** Null when the values fit; else why they do not, in words. */
  unfit: string | null;
  /** Sample rows where both columns hold a number. */
  rows: number;
}

/** A name's words: "ActionGeo_Lat" → action, geo, lat; "decimalLatitude" → decimal, latitude; "POINT_Y" → point, y. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "");
}

type Axis = "latitude" | "longitude";
/** The name with its one latitude or longitude word replaced by "*", for each such word: the key two columns of a pair share. */
function pairKeys(name: string): { key: string; axis: Axis; degrees: boolean }[] {
  const words = nameWords(name);
  const keys: { key: string; axis: Axis; degrees: boolean }[] = [];
  if (words.some((w) => MEASURE_WORDS.has(w))) return keys;
  words.forEach((w, i) => {
    const axis: Axis | null = LATITUDE_WORDS.has(w) || w === "y" ? "latitude" : LONGITUDE_WORDS.has(w) || w === "x" ? "longitude" : null;
    if (axis === null) return;
    // "lat"/"lon" pair with each other and "y"/"x" with each other, never "lat" with "x".
    const degrees = w !== "x" && w !== "y";
    keys.push({ key: `${degrees ? "deg" : "xy"}:${words.map((v, j) => (j === i ? "*" : v)).join("_")}`, axis, degrees });
  });
  return keys;
}

/** Pairs of columns whose names differ only in a latitude and a longitude word (or y and x), in column order. */
export function pairsByName(columns: readonly string[]): (PositionPair & { degrees: boolean })[] {
  const byKey = new Map<string, { latitude?: string; longitude?: string; degrees: boolean }>();
  for (const column of columns) {
    for (const { key, axis, degrees } of pairKeys(column)) {
      const entry = byKey.get(key) ?? { degrees };
      if (entry[axis] === undefined) entry[axis] = column;
      byKey.set(key, entry);
    }
  }
  const pairs: (PositionPair & { degrees: boolean })[] = [];
  for (const e of byKey.values()) {
    if (e.latitude !== undefined && e.longitude !== undefined && e.latitude !== e.longitude) pairs.push({ latitude: e.latitude, longitude: e.longitude, degrees: e.degrees });
  }
  return pairs;
}

/** The numbers of a column's sample values, and how many non-blank values it has. */
function numbersOf(values: readonly unknown[]): { numbers: (number | null)[]; present: number; numeric: number } {
  let present = 0;
  let numeric = 0;
  const numbers = values.map((v) => {
    let n: number | null;
    try {
      n = parseNumber(v);
    } catch {
      present++;
      return null;
    }
    if (n !== null) {
      present++;
      numeric++;
    }
    return n;
  });
  return { numbers, present, numeric };
}

/** Why a column's values are not degrees within ±limit, or null when they are. */
function unfitColumn(name: string, values: readonly unknown[], limit: number): string | null {
  const { numbers, present, numeric } = numbersOf(values);
  if (present === 0) return `${showValue(name)} is empty in the sample`;
  if (numeric < present * MIN_NUMERIC_SHARE) return `${showValue(name)} holds numbers in only ${numeric} of ${present} sample values`;
  const found = numbers.filter((n): n is number => n !== null);
  const outside = found.find((n) => Math.abs(n) > limit);
  if (outside !== undefined) return `${showValue(name)} holds ${outside}, beyond ±${limit}`;
  const fractions = found.filter((n) => !Number.isInteger(n)).length;
  if (fractions < found.length * MIN_FRACTION_SHARE) return `${showValue(name)} holds whole numbers in ${found.length - fractions} of ${found.length} sample values, as codes and counts do`;
  return null;
}

/**
 * Each pair judged by the sample's values: numbers (MIN_NUMERIC_SHARE), within ±90 for one column and ±180
 * for both (a swapped pair is left for the swap check), mostly with fractions, and (for an x/y pair, whose
 * names say less) not one value throughout.
 */
export function judgePairs(pairs: readonly (PositionPair & { degrees: boolean })[], valuesOf: (column: string) => readonly unknown[]): PairVerdict[] {
  return pairs.map(({ latitude, longitude, degrees }) => {
    const lat = valuesOf(latitude);
    const lng = valuesOf(longitude);
    let unfit = unfitColumn(latitude, lat, 180) ?? unfitColumn(longitude, lng, 180);
    if (unfit === null && unfitColumn(latitude, lat, 90) !== null && unfitColumn(longitude, lng, 90) !== null) unfit = `neither ${showValue(latitude)} nor ${showValue(longitude)} stays within ±90`;
    const a = numbersOf(lat).numbers;
    const b = numbersOf(lng).numbers;
    const both = a.flatMap((n, i) => (n !== null && b[i] !== null && b[i] !== undefined ? [[n, b[i] as number] as const] : []));
    if (unfit === null && both.length === 0) unfit = "no sample row holds both";
    if (unfit === null && !degrees && both.length > 2 && both.every(([x, y]) => x === both[0][0] && y === both[0][1])) unfit = "every sample row holds the same point";
    return { latitude, longitude, unfit, rows: both.length };
  });
}

/** True when a pair's names say it is the event's place (ActionGeo_, event_, incident_). */
export const namedForEvent = (p: PositionPair): boolean => [...nameWords(p.latitude), ...nameWords(p.longitude)].some((w) => EVENT_WORDS.has(w));

/** Fitting pairs, the one named for the event's place first, then the one with most rows, then column order. */
export function rankPairs(verdicts: readonly PairVerdict[]): PairVerdict[] {
  return verdicts
    .filter((v) => v.unfit === null)
    .map((v, i) => ({ v, i }))
    .sort((a, b) => Number(namedForEvent(b.v)) - Number(namedForEvent(a.v)) || b.v.rows - a.v.rows || a.i - b.i)
    .map(({ v }) => v);
}

/** The roles that make `pair` the position: the columns giving it now become plain properties. */
export function rolesForPosition(mapping: Pick<Mapping, "roles">, pair: PositionPair): Record<string, ColumnRole> {
  const roles: Record<string, ColumnRole> = {};
  for (const [column, role] of Object.entries(mapping.roles)) if (role === "latitude" || role === "longitude") roles[column] = "keep";
  return { ...roles, [pair.latitude]: "latitude", [pair.longitude]: "longitude" };
}
